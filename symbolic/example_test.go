package symbolic_test

import (
	"context"
	"fmt"

	"github.com/fprime/fprime/symbolic"
)

func Example() {
	x := symbolic.Sym("x")
	// 9x^2 - 72x, built with the constructors, which simplify as they go.
	f := symbolic.Sub(symbolic.Mul(symbolic.Int(9), symbolic.Pow(x, symbolic.Int(2))), symbolic.Mul(symbolic.Int(72), x))
	d, _ := symbolic.Derivative(f, "x")
	fmt.Println(f)
	fmt.Println(d)
	// Output:
	// 9x^2 - 72x
	// 18x - 72
}

func ExampleDiff() {
	x := symbolic.Sym("x")
	f := symbolic.Mul(x, symbolic.Apply(symbolic.LookupFunc("sin"), x))
	d2, _ := symbolic.Diff(context.Background(), f, "x", 2)
	fmt.Println(d2)
	// Output: 2cos(x) - x sin(x)
}

func ExampleCompile() {
	x := symbolic.Sym("x")
	p, _ := symbolic.Compile(symbolic.Apply(symbolic.LookupFunc("ln"), x), "x")
	v, _ := p.Eval(1)
	fmt.Println(v)
	_, err := p.Eval(-1)
	fmt.Println(err)
	// Output:
	// 0
	// ln(x) is undefined: ln needs a positive argument, and here it is -1
}

func ExampleGradient() {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	two := symbolic.Int(2)
	// (x^2 + y - 7)^2 + (x - y + 1)^2
	g := symbolic.Add(
		symbolic.Pow(symbolic.Add(symbolic.Pow(x, two), y, symbolic.Int(-7)), two),
		symbolic.Pow(symbolic.Add(x, symbolic.Neg(y), symbolic.Int(1)), two))
	grad, _ := symbolic.Gradient(context.Background(), g, []string{"x", "y"})
	for _, d := range grad {
		fmt.Println(d)
	}
	// Output:
	// 4x(x^2 + y - 7) + 2(x - y + 1)
	// 2(x^2 + y - 7) - 2(x - y + 1)
}

// A value and its gradient from one program, written where an optimizer
// wants them.
func ExampleProgram_EvalSplit() {
	x, y := symbolic.Sym("x"), symbolic.Sym("y")
	two := symbolic.Int(2)
	// (1 - x)^2 + 100(y - x^2)^2, Rosenbrock's function
	f := symbolic.Add(symbolic.Pow(symbolic.Sub(symbolic.Int(1), x), two),
		symbolic.Mul(symbolic.Int(100), symbolic.Pow(symbolic.Sub(y, symbolic.Pow(x, two)), two)))
	grad, _ := symbolic.Gradient(context.Background(), f, []string{"x", "y"})
	p, _ := symbolic.CompileAll(append([]symbolic.Expr{f}, grad...), "x", "y")
	g := make([]float64, 2)
	v, _ := p.EvalSplit([]float64{-1.2, 1}, g)
	fmt.Println(v, g)
	// Output:
	// 24.199999999999996 [-215.6 -87.99999999999999]
}

func ExampleLaTeX() {
	x := symbolic.Sym("x")
	fmt.Println(symbolic.LaTeX(symbolic.Pow(x, symbolic.Frac(-1, 2))))
	// Output: \frac{1}{\sqrt{x}}
}

func ExampleFormat() {
	x := symbolic.Sym("x")
	f := symbolic.Pow(symbolic.E, symbolic.Mul(symbolic.Int(2), x))
	fmt.Println(f)
	fmt.Println(symbolic.Format(f, symbolic.Options{ExpForE: true}))
	// Output:
	// e^(2x)
	// exp(2x)
}
