package symbolic_test

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

var update = flag.Bool("update", false, "rewrite testdata/latex.golden (go test ./symbolic -run TestLaTeX -update)")

const latexGolden = "testdata/latex.golden"

// latexCases are corpus expressions whose LaTeX, and that of their first
// derivative, is pinned in testdata/latex.golden. They cover every layout
// rule: fractions, negative and fractional exponents, roots, cube roots,
// absolute values, every kind of function name, constants, coefficients
// beside powers of numbers, and input written with Unicode.
var latexCases = []string{
	"x^2 + 5sin(x)",
	"9x^2 - 72x",
	"(2x - 3)^5",
	"x^-2",
	"x^(3/2)",
	"x^(1/3)",
	"x^pi",
	"1/2x",
	".25x^4 - 1e-3x",
	"x^x^2",
	"√(x² + 1)",
	"π x²",
	"e^(−x²)",
	"(x - 1)/(x + 1)",
	"(3x^2 - 2x + 1)/(x^3 + 2)",
	"2^x",
	"(1/2)^x",
	"3^(x^2)",
	"x e^x",
	"e^x/(1 + e^x)",
	"x^x",
	"x^sin(x)",
	"ln x^2",
	"log(2, x)",
	"log(x, 10)",
	"log10(x^2 + 1)",
	"ln((1 + x)/(1 - x))",
	"tan(x)",
	"sec(x) tan(x)",
	"csc(x) cot(x)",
	"sin(pi x)",
	"sin(x)/x",
	"asin(x)",
	"acos(1/x)",
	"atan(x) + atan(1/x)",
	"tanh(x)",
	"asinh(x)",
	"acosh(x^2 + 1)",
	"atanh(x/2)",
	"sqrt(sqrt(x))",
	"sqrt((x - 1)/(x + 1))",
	"cbrt(x)",
	"cbrt(x^2)",
	"abs(x)",
	"sqrt(abs(x))",
	"e^(-abs(x))",
	"2^x*3^x",
	"3^(2^x)",
}

// knownLaTeXProblems are latexCases whose LaTeX is known to be wrong, with
// the reason; their problems are logged, not failed, and the golden file
// pins the output as it is until the printer is fixed (then run -update and
// delete the entry: an entry without problems is an error).
var knownLaTeXProblems = map[string]string{}

func TestLaTeX(t *testing.T) {
	inCorpus := map[string]bool{}
	for _, l := range readCorpus(t) {
		inCorpus[l.src] = true
	}
	for src := range knownLaTeXProblems {
		if !slices.Contains(latexCases, src) {
			t.Errorf("knownLaTeXProblems names %q, which is not in latexCases", src)
		}
	}
	var b strings.Builder
	b.WriteString("# LaTeX of corpus expressions (f) and of their first derivatives (f').\n")
	b.WriteString("# Rewrite with: go test ./symbolic -run TestLaTeX -update\n")
	for _, src := range latexCases {
		if !inCorpus[src] {
			t.Errorf("%q is not in %s", src, corpusFile)
		}
		e, err := parser.ParseExpr(src)
		if err != nil {
			t.Errorf("parse %q: %v", src, err)
			continue
		}
		d, err := symbolic.Derivative(e, "x")
		if err != nil {
			t.Errorf("derivative of %q: %v", src, err)
			continue
		}
		fl, dl := symbolic.LaTeX(e), symbolic.LaTeX(d)
		problems := 0
		for _, s := range []string{fl, dl} {
			for _, p := range latexProblems(s) {
				problems++
				if _, known := knownLaTeXProblems[src]; known {
					t.Logf("(known) LaTeX of %q or its derivative: %s in %s", src, p, s)
				} else {
					t.Errorf("LaTeX of %q or its derivative: %s in %s", src, p, s)
				}
			}
		}
		if _, known := knownLaTeXProblems[src]; known && problems == 0 {
			t.Errorf("%q is in knownLaTeXProblems but its LaTeX looks right now: remove it", src)
		}
		fmt.Fprintf(&b, "\n%s\nf  = %s\nf' = %s\n", src, fl, dl)
	}
	got := b.String()
	if *update {
		if err := os.WriteFile(latexGolden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(latexGolden)
	if err != nil {
		t.Fatalf("%v (run go test ./symbolic -run TestLaTeX -update to create it)", err)
	}
	if got == string(want) {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(gl), len(wl)); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Errorf("%s:%d:\n got: %s\nwant: %s", latexGolden, i+1, g, w)
		}
	}
	t.Log("if the new output is right, run go test ./symbolic -run TestLaTeX -update")
}

var (
	// bareName is a function name that LaTeX would set in italics: every
	// function must be \sin, \operatorname{arsinh}, \sqrt, ….
	bareName = regexp.MustCompile(`(^|[^\\a-zA-Z{])(a?sinh?|a?cosh?|a?tanh?|cot|sec|csc|asin|acos|atan|exp|ln|log|log2|log10|sqrt|cbrt|abs|pi)\b`)
	// emptyGroup and doubleSign are never right.
	emptyGroup = regexp.MustCompile(`[\^_]\{\}|\{\s*\}`)
	doubleSign = regexp.MustCompile(`[+-]\s*[+-]|--`)
	// adjacentNumbers is a number set right after a number or a group,
	// 2^{x} 3^{x}, which LaTeX renders as one run of digits: 2^x3^x.
	adjacentNumbers = regexp.MustCompile(`[0-9]\s+[0-9]|\}\s*[0-9]`)
	command         = regexp.MustCompile(`\\[a-zA-Z]+`)
	// knownCommands are the control words the printer may use; anything
	// else (\pix for \pi x) is an undefined control sequence.
	knownCommands = map[string]bool{
		`\frac`: true, `\sqrt`: true, `\left`: true, `\right`: true, `\cdot`: true,
		`\pi`: true, `\ln`: true, `\sin`: true, `\cos`: true, `\tan`: true,
		`\cot`: true, `\sec`: true, `\csc`: true, `\arcsin`: true, `\arccos`: true,
		`\arctan`: true, `\sinh`: true, `\cosh`: true, `\tanh`: true,
		`\operatorname`: true, `\mathrm`: true,
	}
)

// latexProblems returns what is wrong with s as LaTeX: unbalanced braces or
// \left…\right, an empty group, two signs in a row, a plain *, two numbers
// side by side, an undefined control word, a function name written as text,
// or parentheses around a whole numerator or denominator.
func latexProblems(s string) []string {
	var out []string
	depth, lr := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], `\left`):
			lr++
		case strings.HasPrefix(s[i:], `\right`):
			if lr--; lr < 0 {
				out = append(out, `\right without \left`)
				lr = 0
			}
		case s[i] == '{':
			depth++
		case s[i] == '}':
			if depth--; depth < 0 {
				out = append(out, "} without {")
				depth = 0
			}
		}
	}
	if depth != 0 {
		out = append(out, "unbalanced braces")
	}
	if lr != 0 {
		out = append(out, `unbalanced \left and \right`)
	}
	if emptyGroup.MatchString(s) {
		out = append(out, "an empty group")
	}
	if doubleSign.MatchString(s) {
		out = append(out, "two signs in a row")
	}
	if strings.Contains(s, "*") {
		out = append(out, "a plain *")
	}
	if wrappedFracParts(s) {
		out = append(out, `a numerator or denominator wrapped in \left( \right)`)
	}
	if adjacentNumbers.MatchString(s) {
		out = append(out, "two numbers side by side with no \\cdot")
	}
	for _, c := range command.FindAllString(s, -1) {
		if !knownCommands[c] {
			out = append(out, "the undefined control sequence "+c)
		}
	}
	if m := bareName.FindStringSubmatch(s); m != nil {
		out = append(out, "the function name "+m[2]+" as text")
	}
	return out
}

// wrappedFracParts reports whether a \frac has a numerator or denominator
// that is wholly inside \left( … \right): the bar already groups it, so
// books write \frac{x - 1}{x + 1}, not \frac{\left(x - 1\right)}{…}.
func wrappedFracParts(s string) bool {
	for i := strings.Index(s, `\frac{`); i >= 0; {
		j := i + len(`\frac`)
		for range 2 {
			g, end := group(s, j)
			if strings.HasPrefix(g, `\left(`) && strings.HasSuffix(g, `\right)`) && balancedLeftRight(g[len(`\left(`):len(g)-len(`\right)`)]) {
				return true
			}
			j = end
		}
		k := strings.Index(s[i+1:], `\frac{`)
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// group returns the contents of the brace group that starts at s[i] and the
// index just after it.
func group(s string, i int) (string, int) {
	if i >= len(s) || s[i] != '{' {
		return "", i
	}
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return s[i+1 : j], j + 1
			}
		}
	}
	return s[i+1:], len(s)
}

// balancedLeftRight reports whether every \left in s is closed in s.
func balancedLeftRight(s string) bool {
	depth := 0
	for i := range len(s) {
		switch {
		case strings.HasPrefix(s[i:], `\left`):
			depth++
		case strings.HasPrefix(s[i:], `\right`):
			if depth--; depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}
