package parser

import (
	"strings"

	"github.com/fprime/fprime/symbolic"
)

// Pos is a place in the input: a line and a 1-based column in characters.
type Pos struct{ Line, Col int }

// Statement is one statement of the language; the concrete types below
// say which. Expressions in it are already converted, with names resolved
// by the Env it was parsed in.
type Statement interface{ Start() Pos }

// DefineFunc is f(x) = EXPR or g(x, y) = EXPR.
type DefineFunc struct {
	At      Pos
	Name    string
	Params  []string
	Body    symbolic.Expr
	Reading string // the body's reading when it could surprise, else ""
}

// DefineConst is a = EXPR. Value names no variables.
type DefineConst struct {
	At      Pos
	Name    string
	Value   symbolic.Expr
	Reading string
}

// Eval is an expression to evaluate or simplify.
type Eval struct {
	At      Pos
	Expr    symbolic.Expr
	Reading string
}

// Derivative is f', f”, …: the derivative of a one-variable function.
// It also stands for diff(f, x, n) and d/dx f(x) when f is named.
type Derivative struct {
	At    Pos
	Name  string
	Order int
}

// Partial is diff(g, y) (or diff(g, y, n)) for a function g of several
// variables.
type Partial struct {
	At    Pos
	Name  string
	Var   string
	Order int
}

// Gradient is grad g; Hessian is hessian g.
type Gradient struct {
	At   Pos
	Name string
}

// Hessian is hessian g.
type Hessian struct {
	At   Pos
	Name string
}

// Check is check LEFT = RIGHT: whether Right is the derivative Left names.
// Left is Derivative, Partial or Eval (diff(EXPR, x)); Vars are the
// variables the right side was read with.
type Check struct {
	At    Pos
	Left  Statement
	Vars  []string
	Right symbolic.Expr
	// LeftText and RightText are the two sides as typed, for the report.
	LeftText, RightText string
	// Of is what is differentiated, for diff(EXPR, x): the comparison is
	// made only where it is defined.
	Of symbolic.Expr
}

// LaTeX is latex STATEMENT: what the statement shows, as LaTeX.
type LaTeX struct {
	At Pos
	Of Statement
}

// NumDiff is numdiff f'(A), numdiff f'(A) table or numdiff grad g (A, B):
// the symbolic derivative beside central differences.
type NumDiff struct {
	At    Pos
	Name  string
	Grad  bool
	At0   []symbolic.Expr // the point
	Table bool
}

// Steps is steps f', steps diff(EXPR, x) or steps diff(g, y): the
// derivation of the Order-th derivative of Of with respect to Var; Name and
// Params are the function's, when one is named.
type Steps struct {
	At     Pos
	Name   string
	Params []string
	Of     symbolic.Expr
	Var    string
	Order  int
}

// Tangent is tangent f at A.
type Tangent struct {
	At    Pos
	Name  string
	Point symbolic.Expr
}

// CheckAll is check grad g = (…, …): one check for each partial derivative.
type CheckAll struct {
	At     Pos
	Checks []*Check
}

// Option is name=value in set, min and max; Values has one number, or
// several for x0=(1, 2); a flag such as trace has none, and method has
// Word (gd, momentum or newton).
type Option struct {
	At     Pos
	Name   string // in ASCII: x0, eta, eps, maxiter, trace, method, beta
	Values []symbolic.Expr
	Word   string
}

// Set is set with options; with none it shows the settings.
type Set struct {
	At      Pos
	Options []Option
}

// Descent is min f OPTIONS or max f OPTIONS.
type Descent struct {
	At      Pos
	Max     bool
	Name    string
	Options []Option
}

// Extrema is extrema f in [A, B].
type Extrema struct {
	At   Pos
	Name string
	A, B symbolic.Expr
}

// Defs lists definitions.
type Defs struct{ At Pos }

// Delete is del NAME.
type Delete struct {
	At   Pos
	Name string
}

// Help is help or help TOPIC.
type Help struct {
	At    Pos
	Topic string
}

// Quit is quit or exit.
type Quit struct{ At Pos }

// Save is save FILE; Load is load FILE.
type Save struct {
	At   Pos
	Path string
}

// Load is load FILE.
type Load struct {
	At   Pos
	Path string
}

func (s *DefineFunc) Start() Pos  { return s.At }
func (s *DefineConst) Start() Pos { return s.At }
func (s *Eval) Start() Pos        { return s.At }
func (s *Derivative) Start() Pos  { return s.At }
func (s *Partial) Start() Pos     { return s.At }
func (s *Gradient) Start() Pos    { return s.At }
func (s *Hessian) Start() Pos     { return s.At }
func (s *Check) Start() Pos       { return s.At }
func (s *CheckAll) Start() Pos    { return s.At }
func (s *LaTeX) Start() Pos       { return s.At }
func (s *NumDiff) Start() Pos     { return s.At }
func (s *Tangent) Start() Pos     { return s.At }
func (s *Steps) Start() Pos       { return s.At }
func (s *Set) Start() Pos         { return s.At }
func (s *Descent) Start() Pos     { return s.At }
func (s *Extrema) Start() Pos     { return s.At }
func (s *Defs) Start() Pos        { return s.At }
func (s *Delete) Start() Pos      { return s.At }
func (s *Help) Start() Pos        { return s.At }
func (s *Quit) Start() Pos        { return s.At }
func (s *Save) Start() Pos        { return s.At }
func (s *Load) Start() Pos        { return s.At }

// Keywords are the words that begin statements; they cannot be defined.
var Keywords = []string{"check", "defs", "del", "diff", "exit", "extrema", "grad", "help", "hessian",
	"latex", "load", "max", "min", "numdiff", "plot", "quit", "save", "set", "steps", "tangent"}

// Chunk is one statement's text and where it starts.
type Chunk struct {
	Text string
	Line int
	Col  int // the column of Text's first character
}

// Split cuts one line into statements at each ; outside double quotes,
// dropping a # comment. Blank statements are left out.
func Split(line string, lineNo int) []Chunk {
	var out []Chunk
	start, col, startCol := 0, 1, 1
	inQuote := false
	emit := func(end int) {
		if strings.TrimSpace(line[start:end]) != "" {
			out = append(out, Chunk{Text: line[start:end], Line: lineNo, Col: startCol})
		}
	}
	for i, r := range line {
		switch {
		case r == '"':
			inQuote = !inQuote
		case r == '#' && !inQuote:
			emit(i)
			return out
		case r == ';' && !inQuote:
			emit(i)
			start, startCol = i+1, col+1
		}
		col++
	}
	emit(len(line))
	return out
}
