package session

import (
	"strconv"
	"strings"

	"github.com/fprime/fprime/symbolic"
)

// Result is what a statement produced; the front end renders it as text or
// JSON. The concrete types are below.
type Result interface{ result() }

// Defined is the quiet result of a definition or a setting. Reading is the
// body's reading when it could surprise (the REPL echoes it).
type Defined struct {
	Name    string
	Reading string
}

// Number is a value.
type Number struct {
	Value   float64
	Reading string
	// Doubt is a bound on the rounding error of Value where it is worth
	// saying, beyond a hundred-millionth of it ((1 - cos(x))/x^2 at 1e-8
	// is 0 in floats, and 1/2), else 0.
	Doubt float64
	// Cancelled is set where Value is 0 because the number is 0 to all the
	// digits worked out (sqrt(2)sqrt(3) - sqrt(6)), which is no proof.
	Cancelled bool
}

// Expression is an expression; Name and Params are set when it belongs to
// a function: f' and (x) in f'(x) = 18x - 72.
type Expression struct {
	Name    string
	Params  []string
	Expr    symbolic.Expr
	Reading string
}

// Vector is a gradient.
type Vector struct {
	Name   string
	Params []string
	Exprs  []symbolic.Expr
}

// Matrix is a Hessian.
type Matrix struct {
	Name   string
	Params []string
	Rows   [][]symbolic.Expr
}

// CheckResult says whether an answer is the derivative. When it is not,
// At is a point where the two differ and Left (the derivative) and Right
// (the answer) their values there.
type CheckResult struct {
	OK     bool
	Label  string // f'(x), or diff(x^2, x)
	Answer string // the answer as typed
	Vars   []string
	At     []float64
	Left   float64
	Right  float64
	// Proved is true when the verdict is certain: a ✓ by Proof, a ✗ by a
	// point where the difference is not 0 beyond its rounding error.
	Proved bool
	Proof  string // how a ✓ was proved: "the difference simplifies to 0"
	Points int    // for a ✓ by sampling: the points where the two agree
	Diff   symbolic.Expr
	// Notes: a constant factor, a sign or a constant apart; where the
	// answer is undefined; why the check cannot decide.
	Notes     []string
	Undecided bool
}

// SettingsShown is the answer to set with no options.
type SettingsShown struct{ Settings Settings }

// Definitions lists what is defined, one line each.
type Definitions struct{ Lines []string }

// HelpText is help's answer.
type HelpText struct{ Text string }

// Quit asks the front end to stop.
type Quit struct{}

// Many is what a loaded script printed.
type Many []Result

func (Defined) result()       {}
func (Number) result()        {}
func (Expression) result()    {}
func (Vector) result()        {}
func (Matrix) result()        {}
func (CheckResult) result()   {}
func (SettingsShown) result() {}
func (Definitions) result()   {}
func (HelpText) result()      {}
func (Quit) result()          {}
func (Many) result()          {}

// formatNumber prints a float64 in the shortest form that reads back the
// same, with 0 for -0.
func formatNumber(v float64) string {
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// FormatNumber is formatNumber for front ends.
func FormatNumber(v float64) string { return formatNumber(v) }

func formatPoint(x []float64) string {
	if len(x) == 1 {
		return formatNumber(x[0])
	}
	parts := make([]string, len(x))
	for i, v := range x {
		parts[i] = formatNumber(v)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
