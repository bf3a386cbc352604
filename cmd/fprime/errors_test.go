package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/fprime/fprime/cmd/fprime/internal/session"
	"github.com/fprime/fprime/parser"
)

// prelude defines what the bad inputs must leave as it was.
const prelude = "f(x) = x^2 + 1\ng(x, y) = x y\na = 3\nh(x) = 1/x\nset eta=0.2"

// badInputs are statements that must fail: exit 1 in script mode with one
// positioned line, no panic, and nothing defined before them changed.
var badInputs = []string{
	// Syntax.
	"x +", "x -", "x *", "x /", "x ^", "(x", "x)", "((x)", "(x))", "()", "* x", "/ x", "^2", "x * / 2",
	"x + * 2", "2 3", "x 2 3", "1..2", "1.2.3", "$", "x @ y", "x ! y", "x ? y", "{x}", "x & y", "x | y",
	"x % 2", "x == 2", "sin", "sin()", "sin + 1", "cos * 2", "ln", "√", "x√", "2 ^ ^ 3", "x ** ** 2",
	"-", "--", "+", "(,)", "(x,)", "f(,)", "f(x,)", "x,", ", x", "[x]", "x]", "x[", "f(x) =", "f(x = 2",
	"= 2", "=", "f(x) == x", "'", "x'", "2'", "(x)'", "\"x\"", "x \"y\"",
	// Unknown names.
	"foo(2)", "sinn(x)", "cosx(1)", "q'", "q''(2)", "grad q", "hessian q", "check q' = 1", "del q",
	"extrema q in [0, 1]", "f(x) = x + y", "f(x) = a x + b", "b = x + 1", "c = y", "k(x) = q(x)",
	// Arity.
	"sin(1, 2)", "f(1, 2)", "g(1)", "g(1, 2, 3)", "log()", "log(1, 2, 3)", "exp(1, 2)", "sqrt()",
	"diff(x)", "diff(x, 2)", "diff(x^2, x, -1)", "diff(x^2, x, 1.5)", "diff(x^2, x, 2000)", "diff()",
	"diff(x^2, 2x)", "diff(x^2, pi)", "diff(x^2, sin)", "x(1, 2)", "a(1, 2)", "f(1)(2, 3)",
	// f' of a function of several variables.
	"g'", "g''", "g'(1, 2)", "check g' = 1", "diff(g, z)",
	// Domain errors, division by zero, overflow.
	"ln(-1)", "ln(0)", "sqrt(-4)", "asin(2)", "acos(-2)", "acosh(0)", "atanh(1)", "atanh(-3)",
	"1/0", "0^-1", "h(0)", "f(1)/0", "(-8)^(1/2)", "(-8)^(1/4)", "cot(0)", "csc(0)", "log(1, 2)", "log(-2, 8)",
	"log2(0)", "log10(-1)", "1e400", "10^400", "exp(1000)", "e^1000", "2^2000", "sinh(1000)",
	"cosh(800)", "1e308 * 10", "-1e308 - 1e308", "x^2 + 1/0", "f'(1/0)",
	// Too deep, too long, too large, bad characters.
	strings.Repeat("(", 1001) + "x" + strings.Repeat(")", 1001),
	strings.Repeat("1", 100001),
	"1e999999", "x + 1e-999999", strings.Repeat("1e100000*", 200) + "1",
	"x\x01", "\x00", "x\x7f", "\xff", "x\xc3", "a\x1b[31m",
	// Reserved names.
	"pi = 3", "pi(x) = x", "sin(x) = x", "sin = 2", "f(pi) = 1", "f(x, x) = x", "f(f) = 1",
	"grad = 2", "min(x) = x", "e(x) = x", "f(sin) = 1", "f(2) = 3", "f(x + 1) = 3", "diff = 2",
	// Settings and options.
	"set eta=0", "set eta=-1", "set eps=0", "set eps=-1e-3", "set maxiter=-1", "set maxiter=1.5",
	"set foo=1", "set eta", "set eta=", "set trace", "set x0=(1,", "set eta=x", "set eta=1/0",
	"set eta=(1, 2)", "set 3", "set eta==1",
	// Statement forms.
	"defs extra", "quit now", "exit 1", "del", "del 2", "del sin", "help nothing", "help help help",
	"save", "load", "load /nonexistent/file.fp", "save /nonexistent/dir/f.fp", "check f'",
	"check f' 2x", "check 2 = 2", "check x = 2", "check f' =", "check diff(x^2) = 2x", "extrema",
	"extrema f", "extrema f in [0]", "extrema f in 0, 1", "extrema f in [0, 1", "extrema f in [0, 1] x",
	"grad", "grad f g", "hessian", "d/dx", "d/dx +", "plot",
}

func TestBadInputs(t *testing.T) {
	if len(badInputs) < 150 {
		t.Fatalf("only %d bad inputs", len(badInputs))
	}
	line := regexp.MustCompile(`^-e:\d+:\d+: [^\n]+\n$`)
	for _, bad := range badInputs {
		name := bad
		if len(name) > 40 {
			name = name[:40] + "…"
		}
		t.Run(name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run([]string{"-e", prelude + "\n" + bad}, strings.NewReader(""), &out, &errOut)
			if code != 1 {
				t.Errorf("exit %d, want 1 (stdout %q)", code, out.String())
			}
			if !line.MatchString(errOut.String()) {
				t.Errorf("stderr %q is not one line FILE:LINE:COL: message", errOut.String())
			}
			if !strings.HasPrefix(errOut.String(), "-e:6:") {
				t.Errorf("stderr %q is not on line 6, where the bad input is", errOut.String())
			}

			s := session.New()
			for i, l := range strings.Split(prelude, "\n") {
				for _, c := range parser.Split(l, i+1) {
					if _, err := s.Run(context.Background(), c); err != nil {
						t.Fatal(err)
					}
				}
			}
			before, settings := s.Script(), s.Settings()
			failed := false
			for _, c := range parser.Split(bad, 1) {
				if _, err := s.Run(context.Background(), c); err != nil {
					failed = true
					break
				}
			}
			if !failed {
				t.Errorf("the session accepted %q", bad)
			}
			if s.Script() != before || s.Settings().Eta != settings.Eta {
				t.Errorf("%q changed the session:\n%s\nwas\n%s", bad, s.Script(), before)
			}
		})
	}
}
