package parser_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// TestOptionValues: option values are expressions, as people type them.
func TestOptionValues(t *testing.T) {
	env := &parser.Env{Functions: map[string]parser.Function{
		"f": {Params: []string{"x"}, Body: symbolic.Sym("x")},
		"g": {Params: []string{"x", "y"}, Body: symbolic.Sym("x")},
	}}
	cases := []struct{ in, want string }{
		{"min f x0=2pi eta=1/4 eps=10^-10", "x0=[2pi] eta=[1/4] eps=[1e-10]"},
		{"min f x0=-pi/2", "x0=[-pi/2]"},
		{"min f x0=sqrt(2)", "x0=[sqrt(2)]"},
		{"min f x0=sqrt 2 trace", "x0=[sqrt(2)] trace"},
		{"min g x0=(sqrt 2, 1)", "x0=[sqrt(2) 1]"},
		{"min g x0=(1, -2) eta=0.1", "x0=[1 -2] eta=[1/10]"},
		{"min f x0=(1 + 1)*2 maxiter=0", "x0=[4] maxiter=[0]"},
		{"min f x0=(3) eps=1e-4", "x0=[3] eps=[1/10000]"},
		{"min f eta=0.1 eps=1e-4", "eta=[1/10] eps=[1/10000]"},
		{"min f η=2^-3 ε=1e-3", "eta=[1/8] eps=[1/1000]"},
		{"max f x0=e^2 - 1 method=newton", "x0=[e^2 - 1] method=newton"},
		{"set eta=1/20 x0=(1, 2)", "eta=[1/20] x0=[1 2]"},
		{"min f trace x0=-1", "trace x0=[-1]"},
	}
	for _, c := range cases {
		st, err := parser.ParseStatement(context.Background(), parser.Split(c.in, 1)[0], env)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		var opts []parser.Option
		switch st := st.(type) {
		case *parser.Descent:
			opts = st.Options
		case *parser.Set:
			opts = st.Options
		}
		var got []string
		for _, o := range opts {
			switch {
			case o.Word != "":
				got = append(got, o.Name+"="+o.Word)
			case o.Values == nil:
				got = append(got, o.Name)
			default:
				got = append(got, fmt.Sprintf("%s=%v", o.Name, o.Values))
			}
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%s: %s, want %s", c.in, g, c.want)
		}
	}
}

// TestHintsForSlips: common slips get a message that says what to type.
func TestHintsForSlips(t *testing.T) {
	env := &parser.Env{Functions: map[string]parser.Function{"f": {Params: []string{"x"}, Body: symbolic.Sym("x")}}}
	cases := []struct{ in, want string }{
		{"1,5", `1:2: unexpected ",": the decimal point is ".", as in 1.5`},
		{"(1.3, 0.7)", `1:5: unexpected ","`}, // a point, not 1.3.0.7
		{"(1, 7)", `1:3: unexpected ","`},
		{"g = x^2", `1:5: unknown name "x": a constant needs a value; to define a function of x, write g(x) = …`},
		{"e = x^2", `1:5: unknown name "x": a constant needs a value; to define a function of x, write f(x) = …`}, // e(x) = … is refused
		{"g(x, y) = xy", `1:11: unknown name "xy": a run of letters is one name; for the product, write x y`},
		{"grad sin", "1:6: sin is built in: define a function of your own, as f(x) = sin(x), and use f"},
		{"min cos x0=1", "1:5: cos is built in: define a function of your own, as f(x) = cos(x), and use f"},
		{"del a", "1:5: del a"}, // parsed: the statement is positioned at the name
		{"ln A 0", "1:1: ln(0) is undefined: ln needs a positive argument"},
		{"asin 2", "1:1: asin(2) is undefined: asin needs an argument from -1 to 1"},
		{`"-"0`, `1:1: unexpected "\"-\""`}, // a quoted minus is no minus (a FuzzStatement find)
		{`2"3"`, `1:2: unexpected "\"3\""`},
		{"log(1, x)", "1:1: log(1, x) is undefined: the base of a logarithm must be positive and not 1"},
		{"log(-2, x)", "1:1: log(-2, x) is undefined: the base of a logarithm must be positive and not 1"},
		{"(-1)^(1/2)", "1:1: sqrt(-1) is undefined: sqrt needs an argument >= 0, and here it is -1"},
		{"x + (-8)^(1/4)", "1:1: (-8)^(1/4) is undefined: a negative number (-8) to a fractional power"},
		{"diff((-1)^x, x)", "1:1: (-1)^x has no derivative: ln(-1) is undefined: ln needs a positive argument"},
		// An unknown option after a value is named as one, as it is first.
		{"min f foo=2", `1:7: unknown option "foo": the options are x0, eta, eps, maxiter, trace, method and beta (and set digits=)`},
		{"min f x0=1 foo=2", `1:12: unknown option "foo": the options are x0, eta, eps, maxiter, trace, method and beta (and set digits=)`},
		{"set eta=0.1 step=2", `1:13: unknown option "step": the options are x0, eta, eps, maxiter, trace, method and beta (and set digits=)`},
		{"sgn(x)", ""},
		{"f’", ""},
		{"f’’(2)", ""},
	}
	for _, c := range cases {
		st, err := parser.ParseStatement(context.Background(), parser.Split(c.in, 1)[0], env)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if d, ok := st.(*parser.Delete); ok {
			got = fmt.Sprintf("%d:%d: del %s", d.At.Line, d.At.Col, d.Name)
		}
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.in, got, c.want)
		}
	}
}
