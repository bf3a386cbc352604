package symbolic_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"testing"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// TestLaTeXRendersWithKaTeX renders the LaTeX of every corpus expression and
// of its first two derivatives with KaTeX (node and the katex package, which
// .ci/run installs and finds through NODE_PATH). Without them the test
// skips, unless FPRIME_REQUIRE_KATEX is set, as CI sets it.
func TestLaTeXRendersWithKaTeX(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil || exec.Command("node", "-e", "require('katex')").Run() != nil {
		if os.Getenv("FPRIME_REQUIRE_KATEX") != "" {
			t.Fatal("node with the katex package is required here (FPRIME_REQUIRE_KATEX is set)")
		}
		t.Skip("node with the katex package is not installed; .ci/run installs it")
	}
	var texs []string
	for _, line := range readCorpus(t) {
		e, err := parser.ParseExpr(line.src)
		if err != nil {
			continue
		}
		texs = append(texs, symbolic.LaTeX(e))
		for _, n := range []int{1, 2} {
			if d, err := symbolic.Diff(context.Background(), e, "x", n); err == nil {
				texs = append(texs, symbolic.LaTeX(d))
			}
		}
	}
	if len(texs) < 1000 {
		t.Fatalf("only %d LaTeX outputs", len(texs))
	}
	in, _ := json.Marshal(texs)
	cmd := exec.Command("node", "testdata/katex/render.js")
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("KaTeX failed on some of %d outputs: %v\n%s", len(texs), err, out)
	}
}
