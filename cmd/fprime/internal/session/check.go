package session

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// check decides whether an answer is the derivative: first symbolically
// (their difference simplifies to 0), then numerically at many points
// where both are defined, so that a correct answer written differently
// passes and a wrong one is shown where it goes wrong.
func (s *Session) check(ctx context.Context, st *parser.Check) (Result, error) {
	var left symbolic.Expr
	var label string
	vars := st.Vars
	of := st.Of // defined where the derivative means anything
	switch l := st.Left.(type) {
	case *parser.Derivative:
		f := s.funcs[l.Name]
		of = f.Body
		d, err := symbolic.Diff(ctx, f.Body, f.Params[0], l.Order)
		if err != nil {
			return nil, errAt(st.At, "%v", err)
		}
		left, label = d, fmt.Sprintf("%s%s(%s)", l.Name, strings.Repeat("'", l.Order), strings.Join(f.Params, ", "))
	case *parser.Partial:
		f := s.funcs[l.Name]
		of = f.Body
		d, err := symbolic.Diff(ctx, f.Body, l.Var, l.Order)
		if err != nil {
			return nil, errAt(st.At, "%v", err)
		}
		left, label = d, fmt.Sprintf("%s(%s)", partialName(l.Name, l.Var, l.Order), strings.Join(f.Params, ", "))
	case *parser.Eval:
		left, label = l.Expr, st.LeftText
	}
	L, R := s.bind(left, vars...), s.bind(st.Right, vars...)
	res := CheckResult{Label: label, Answer: st.RightText, Vars: vars}
	diff := symbolic.Simplify(symbolic.Sub(L, R))
	if n, ok := diff.(*symbolic.Num); ok && n.Rat().Sign() == 0 {
		res.OK, res.Verified = true, "symbolically"
		return res, nil
	}
	res.Diff = symbolic.Simplify(symbolic.Sub(left, st.Right))
	pl, err := symbolic.Compile(L, vars...)
	if err != nil {
		return nil, errAt(st.At, "%v", err)
	}
	pr, err := symbolic.Compile(R, vars...)
	if err != nil {
		return nil, errAt(st.At, "%v", err)
	}
	var pf *symbolic.Program
	if of != nil {
		if pf, err = symbolic.Compile(s.bind(of, vars...), vars...); err != nil {
			return nil, errAt(st.At, "%v", err)
		}
	}
	var ls, rs []float64
	first := -1
	var undefinedAt []float64 // a point where the derivative is, but the answer is not
	var undefinedLeft float64
	for i, x := range samplePoints(len(vars)) {
		if i%64 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if pf != nil {
			if _, err := pf.Eval(x...); err != nil {
				continue // outside the function's domain
			}
		}
		l, err1 := pl.Eval(x...)
		r, err2 := pr.Eval(x...)
		if err1 == nil && err2 != nil && undefinedAt == nil {
			undefinedAt, undefinedLeft = x, l
		}
		if err1 != nil || err2 != nil {
			continue
		}
		ls, rs = append(ls, l), append(rs, r)
		if first < 0 && !agree(l, r) {
			first = len(ls) - 1
			res.At, res.Left, res.Right = x, l, r
		}
	}
	switch {
	case len(ls) == 0:
		res.Undecided = true
		res.Note = "there is no point where both are defined, so the check cannot decide"
	case first < 0:
		res.OK, res.Verified = true, fmt.Sprintf("at %d points", len(ls))
		if undefinedAt != nil {
			res.Note = fmt.Sprintf("but your answer is undefined at %s, where the derivative is %s",
				pointText(vars, undefinedAt), formatNumber(undefinedLeft))
		}
	default:
		res.Note = relation(res.Diff, symbolic.Simplify(symbolic.Div(R, L)), ls, rs)
	}
	return res, nil
}

func pointText(vars []string, x []float64) string {
	parts := make([]string, len(vars))
	for i, v := range vars {
		parts[i] = v + " = " + formatNumber(x[i])
	}
	return strings.Join(parts, ", ")
}

func agree(a, b float64) bool { return math.Abs(a-b) <= 1e-9*(math.Abs(a)+math.Abs(b))+1e-12 }

// relation says how a wrong answer relates to the derivative when the
// relation is simple: the wrong sign, a constant factor, a constant apart.
func relation(diff, ratio symbolic.Expr, ls, rs []float64) string {
	if n, ok := ratio.(*symbolic.Num); ok {
		if n.Rat().Cmp(big.NewRat(-1, 1)) == 0 {
			return "your answer has the wrong sign"
		}
		return fmt.Sprintf("your answer is %v times the derivative", n)
	}
	if n, ok := diff.(*symbolic.Num); ok {
		return fmt.Sprintf("your answer is the derivative plus the constant %v", symbolic.Neg(n))
	}
	all := func(f func(l, r float64) bool) bool {
		for i := range ls {
			if !f(ls[i], rs[i]) {
				return false
			}
		}
		return true
	}
	if all(func(l, r float64) bool { return agree(-l, r) }) {
		return "your answer has the wrong sign"
	}
	var k float64
	found := false
	if all(func(l, r float64) bool {
		if math.Abs(l) < 1e-9 {
			return math.Abs(r) < 1e-9
		}
		if !found {
			k, found = r/l, true
		}
		return agree(r, k*l)
	}) && found {
		return fmt.Sprintf("your answer is %s times the derivative", formatNumber(round(k)))
	}
	c := rs[0] - ls[0]
	if all(func(l, r float64) bool { return agree(r-l, c) }) {
		return fmt.Sprintf("your answer is the derivative plus the constant %s", formatNumber(round(c)))
	}
	return ""
}

// round drops float noise: 2.0000000000000004 is 2.
func round(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	return r
}

// samplePoints are where answers are compared: simple values first, so a
// report can show a point a person can check by hand, then a spread of
// irregular ones.
func samplePoints(n int) [][]float64 {
	simple := []float64{0.5, 1, 2, -0.5, -1, 1.5, 3, -2, 0.25, 2.5, -1.5, 4, 0.75, -3, 5, 0.1, -0.25, 10, -5, 0}
	var pts [][]float64
	for i := range simple {
		x := make([]float64, n)
		for j := range x {
			x[j] = simple[(i+3*j)%len(simple)]
		}
		pts = append(pts, x)
	}
	// A fixed pseudo-random spread over (-12, 12), denser near 0.
	seed := uint64(0x9e3779b97f4a7c15)
	for i := 0; i < 200; i++ {
		x := make([]float64, n)
		for j := range x {
			seed ^= seed << 13
			seed ^= seed >> 7
			seed ^= seed << 17
			u := float64(seed>>11)/(1<<53)*2 - 1
			x[j] = 12 * u * math.Abs(u)
		}
		pts = append(pts, x)
	}
	return pts
}
