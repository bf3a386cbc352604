package session

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestTangent: y = f(a) + f'(a)(x − a), multiplied out, exact where it can be.
func TestTangent(t *testing.T) {
	cases := []struct{ defs, st, line string }{
		{"f(x) = x^2", "tangent f at 2", "4x - 4"},
		{"f(x) = x^3", "tangent f at 1", "3x - 2"},
		{"f(x) = x^3", "tangent f at -1/2", "3x/4 + 1/4"},
		{"f(x) = sin(x)", "tangent f at pi", "pi - x"},
		{"f(x) = sin(x)", "tangent f at 0", "x"},
		{"f(x) = e^x", "tangent f at 0", "x + 1"},
		{"f(x) = ln(x)", "tangent f at 1", "x - 1"},
		{"f(x) = x^2; a = 3", "tangent f at a", "6x - 9"},
		// f'(0) by the derivative limit theorem: a line of numbers too.
		{"f(x) = x abs(x)", "tangent f at 0", "0"},
		{"f(x) = x abs(x) + 2", "tangent f at 0", "2"},
		{"f(x) = x abs(x) + x", "tangent f at 0", "x"},
	}
	for _, c := range cases {
		s := New()
		run(t, s, c.defs)
		r, ok := run(t, s, c.st).(TangentLine)
		if !ok || r.Line.String() != c.line || r.Approx(6) != "" {
			t.Errorf("%s; %s: %+v, want y = %s", c.defs, c.st, r, c.line)
		}
	}
	// Where f(a) is not a number, the line stays in point-slope form, and
	// in decimals beside it: sin(1) - cos(1) = 0.301169.
	s := New()
	run(t, s, "f(x) = sin(x)")
	if r := run(t, s, "tangent f at 1").(TangentLine); r.Line.String() != "cos(1)(x - 1) + sin(1)" || r.Approx(6) != "0.540302x + 0.301169" {
		t.Errorf("tangent to sin at 1: y = %v ≈ %s", r.Line, r.Approx(6))
	}
	// A slope of 0 or ±1 is written as a book writes it in decimals too.
	for _, c := range []struct{ defs, st, approx string }{
		{"f(x) = cos(x) + sqrt(2)", "tangent f at 0", "2.41421"},
		{"f(x) = sin(x) + sqrt(2)", "tangent f at 0", "x + 1.41421"},
		{"f(x) = sqrt(2) - sin(x)", "tangent f at 0", "-x + 1.41421"},
	} {
		s := New()
		run(t, s, c.defs)
		if r := run(t, s, c.st).(TangentLine); r.Approx(6) != c.approx {
			t.Errorf("%s; %s: y = %v ≈ %s, want ≈ %s", c.defs, c.st, r.Line, r.Approx(6), c.approx)
		}
	}
	for _, bad := range []struct{ defs, st, want string }{
		{"f(x) = ln(x)", "tangent f at 0", "f has no tangent at x = 0: ln(x) is undefined there (ln needs a positive argument)"},
		{"f(x) = abs(x)", "tangent f at 0", "f has no tangent at x = 0: x/abs(x) is undefined there (division by zero)"},
		// At the exact point, not at the float nearest it, where tan is
		// 1.6e16.
		{"f(x) = tan(x)", "tangent f at pi/2", "f has no tangent at x = pi/2: tan(pi/2) is undefined there"},
		{"f(x) = sec(x)", "tangent f at -pi/2", "f has no tangent at x = -pi/2: sec(pi/2) is undefined there"},
		{"f(x) = cot(2x)", "tangent f at pi/2", "f has no tangent at x = pi/2: cot(pi) is undefined there"},
		{"g(x, y) = x y", "tangent g at 1", "a tangent line is for a function of one"},
		{"f(x) = x", "tangent f 1", `expected "at"`},
	} {
		s := New()
		run(t, s, bad.defs)
		if err := runErr(t, s, bad.st); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s; %s: %v, want %q", bad.defs, bad.st, err, bad.want)
		}
	}
}

// TestNumDiff: the central difference at h = 1e-6 is close to the symbolic
// value, and the table shows the gap falling, then rising.
func TestNumDiff(t *testing.T) {
	s := New()
	run(t, s, "f(x) = sin(x); g(x, y) = x^2 y")
	r := run(t, s, "numdiff f'(1) table").(NumDiffResult)
	row := r.Rows[0]
	if row.Label != "f'(1)" || row.Symbolic != math.Cos(1) || math.Abs(row.Central-math.Cos(1)) > 1e-9 || r.H != 1e-6 {
		t.Errorf("numdiff f'(1): %+v", r)
	}
	if len(r.Table) != 12 || r.Table[0].H != 0.1 || r.Table[11].H != 1e-12 {
		t.Fatalf("table: %+v", r.Table)
	}
	// Truncation falls as h² at first: a hundred times smaller per step.
	if q := r.Table[0].Gap / r.Table[1].Gap; q < 50 || q > 200 {
		t.Errorf("the gap fell ×%v from h = 0.1 to 0.01, want about 100", q)
	}
	if r.Best < 1e-7 || r.Best > 1e-4 || r.Table[11].Gap < 100*r.Table[4].Gap || !strings.Contains(r.Note, "round-off") {
		t.Errorf("best h %v, gaps %v … %v: %s", r.Best, r.Table[4].Gap, r.Table[11].Gap, r.Note)
	}
	g := run(t, s, "numdiff grad g (1, 2)").(NumDiffResult)
	if len(g.Rows) != 2 || g.Rows[0].Symbolic != 4 || g.Rows[1].Symbolic != 1 || g.Rows[0].Label != "∂g/∂x(1, 2)" ||
		math.Abs(g.Rows[0].Central-4) > 1e-8 || math.Abs(g.Rows[1].Central-1) > 1e-8 {
		t.Errorf("numdiff grad g (1, 2): %+v", g.Rows)
	}
	for _, bad := range []string{"numdiff f''(1)", "numdiff f(1)", "numdiff f'(1, 2)", "numdiff grad g (1)", "numdiff f'(1) tables"} {
		if err := runErr(t, s, bad); err == nil {
			t.Errorf("%s was accepted", bad)
		}
	}
	run(t, s, "k(x) = sqrt(x)")
	run(t, s, "tn(x) = tan(x)")
	if err := runErr(t, s, "numdiff tn'(pi/2)"); err == nil || !strings.Contains(err.Error(), "tan(pi/2) is undefined") {
		t.Errorf("numdiff tn'(pi/2) at a pole: %v", err)
	}
	if r := run(t, s, "numdiff tn'(pi/4)").(NumDiffResult); r.Rows[0].Symbolic != 2 {
		t.Errorf("numdiff tn'(pi/4): symbolic %v, want 2 exactly", r.Rows[0].Symbolic)
	}
	if err := runErr(t, s, "numdiff k'(0)"); err == nil {
		t.Errorf("numdiff k'(0) at the edge of k's domain was accepted")
	}
}

// TestLaTeXStatement: latex of each kind of result, exactly, and rendered
// by KaTeX where it is installed.
func TestLaTeXStatement(t *testing.T) {
	s := New()
	run(t, s, "f(x) = x^2 + 5sin(x); g(x, y) = x^2 y")
	cases := []struct{ st, want string }{
		{"latex f'", `f'\left(x\right) = 2x + 5 \cos\left(x\right)`},
		{"latex f", `f\left(x\right) = x^{2} + 5 \sin\left(x\right)`},
		{"latex sqrt(x)/2", `\frac{\sqrt{x}}{2}`},
		{"latex grad g", `\nabla g\left(x, y\right) = \left( 2xy, x^{2} \right)`},
		{"latex hessian g", `H_{g}\left(x, y\right) = \begin{pmatrix} 2y & 2x \\ 2x & 0 \end{pmatrix}`},
		{"latex diff(g, y)", `\frac{\partial g}{\partial y}\left(x, y\right) = x^{2}`},
		{"latex diff(g, y, 2)", `\frac{\partial^{2} g}{\partial y^{2}}\left(x, y\right) = 0`},
		{"latex f'(0)", `5`},
		{"latex tangent f at 0", `y = 5x`},
		{"latex steps f'", "\\begin{align*}\n" +
			`\frac{d}{dx}\left(x^{2} + 5 \sin\left(x\right)\right) &= 2x + 5 \cos\left(x\right) && \text{sum rule} \\` + "\n" +
			`\quad \frac{d}{dx}\left(x^{2}\right) &= 2x && \text{power rule} \\` + "\n" +
			`\quad \frac{d}{dx}\left(5 \sin\left(x\right)\right) &= 5 \cos\left(x\right) && \text{constant multiple rule} \\` + "\n" +
			`\quad \quad \frac{d}{dx}\left(\sin\left(x\right)\right) &= \cos\left(x\right) && \text{sine rule} \\` + "\n" +
			`&= 2x + 5 \cos\left(x\right) && \text{simplified}` + "\n" + `\end{align*}`},
	}
	var texs []string
	for _, c := range cases {
		r, ok := run(t, s, c.st).(LaTeXText)
		if !ok || r.Text != c.want {
			t.Errorf("%s: %q, want %q", c.st, r.Text, c.want)
		}
		texs = append(texs, r.Text)
	}
	for _, st := range []string{"k(x) = x^x", "latex steps k'", "k(x) = sin(x)/x", "latex steps k'", "latex steps diff(x^2 y, y)"} {
		if r, ok := run(t, s, st).(LaTeXText); ok {
			texs = append(texs, r.Text)
		}
	}
	for _, bad := range []string{"latex defs", "latex set", "latex latex f"} {
		if err := runErr(t, s, bad); err == nil {
			t.Errorf("%s was accepted", bad)
		}
	}
	if exec.Command("node", "-e", "require('katex')").Run() != nil {
		if os.Getenv("FPRIME_REQUIRE_KATEX") != "" {
			t.Fatal("node with the katex package is required here")
		}
		t.Skip("node with the katex package is not installed; .ci/run installs it")
	}
	in, _ := json.Marshal(texs)
	cmd := exec.Command("node", "../../../../symbolic/testdata/katex/render.js")
	cmd.Stdin = bytes.NewReader(in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("KaTeX: %v\n%s", err, out)
	}
}

// TestLaTeXLabel: the names of results written as LaTeX, orders of
// partials of any length.
func TestLaTeXLabel(t *testing.T) {
	xy := []string{"x", "y"}
	for _, c := range []struct{ name, want string }{
		{"f'", `f'\left(x, y\right)`},
		{"∇g", `\nabla g\left(x, y\right)`},
		{"Hg", `H_{g}\left(x, y\right)`},
		{partialName("g", "y", 1), `\frac{\partial g}{\partial y}\left(x, y\right)`},
		{partialName("g", "y", 2), `\frac{\partial^{2} g}{\partial y^{2}}\left(x, y\right)`},
		{partialName("g", "y", 12), `\frac{\partial^{12} g}{\partial y^{12}}\left(x, y\right)`},
	} {
		if got := latexLabel(c.name, xy); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

// TestDerivativeLimitInTeaching: numdiff and tangent give the derivative
// where only a condition kept by a rewrite fails (x|x| at 0), as f'(0)
// does, and not where the derivative does not exist (|x| at 0).
func TestDerivativeLimitInTeaching(t *testing.T) {
	s := New()
	run(t, s, "f(x) = x|x|; g(x) = x|x| + 3x - 1; a(x) = |x|")
	if r := run(t, s, "numdiff f'(0)").(NumDiffResult); r.Rows[0].Symbolic != 0 {
		t.Errorf("numdiff f'(0): %+v", r.Rows)
	}
	for _, c := range []struct{ src, line string }{
		{"tangent f at 0", "0"},
		{"tangent g at 0", "3x - 1"},
	} {
		if r := run(t, s, c.src).(TangentLine); r.Line.String() != c.line {
			t.Errorf("%s: y = %v, want %s", c.src, r.Line, c.line)
		}
	}
	for _, bad := range []string{"numdiff a'(0)", "tangent a at 0"} {
		if err := runErr(t, s, bad); err == nil || !strings.Contains(err.Error(), "undefined") {
			t.Errorf("%s: %v, want undefined", bad, err)
		}
	}
}

// TestNumDiffNote: the sentence under a table says why its best h is best,
// and never blames a truncation error that is not there.
func TestNumDiffNote(t *testing.T) {
	s := New()
	run(t, s, "k(x) = x abs(x)")
	if r := run(t, s, "numdiff k'(0) table").(NumDiffResult); !strings.Contains(r.Note, "f''' has no value here") || strings.Contains(r.Note, "dominates") {
		t.Errorf("x abs(x) at 0: %s", r.Note)
	}
	run(t, s, "q(x) = x^2; c(x) = sin(x)")
	if r := run(t, s, "numdiff q'(2) table").(NumDiffResult); !strings.Contains(r.Note, "f''' is 0 here") || strings.Contains(r.Note, "dominates") {
		t.Errorf("x^2: %s", r.Note)
	}
	if r := run(t, s, "numdiff c'(1) table").(NumDiffResult); !strings.Contains(r.Note, "truncation error, about h²|f'''|/6, dominates") {
		t.Errorf("sin: %s", r.Note)
	}
	// A large f with a small f''': round-off rules even at h = 0.1.
	run(t, s, "b(x) = 1e8 + x^3/1e6")
	if r := run(t, s, "numdiff b'(1) table").(NumDiffResult); r.Best != 0.1 || !strings.Contains(r.Note, "least at the largest h") {
		t.Errorf("1e8 + x^3/1e6: best %v, %s", r.Best, r.Note)
	}
}

// TestOperand: d/dx brackets what it applies to where it is more than one
// term or factor, so that d/dx e^x(x + 1) does not read as (d/dx e^x)(x + 1).
func TestOperand(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"sin(x)", "sin(x)"}, {"sin(x)^2", "sin(x)^2"}, {"5sin(x)", "5sin(x)"}, {"x^2", "x^2"},
		{"9x^2", "9x^2"}, {"(2x - 3)^5", "(2x - 3)^5"}, {"e^(-x^2)", "e^(-x^2)"}, {"log2(x)", "log2(x)"},
		{"x^2 + 1", "(x^2 + 1)"}, {"x sin(x)", "(x sin(x))"}, {"-72x", "(-72x)"}, {"1/x", "(1/x)"},
		{"e^x(x + 1)", "(e^x(x + 1))"}, {"x^2(x + 1)^3", "(x^2(x + 1)^3)"}, {"2(2x + 3)^4", "(2(2x + 3)^4)"},
		{"(x + 1)^2(x - 1)", "((x + 1)^2(x - 1))"}, {"(x + 1)(x - 1)", "((x + 1)(x - 1))"},
		{"2x(x + 1)", "(2x(x + 1))"}, {"x(x + 1)", "(x(x + 1))"},
	} {
		if got := Operand(c.in); got != c.want {
			t.Errorf("Operand(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNumDiffAcross: a step that crosses a corner, jump or pole of f is
// said to, and a smooth f is not, even where f' is 0 or f is steep.
func TestNumDiffAcross(t *testing.T) {
	s := New()
	run(t, s, "a(x) = abs(x); r(x) = 1/x; t(x) = tan(x); j(x) = sgn(x) + x; q(x) = x^2; p(x) = exp(100x); w(x) = sin(x)")
	for _, c := range []struct {
		in     string
		across bool
	}{
		{"numdiff a'(1e-7)", true}, {"numdiff r'(1e-7)", true}, {"numdiff t'(1.5707963)", true}, {"numdiff j'(1e-7)", true},
		{"numdiff a'(1)", false}, {"numdiff q'(0)", false}, {"numdiff p'(1)", false}, {"numdiff w'(1)", false}, {"numdiff r'(1e-5)", false},
	} {
		if r := run(t, s, c.in).(NumDiffResult); r.Rows[0].Across != c.across {
			t.Errorf("%s: %+v, want across %v", c.in, r.Rows[0], c.across)
		}
	}
}

// TestTangentNotNumbers: where f(a) and f'(a) are not numbers, the line is
// multiplied out where that is no longer, with decimals beside it.
func TestTangentNotNumbers(t *testing.T) {
	for _, c := range []struct{ defs, st, line string }{
		{"f(x) = ln(x)", "tangent f at e", "x/e"},
		{"f(x) = e^x", "tangent f at 1", "e x"},
		{"f(x) = sin(x)", "tangent f at pi/6", "sqrt(3)(x - pi/6)/2 + 1/2"},
	} {
		s := New()
		run(t, s, c.defs)
		if r := run(t, s, c.st).(TangentLine); r.Line.String() != c.line || r.Approx(6) == "" {
			t.Errorf("%s; %s: %+v, want y = %s and decimals", c.defs, c.st, r, c.line)
		}
	}
}
