package session

import (
	"context"
	"math"
	"testing"

	"github.com/fprime/fprime/optimize"
	"github.com/fprime/fprime/parser"
)

// TestCorner: a run of one variable that circles a jump of f' names the
// corner, its kind and f there; a run that oscillates for too large an
// eta names none.
func TestCorner(t *testing.T) {
	for _, c := range []struct {
		def, run    string
		x, f        float64
		left, right float64
		kind        optimize.PointKind
	}{
		{"f(x) = |x - 1|", "min f x0=3", 1, 0, -1, 1, optimize.Minimum},
		{"f(x) = |x - 1| + x/2", "min f x0=3", 1, 0.5, -0.5, 1.5, optimize.Minimum},
		{"f(x) = 2 - |x + 2|", "max f x0=3", -2, 2, 1, -1, optimize.Maximum},
		{"f(x) = |x^2 - 4|", "min f x0=3 eta=0.01", 2, 0, -3.9999999999999996, 4.000000000000001, optimize.Minimum},
	} {
		s := New()
		run(t, s, c.def)
		d := run(t, s, c.run).(Descent)
		k := d.Corner
		if k == nil {
			t.Errorf("%s; %s: no corner (%v)", c.def, c.run, d.Result.Status)
			continue
		}
		if k.X != c.x || k.F != c.f || k.Kind != c.kind || k.Left != c.left || k.Right != c.right {
			t.Errorf("%s; %s: corner %+v, want x = %v, f = %v, slopes %v, %v, %v", c.def, c.run, *k, c.x, c.f, c.left, c.right, c.kind)
		}
	}
	for _, c := range []struct{ def, run string }{
		{"f(x) = x^2", "min f x0=1 eta=1"}, // oscillates, smooth
		{"f(x) = x^2", "min f x0=1"},       // converges
		{"g(x, y) = |x| + |y|", "min g x0=(1, 2)"},
		{"f(x) = sqrt(x^2 + 1e-12)", "min f x0=1"}, // steep, but no jump
	} {
		s := New()
		run(t, s, c.def)
		if d := run(t, s, c.run).(Descent); d.Corner != nil {
			t.Errorf("%s; %s: corner %+v", c.def, c.run, *d.Corner)
		}
	}
}

// TestCornerNotSteep: a sign change of f' that is steep but continuous, so
// that f' is tiny on both sides of it, is no corner.
func TestCornerNotSteep(t *testing.T) {
	s := New()
	run(t, s, "f(x) = |x|^3 + x/1e9") // f' = 0 at x = -1.8e-5, smoothly
	c, err := s.compile(context.Background(), parser.Pos{}, s.funcs["f"])
	if err != nil {
		t.Fatal(err)
	}
	f := func(x float64) (float64, error) { return math.Abs(x*x*x) + x/1e9, nil }
	if k := findCorner(c, f, -0.001, 330); k != nil { // one step crosses it
		t.Errorf("a corner %+v", *k)
	}
	// The same search finds the jump of |x + 1|.
	run(t, s, "g(x) = |x + 1|")
	if c, err = s.compile(context.Background(), parser.Pos{}, s.funcs["g"]); err != nil {
		t.Fatal(err)
	}
	g := func(x float64) (float64, error) { return math.Abs(x + 1), nil }
	if k := findCorner(c, g, -0.9, 0.5); k == nil || k.X != -1 {
		t.Errorf("|x + 1|: corner %v", k)
	}
}
