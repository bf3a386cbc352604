package render

import (
	"math"
	"strings"
	"testing"

	"github.com/fprime/fprime/cmd/fprime/internal/session"
	"github.com/fprime/fprime/optimize"
	"github.com/fprime/fprime/symbolic"
)

// TestUnstableNearX: what a run that keeps circling is told, from its
// diagnosis alone.
func TestUnstableNearX(t *testing.T) {
	run := func(eta float64, smooth bool, g optimize.Diagnosis) string {
		d := session.Descent{Name: "f", Params: []string{"x"}, Eta: eta, Smooth: smooth,
			Result: &optimize.Result{X: []float64{1.14}, Grad: []float64{1.36}, Diagnosis: g}}
		return strings.Join(unstableNearX(d, "f'"), "\n")
	}
	for _, c := range []struct {
		name     string
		eta      float64
		smooth   bool
		g        optimize.Diagnosis
		want     string
		dontWant string
	}{
		{"circles a minimum, eta too large there", 0.3, true,
			optimize.Diagnosis{Circled: []float64{1}, CircledEigenvalues: []float64{8}, Eigenvalues: []float64{11.6}},
			"the run circles x = 1, a minimum of f, where eta must stay below 2/|f''| ≈ 0.25", ""},
		{"circles a minimum, eta just below its bound, shrinking", 0.249, true,
			optimize.Diagnosis{Circled: []float64{1}, CircledEigenvalues: []float64{8}, Eigenvalues: []float64{11.6}, OscillationFactor: 0.999},
			"where eta is just below 2/|f''| ≈ 0.25: it settles there, slowly; eta=0.1 would settle faster", "must stay below"},
		{"circles a minimum, eta just below its bound, not shrinking", 0.249, true,
			optimize.Diagnosis{Circled: []float64{1}, CircledEigenvalues: []float64{8}, Eigenvalues: []float64{11.6}, OscillationFactor: 1},
			"eta is below 2/|f''| ≈ 0.25 there, but the cycle is too wide for that bound to hold", "settles there"},
		{"circles a point that is no minimum", 0.3, true,
			optimize.Diagnosis{Circled: []float64{0}, CircledEigenvalues: []float64{-4}, Eigenvalues: []float64{11.6}},
			"where f'' = -4 there; f has no minimum there for any eta to settle on", "eta must stay below"},
		{"f'' is 0 within rounding where it circles: no word of it", 0.3, true,
			optimize.Diagnosis{Circled: []float64{1}, CircledEigenvalues: []float64{1e-9}, Eigenvalues: []float64{11.6}},
			"near x*, eta must stay below", "circles"},
		{"eta is stable where it circles: x* says it", 0.2, true,
			optimize.Diagnosis{Circled: []float64{1}, CircledEigenvalues: []float64{8}, Eigenvalues: []float64{11.6}, StableEta: 10},
			"near x*, eta must stay below 2/|f''(x*)| ≈ 0.1724", "circles"},
		{"curvature grown tenfold, smooth f", 0.2, true,
			optimize.Diagnosis{Eigenvalues: []float64{11.6}, StableEta: 10},
			"near x*", "may not be smooth"},
		{"curvature grown tenfold, f with corners", 0.2, false,
			optimize.Diagnosis{Eigenvalues: []float64{11.6}, StableEta: 10},
			"may not be smooth at its minimum (a corner, or a cone's tip), where no fixed eta settles", "try eta"},
		{"f curves down at x*: no bound there", 3, true,
			optimize.Diagnosis{Eigenvalues: []float64{-0.919}, StableEta: 101.4, OscillationFactor: 1},
			"and at x* f curves the other way", "must stay below"},
		{"f curves down at x0: no growth of curvature to speak of", 0.2, false,
			optimize.Diagnosis{Eigenvalues: []float64{11.6}, StableEta: math.Inf(1)},
			"near x*, eta must stay below", "tenfold"},
		{"no bound at x0, f curves down at x*", 3, true,
			optimize.Diagnosis{Eigenvalues: []float64{-0.919}, StableEta: math.Inf(1), OscillationFactor: 1},
			"though the curvature at x0 sets no bound on eta, and at x* f curves the other way", "≈ +Inf"},
		{"no bound at x0, a bound at x* that eta meets", 0.2, true,
			optimize.Diagnosis{Eigenvalues: []float64{4}, StableEta: math.Inf(1), OscillationFactor: 1},
			"though the curvature at x0 sets no bound on eta, and eta is stable at x* (below ≈ 0.5)", "≈ +Inf"},
		{"no bound anywhere", 0.2, false,
			optimize.Diagnosis{Eigenvalues: []float64{0, 0}, StableEta: math.Inf(1), OscillationFactor: 1},
			"though the curvature sets no bound on eta, at x0 or at x*", ""},
		{"no Hessian at x*", 0.2, false,
			optimize.Diagnosis{StableEta: 10, OscillationFactor: 1},
			"though eta is stable at x0 (below ≈ 10), and at x* the Hessian is undefined", ""},
		{"a cone's tip curves in all directions but one", 0.1, false,
			optimize.Diagnosis{Eigenvalues: []float64{0, 70.3}, StableEta: 2.8},
			"near x*, eta must stay below", ""},
	} {
		if c.g.OscillationFactor == 0 {
			c.g.OscillationFactor = math.NaN()
		}
		got := run(c.eta, c.smooth, c.g)
		if !strings.Contains(got, c.want) || c.dontWant != "" && strings.Contains(got, c.dontWant) {
			t.Errorf("%s: %q, want %q and not %q", c.name, got, c.want, c.dontWant)
		}
	}
}

// TestSlowAboveBoundAtX: a run still shrinking where eta is above the
// bound at x* gets no count of iterations left, for plain gradient descent
// only (momentum is stable up to 2(1+β)/λmax).
func TestSlowAboveBoundAtX(t *testing.T) {
	for _, c := range []struct {
		method, want string
		max          bool
		eig          []float64
		eta          float64
	}{
		{"gd", "but eta=0.002 is above 2/λmax of the Hessian at x* ≈ 0.001997", false, []float64{0.4, 1001.6}, 0.002},
		{"gd", "about 50 more iterations", false, []float64{0.4, 1001.6}, 0.0019},
		{"momentum", "about 50 more iterations", false, []float64{0.4, 1001.6}, 0.002},
		{"gd", "about 50 more iterations", false, []float64{-1001.6, 0.4}, 0.002},
		{"gd", "but eta=0.002 is above", true, []float64{-1001.6, -0.4}, 0.002},
		{"gd", "still ascending", true, []float64{-1001.6, -0.4}, 0.0019},
		{"gd", "still descending", false, []float64{0.4, 1001.6}, 0.0019},
	} {
		g := optimize.Diagnosis{Slow: true, MoreIterations: 50, GradMax: 1e-4, Eigenvalues: c.eig, StableEta: 0.05}
		d := session.Descent{Name: "r", Params: []string{"x", "y"}, Method: c.method, Eta: c.eta, Max: c.max,
			Result: &optimize.Result{Status: optimize.NotConverged, Iterations: 10000, X: []float64{1, 1}, Grad: []float64{1e-4, 1e-4}, Diagnosis: g}}
		if got := strings.Join(explain(d), "\n"); !strings.Contains(got, c.want) {
			t.Errorf("%s at eta=%v, eigenvalues %v: %q, want %q", c.method, c.eta, c.eig, got, c.want)
		}
	}
}

// TestOverflowIsNoDomainError: a run that overflowed left no region where
// f is defined: x^6 has a value at 1e60, too large for a float64.
func TestOverflowIsNoDomainError(t *testing.T) {
	p, err := symbolic.Compile(symbolic.Pow(symbolic.Sym("x"), symbolic.Int(6)), "x")
	if err != nil {
		t.Fatal(err)
	}
	_, overflow := p.Eval(1e60)
	_, domain := symbolic.Compile(symbolic.Apply(symbolic.LookupFunc("ln"), symbolic.Sym("x")), "x")
	if overflow == nil || domain != nil {
		t.Fatalf("x^6 at 1e60: %v; ln: %v", overflow, domain)
	}
	d := session.Descent{Name: "f", Params: []string{"x"}, Eta: 0.01, Method: "momentum",
		Result: &optimize.Result{Status: optimize.Diverged, Iterations: 5, Cause: overflow, Diagnosis: optimize.Diagnosis{StableEta: 1, RunawayFrom: -1}}}
	if got := strings.Join(explain(d), "\n"); strings.Contains(got, "left the region") || !strings.Contains(got, "overflows") {
		t.Errorf("overflow: %q", got)
	}
}

// TestNewtonDivergedAdvice: Newton's method steps by f'/f”, whatever eta:
// a run of it that diverged gets no eta advice, and one that passed 1e100
// is said to, though its last finite iterate is within it.
func TestNewtonDivergedAdvice(t *testing.T) {
	d := session.Descent{Name: "f", Params: []string{"x"}, Method: "newton", Eta: 0.1,
		Result: &optimize.Result{Status: optimize.Diverged, Iterations: 5, PastBound: true, X: []float64{-4e33}, Grad: []float64{-1},
			Diagnosis: optimize.Diagnosis{StableEta: 63.2, RunawayFrom: -1}}}
	got := strings.Join(explain(d), "\n")
	if !strings.Contains(got, "x ran past 1e100") || !strings.Contains(got, "Newton's method steps by f'/f''") || strings.Contains(got, "smaller eta") {
		t.Errorf("%q", got)
	}
}
