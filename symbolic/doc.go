// Package symbolic holds fprime's mathematics: immutable expressions that
// are simplified as they are built, exact derivatives, printing in plain
// notation and LaTeX, and compilation to programs that evaluate fast.
//
// Numbers are exact rationals (0.1 is 1/10); floats appear only when a
// compiled Program is evaluated. On linux/amd64 a Program's arithmetic
// (+, −, ×, ÷, √ and whole powers) runs as SSE2 machine code, with the
// interpreter's bits (internal/amd64, jit_amd64.go), once the program has run long enough
// to pay for the translation or MachineCode asks for it, and Descender gives
// plain gradient descent around it as one loop of machine code; elsewhere,
// with FPRIME_NOJIT=1, and for steps such as sin or e^x, Go's math package
// is called from an interpreter. Each built-in function is one row of a
// table (see Func) that gives its value, derivative, domain and LaTeX.
//
// The smallest use:
//
//	x := symbolic.Sym("x")
//	f := symbolic.Add(symbolic.Pow(x, symbolic.Int(2)), symbolic.Mul(symbolic.Int(5), x))
//	d, _ := symbolic.Derivative(f, "x") // 2x + 5
//	p, _ := symbolic.Compile(d, "x")
//	v, _ := p.Eval(3) // 11
package symbolic
