package session

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/fprime/fprime/optimize"
	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// TestMachineDescent runs descent with the machine-code loop
// (Problem.Descent) and through the compiled function alone, and wants the
// same run, bit for bit: status, point, value, gradient, iterations, cause
// and diagnosis. The cases converge, run out of iterations at and around
// the loop's batches of 256, diverge past the bound or to a value that is
// not finite, leave a domain, maximize, and have enough variables to keep
// the gradient, and x, in memory instead of registers.
func TestMachineDescent(t *testing.T) {
	if !symbolic.MachineCodeHere() {
		t.Skip("no machine code here (another platform, FPRIME_NOJIT=1, or executable memory refused): nothing to compare")
	}
	many := func(n int) string {
		var params, terms []string
		for i := 1; i <= n; i++ {
			params = append(params, fmt.Sprintf("x%d", i))
			terms = append(terms, fmt.Sprintf("%d(x%d - %d)^2", i, i, i%3))
		}
		return fmt.Sprintf("h(%s) = %s + x1 x%d", strings.Join(params, ", "), strings.Join(terms, " + "), n)
	}
	cases := []struct {
		def      string
		x0       []float64
		eta, eps float64
		maxIter  int
		max      bool
	}{
		{"f(x) = 9x^2 - 72x", []float64{5}, 0.1, 1e-4, 10000, false},
		{"f(x) = 9x^2 - 72x", []float64{5}, 0.2, 1e-4, 10000, false},  // diverges past 1e100
		{"f(x) = 9x^2 - 72x", []float64{5}, 0.12, 1e-4, 300, false},   // oscillates
		{"f(x) = 9x^2 - 72x", []float64{5}, 1e-3, 1e-12, 255, false},  // slow
		{"f(x) = 9x^2 - 72x", []float64{5}, 1e-3, 1e-12, 256, false},  // one batch
		{"f(x) = 9x^2 - 72x", []float64{5}, 1e-3, 1e-12, 257, false},  // and one more
		{"f(x) = 9x^2 - 72x", []float64{5}, 1e-3, 1e-12, 1000, false}, // several
		{"f(x) = 9x^2 - 72x", []float64{4}, 0.1, 1e-4, 100, false},    // x0 is the minimum
		{"f(x) = 9x^2 - 72x", []float64{5}, 0.1, 1e-4, 0, false},
		{"f(x) = -x^2 + 3x", []float64{0}, 0.1, 1e-10, 1000, true},
		{"f(x) = x^4", []float64{3}, 0.1, 1e-6, 10000, false},       // overflows to Inf
		{"f(x) = x^3/3 - x", []float64{-2}, 0.3, 1e-8, 500, false},  // runs off to -Inf
		{"f(x) = sqrt(x) + x", []float64{1}, 0.4, 1e-8, 500, false}, // leaves sqrt's domain
		{"f(x) = 1/x + x^2", []float64{0.05}, 1e-4, 1e-8, 500, false},
		{"r(x, y) = (1 - x)^2 + 100(y - x^2)^2", []float64{-1.2, 1}, 1e-4, 1e-6, 3000, false},
		{"r(x, y) = (1 - x)^2 + 100(y - x^2)^2", []float64{-1.2, 1}, 1e-2, 1e-6, 3000, false},
		{"g(x, y) = (x^2 + y - 7)^2 + (x - y + 1)^2", []float64{0, 0}, 0.01, 1e-4, 10000, false},
		{"g(x, y) = (x^2 + y - 7)^2 + (x - y + 1)^2", []float64{-3, -3}, 0.015, 1e-4, 10000, false},
		{"q(x, y, z, w) = x^2 + 2y^2 + 3z^2 + 4w^2 + x w - y z", []float64{1, 2, 3, 4}, 0.05, 1e-9, 10000, false},
		{many(5), []float64{1}, 0.01, 1e-7, 10000, false},
		{many(16), []float64{2}, 0.002, 1e-7, 20000, false},
		{many(16), []float64{2}, 0.2, 1e-7, 20000, false},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%s x0=%v eta=%v maxiter=%d", c.def, c.x0, c.eta, c.maxIter)
		comp, err := compileDef(c.def)
		if err != nil {
			t.Fatal(err)
		}
		p := comp.problem()
		if p.Descent == nil {
			t.Fatalf("%s: no machine-code loop, so nothing is compared", name)
		}
		x0 := c.x0
		for len(x0) < comp.n {
			x0 = append(x0, c.x0[0])
		}
		set := &optimize.Settings{Eta: c.eta, Eps: c.eps, MaxIter: c.maxIter}
		run := optimize.Minimize
		if c.max {
			run = optimize.Maximize
		}
		fast, err := run(context.Background(), p, x0, set, nil)
		if err != nil {
			t.Fatal(err)
		}
		p.Descent = nil
		slow, err := run(context.Background(), p, x0, set, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := runText(fast), runText(slow); got != want {
			t.Errorf("%s:\nwith the loop  %s\nwithout it     %s", name, got, want)
		}
	}
}

// TestMachineDescentInterrupted: a cancelled context stops the loop in
// machine code as it stops the loop in Go, between batches of updates.
func TestMachineDescentInterrupted(t *testing.T) {
	comp, err := compileDef("r(x, y) = (1 - x)^2 + 100(y - x^2)^2")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	set := &optimize.Settings{Eta: 1e-4, Eps: 1e-300, MaxIter: math.MaxInt}
	r, err := optimize.Minimize(ctx, comp.problem(), []float64{-1.2, 1}, set, nil)
	if err != nil || r.Status != optimize.Interrupted || r.Iterations == 0 {
		t.Fatalf("got %v after %d iterations, %v; want interrupted after some", r.Status, r.Iterations, err)
	}
}

// FuzzMachineDescent compares the two loops, as TestMachineDescent does,
// on any function of x and y that fprime reads, from any point and step.
func FuzzMachineDescent(f *testing.F) {
	for _, s := range []string{"(1 - x)^2 + 100(y - x^2)^2", "(x^2 + y - 7)^2 + (x - y + 1)^2", "x^4 + y^4",
		"sqrt(x) + y^2", "1/x + 1/y", "x^3 - 3x y^2", "(x y - 1)^2", "x^2/(1 + y^2)", "9x^2 - 72x"} {
		f.Add(s, 0.5, -1.5, 0.01, uint16(300))
	}
	if !symbolic.MachineCodeHere() {
		f.Skip("no machine code here (another platform, FPRIME_NOJIT=1, or executable memory refused): nothing to compare")
	}
	f.Fuzz(func(t *testing.T, body string, x0, y0, eta float64, maxIter uint16) {
		if !(eta > 0) || math.IsInf(eta, 0) {
			return
		}
		comp, err := compileDef("fz(x, y) = " + body)
		if err != nil {
			return
		}
		p := comp.problem()
		set := &optimize.Settings{Eta: eta, Eps: 1e-9, MaxIter: int(maxIter)}
		fast, err := optimize.Minimize(context.Background(), p, []float64{x0, y0}, set, nil)
		if err != nil {
			return
		}
		p.Descent = nil
		slow, err := optimize.Minimize(context.Background(), p, []float64{x0, y0}, set, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := runText(fast), runText(slow); got != want {
			t.Errorf("%s from (%v, %v), eta=%v:\nwith the loop  %s\nwithout it     %s", body, x0, y0, eta, got, want)
		}
	})
}

// compileDef defines a function in a new session and compiles it as min
// does, with its gradient and Hessian.
func compileDef(def string) (*compiled, error) {
	s := New()
	if _, err := s.Run(context.Background(), parser.Chunk{Text: def, Line: 1, Col: 1}); err != nil {
		return nil, err
	}
	return s.compile(context.Background(), parser.Pos{}, s.funcs[def[:strings.IndexByte(def, '(')]])
}

// runText prints every field of a result, floats by their bits.
func runText(r *optimize.Result) string {
	bits := func(v []float64) []uint64 {
		var b []uint64
		for _, x := range v {
			b = append(b, math.Float64bits(x))
		}
		return b
	}
	return fmt.Sprintf("%v after %d: x %x f %x grad %x cause %v diagnosis %+v",
		r.Status, r.Iterations, bits(r.X), math.Float64bits(r.F), bits(r.Grad), r.Cause, r.Diagnosis)
}

// TestX0SizeErrorAt: an x0 of the wrong size is shown where it is written,
// or at the statement where it came from set.
func TestX0SizeErrorAt(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"f(x) = x; min f x0=(1, 2)", "1:17: x0 has 2 values but f has one variable: give one, as in x0=1"},
		{"g(x, y) = x y; min g eta=0.1 x0=(1, 2, 3)", "1:30: x0 has 3 values but g has 2 variables: give x0=(a, b)"},
		{"f(x) = x; set x0=(1, 2); min f", "1:26: x0 has 2 values but f has one variable: give one, as in x0=1"},
	} {
		if err := runErr(t, New(), c.src); err == nil || err.Error() != c.want {
			t.Errorf("%s: %v, want %s", c.src, err, c.want)
		}
	}
}
