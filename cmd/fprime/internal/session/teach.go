package session

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// LaTeXText is latex's answer: a result written as LaTeX.
type LaTeXText struct{ Text string }

// NumDiffResult sets the symbolic derivative beside central differences
// (f(x+h) − f(x−h))/2h, one row a variable; Table, when asked for, has the
// gap for h = 1e-1 … 1e-12 of the first.
type NumDiffResult struct {
	Name  string
	Vars  []string
	At    []float64
	H     float64
	Rows  []NumDiffRow
	Table []NumDiffStep
	Best  float64 // the h of the smallest gap in Table
	Note  string  // why the best h is where it is
}

// NumDiffRow is one partial derivative: its symbolic value and its central
// difference at H.
type NumDiffRow struct {
	Label             string // f'(2), ∂g/∂x(1, 2)
	Symbolic, Central float64
	// Across is set where the step crosses a corner, jump or pole of f:
	// the central difference then estimates nothing (|x| at 1e-7 gives
	// 0.1, 1/x at 1e-7 gives 1e12 for -1e14).
	Across bool
}

// NumDiffStep is the central difference at one h.
type NumDiffStep struct{ H, Central, Gap float64 }

// TangentLine is tangent's answer: y = Line, touching f at X.
type TangentLine struct {
	Name         string
	X            symbolic.Expr
	Line         symbolic.Expr
	Value, Slope float64
	// Decimal is set where Line holds values such as sin(2): the line is
	// then shown in decimals too, y ≈ Slope·Var + Intercept (Approx).
	Decimal   bool
	Var       string
	Intercept float64
}

// Approx is the line in decimals to digits significant digits, or "" where
// Line is in numbers already.
func (t TangentLine) Approx(digits int) string {
	if !t.Decimal {
		return ""
	}
	return decimalLine(t.Slope, t.Intercept, t.Var, digits)
}

func (LaTeXText) result()     {}
func (NumDiffResult) result() {}
func (TangentLine) result()   {}

// NumDiffH is numdiff's step, as PRODUCT.md gives it.
const NumDiffH = 1e-6

func (s *Session) latex(ctx context.Context, st *parser.LaTeX) (Result, error) {
	r, err := s.Exec(ctx, st.Of)
	if err != nil {
		return nil, err
	}
	if t, ok := s.LaTeXOf(r); ok {
		return t, nil
	}
	return nil, errAt(st.At, "latex prints an expression, a derivative, a gradient or a Hessian")
}

// LaTeXOf is r as latex prints it, and false for a result latex cannot
// print; a notebook shows results with it.
func (s *Session) LaTeXOf(r Result) (LaTeXText, bool) {
	tex := func(e symbolic.Expr) string { return symbolic.LaTeX(s.bind(e)) }
	switch r := r.(type) {
	case Number:
		return LaTeXText{formatNumber(r.Value)}, true
	case Expression:
		if r.Name == "" {
			return LaTeXText{tex(r.Expr)}, true
		}
		return LaTeXText{latexLabel(r.Name, r.Params) + " = " + tex(r.Expr)}, true
	case Vector:
		parts := make([]string, len(r.Exprs))
		for i, e := range r.Exprs {
			parts[i] = tex(e)
		}
		return LaTeXText{latexLabel(r.Name, r.Params) + ` = \left( ` + strings.Join(parts, ", ") + ` \right)`}, true
	case Matrix:
		rows := make([]string, len(r.Rows))
		for i, row := range r.Rows {
			cells := make([]string, len(row))
			for j, e := range row {
				cells[j] = tex(e)
			}
			rows[i] = strings.Join(cells, " & ")
		}
		return LaTeXText{latexLabel(r.Name, r.Params) + ` = \begin{pmatrix} ` + strings.Join(rows, ` \\ `) + ` \end{pmatrix}`}, true
	case TangentLine:
		return LaTeXText{"y = " + tex(r.Line)}, true
	case Derivation:
		var b strings.Builder
		b.WriteString(`\begin{align*}` + "\n")
		d := `\frac{d}{d` + r.Var + `}`
		for _, st := range r.Steps {
			// The name alone: a formula after the comma is no text for \text.
			rule, _, _ := strings.Cut(st.Rule, ",")
			fmt.Fprintf(&b, `%s%s\left(%s\right) &= %s && \text{%s} \\`+"\n", strings.Repeat(`\quad `, st.Depth), d, tex(st.Of), tex(st.Result), rule)
		}
		fmt.Fprintf(&b, `&= %s && \text{simplified}`+"\n", tex(r.Result))
		b.WriteString(`\end{align*}`)
		return LaTeXText{b.String()}, true
	}
	return LaTeXText{}, false
}

// latexLabel writes a result's name as LaTeX: f'(x), \frac{\partial g}{\partial y}(x, y),
// \nabla g(x, y), H_{g}(x, y).
func latexLabel(name string, params []string) string {
	args := `\left(` + strings.Join(params, ", ") + `\right)`
	switch {
	case strings.HasPrefix(name, "∇"):
		return `\nabla ` + strings.TrimPrefix(name, "∇") + args
	case strings.HasPrefix(name, "H"):
		return `H_{` + strings.TrimPrefix(name, "H") + `}` + args
	case strings.HasPrefix(name, "∂"):
		// ∂g/∂x or ∂²g/∂x², as partialName writes them.
		num, den, _ := strings.Cut(strings.TrimPrefix(name, "∂"), "/∂")
		order, num := leadingSuperscript(num)
		if order != "" {
			den = strings.TrimRightFunc(den, isSuperscriptDigit)
			return `\frac{\partial^{` + order + `} ` + num + `}{\partial ` + den + `^{` + order + `}}` + args
		}
		return `\frac{\partial ` + num + `}{\partial ` + den + `}` + args
	}
	return name + args
}

func (s *Session) numdiff(ctx context.Context, st *parser.NumDiff) (Result, error) {
	f, err := s.function(st.At, st.Name)
	if err != nil {
		return nil, err
	}
	at := make([]float64, len(st.At0))
	for i, e := range st.At0 {
		if at[i], err = s.number(st.At, e); err != nil {
			return nil, err
		}
	}
	body := s.bind(f.Body, f.Params...)
	p, err := symbolic.Compile(body, f.Params...)
	if err != nil {
		return nil, errAt(st.At, "%v", err)
	}
	point := make([]symbolic.Expr, len(st.At0))
	for i, e := range st.At0 {
		point[i] = s.bind(e)
	}
	if _, err := valueAt(body, f.Params, point); err != nil {
		return nil, errAt(st.At, "%s is undefined at %s: %v", f.Name, pointText(f.Params, at), err)
	}
	res := NumDiffResult{Name: f.Name, Vars: f.Params, At: at, H: NumDiffH}
	for i, x := range f.Params {
		d, err := symbolic.Diff(ctx, body, x, 1)
		if err != nil {
			return nil, errAt(st.At, "%v", err)
		}
		sym, err := valueAt(d, f.Params, point)
		if err != nil && len(at) == 1 {
			sym, err = derivativeLimit(body, d, x, at[0], err)
		}
		if err != nil {
			return nil, errAt(st.At, "the derivative is undefined at %s: %v", pointText(f.Params, at), err)
		}
		cd, err := central(p, at, i, NumDiffH)
		if err != nil {
			return nil, errAt(st.At, "f is undefined within %g of %s, so no central difference: %v", NumDiffH, pointText(f.Params, at), err)
		}
		label := f.Name + "'(" + formatPoint(at) + ")"
		if len(f.Params) > 1 {
			label = partialName(f.Name, x, 1) + formatPoint(at)
		}
		res.Rows = append(res.Rows, NumDiffRow{Label: label, Symbolic: sym, Central: cd, Across: across(p, at, i, NumDiffH, sym, cd)})
		if st.Table && i == 0 {
			best := math.Inf(1)
			for k := 1; k <= 12; k++ {
				h := math.Pow(10, -float64(k))
				c, err := central(p, at, i, h)
				if err != nil {
					continue
				}
				gap := math.Abs(c - sym)
				res.Table = append(res.Table, NumDiffStep{H: h, Central: c, Gap: gap})
				if gap < best {
					best, res.Best = gap, h
				}
			}
			res.Note = numDiffNote(res.Best, thirdAt(ctx, body, x, at))
		}
	}
	return res, nil
}

// across reports whether the step h from at along coordinate i crosses a
// corner, jump or pole of f: the central difference is far from the
// derivative sym, and the one-sided quotients either side disagree in
// sign or by a hundredfold, as no smooth f's do over one small step.
func across(p *symbolic.Program, at []float64, i int, h, sym, cd float64) bool {
	if math.Abs(cd-sym) <= 1e-3*math.Max(math.Abs(sym), math.Abs(cd)) {
		return false
	}
	x := append([]float64(nil), at...)
	f0, err0 := p.Eval(x...)
	x[i] = at[i] + h
	up, err1 := p.Eval(x...)
	x[i] = at[i] - h
	down, err2 := p.Eval(x...)
	if err0 != nil || err1 != nil || err2 != nil {
		return false
	}
	left, right := f0-down, up-f0
	return left*right < 0 || math.Abs(left) > 100*math.Abs(right) || math.Abs(right) > 100*math.Abs(left)
}

// central is (f(x + h e_i) − f(x − h e_i))/2h.
func central(p *symbolic.Program, at []float64, i int, h float64) (float64, error) {
	x := append([]float64(nil), at...)
	x[i] = at[i] + h
	up, err := p.Eval(x...)
	if err != nil {
		return 0, err
	}
	x[i] = at[i] - h
	down, err := p.Eval(x...)
	if err != nil {
		return 0, err
	}
	return (up - down) / (2 * h), nil
}

func (s *Session) tangent(ctx context.Context, st *parser.Tangent) (Result, error) {
	f, err := s.function(st.At, st.Name)
	if err != nil {
		return nil, err
	}
	x := f.Params[0]
	a := s.bind(st.Point)
	av, err := s.number(st.At, a)
	if err != nil {
		return nil, err
	}
	body := s.bind(f.Body, x)
	d, err := symbolic.Diff(ctx, body, x, 1)
	if err != nil {
		return nil, errAt(st.At, "%v", err)
	}
	var vals [2]float64
	for i, e := range []symbolic.Expr{body, d} {
		vals[i], err = valueAt(e, []string{x}, []symbolic.Expr{a})
		if err != nil && i == 1 {
			// x|x| at 0: f' keeps a condition that fails there, but
			// the derivative exists.
			vals[i], err = derivativeLimit(body, d, x, av, err)
		}
		var ee *symbolic.EvalError
		if errors.As(err, &ee) {
			return nil, errAt(st.At, "%s has no tangent at %s = %s: %v is undefined there (%s)", f.Name, x, s.format(a), ee.Expr, ee.Reason)
		}
		if err != nil {
			return nil, errAt(st.At, "%v", err)
		}
	}
	value, slope := vals[0], vals[1]
	at := map[string]symbolic.Expr{x: a}
	fa, dfa := symbolic.Substitute(body, at), symbolic.Substitute(d, at)
	// Both have values at a (found above, f'(a) by the derivative limit
	// theorem where only a kept condition fails: x|x| at 0), so their
	// conditions are met and their bodies are the numbers.
	fa, _ = symbolic.Unguard(fa)
	dfa, _ = symbolic.Unguard(dfa)
	// y = f(a) + f'(a)(x − a), multiplied out as a book writes a line
	// where f(a) and f'(a) are numbers; kept in that form where they are
	// not (sin(2)), with the line in decimals beside it.
	var line symbolic.Expr
	if _, ok := fa.(*symbolic.Num); ok {
		if _, ok := dfa.(*symbolic.Num); ok {
			line = symbolic.Simplify(symbolic.Add(symbolic.Mul(dfa, symbolic.Sym(x)), symbolic.Sub(fa, symbolic.Mul(dfa, a))))
		}
	}
	decimal := line == nil
	if decimal {
		// Multiplied out too where that is no longer: ln at e is x/e,
		// not (x - e)/e + 1.
		line = symbolic.Add(fa, symbolic.Mul(dfa, symbolic.Sub(symbolic.Sym(x), a)))
		out := symbolic.Simplify(symbolic.Add(symbolic.Mul(dfa, symbolic.Sym(x)), symbolic.Sub(fa, symbolic.Mul(dfa, a))))
		if symbolic.Ops(out) <= symbolic.Ops(line) {
			line = out
		}
	}
	line, _ = symbolic.Unguard(line) // defined everywhere: a line
	return TangentLine{Name: f.Name, X: a, Line: line, Value: value, Slope: slope, Decimal: decimal, Var: x, Intercept: value - slope*av}, nil
}

// decimalLine writes y ≈ m·x + c to digits significant digits, as a book
// writes a line: 2.41421, x + 1.41421, -0.416147x + 1.74159.
func decimalLine(m, c float64, x string, digits int) string {
	d := func(v float64) string { return strconv.FormatFloat(v, 'g', digits, 64) }
	var s string
	switch m {
	case 0: // y ≈ 2.41421, not -0x + 2.41421
		if c == 0 {
			return "0"
		}
		return d(c)
	case 1:
		s = x
	case -1:
		s = "-" + x
	default:
		s = d(m) + x
	}
	switch {
	case c > 0:
		s += " + " + d(c)
	case c < 0:
		s += " - " + d(-c)
	}
	return s
}

// valueAt is e's value where vars are the exact point: tan(x) at pi/2 is
// a pole, though tan of the float nearest pi/2 is 1.6e16. An error names
// the part of e that fails, where floats find it too (x/abs(x) at 0, not
// the 0^(-1) it becomes).
func valueAt(e symbolic.Expr, vars []string, point []symbolic.Expr) (float64, error) {
	at := make(map[string]symbolic.Expr, len(vars))
	for i, v := range vars {
		at[v] = point[i]
	}
	v, exact := evalConst(symbolic.Substitute(e, at))
	if exact == nil {
		return v, nil
	}
	xs := make([]float64, len(point))
	for i, p := range point {
		var err error
		if xs[i], err = evalConst(p); err != nil {
			return 0, err
		}
	}
	if p, err := symbolic.Compile(e, vars...); err == nil {
		if _, err := p.Eval(xs...); err != nil {
			return 0, err
		}
	}
	return 0, exact
}

// evalConst is the value of e, which names no variable: precisely where
// it can be (1/(2^x - 3) at log2(3) is no number, though floats make it
// 2.25e15), else in floats.
func evalConst(e symbolic.Expr) (float64, error) {
	if n, err, ok := preciseValue(e); ok {
		return n.Value, err
	}
	p, err := symbolic.Compile(e)
	if err != nil {
		return 0, err
	}
	return p.Eval()
}

// derivativeLimit is the value at a of d, the derivative of f, where
// evaluating d failed with err only by a condition kept by a rewrite (see
// symbolic.DerivativeLimit); otherwise err again.
func derivativeLimit(f, d symbolic.Expr, x string, a float64, err error) (float64, error) {
	if v, ok := symbolic.DerivativeLimit(f, d, x, a); ok {
		return v, nil
	}
	return 0, err
}

// thirdAt says what the third derivative is at the point: 0 (a quadratic),
// where the central difference has no truncation error, or no value (x|x|
// at 0), where its error is no h²|f‴|/6.
func thirdAt(ctx context.Context, f symbolic.Expr, x string, at []float64) third {
	d3, err := symbolic.Diff(ctx, f, x, 3)
	if err != nil || len(at) != 1 {
		return thirdSome
	}
	p, err := symbolic.Compile(d3, x)
	if err != nil {
		return thirdSome
	}
	switch v, err := p.Eval(at[0]); {
	case err != nil && !symbolic.Overflowed(err):
		return thirdNone
	case err == nil && v == 0:
		return thirdZero
	}
	return thirdSome
}

// third is what f‴ is at a point, for the note under a numdiff table.
type third int

const (
	thirdSome third = iota // a number, not 0
	thirdZero              // 0: no truncation error
	thirdNone              // no value: the truncation error is no h²|f‴|/6
)

// numDiffNote says why the best h of a table is where it is.
func numDiffNote(best float64, f3 third) string {
	switch {
	case f3 == thirdNone:
		return fmt.Sprintf("the gap is least at h = %g; f''' has no value here (f'' has a corner or a jump), so the truncation error is not about h²|f'''|/6: the table shows how it does shrink", best)
	case f3 == thirdZero:
		return fmt.Sprintf("the gap is least at h = %g: f''' is 0 here, so the central difference has no truncation error (h²|f'''|/6 is 0) and the gap is round-off, about ε|f|/h, least for the largest h", best)
	case best == 0.1:
		return "the gap is least at the largest h, 0.1: the truncation error, about h²|f'''|/6, is still below round-off, about ε|f|/h, there"
	}
	return fmt.Sprintf("the gap is least at h = %g: for larger h the truncation error, about h²|f'''|/6, dominates; for smaller h round-off, about ε|f|/h, grows", best)
}

// Derivation is steps's answer: the rules Diff applied, in order, then the
// result as f' prints it. Before, for a higher order, is the derivative
// that the last round differentiates.
type Derivation struct {
	Label  string // f'(x), ∂g/∂y(x, y), or "" for an expression
	Before string // f'(x) = … for steps f''
	Steps  []symbolic.Step
	Var    string
	Result symbolic.Expr
}

func (Derivation) result() {}

func (s *Session) steps(ctx context.Context, st *parser.Steps) (Result, error) {
	of := st.Of
	res := Derivation{Var: st.Var}
	if st.Name != "" {
		res.Label = st.Name + strings.Repeat("'", st.Order) + "(" + strings.Join(st.Params, ", ") + ")"
		if len(st.Params) > 1 {
			res.Label = partialName(st.Name, st.Var, st.Order) + "(" + strings.Join(st.Params, ", ") + ")"
		}
	}
	if st.Name == "" {
		res.Label = "d" + superscriptIf(st.Order) + "/d" + st.Var + superscriptIf(st.Order) + " " + Operand(s.format(of))
	}
	if st.Order > 1 {
		d, err := symbolic.Diff(ctx, of, st.Var, st.Order-1)
		if err != nil {
			return nil, errAt(st.At, "%v", err)
		}
		before := "d" + superscriptIf(st.Order-1) + "/d" + st.Var + superscriptIf(st.Order-1) + " " + Operand(s.format(st.Of))
		if st.Name != "" {
			before = st.Name + strings.Repeat("'", st.Order-1) + "(" + strings.Join(st.Params, ", ") + ")"
			if len(st.Params) > 1 {
				before = partialName(st.Name, st.Var, st.Order-1) + "(" + strings.Join(st.Params, ", ") + ")"
			}
		}
		res.Before = before + " = " + s.format(d)
		of = d
	}
	steps, r, err := symbolic.Steps(ctx, of, st.Var)
	if err != nil {
		return nil, errAt(st.At, "%v", err)
	}
	res.Steps, res.Result = steps, r
	return res, nil
}

func superscriptIf(n int) string {
	if n == 1 {
		return ""
	}
	return superscript(n)
}

// Operand brackets what d/dx applies to when it is more than one term or
// factor: d/dx (x^2 + 1), but d/dx sin(x).
func Operand(s string) string {
	depth := 0
	for i, c := range s {
		switch {
		case c == '(' && depth == 0 && i > 0 && s[i-1] != '^' && !isName(s[:i]):
			// A group after something that is neither an exponent's ^
			// nor a function's name (5sin(x) is one term): a product,
			// x^2(x + 1)^3.
			return "(" + s + ")"
		case c == '(':
			depth++
		case c == ')':
			depth--
			// A group followed by more than its exponent: a product.
			if depth == 0 && i+1 < len(s) && s[i+1] != '^' {
				return "(" + s + ")"
			}
		case depth == 0 && (c == ' ' || c == '/' || c == '-' && i == 0):
			return "(" + s + ")"
		}
	}
	return s
}

// isName reports whether s is a built-in function's name, after a number
// perhaps: sin and 5sin (5sin(x) reads as one term), but not 2x or e^x.
// (A printed derivative calls no function of the user's.)
func isName(s string) bool {
	_, ok := symbolic.LookupBuiltin(strings.TrimLeft(s, "0123456789."))
	return ok
}
