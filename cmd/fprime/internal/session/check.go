package session

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// check decides whether an answer is the derivative, from their simplified
// difference (see decide) at sample points where both are defined, so that
// a correct answer written differently passes, a wrong one is shown where
// it goes wrong however small the difference, and the verdict says whether
// it was proved or sampled.
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
	// Where both sides are defined (and the function, whose derivative
	// means nothing elsewhere), and one ordinary point, if any, where only
	// the derivative is.
	var both []sample
	var undefinedAt []float64
	var undefinedLeft float64
	for i, p := range samplePoints(len(vars), numbersIn(vars, L, R)) {
		if i%64 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		x := p.x
		// Where the function has a value: one too large for a float64
		// is still one (x^2 at 2e300).
		if pf != nil {
			if _, err := pf.Eval(x...); err != nil && !symbolic.Overflowed(err) {
				continue
			}
		}
		l, err1 := pl.Eval(x...)
		r, err2 := pr.Eval(x...)
		if err1 == nil && err2 != nil && !symbolic.Overflowed(err2) && undefinedAt == nil && p.ordinary {
			undefinedAt, undefinedLeft = x, l
		}
		if err1 == nil && err2 == nil {
			both = append(both, sample{x, l, r})
		}
	}
	d := symbolic.Simplify(symbolic.Sub(L, R))
	// A difference that simplifies to 0 is proved without a point to
	// look at: exp(x^2 + 1000) is too large for floats everywhere.
	if body, _ := symbolic.Unguard(d); len(both) == 0 && !isZeroNum(body) {
		res.Undecided = true
		res.Notes = []string{"there is no point where both are defined, so the check cannot decide"}
		return res, nil
	}
	v, err := decide(ctx, d, vars, both)
	if err != nil {
		return nil, err
	}
	res.Proved, res.Proof, res.Points = v.proved, v.proof, v.points
	switch {
	case v.wrongAt != nil:
		at := v.wrongAt
		res.Proved, res.At, res.Left, res.Right = true, at.x, preciseAt(L, vars, at.x, at.l), preciseAt(R, vars, at.x, at.r)
		res.Diff = symbolic.Simplify(symbolic.Sub(L, R))
		// A constant worked out precisely is said as such, not from
		// floats that may have lost it (sin(1e23) - 0.7011406398610784).
		if note := relation(res.Diff, symbolic.Simplify(symbolic.Div(R, L)), both, !v.precise); note != "" && !v.constant {
			res.Notes = append(res.Notes, note)
		}
		if v.constant {
			res.Notes = append(res.Notes, fmt.Sprintf("the difference is the constant %s, worked out to 64 bits: not 0", v.value))
		}
	case v.points == 0 && !v.proved:
		res.Undecided = true
		res.Notes = []string{fmt.Sprintf("the difference %s cannot be evaluated closely enough at any point where both are defined, so the check cannot decide", s.format(d))}
	default:
		res.OK = true
		if v.zero {
			res.Notes = append(res.Notes, fmt.Sprintf("the difference %s is a constant, 0 to %d digits, and not proved to be 0", s.format(d), symbolic.PreciseDigits))
		}
		if undefinedAt != nil {
			res.Notes = append(res.Notes, fmt.Sprintf("but your answer is undefined at %s, where the derivative is %s",
				pointText(vars, undefinedAt), formatNumber(undefinedLeft)))
		}
	}
	return res, nil
}

// How many sample points check works out precisely: the first few, and
// at most so many in all.
const (
	preciseFirst = 8
	preciseMost  = 64
	// preciseBudget bounds the time they take: a check answers at once.
	preciseBudget = 250 * time.Millisecond
)

func isZeroNum(e symbolic.Expr) bool {
	n, ok := e.(*symbolic.Num)
	return ok && n.Rat().Sign() == 0
}

// preciseAtPoint is e at the point x (each coordinate the rational that
// its float is), worked out precisely, at 256 and 384 bits: a sample point
// of many.
func preciseAtPoint(e symbolic.Expr, vars []string, x []float64) (symbolic.Precise, error) {
	at := make(map[string]symbolic.Expr, len(vars))
	for i, v := range vars {
		at[v] = symbolic.NewRat(new(big.Rat).SetFloat64(x[i]))
	}
	return symbolic.EvalPreciseQuick(symbolic.Substitute(e, at))
}

// preciseAt is e at the point x, worked out precisely where it can be
// (the values shown beside a ✗, where floats can lose them to
// cancellation: 2x + 1e20 sin(x)^2 + 1 - 1e20(1 - cos(x)^2) at 0.5 gives 2,
// not 1), else the float value f.
func preciseAt(e symbolic.Expr, vars []string, x []float64, f float64) float64 {
	if p, err := preciseAtPoint(e, vars, x); err == nil && p.Certain {
		return p.Value
	}
	return f
}

// verdict is what the difference of the two sides says: a point where it
// is not 0, a proof that it is 0, or the number of points where it is 0
// within its rounding error.
type verdict struct {
	wrongAt *sample
	proved  bool
	proof   string
	points  int
	// constant is set where the difference names no variable and was
	// worked out precisely: value is it, zero whether it is 0 to all the
	// digits worked out (no proof).
	constant bool
	value    string
	zero     bool
	// precise is set where only the precise evaluation saw d is not 0:
	// what floats say of how the sides relate is then no evidence.
	precise bool
}

// decide judges the simplified difference d of the two sides at the
// points where both are defined. It looks at d itself, not at left −
// right in floats, which cancels.
func decide(ctx context.Context, d symbolic.Expr, vars []string, both []sample) (verdict, error) {
	// Where both sides are defined, so are the parts a simplification of
	// their difference dropped.
	d, _ = symbolic.Unguard(d)
	if n, ok := d.(*symbolic.Num); ok && n.Rat().Sign() == 0 {
		return verdict{proved: true, proof: "the difference simplifies to 0"}, nil
	}
	// A constant difference is the same at every point: floats that
	// call 3.141592653589793 - pi 0 at each say nothing, and PRODUCT.md
	// has a nonzero number always ✗.
	if _, num := d.(*symbolic.Num); !num && len(symbolic.Symbols(d)) == 0 {
		if p, err := symbolic.EvalPrecise(d); err == nil && (p.Certain || p.Zero) {
			v := verdict{constant: true, value: formatNumber(p.Value), zero: p.Zero}
			if p.Value == 0 || math.IsInf(p.Value, 0) {
				v.value = p.Text() // beyond float64: exp(-1000) is no 0
			}
			if p.Certain && p.Sign != 0 {
				v.wrongAt = &both[0]
			} else {
				v.points = len(both)
			}
			return v, nil
		}
	}
	if degree, _, ok := rationalDegree(d, vars); ok {
		zeros := 0
		for i := range both {
			v, ok := exactEval(d, vars, rats(both[i].x))
			if !ok {
				continue
			}
			if v.Sign() != 0 {
				return verdict{wrongAt: &both[i]}, nil
			}
			zeros++
		}
		// A nonzero numerator of degree n has at most n roots.
		if len(vars) == 1 && zeros > degree {
			return verdict{proved: true, proof: fmt.Sprintf("the difference is a rational function of degree at most %d, and it is 0 at %d points", degree, zeros)}, nil
		}
	}
	var v verdict
	precise := 0
	budget := time.Now().Add(preciseBudget)
	for i := range both {
		if i%64 == 0 && ctx.Err() != nil {
			return v, ctx.Err()
		}
		b, ok := boundedEval(d, vars, both[i].x)
		known := ok && !math.IsInf(b.e, 0)
		if known && math.Abs(b.v) > b.e {
			return verdict{wrongAt: &both[i]}, nil
		}
		// Within its bound, d may still not be 0: at the first points,
		// and wherever the bound is loose beside the sides (x(pi -
		// 3.141592653589793)1e17 cancels in floats, and 1e-15 added to
		// 3(4cos(x)^3 - 3cos(x)) hides in their rounding), d is worked
		// out precisely there.
		loose := !known || b.e > 1e-9*(math.Abs(both[i].l)+math.Abs(both[i].r))
		if (i < preciseFirst || loose) && precise < preciseMost && time.Now().Before(budget) {
			precise++
			p, err := preciseAtPoint(d, vars, both[i].x)
			switch {
			case err == nil && p.Certain && p.Sign != 0:
				return verdict{wrongAt: &both[i], precise: true}, nil
			case err == nil && (p.Certain || p.Zero):
				v.points++
				continue
			}
		}
		if !known || loose {
			continue // d is undefined here, or its rounding error unknown or too large to tell
		}
		v.points++
	}
	return v, nil
}

// sample is a point where both sides are defined, with their values.
type sample struct {
	x    []float64
	l, r float64
}

func rats(x []float64) []*big.Rat {
	out := make([]*big.Rat, len(x))
	for i, v := range x {
		out[i] = new(big.Rat).SetFloat64(v) // exact: every float64 is a rational
	}
	return out
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
// It describes a verdict already reached, so its float tolerance decides
// nothing. Only points of moderate size count, where float differences
// resolve it, and a factor or a constant not clearly apart from 1 or 0 is
// not said; with floats false (a ✗ that only the precise evaluation saw),
// only what the symbols say.
func relation(diff, ratio symbolic.Expr, both []sample, floats bool) string {
	// Where they are compared, tan's domain is the condition of a
	// constant difference: tan(x) + 1e-6 against tan's derivative.
	diff, _ = symbolic.Unguard(diff)
	ratio, _ = symbolic.Unguard(ratio)
	if n, ok := ratio.(*symbolic.Num); ok {
		if n.Rat().Cmp(big.NewRat(-1, 1)) == 0 {
			return "your answer has the wrong sign"
		}
		return shortNote("your answer is %v times the derivative", n)
	}
	if n, ok := diff.(*symbolic.Num); ok {
		return shortNote("your answer is the derivative plus the constant %v", symbolic.Neg(n))
	}
	if !floats {
		return "" // the values were lost in floats: they relate nothing
	}
	var moderate []sample
	for _, p := range both {
		if slices.IndexFunc(p.x, func(v float64) bool { return math.Abs(v) > 12 }) < 0 && math.Abs(p.l) < 1e6 && math.Abs(p.r) < 1e6 {
			moderate = append(moderate, p)
		}
	}
	if len(moderate) == 0 {
		return ""
	}
	scale := 1.0 // of the derivative: a constant much smaller is not resolved
	for _, p := range moderate {
		scale = math.Max(scale, math.Abs(p.l))
	}
	all := func(f func(l, r float64) bool) bool {
		for _, p := range moderate {
			if !f(p.l, p.r) {
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
	}) && found && math.Abs(k-1) > 1e-6 {
		return fmt.Sprintf("your answer is %s times the derivative", formatNumber(round(k)))
	}
	c := moderate[0].r - moderate[0].l
	if all(func(l, r float64) bool { return agree(r-l, c) }) && math.Abs(c) > 1e-6*scale {
		return fmt.Sprintf("your answer is the derivative plus the constant %s", formatNumber(round(c)))
	}
	return ""
}

// shortNote is a note about an exact number, left out when the number is
// too long to read (1 + 1e-1000 written out).
func shortNote(format string, n symbolic.Expr) string {
	if len(n.String()) > 40 {
		return ""
	}
	return fmt.Sprintf(format, n)
}

// round drops float noise: 2.0000000000000004 is 2.
func round(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	return r
}

// The sample points: simple values first, so a report can show a point a
// person can check by hand; then every number written in either side, and
// points just around it, where a bump (exp(-1000(x-37.3)^2)) or a corner
// (abs(x-37.3)) hides; then magnitudes spread evenly in their logarithm
// from 1e-8 to 1e8, and a few out to 1e±300, for differences that show
// only far away or very close to 0.
const (
	spreadPoints  = 200
	spreadDecades = 8
	farPoints     = 40
	farDecades    = 300
	// maxAround bounds the points around numbers, for many numbers or
	// several variables.
	maxAround = 4000
)

// around are the offsets of the points around a number c, relative to
// max(1, |c|) after the first three; the wider ones first, since a point a
// person can check is the better report.
var around = []float64{0, 1, -1, 0.1, -0.1, 1e-3, -1e-3, 1e-6, -1e-6, 1e-9, -1e-9}

// point is a sample point. Ordinary points are the simple ones and the
// spread ones of moderate size: there an error evaluating an answer means
// it is undefined, not that a value near a pole or a tiny square rounded to
// 0, so only they are named in a note.
type point struct {
	x        []float64
	ordinary bool
}

func samplePoints(n int, numbers []float64) []point {
	simple := []float64{0.5, 1, 2, -0.5, -1, 1.5, 3, -2, 0.25, 2.5, -1.5, 4, 0.75, -3, 5, 0.1, -0.25, 10, -5, 0}
	var pts []point
	seen := map[string]bool{}
	add := func(x []float64, ordinary bool) {
		key := fmt.Sprint(x)
		if !seen[key] {
			seen[key] = true
			pts = append(pts, point{x, ordinary})
		}
	}
	for i := range simple {
		x := make([]float64, n)
		for j := range x {
			x[j] = simple[(i+3*j)%len(simple)]
		}
		add(x, true)
	}
	// A fixed pseudo-random sequence, so that a verdict is the same each run.
	seed := uint64(0x9e3779b97f4a7c15)
	next := func() float64 {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return float64(seed>>11) / (1 << 53)
	}
	var near []float64
	for _, c := range numbers {
		m := math.Max(1, math.Abs(c))
		for _, c := range []float64{c, -c} {
			for i, o := range around {
				if i < 3 {
					near = append(near, c+o)
				} else {
					near = append(near, c+o*m)
				}
			}
		}
	}
	if len(near) > 0 {
		// Every combination when there are few, else a fixed choice of
		// them; in one variable, the first numbers with all their points.
		total := 1
		for j := 0; j < n && total <= maxAround; j++ {
			total *= len(near)
		}
		for i := 0; i < min(total, maxAround); i++ {
			x := make([]float64, n)
			for j, k := 0, i; j < n; j++ {
				if total <= maxAround || n == 1 {
					x[j], k = near[k%len(near)], k/len(near)
				} else {
					x[j] = near[int(next()*float64(len(near)))]
				}
			}
			add(x, false)
		}
	}
	spread := func(count int, decades float64) {
		for i := 0; i < count; i++ {
			x := make([]float64, n)
			ordinary := true
			for j := range x {
				x[j] = math.Pow(10, decades*(2*next()-1))
				ordinary = ordinary && x[j] > 1e-3 && x[j] < 1e3
				if next() < 0.5 {
					x[j] = -x[j]
				}
			}
			add(x, ordinary)
		}
	}
	spread(spreadPoints, spreadDecades)
	spread(farPoints, farDecades)
	return pts
}

// numbersIn lists the numbers written in the expressions, the values of
// their constant parts (10pi, exp(7)) and the roots of their affine parts
// (x - 37.3, 2x - 74.6): where a difference may hide.
func numbersIn(vars []string, es ...symbolic.Expr) []float64 {
	var out []float64
	seen := map[float64]bool{0: true} // 0 is a simple point
	add := func(v float64) {
		if finiteFloat(v) && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	var walk func(e symbolic.Expr) bool // whether e is constant
	walk = func(e symbolic.Expr) bool {
		var parts []symbolic.Expr
		switch e := e.(type) {
		case *symbolic.Symbol:
			return false
		case *symbolic.Sum:
			parts = e.Terms()
			if c, ok := affineRoot(e, vars); ok {
				add(c)
			}
		case *symbolic.Product:
			parts = e.Factors()
		case *symbolic.Power:
			parts = []symbolic.Expr{e.Base(), e.Exp()}
		case *symbolic.Call:
			parts = []symbolic.Expr{e.Arg()}
		}
		constant := true
		for _, p := range parts {
			constant = walk(p) && constant
		}
		if constant {
			if b, ok := boundedEval(e, nil, nil); ok {
				add(b.v)
			}
		}
		return constant
	}
	for _, e := range es {
		body, conds := symbolic.Unguard(e)
		for _, part := range append([]symbolic.Expr{body}, conds...) {
			walk(part)
		}
	}
	return out
}

// affineRoot is where a·x + b, with a and b numbers, is 0.
func affineRoot(s *symbolic.Sum, vars []string) (float64, bool) {
	var a, b float64
	v := ""
	for _, t := range s.Terms() {
		switch t := t.(type) {
		case *symbolic.Num:
			f, _ := t.Rat().Float64()
			b += f
			continue
		case *symbolic.Symbol:
			if v != "" && v != t.Name() {
				return 0, false
			}
			v, a = t.Name(), a+1
			continue
		case *symbolic.Product:
			fs := t.Factors()
			c, isNum := fs[0].(*symbolic.Num)
			x, isSym := fs[len(fs)-1].(*symbolic.Symbol)
			if len(fs) == 2 && isNum && isSym && (v == "" || v == x.Name()) {
				f, _ := c.Rat().Float64()
				v, a = x.Name(), a+f
				continue
			}
		}
		return 0, false
	}
	if v == "" || a == 0 {
		return 0, false
	}
	return -b / a, true
}
