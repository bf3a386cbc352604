package symbolic_test

import (
	"context"
	"errors"
	"math"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// FuzzDiff differentiates whatever parses: no panic, an error only for a
// derivative that grows too large, a result that prints in a form that
// parses back the same, and a compiled program that evaluates or reports
// an *EvalError, as machine code and interpreted alike.
func FuzzDiff(f *testing.F) {
	for _, s := range []string{"x^x", "x^2 + 5sin(x)", "sqrt(x)/abs(x)", "ln(ln(x))", "0^x", "(x - x)^x",
		"e^(1/x)", "cbrt(x)^x", "x^(1/3)", "atanh(x)^sin(x)", "(1/2)^x", "x^-1^-1", "sin(x)^2 + cos(x)^2"} {
		f.Add(s, uint8(1))
	}
	for _, s := range hiddenDivisions {
		f.Add(s, uint8(0))
	}
	if b, err := os.ReadFile("testdata/corpus.txt"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				f.Add(line, uint8(2))
			}
		}
	}
	f.Fuzz(func(t *testing.T, src string, order uint8) {
		e, err := parser.ParseExpr(src)
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		d, err := symbolic.Diff(ctx, e, "x", int(order%4))
		var tooLarge *symbolic.TooLargeError
		var undefined *symbolic.EvalError // d/dx (-1)^x holds ln(-1)
		if errors.As(err, &tooLarge) || errors.As(err, &undefined) || errors.Is(err, context.DeadlineExceeded) {
			return
		}
		if err != nil {
			t.Fatalf("diff(%s, x, %d): %v", src, order%4, err)
		}
		printed := d.String()
		back, err := parser.ParseExpr(printed)
		if err != nil && strings.Contains(err.Error(), "number") && strings.Contains(err.Error(), "too") {
			return // coefficients worked out exactly may pass the limits on numbers read
		}
		if err != nil {
			t.Fatalf("diff(%s, x, %d) = %s, which does not parse: %v", src, order%4, printed, err)
		}
		if back.String() != printed {
			t.Fatalf("diff(%s, x, %d) = %s, which reads back as %s", src, order%4, printed, back)
		}
		vars := symbolic.Symbols(d)
		p, err := symbolic.Compile(d, vars...)
		if err != nil {
			var ee *symbolic.EvalError
			if !errors.As(err, &ee) {
				t.Fatalf("compile %s: %v", printed, err)
			}
			return
		}
		vals := make([]float64, len(vars))
		for i := range vals {
			vals[i] = 0.7 + float64(i)/3
		}
		if _, err := p.Eval(vals...); err != nil {
			var ee *symbolic.EvalError
			if !errors.As(err, &ee) {
				t.Fatalf("eval %s: %v is not an *EvalError", printed, err)
			}
		}
		p.MachineCode()
		// Where a divisor is zero a value that is not finite may hide
		// (1/(1 + 1/x) at 0), and the machine code must see it.
		for _, vals := range append(symbolic.CheckPoints(p), vals) {
			if d := sameRun(p, vals, 1); d != "" {
				t.Fatalf("%s as machine code: %s", printed, d)
			}
		}
	})
}

// FuzzEvalPrecise works out whatever parses with no variable left, each
// variable given a value: no panic (math/big's NaN included), an answer
// within a few seconds, and the same answer twice.
func FuzzEvalPrecise(f *testing.F) {
	for _, s := range []string{"sin(1e23)", "1/(sqrt(2)sqrt(3) - sqrt(6))", "(1 - cos(1e-8))/1e-16", "exp(pi sqrt(163)) - 640320^3 - 744",
		"cosh(20)^2 - sinh(20)^2", "atanh(sqrt(35)/(sqrt(5)sqrt(7)))", "(exp(1e-60) - 1)1e60", "ln(2exp(-46000))", "sin(10^1230 e)",
		"(10^300)^(2^20)", "tan(pi/2 + 1e-30)", "x/x", "sin(x)/x", "(-8)^(1/3) + x", "exp(x)^x"} {
		f.Add(s, 0.5)
	}
	f.Fuzz(func(t *testing.T, src string, at float64) {
		e, err := parser.ParseExpr(src)
		if err != nil || at != at {
			return
		}
		vals := map[string]symbolic.Expr{}
		for _, v := range symbolic.Symbols(e) {
			vals[v] = symbolic.NewRat(new(big.Rat).SetFloat64(math.Max(-1e300, math.Min(1e300, at))))
		}
		e = symbolic.Substitute(e, vals)
		start := time.Now()
		p1, err1 := symbolic.EvalPrecise(e)
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("%s at %v took %v", src, at, d)
		}
		p2, err2 := symbolic.EvalPrecise(e)
		same := math.Float64bits(p1.Value) == math.Float64bits(p2.Value) && p1.Sign == p2.Sign && p1.Certain == p2.Certain && p1.Zero == p2.Zero
		if !same || (err1 == nil) != (err2 == nil) {
			t.Fatalf("%s at %v: %+v, %v then %+v, %v", src, at, p1, err1, p2, err2)
		}
	})
}
