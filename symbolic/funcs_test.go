package symbolic_test

import (
	"math"
	"strings"
	"testing"

	"github.com/fprime/fprime/symbolic"
)

// TestFuncTable walks the table of built-in functions: a row missing a part
// fails, and each row's derivative agrees with a difference quotient of its
// own value at a point of its domain.
func TestFuncTable(t *testing.T) {
	// Points in each domain, on both sides of 0 where it has both: the
	// derivatives of asec and acsc hold |u|.
	at := map[string][]float64{"acosh": {1.7}, "asin": {0.3, -0.4}, "acos": {0.3, -0.4}, "atanh": {0.3, -0.4},
		"asec": {1.7, -2.5}, "acsc": {1.7, -2.5}, "acoth": {1.7, -2.5}, "asech": {0.3}, "ln": {0.7}}
	for _, f := range symbolic.Funcs() {
		switch {
		case f.Name == "" || f.Float == nil || f.Deriv == nil || f.LaTeX == nil:
			t.Errorf("row %q lacks its name, value, derivative or LaTeX", f.Name)
			continue
		case f.Rule == "" || f.Domain == "":
			t.Errorf("row %q lacks its rule's name or its domain", f.Name)
		}
		if b, ok := symbolic.LookupBuiltin(f.Name); !ok || b.Help == "" {
			t.Errorf("row %q is not a builtin with help", f.Name)
		}
		if !strings.Contains(f.LaTeX("u"), "u") {
			t.Errorf("row %q: LaTeX %q drops its argument", f.Name, f.LaTeX("u"))
		}
		xs, ok := at[f.Name]
		if !ok {
			xs = []float64{0.7, -1.3}
		}
		p, err := symbolic.Compile(f.Deriv(symbolic.Sym("u")), "u")
		if err != nil {
			t.Errorf("row %q: %v", f.Name, err)
			continue
		}
		for _, x := range xs {
			got, err := p.Eval(x)
			if err != nil {
				t.Errorf("row %q: f'(%v): %v", f.Name, x, err)
				continue
			}
			const h = 1e-5
			want := (f.Float(x+h) - f.Float(x-h)) / (2 * h)
			if math.Abs(got-want) > 1e-6*(1+math.Abs(want)) {
				t.Errorf("row %q: f'(%v) = %v, but the difference quotient is %v", f.Name, x, got, want)
			}
		}
	}
	for _, name := range symbolic.BuiltinNames() {
		b, _ := symbolic.LookupBuiltin(name)
		args := make([]symbolic.Expr, b.MinArgs)
		for i := range args {
			args[i] = symbolic.Sym("x")
		}
		if _, err := b.Apply(args...); err != nil {
			t.Errorf("%s(%d args): %v", name, b.MinArgs, err)
		}
		if _, err := b.Apply(); err == nil {
			t.Errorf("%s() with no argument was accepted", name)
		}
	}
}
