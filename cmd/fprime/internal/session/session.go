// Package session holds what a person has defined in fprime (functions,
// constants, settings) and runs statements against it. A statement either
// succeeds whole or changes nothing. The REPL, the script runner and
// --json are front ends over it; it prints nothing itself.
package session

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/fprime/fprime/cmd/fprime/internal/safefile"
	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// Settings are the defaults of min and max.
type Settings struct {
	Eta     float64
	Eps     float64
	MaxIter int
	X0      []float64 // one value for every parameter, or one for all
	// Digits rounds the numbers results print to that many significant
	// digits; 0 prints the shortest form that reads back the same.
	Digits int
}

// DefaultSettings are the built-in defaults.
func DefaultSettings() Settings {
	return Settings{Eta: 0.1, Eps: 1e-6, MaxIter: 10000, X0: []float64{0}}
}

// Function is a user's function; Body has the bodies of the functions it
// called inlined, and names constants as symbols.
type Function struct {
	Name   string
	Params []string
	Body   symbolic.Expr
}

// Constant is a user's named constant; Value names no variables.
type Constant struct {
	Name  string
	Value symbolic.Expr
}

// Session is one person's definitions and settings.
type Session struct {
	funcs    map[string]*Function
	consts   map[string]*Constant
	order    []string // names as defs lists them: a constant where first defined, a function where last defined
	settings Settings
	// Load runs a script into the session; the front end provides it, as
	// it owns files and output. It is nil where loading is not allowed.
	Load func(ctx context.Context, path string) ([]Result, error)
	// Progress, when set, is told now and then how a run of min or max
	// goes (updates made, f, |∇f|): the REPL shows a long run with it.
	Progress func(k int, f, gradNorm float64)
}

// New returns an empty session with the built-in settings.
func New() *Session {
	return &Session{funcs: map[string]*Function{}, consts: map[string]*Constant{}, settings: DefaultSettings()}
}

// Settings returns the current settings.
func (s *Session) Settings() Settings {
	set := s.settings
	set.X0 = slices.Clone(set.X0)
	return set
}

// Env is what the parser needs to know of the session's names.
func (s *Session) Env() *parser.Env {
	env := &parser.Env{Functions: map[string]parser.Function{}, Constants: map[string]bool{}, Values: map[string]symbolic.Expr{}}
	for n, f := range s.funcs {
		env.Functions[n] = parser.Function{Params: f.Params, Body: f.Body}
	}
	for n, c := range s.consts {
		env.Constants[n] = true
		env.Values[n] = c.Value
	}
	return env
}

// PrintOptions says how to print expressions in this session: once e has
// a value of its own, Euler's number prints as exp(1).
func (s *Session) PrintOptions() symbolic.Options {
	_, ok := s.consts["e"]
	return symbolic.Options{ExpForE: ok}
}

func (s *Session) format(e symbolic.Expr) string { return symbolic.Format(e, s.PrintOptions()) }

// Names lists every defined name, for completion.
func (s *Session) Names() []string { return slices.Clone(s.order) }

// Error is a statement's failure at a place in its line.
type Error = parser.Error

func errAt(at parser.Pos, format string, args ...any) error {
	return &parser.Error{Line: at.Line, Col: at.Col, Msg: fmt.Sprintf(format, args...)}
}

// Run parses and executes one statement.
func (s *Session) Run(ctx context.Context, c parser.Chunk) (Result, error) {
	st, err := parser.ParseStatement(ctx, c, s.Env())
	if err != nil {
		return nil, err
	}
	return s.Exec(ctx, st)
}

// Exec executes a parsed statement.
func (s *Session) Exec(ctx context.Context, st parser.Statement) (Result, error) {
	r, err := s.exec(ctx, st)
	if _, partial := r.(Many); err != nil && !partial {
		// Only a load that failed part-way has a result to show beside
		// its error: what its file printed before.
		return nil, err
	}
	return r, err
}

func (s *Session) exec(ctx context.Context, st parser.Statement) (Result, error) {
	switch st := st.(type) {
	case *parser.DefineFunc:
		return s.defineFunc(st)
	case *parser.DefineConst:
		return s.defineConst(st)
	case *parser.Eval:
		return s.eval(st)
	case *parser.Derivative:
		return s.derivative(ctx, st)
	case *parser.Partial:
		return s.partial(ctx, st)
	case *parser.Gradient:
		return s.gradient(ctx, st)
	case *parser.Hessian:
		return s.hessian(ctx, st)
	case *parser.Check:
		return s.check(ctx, st)
	case *parser.CheckAll:
		var rs Many
		for _, c := range st.Checks {
			r, err := s.check(ctx, c)
			if err != nil {
				return nil, err
			}
			rs = append(rs, r)
		}
		return rs, nil
	case *parser.Set:
		return s.set(st)
	case *parser.Defs:
		return s.defs(), nil
	case *parser.Delete:
		return s.del(st)
	case *parser.Help:
		return help(st)
	case *parser.Quit:
		return Quit{}, nil
	case *parser.Save:
		return s.save(st)
	case *parser.Load:
		if s.Load == nil {
			return nil, errAt(st.At, "load is not available here")
		}
		rs, err := s.Load(ctx, st.Path)
		return Many(rs), err
	case *parser.Descent:
		return s.descent(ctx, st)
	case *parser.Extrema:
		return s.extrema(ctx, st)
	case *parser.LaTeX:
		return s.latex(ctx, st)
	case *parser.NumDiff:
		return s.numdiff(ctx, st)
	case *parser.Tangent:
		return s.tangent(ctx, st)
	case *parser.Steps:
		return s.steps(ctx, st)
	case *parser.Plot:
		return s.plot(ctx, st)
	}
	return nil, fmt.Errorf("unknown statement %T", st)
}

// usedBy lists the functions whose bodies name the constant.
func (s *Session) usedBy(name string) []string {
	var users []string
	for _, n := range s.order {
		if f, ok := s.funcs[n]; ok && slices.Contains(symbolic.Symbols(f.Body), name) {
			users = append(users, n)
		}
		if c, ok := s.consts[n]; ok && n != name && slices.Contains(symbolic.Symbols(c.Value), name) {
			users = append(users, n)
		}
	}
	return users
}

func (s *Session) remember(name string) {
	if !slices.Contains(s.order, name) {
		s.order = append(s.order, name)
	}
}

func (s *Session) defineFunc(st *parser.DefineFunc) (Result, error) {
	if _, ok := s.consts[st.Name]; ok {
		if users := s.usedBy(st.Name); len(users) > 0 {
			return nil, errAt(st.At, "%s is a constant used by %s: delete or redefine them first", st.Name, strings.Join(users, ", "))
		}
	}
	body := s.bind(st.Body, st.Params...)
	if err := symbolic.Undefined(body); err != nil {
		if errors.Is(err, symbolic.ErrNearZero) {
			return nil, errAt(st.At, "%v", err)
		}
		return nil, errAt(st.At, "%s is undefined everywhere: %v", st.Name, err)
	}
	// What only simplifying shows: 1/(sin(x)^2 + cos(x)^2 - 1) is 1/0
	// wherever it is written out, though floats give it values.
	if err := symbolic.Undefined(symbolic.Simplify(body)); err != nil {
		return nil, errAt(st.At, "%s is undefined everywhere: simplified, it has a part with no value: %v", st.Name, err)
	}
	delete(s.consts, st.Name)
	s.funcs[st.Name] = &Function{Name: st.Name, Params: st.Params, Body: st.Body}
	// A function goes last even when redefined, so that it follows every
	// constant it names and save can write the session in this order.
	s.order = slices.DeleteFunc(s.order, func(n string) bool { return n == st.Name })
	s.remember(st.Name)
	return Defined{Name: st.Name, Reading: st.Reading}, nil
}

func (s *Session) defineConst(st *parser.DefineConst) (Result, error) {
	if free := s.unbound(st.Value); len(free) > 0 {
		return nil, errAt(st.At, "a constant needs a value: %s %s not defined", strings.Join(free, ", "), isAre(len(free)))
	}
	// A constant holds the value it has now: b = 2a keeps b when a changes.
	v := s.bind(st.Value)
	if _, err := s.number(st.At, v); err != nil {
		return nil, err
	}
	delete(s.funcs, st.Name)
	s.consts[st.Name] = &Constant{Name: st.Name, Value: v}
	s.remember(st.Name)
	return Defined{Name: st.Name, Reading: st.Reading}, nil
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// unbound lists the names in e that are neither constants nor known.
func (s *Session) unbound(e symbolic.Expr) []string {
	var free []string
	for _, n := range symbolic.Symbols(e) {
		if _, ok := s.consts[n]; !ok {
			free = append(free, n)
		}
	}
	return free
}

// bind replaces the constants in e by their values, except the names in
// vars: a function's parameter may share a constant's name.
func (s *Session) bind(e symbolic.Expr, vars ...string) symbolic.Expr {
	vals := map[string]symbolic.Expr{}
	for _, n := range symbolic.Symbols(e) {
		if c, ok := s.consts[n]; ok && !slices.Contains(vars, n) {
			vals[n] = c.Value
		}
	}
	if len(vals) == 0 {
		return e
	}
	return symbolic.Substitute(e, vals)
}

// number evaluates an expression with no free names.
func (s *Session) number(at parser.Pos, e symbolic.Expr) (float64, error) {
	n, err := s.value(at, e)
	return n.Value, err
}

// value evaluates an expression with no free names, and bounds its
// rounding error (0 where it is known to float64's last digit). Where
// floats give no value, or one whose error may be beyond a
// hundred-millionth of it, the value is worked out again to hundreds of
// bits: sin(1e23) is of the exact 10^23, and 1/(cosh(20)^2 - sinh(20)^2)
// is 1, not 1/0.
func (s *Session) value(at parser.Pos, e symbolic.Expr) (Number, error) {
	e = s.bind(e)
	// A part a simplification dropped may be 0 to all the digits worked
	// out, where floats find a value: (sqrt(6) - sqrt(2)sqrt(3))/(sqrt(6) -
	// sqrt(2)sqrt(3)) is 1 only if the divisor is not 0.
	if err := symbolic.Undefined(e); errors.Is(err, symbolic.ErrNearZero) {
		return Number{}, errAt(at, "%v", err)
	}
	// A part too large for a float64 need not make the value so:
	// sqrt(x^2 + 1) at 1e200 is 1e200.
	var v float64
	p, err := symbolic.Compile(e)
	if err == nil {
		v, err = p.Eval()
	}
	var doubt float64
	if err == nil {
		// A bound that is no number, or a value the bounded evaluation
		// does not reach (atanh of an x whose bound reaches 1), is as
		// doubtful as can be.
		if b, ok := boundedEval(e, nil, nil); !ok || !(b.e <= 1e-8*math.Abs(v) || b.e <= 1e-300) {
			doubt = b.e
			if !ok || math.IsNaN(doubt) {
				doubt = math.Inf(1)
			}
		}
		if doubt == 0 {
			return Number{Value: v}, nil
		}
	}
	if n, perr, ok := preciseValue(e); ok {
		if perr != nil {
			return Number{}, errAt(at, "%v", perr)
		}
		return n, nil
	}
	if err != nil {
		return Number{}, errAt(at, "%v", err)
	}
	return Number{Value: v, Doubt: doubt}, nil
}

// preciseValue is e, which names no variable, worked out precisely, and
// whether that decided it: a value known to float64's last digit, 0 as
// far as can be told, or an error where e has no value or it cannot be
// told (a divisor 0 to all the digits worked out).
func preciseValue(e symbolic.Expr) (Number, error, bool) {
	pv, err := symbolic.EvalPrecise(e)
	var nz *symbolic.NearZeroError
	var ee *symbolic.EvalError
	switch {
	case err == nil && pv.Certain && !math.IsInf(pv.Value, 0):
		return Number{Value: pv.Value}, nil, true
	case err == nil && pv.Zero:
		return Number{Cancelled: true}, nil, true
	case errors.As(err, &nz), errors.As(err, &ee) && ee.Reason != "":
		return Number{}, err, true
	}
	return Number{}, nil, false
}

func (s *Session) eval(st *parser.Eval) (Result, error) {
	if len(s.unbound(st.Expr)) > 0 {
		// x + 1/0 prints nothing: a part without names has no value.
		if err := symbolic.Undefined(s.bind(st.Expr)); err != nil {
			return nil, errAt(st.At, "%v", err)
		}
		e := symbolic.Simplify(st.Expr)
		if err := symbolic.Undefined(s.bind(e)); err != nil {
			return nil, errAt(st.At, "undefined everywhere: simplified, it has a part with no value: %v", err)
		}
		return Expression{Expr: e, Reading: st.Reading}, nil
	}
	n, err := s.value(st.At, st.Expr) // which names a part that has no value
	if err != nil {
		return nil, err
	}
	n.Reading = st.Reading
	return n, nil
}

func (s *Session) function(at parser.Pos, name string) (*Function, error) {
	f, ok := s.funcs[name]
	if !ok {
		return nil, errAt(at, "unknown function %q", name)
	}
	return f, nil
}

func (s *Session) derivative(ctx context.Context, st *parser.Derivative) (Result, error) {
	f, err := s.function(st.At, st.Name)
	if err != nil {
		return nil, err
	}
	if st.Order == 0 {
		return Expression{Name: f.Name, Params: f.Params, Expr: f.Body}, nil
	}
	d, err := symbolic.Diff(ctx, f.Body, f.Params[0], st.Order)
	if err != nil {
		return nil, errAt(st.At, "%v", err)
	}
	return Expression{Name: st.Name + strings.Repeat("'", st.Order), Params: f.Params, Expr: d}, nil
}

func (s *Session) partial(ctx context.Context, st *parser.Partial) (Result, error) {
	f, err := s.function(st.At, st.Name)
	if err != nil {
		return nil, err
	}
	d, err := symbolic.Diff(ctx, f.Body, st.Var, st.Order)
	if err != nil {
		return nil, errAt(st.At, "%v", err)
	}
	return Expression{Name: partialName(st.Name, st.Var, st.Order), Params: f.Params, Expr: d}, nil
}

// partialName is ∂g/∂y, or ∂²g/∂y² for a higher order.
func partialName(f, x string, n int) string {
	if n == 1 {
		return "∂" + f + "/∂" + x
	}
	sup := superscript(n)
	return "∂" + sup + f + "/∂" + x + sup
}

func superscript(n int) string {
	digits := []rune(superscriptDigits)
	var b strings.Builder
	for _, c := range fmt.Sprint(n) {
		b.WriteRune(digits[c-'0'])
	}
	return b.String()
}

const superscriptDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹"

func isSuperscriptDigit(c rune) bool { return strings.ContainsRune(superscriptDigits, c) }

// leadingSuperscript reads the order superscript writes at the start of s:
// "12", "g" from "¹²g".
func leadingSuperscript(s string) (digits, rest string) {
	for i, c := range s {
		if !isSuperscriptDigit(c) {
			return digits, s[i:]
		}
		digits += fmt.Sprint(slices.Index([]rune(superscriptDigits), c))
	}
	return digits, ""
}

func (s *Session) gradient(ctx context.Context, st *parser.Gradient) (Result, error) {
	f, err := s.function(st.At, st.Name)
	if err != nil {
		return nil, err
	}
	g, err := symbolic.Gradient(ctx, f.Body, f.Params)
	if err != nil {
		return nil, errAt(st.At, "%v", err)
	}
	return Vector{Name: "∇" + f.Name, Params: f.Params, Exprs: g}, nil
}

func (s *Session) hessian(ctx context.Context, st *parser.Hessian) (Result, error) {
	f, err := s.function(st.At, st.Name)
	if err != nil {
		return nil, err
	}
	h, err := symbolic.Hessian(ctx, f.Body, f.Params)
	if err != nil {
		return nil, errAt(st.At, "%v", err)
	}
	return Matrix{Name: "H" + f.Name, Params: f.Params, Rows: h}, nil
}

func (s *Session) set(st *parser.Set) (Result, error) {
	if len(st.Options) == 0 {
		return SettingsShown{s.settings}, nil
	}
	next, run, err := s.apply(s.settings, st.Options, true)
	if err != nil {
		return nil, err
	}
	if run.given != nil {
		return nil, errAt(run.given.At, "%s is an option of min and max, not a setting", run.given.Name)
	}
	s.settings = next
	return Defined{}, nil
}

// runOptions are the options of one run of min or max, not settings.
type runOptions struct {
	trace  bool
	method string // gd, momentum or newton
	beta   float64
	given  *parser.Option // the first of them given, for set's error
}

// apply reads options over settings.
func (s *Session) apply(set Settings, opts []parser.Option, forSet bool) (Settings, runOptions, error) {
	run := runOptions{method: "gd", beta: 0.9}
	for _, o := range opts {
		switch o.Name {
		case "digits":
			if !forSet {
				return set, run, errAt(o.At, "digits is a setting: set digits=6 rounds what is printed")
			}
		case "trace", "method", "beta":
			if run.given == nil {
				o := o
				run.given = &o
			}
		}
		switch o.Name {
		case "trace":
			run.trace = true
			continue
		case "method":
			run.method = o.Word
			continue
		}
		vals := make([]float64, len(o.Values))
		for i, v := range o.Values {
			x, err := s.number(o.At, v)
			if err != nil {
				return set, run, err
			}
			vals[i] = x
		}
		if o.Name != "x0" && len(vals) != 1 {
			return set, run, errAt(o.At, "%s takes one number", o.Name)
		}
		switch o.Name {
		case "x0":
			set.X0 = vals
		case "eta":
			if vals[0] <= 0 {
				return set, run, errAt(o.At, "eta must be positive, not %v", vals[0])
			}
			set.Eta = vals[0]
		case "eps":
			if vals[0] <= 0 {
				return set, run, errAt(o.At, "eps must be positive, not %v", vals[0])
			}
			set.Eps = vals[0]
		case "maxiter":
			if vals[0] < 0 || vals[0] != math.Trunc(vals[0]) || vals[0] > 1e12 {
				return set, run, errAt(o.At, "maxiter must be a whole number from 0 to 10^12, not %v", vals[0])
			}
			set.MaxIter = int(vals[0])
		case "digits":
			if vals[0] < 0 || vals[0] > 17 || vals[0] != math.Trunc(vals[0]) {
				return set, run, errAt(o.At, "digits must be a whole number from 1 to 17, or 0 for the shortest form, not %v", vals[0])
			}
			set.Digits = int(vals[0])
		case "beta":
			if vals[0] < 0 || vals[0] >= 1 {
				return set, run, errAt(o.At, "beta must be at least 0 and below 1, not %v", vals[0])
			}
			run.beta = vals[0]
		}
	}
	return set, run, nil
}

func (s *Session) defs() Result {
	var d Definitions
	for _, n := range s.order {
		if f, ok := s.funcs[n]; ok {
			d.Lines = append(d.Lines, fmt.Sprintf("%s(%s) = %s", f.Name, strings.Join(f.Params, ", "), s.format(f.Body)))
		}
		if c, ok := s.consts[n]; ok {
			d.Lines = append(d.Lines, fmt.Sprintf("%s = %s", c.Name, s.format(c.Value)))
		}
	}
	return d
}

func (s *Session) del(st *parser.Delete) (Result, error) {
	_, isFunc := s.funcs[st.Name]
	_, isConst := s.consts[st.Name]
	switch {
	case !isFunc && !isConst:
		return nil, errAt(st.At, "%s is not defined", st.Name)
	case isConst:
		if users := s.usedBy(st.Name); len(users) > 0 {
			return nil, errAt(st.At, "%s is used by %s: delete or redefine them first", st.Name, strings.Join(users, ", "))
		}
	}
	// Functions that called a deleted function keep working: they hold its
	// body, inlined when they were defined.
	delete(s.funcs, st.Name)
	delete(s.consts, st.Name)
	s.order = slices.DeleteFunc(s.order, func(n string) bool { return n == st.Name })
	return Defined{}, nil
}

// Script writes the session as statements that rebuild it.
func (s *Session) Script() string {
	var b strings.Builder
	b.WriteString("# fprime session\n")
	def := DefaultSettings()
	set := s.settings
	var opts []string
	if set.Eta != def.Eta {
		opts = append(opts, "eta="+formatNumber(set.Eta))
	}
	if set.Eps != def.Eps {
		opts = append(opts, "eps="+formatNumber(set.Eps))
	}
	if set.MaxIter != def.MaxIter {
		opts = append(opts, fmt.Sprintf("maxiter=%d", set.MaxIter))
	}
	if !slices.Equal(set.X0, def.X0) {
		opts = append(opts, "x0="+formatPoint(set.X0))
	}
	if set.Digits != def.Digits {
		opts = append(opts, fmt.Sprintf("digits=%d", set.Digits))
	}
	if len(opts) > 0 {
		b.WriteString("set " + strings.Join(opts, " ") + "\n")
	}
	// In the order of defs: every function comes after the constants it names.
	for _, n := range s.order {
		if c, ok := s.consts[n]; ok {
			fmt.Fprintf(&b, "%s = %s\n", c.Name, s.format(c.Value))
		}
		if f, ok := s.funcs[n]; ok {
			opt := s.PrintOptions()
			opt.KeepDomain = true // f(x) = x/x is not defined at 0 when read back either
			fmt.Fprintf(&b, "%s(%s) = %s\n", f.Name, strings.Join(f.Params, ", "), symbolic.Format(f.Body, opt))
		}
	}
	return b.String()
}

func (s *Session) save(st *parser.Save) (Result, error) {
	if err := safefile.Write(st.Path, []byte(s.Script())); err != nil {
		return nil, errAt(st.At, "cannot save: %v", err)
	}
	return Defined{}, nil
}

// FunctionNames lists the user's functions, for completion.
func (s *Session) FunctionNames() []string {
	var names []string
	for _, n := range s.order {
		if _, ok := s.funcs[n]; ok {
			names = append(names, n)
		}
	}
	return names
}
