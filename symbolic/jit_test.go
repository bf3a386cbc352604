package symbolic_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// The machine code (internal/amd64, jit_amd64.go) must give the interpreter's answers bit
// for bit, and the same errors. These tests run both.

// jitPoints are where programs are compared: ordinary values, the edges
// of domains (0, ±1), and values where steps overflow or underflow.
var jitPoints = []float64{0.7, -0.7, 2.5, -3.25, 0, 1, -1, 1e-300, 1e200, -1e200, 710, -745, 1e-8, 40}

// sameRun evaluates p and its interpreted copy at vals and reports how
// they differ, or "".
func sameRun(p *symbolic.Program, vals []float64, n int) string {
	q := symbolic.Interpreted(p)
	got, want := make([]float64, n), make([]float64, n)
	gerr, werr := p.EvalAll(vals, got), q.EvalAll(vals, want)
	if fmt.Sprint(gerr) != fmt.Sprint(werr) {
		return fmt.Sprintf("at %v: error %v, interpreted %v", vals, gerr, werr)
	}
	if gerr != nil {
		return ""
	}
	for i := range got {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			return fmt.Sprintf("at %v: output %d is %v, interpreted %v", vals, i, got[i], want[i])
		}
	}
	v, err := p.Eval(vals...)
	if err != nil || math.Float64bits(v) != math.Float64bits(want[0]) {
		return fmt.Sprintf("at %v: Eval gives %v, %v; EvalAll %v", vals, v, err, want[0])
	}
	v, err = p.EvalSplit(vals, got[1:])
	if err != nil || math.Float64bits(v) != math.Float64bits(want[0]) {
		return fmt.Sprintf("at %v: EvalSplit gives %v, %v; EvalAll %v", vals, v, err, want[0])
	}
	for i := 1; i < n; i++ {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			return fmt.Sprintf("at %v: EvalSplit's output %d is %v, interpreted %v", vals, i, got[i], want[i])
		}
	}
	return ""
}

var hiddenDivisions = []string{"1/(1 + 1/x)", "x/(x - 2 + 1/(x - 3))", "2/(sqrt(x + 1) + 1/(2x - 1)^2)"}

// TestMachineCodeCorpus compiles every corpus expression with its first
// three derivatives as one program, and compares the machine code with the
// interpreter at every point of jitPoints.
func TestMachineCodeCorpus(t *testing.T) {
	lines := readCorpus(t)
	// Beside the corpus, divisions by zero that a later step hides: 1/x
	// at 0 is +Inf, and 1/(1 + Inf) is 0, a number.
	for _, src := range hiddenDivisions {
		lines = append(lines, corpusLine{0, src})
	}
	native, compared := 0, 0
	for _, l := range lines {
		f, err := parser.ParseExpr(l.src)
		if err != nil {
			t.Fatalf("line %d: %v", l.line, err)
		}
		exprs := []symbolic.Expr{f}
		for order := 1; order <= 3; order++ {
			d, err := symbolic.Diff(context.Background(), f, "x", order)
			if err != nil {
				t.Fatalf("line %d: %v", l.line, err)
			}
			exprs = append(exprs, d)
		}
		vars := symbolic.Symbols(f)
		p, err := symbolic.CompileAll(exprs, vars...)
		if err != nil {
			continue // a constant too large for a float64
		}
		if p.MachineCode() {
			native++
		}
		var points [][]float64
		for _, x := range jitPoints {
			vals := make([]float64, len(vars))
			for i := range vals {
				vals[i] = x + float64(i)/7
			}
			points = append(points, vals)
		}
		// and where a divisor is zero, where a value that is not finite
		// may hide: 1/(1 + 1/x) at 0
		for _, vals := range append(points, symbolic.CheckPoints(p)...) {
			if d := sameRun(p, vals, len(exprs)); d != "" {
				t.Errorf("line %d, %s: %s", l.line, l.src, d)
			}
			compared++
		}
	}
	t.Logf("%d programs of %d as machine code, %d comparisons", native, len(lines), compared)
	if symbolic.MachineCodeHere() && native < len(lines)/2 {
		t.Errorf("only %d programs of %d became machine code", native, len(lines))
	}
}

// TestMachineCodeRegisters compiles programs with more live values than
// the machine has registers, long runs of powers, and outputs that are
// inputs or constants.
func TestMachineCodeRegisters(t *testing.T) {
	var vars, terms, factors []string
	for i := 1; i <= 30; i++ {
		v := fmt.Sprintf("x%d", i)
		vars = append(vars, v)
		terms = append(terms, fmt.Sprintf("%s^%d", v, i%7+2))
		factors = append(factors, fmt.Sprintf("(%s + %d)", v, i))
	}
	cases := []string{
		strings.Join(factors, "") + "/(" + strings.Join(terms, " + ") + " + 1)",
		"x1^1000003 + x2^65536 + x3^3/x4^5 + sqrt(x5)^7",
		"(x1 + x2)(x1 - x2)/(x1 x2) + x3",
	}
	for _, src := range cases {
		f, err := parser.ParseExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		used := symbolic.Symbols(f)
		grad, err := symbolic.Gradient(context.Background(), f, used)
		if err != nil {
			t.Fatal(err)
		}
		exprs := append([]symbolic.Expr{f, symbolic.Sym("x1"), symbolic.Int(3)}, grad...)
		p, err := symbolic.CompileAll(exprs, vars...)
		if err != nil {
			t.Fatal(err)
		}
		vals := make([]float64, len(vars))
		for _, x := range jitPoints {
			for i := range vals {
				vals[i] = x * (1 + float64(i)/11)
			}
			if d := sameRun(p, vals, len(exprs)); d != "" {
				t.Errorf("%s: %s", src, d)
			}
		}
	}
}

// TestMachineCodeInputs: an input that is not a number is an error that
// names it, from either path.
func TestMachineCodeInputs(t *testing.T) {
	p, err := symbolic.Compile(mustParseT(t, "x^2 + y"), "x", "y")
	if err != nil {
		t.Fatal(err)
	}
	for _, vals := range [][]float64{{math.NaN(), 1}, {1, math.Inf(-1)}, {1e300, 1}} {
		if d := sameRun(p, vals, 1); d != "" {
			t.Error(d)
		}
	}
	if _, err := p.Eval(1, math.Inf(1)); err == nil || !strings.Contains(err.Error(), "y = +Inf is not a finite number") {
		t.Errorf("Eval(1, +Inf): %v", err)
	}
	if err := p.EvalAll([]float64{1, 2}, nil); err == nil {
		t.Error("EvalAll into no room: no error")
	}
	g, err := symbolic.CompileAll([]symbolic.Expr{mustParseT(t, "x y"), symbolic.Sym("y"), symbolic.Sym("x")}, "x", "y")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.EvalSplit([]float64{1, 2}, make([]float64, 1)); err == nil {
		t.Error("EvalSplit into too little room: no error")
	}
	rest := make([]float64, 2)
	if v, err := g.EvalSplit([]float64{3, 5}, rest); err != nil || v != 15 || rest[0] != 5 || rest[1] != 3 {
		t.Errorf("EvalSplit(3, 5) = %v, %v, %v; want 15, [5 3]", v, rest, err)
	}
}

func mustParseT(t *testing.T, s string) symbolic.Expr {
	t.Helper()
	e, err := parser.ParseExpr(s)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// manyVars is a function of n variables with neighbours coupled and a
// quotient of the first and the last, whose steps all stay in the machine
// code (+, −, ×, ÷ and whole powers). Terms that couple every pair would
// make the gradient of 300 variables take minutes to differentiate.
func manyVars(t *testing.T, n int) (symbolic.Expr, []string) {
	t.Helper()
	var vars, terms []string
	for i := 1; i <= n; i++ {
		v := fmt.Sprintf("x%d", i)
		vars = append(vars, v)
		terms = append(terms, fmt.Sprintf("%d(%s - %d)^2", i, v, i%3))
		if i > 1 {
			terms = append(terms, fmt.Sprintf("x%d %s^2", i-1, v))
		}
	}
	src := strings.Join(terms, " + ") + fmt.Sprintf(" + 100/(1 + x1^2 + x%d^4)", n)
	return mustParseT(t, src), vars
}

// TestMachineCodeManyOutputs compiles programs with over 127 outputs, where
// a narrow integer in the output store once wrapped: n×n Hessians for n =
// 12 to 20 and gradients of 150 and 300 variables, against the
// interpreter bit for bit.
func TestMachineCodeManyOutputs(t *testing.T) {
	check := func(name string, exprs []symbolic.Expr, vars []string) {
		p, err := symbolic.CompileAll(exprs, vars...)
		if err != nil {
			t.Fatal(err)
		}
		if !p.MachineCode() && symbolic.MachineCodeHere() {
			t.Fatalf("%s: no machine code", name)
		}
		vals := make([]float64, len(vars))
		for _, x := range jitPoints {
			for i := range vals {
				vals[i] = x * (1 + float64(i)/11)
			}
			if d := sameRun(p, vals, len(exprs)); d != "" {
				t.Errorf("%s: %s", name, d)
			}
		}
	}
	for n := 12; n <= 20; n++ {
		f, vars := manyVars(t, n)
		h, err := symbolic.Hessian(context.Background(), f, vars)
		if err != nil {
			t.Fatal(err)
		}
		var flat []symbolic.Expr
		for _, row := range h {
			flat = append(flat, row...)
		}
		check(fmt.Sprintf("the %d×%d Hessian", n, n), flat, vars)
	}
	for _, n := range []int{150, 300} {
		f, vars := manyVars(t, n)
		g, err := symbolic.Gradient(context.Background(), f, vars)
		if err != nil {
			t.Fatal(err)
		}
		check(fmt.Sprintf("f and its gradient in %d variables", n), append([]symbolic.Expr{f}, g...), vars)
	}
}

// descendModel is Descender's contract written as a Go loop over the
// interpreted program q, in the order of the variables throughout.
func descendModel(q *symbolic.Program, bound float64, x, g []float64, f *float64, step, eps float64, ups []float64) int {
	n := len(x)
	xn, out := make([]float64, n), make([]float64, n+1)
	k := 0
	for ; k < len(ups)/4; k++ {
		gmax := 0.0
		for _, v := range g {
			gmax = math.Max(gmax, math.Abs(v))
		}
		if gmax < eps {
			break
		}
		out := out
		for i := range x {
			xn[i] = x[i] + float64(step*g[i])
			if !(math.Abs(xn[i]) <= bound) {
				return k
			}
		}
		if err := q.EvalAll(xn, out); err != nil || math.IsInf(out[0], 0) {
			return k
		}
		var ss, mx, dot, dx float64
		for i, v := range out[1:] {
			ss += v * v
			mx = math.Max(mx, math.Abs(v))
			dot += v * g[i]
			d := xn[i] - x[i]
			dx += d * d
		}
		copy(ups[4*k:], []float64{ss, mx, dot, dx})
		copy(x, xn)
		copy(g, out[1:])
		*f = out[0]
	}
	return k
}

// TestDescenderRecords runs Descender's loop of machine code and its
// contract as a Go loop from the same points, and wants the same updates,
// records and state bit for bit: with the gradient in registers (up to 4
// variables) and in memory, values of very different sizes (so that sums
// in another order round differently), and runs that stop at the bound,
// one at exactly the bound (which is allowed), and on a value that is not
// finite.
func TestDescenderRecords(t *testing.T) {
	if !symbolic.MachineCodeHere() {
		t.Skip("no machine code here (another platform, FPRIME_NOJIT=1, or executable memory refused): nothing to compare")
	}
	cases := []struct {
		src        string
		x0         []float64
		step, eps  float64
		bound      float64
		updates    int
		wantPassed int // updates the loop must make, or -1
	}{
		{"x^2 + 1e-3 y^2 + 1e8 z^2 + x y z", []float64{1.1, -2.3, 0.7e-4}, -1e-9, 0, 1e100, 40, 40},
		{"x^2 + 1e-3 y^2 + 1e8 z^2 + x y z + 3w^4 + v^2/7", []float64{1.1, -2.3, 0.7e-4, 0.3, 1e3}, -1e-9, 0, 1e100, 40, 40},
		{"(1 - x)^2 + 100(y - x^2)^2", []float64{-1.2, 1}, -1e-4, 1e-300, 1e100, 256, 256},
		{"9x^2 - 72x", []float64{5}, -0.2, 0, 1e100, 400, -1},
		// x' = 0 + 1e100 exactly: within the bound, so the update is made
		{"-(10^100)x", []float64{0}, -1, 0, 1e100, 10, 1},
		{"x^4 + y", []float64{3, 1}, -0.1, 0, 1e300, 50, -1},
	}
	for _, c := range cases {
		e := mustParseT(t, c.src)
		vars := symbolic.Symbols(e)
		grad, err := symbolic.Gradient(context.Background(), e, vars)
		if err != nil {
			t.Fatal(err)
		}
		p, err := symbolic.CompileAll(append([]symbolic.Expr{e}, grad...), vars...)
		if err != nil {
			t.Fatal(err)
		}
		loop := p.Descender(c.bound)
		if loop == nil {
			t.Fatalf("%s: no loop", c.src)
		}
		q := symbolic.Interpreted(p)
		type state struct {
			x, g, ups []float64
			f         float64
			k         int
		}
		start := func() *state {
			s := &state{x: append([]float64(nil), c.x0...), g: make([]float64, len(vars)), ups: make([]float64, 4*c.updates)}
			if s.f, err = q.EvalSplit(s.x, s.g); err != nil {
				t.Fatal(err)
			}
			return s
		}
		got, want := start(), start()
		got.k = loop(got.x, got.g, &got.f, c.step, c.eps, got.ups)
		want.k = descendModel(q, c.bound, want.x, want.g, &want.f, c.step, c.eps, want.ups)
		bits := func(s *state) string {
			var b []uint64
			for _, v := range append(append(append(append([]float64(nil), s.x...), s.g...), s.f), s.ups[:4*s.k]...) {
				b = append(b, math.Float64bits(v))
			}
			return fmt.Sprintf("%d updates, %x", s.k, b)
		}
		if g, w := bits(got), bits(want); g != w {
			t.Errorf("%s:\nmachine code %s\nGo           %s", c.src, g, w)
		}
		if c.wantPassed >= 0 && got.k != c.wantPassed {
			t.Errorf("%s: %d updates, want %d", c.src, got.k, c.wantPassed)
		}
	}
}
