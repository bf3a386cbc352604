package symbolic_test

import (
	"context"
	"errors"
	"testing"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// The benchmarks of the core, each beside its baseline so that a run states
// ratios: compare BenchmarkRosenbrockGradient/compiled (machine code where
// there is some) and /interpreted with /handwritten.

func mustParse(b testing.TB, s string) symbolic.Expr {
	b.Helper()
	e, err := parser.ParseExpr(s)
	if err != nil {
		b.Fatal(err)
	}
	return e
}

var sink float64

func BenchmarkRosenbrockGradient(b *testing.B) {
	f := mustParse(b, "(1 - x)^2 + 100(y - x^2)^2")
	grad, err := symbolic.Gradient(context.Background(), f, []string{"x", "y"})
	if err != nil {
		b.Fatal(err)
	}
	p, err := symbolic.CompileAll(grad, "x", "y")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("compiled", func(b *testing.B) { benchEvalAll(b, p) })
	b.Run("interpreted", func(b *testing.B) { benchEvalAll(b, symbolic.Interpreted(p)) })
	b.Run("handwritten", func(b *testing.B) {
		x, y := -1.2, 1.0
		var gx, gy float64
		for i := 0; i < b.N; i++ {
			x += 1e-9
			gx, gy = rosenbrockGrad(x, y)
		}
		sink = gx + gy
	})
}

// benchEvalAll evaluates p b.N times at points that move, as a descent's do.
func benchEvalAll(b *testing.B, p *symbolic.Program) {
	in, out := []float64{-1.2, 1}, make([]float64, 2)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		in[0] += 1e-9
		if err := p.EvalAll(in, out); err != nil {
			b.Fatal(err)
		}
	}
	sink = out[0] + out[1]
}

//go:noinline
func rosenbrockGrad(x, y float64) (float64, float64) {
	t := y - x*x
	return -2*(1-x) - 400*x*t, 200 * t
}

// BenchmarkDiff8 is the 8th derivative of x^3 sin(x) e^x/(1 + x^2).
func BenchmarkDiff8(b *testing.B) {
	f := mustParse(b, "x^3 sin(x) e^x/(1 + x^2)")
	for i := 0; i < b.N; i++ {
		if _, err := symbolic.Diff(context.Background(), f, "x", 8); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDiffCorpus is the 1st, 2nd and 3rd derivative of every line of
// the oracle's corpus (testdata/corpus.txt), simplified as Diff returns
// them: the rewrites of Mul and Simplify over many shapes at once.
func BenchmarkDiffCorpus(b *testing.B) {
	var fs []symbolic.Expr
	for _, l := range readCorpus(b) {
		fs = append(fs, mustParse(b, l.src))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range fs {
			for n := 1; n <= 3; n++ {
				if _, err := symbolic.Diff(context.Background(), f, "x", n); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

func asError[T error](err error, target *T) bool { return errors.As(err, target) }

// BenchmarkCompileEval is a one-shot statement: compile an expression and
// evaluate it once, f'(4) for f(x) = 9x^2 - 72x (/small) and the 3rd
// derivative of x^3 sin(x) e^x/(1 + x^2) (/large). /oneshot is what Compile
// does now (interpreted until a program has run long enough to pay for
// machine code); /translated translates at once and checks the
// translation, as MachineCode does (every Compile translated before,
// unchecked).
func BenchmarkCompileEval(b *testing.B) {
	large, err := symbolic.Diff(context.Background(), mustParse(b, "x^3 sin(x) e^x/(1 + x^2)"), "x", 3)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		e    symbolic.Expr
	}{{"small", mustParse(b, "18x - 72")}, {"large", large}} {
		for _, translate := range []bool{false, true} {
			name := c.name + "/oneshot"
			if translate {
				name = c.name + "/translated"
			}
			b.Run(name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					p, err := symbolic.Compile(c.e, "x")
					if err != nil {
						b.Fatal(err)
					}
					if translate {
						p.MachineCode()
					}
					if sink, err = p.Eval(4); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkEvalPrecise: the constants that floats cannot tell, worked out at
// 256 and 384 bits, beside BenchmarkEvalPreciseFloats, the same in float64
// (compile and evaluate), the cost it replaces where it is asked.
func BenchmarkEvalPrecise(b *testing.B) {
	es := preciseBenchExprs(b)
	for b.Loop() {
		for _, e := range es {
			if _, err := symbolic.EvalPrecise(e); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkEvalPreciseFloats(b *testing.B) {
	es := preciseBenchExprs(b)
	for b.Loop() {
		for _, e := range es {
			p, err := symbolic.Compile(e)
			if err != nil {
				b.Fatal(err)
			}
			p.Eval()
		}
	}
}

func preciseBenchExprs(b *testing.B) []symbolic.Expr {
	var es []symbolic.Expr
	for _, src := range []string{"sin(1e23)", "(1 - cos(1e-8))/1e-16", "cosh(20)^2 - sinh(20)^2", "exp(pi sqrt(163)) - 640320^3 - 744", "atan(1/2) + atan(1/3) - pi/4"} {
		e, err := parser.ParseExpr(src)
		if err != nil {
			b.Fatal(err)
		}
		es = append(es, e)
	}
	return es
}
