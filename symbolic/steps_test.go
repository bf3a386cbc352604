package symbolic_test

import (
	"context"
	"math"
	"testing"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// TestStepsOverCorpus: over the derivative corpus, every step's two sides
// print in a form that parses back, the step's result is the derivative
// of its operand (against a central difference of the operand, at points
// where both are defined), and the steps end in what Diff gives.
func TestStepsOverCorpus(t *testing.T) {
	ctx := context.Background()
	lines, steps, compared := 0, 0, 0
	for _, line := range readCorpus(t) {
		e, err := parser.ParseExpr(line.src)
		if err != nil {
			continue
		}
		ss, r, err := symbolic.Steps(ctx, e, "x")
		if err != nil {
			continue // too large to differentiate: Diff says so too
		}
		lines++
		d, err := symbolic.Diff(ctx, e, "x", 1)
		if err != nil || d.String() != r.String() {
			t.Errorf("line %d %s: steps end in %v, Diff gives %v (%v)", line.line, line.src, r, d, err)
		}
		for _, s := range ss {
			steps++
			of, err1 := parser.ParseExpr(s.Of.String())
			res, err2 := parser.ParseExpr(s.Result.String())
			if err1 != nil || err2 != nil || s.Rule == "" {
				t.Errorf("line %d: step %v = %v (%s) does not read back: %v, %v", line.line, s.Of, s.Result, s.Rule, err1, err2)
				continue
			}
			pf, err1 := symbolic.Compile(of, "x")
			pd, err2 := symbolic.Compile(res, "x")
			if err1 != nil || err2 != nil {
				continue // names other than x: the corpus has none, but a step may hold a constant's name
			}
			for _, x := range []float64{0.37, 1.3, -0.71, 2.2} {
				want, errEst, ok := richardson(evaluator(pf), x, 1e-3, 1)
				got, err := pd.Eval(x)
				if !ok || err != nil {
					continue
				}
				compared++
				if math.Abs(got-want) > 1e-6*math.Max(1, math.Abs(want))+10*errEst {
					t.Errorf("line %d: d/dx %v = %v (%s), but at %v the difference quotient is %v, the step gives %v", line.line, s.Of, s.Result, s.Rule, x, want, got)
					break
				}
			}
		}
	}
	if lines < 400 || steps < 1300 || compared < 4000 {
		t.Errorf("only %d lines, %d steps, %d comparisons", lines, steps, compared)
	}
	t.Logf("%d lines, %d steps, %d comparisons", lines, steps, compared)
}

// TestStepRules: the rule each step names, as a book names it.
func TestStepRules(t *testing.T) {
	cases := []struct{ in, rules string }{
		{"x^2 + 5sin(x)", "sum rule; power rule; constant multiple rule; sine rule"},
		{"x^2 - x", "sum and difference rule; power rule; constant multiple rule"},
		{"x sin(x)", "product rule; sine rule"},
		{"sin(x)/x", "quotient rule; sine rule"},
		{"(x^2 + 1)/(x - 3)", "quotient rule; sum rule; power rule; sum and difference rule"},
		{"3x/sqrt(x + 1)", "quotient rule, (u/b^k)' = (u'b - k u b')/b^(k+1); constant multiple rule; power rule and the chain rule; sum rule"},
		{"x/(x + 1)^2", "quotient rule, (u/b^k)' = (u'b - k u b')/b^(k+1); power rule and the chain rule; sum rule"},
		// A number over a function is a power of it, a product of
		// powers the product rule's: no numerator to differentiate.
		{"1/(x + 1)", "power rule and the chain rule; sum rule"},
		{"1/(x sin(x))", "product rule; power rule; power rule and the chain rule; sine rule"},
		{"x e^(-x)", "product rule; exponential rule and the chain rule; constant multiple rule"},
		// A derivative worked out before is referred to, not repeated.
		{"x e^x + e^x", "sum rule; product rule; exponential rule; as above"},
		{"(x^2 - 1)/(x^2 + 1)", "quotient rule; sum and difference rule; power rule; sum rule; as above"},
		{"sin(x^2)", "sine rule and the chain rule; power rule"},
		{"e^(3x)", "exponential rule and the chain rule; constant multiple rule"},
		{"2^x", "exponential rule"},
		{"x^x", "general power rule, (u^v)' = u^v(v' ln(u) + v u'/u)"},
		{"ln(x)", "logarithm rule"},
		{"a x^2", "constant multiple rule; power rule"},
		// The constant of a constant multiple is taken out, not
		// differentiated: no step says its derivative is 0.
		{"ln(x)/ln(10)", "constant multiple rule; logarithm rule"},
		{"x^2 sin(y)", "constant multiple rule; power rule"},
		{"sin(y) x", "constant multiple rule"},
		{"x^2 + sin(y)", "sum rule; power rule; constant rule: no x in it"},
		// A derivation of a number or of x alone has its one step.
		{"7", "constant rule: no x in it"},
		{"pi", "constant rule: no x in it"},
		{"y", "constant rule: no x in it"},
		{"x", "power rule"},
	}
	for _, c := range cases {
		e, _ := parser.ParseExpr(c.in)
		ss, _, err := symbolic.Steps(context.Background(), e, "x")
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for i, s := range ss {
			if i > 0 {
				got += "; "
			}
			got += s.Rule
		}
		if got != c.rules {
			t.Errorf("%s: %s\n  want %s", c.in, got, c.rules)
		}
	}
}
