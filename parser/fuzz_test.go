package parser_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/fprime/fprime/parser"
)

// seeds returns the corpus of expressions, with every input that ever broke
// the parser, as fuzzing seeds.
func seeds(f *testing.F) {
	for _, s := range []string{
		"x^2 + 5sin(x)", "9x^2 - 72x", "-x^2", "2^3^2", "x^-2", "e^-x", "1/2x", "2x y",
		"sin x cos x", "sin 2x", "ln x^2", "sin x + 1", "(x + 1)(x - 1)", "0.5x^2", "x²",
		"√x", "2π", "3 − x", "sin²x", "log(2, 8)", "x(x + 1)^2", "x^x(ln(x) + 1)",
		"diff(x^3, x, 2)", "1e400", "x +", "(x", "x)", "foo(2)", "sinn(x)", "sin", "2 3",
		"()", "x + * 2", "sin(x, y)", "\x00", "\xff", "1e99999999", "x⁻¹", "sin^2 x",
		"sin^-1 x", "√-x", "--x", "x''", "diff(x, 2)", "diff(x^x, x, 30)",
		"x⁻", "x⁻⁻1", "sin⁻ x", "x¹²³⁴⁵⁶⁷⁸⁹⁰¹²³⁴⁵⁶⁷⁸⁹⁰", "sin²(x)", "sin^2(x)", "sin²(x)³", "sin x/2",
		"²", "x^²", "x **", "2×", "x÷", "sin(x,)", "pi(1, 2)", "1e-100001", "10E100000", "f(2)",
		"x(ln(2) + 1)", "0.5e-100000", "√√√√x", "ln A 0", "ln x^A 0A0", "log(0,A)", "log(1, x)", "\"-\"0", "x\"+\"y", "0/0", "x/x", "ln ln x", "2sin x/x",
		"|x - 3|", "||x| - 1|", "|x - |y||", "|x|y|", "(|x)|", "|x -|", "√|x|²", "sin |x| y", "2|x|(x)",
	} {
		f.Add(s)
	}
	if b, err := os.ReadFile("../symbolic/testdata/corpus.txt"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				f.Add(line)
			}
		}
	}
}

// FuzzParse checks that no input panics, every error is positioned inside
// the input, and whatever parses prints in a form that parses back the same.
func FuzzParse(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		e, err := parser.ParseExpr(src)
		if err != nil {
			var perr *parser.Error
			if !errors.As(err, &perr) {
				t.Fatalf("%q: error %v is not a *parser.Error", src, err)
			}
			lines := strings.Split(src, "\n")
			if perr.Line < 1 || perr.Line > len(lines) || perr.Col < 1 || perr.Col > len([]rune(lines[perr.Line-1]))+1 {
				if !strings.Contains(perr.Msg, "invalid UTF-8") && !strings.Contains(perr.Msg, "too long") {
					t.Fatalf("%q: error %v is positioned outside the input", src, err)
				}
			}
			return
		}
		printed := e.String()
		back, err := parser.ParseExpr(printed)
		if err != nil && strings.Contains(err.Error(), "number") && strings.Contains(err.Error(), "too") {
			return // a number worked out exactly from numbers at the limits may pass them
		}
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", src, printed, err)
		}
		if back.String() != printed {
			t.Fatalf("%q printed as %q, which reads back as %q", src, printed, back)
		}
	})
}
