package symbolic_test

import (
	"context"
	"testing"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// TestHigherOrdersFollowPrinted: over the corpus, f” is the derivative of
// f' as it prints, and f”' of f”, so that steps f” (which
// differentiates f') ends in what f” prints.
func TestHigherOrdersFollowPrinted(t *testing.T) {
	ctx := context.Background()
	compared := 0
	for _, line := range readCorpus(t) {
		e, err := parser.ParseExpr(line.src)
		if err != nil {
			continue
		}
		prev, err := symbolic.Diff(ctx, e, "x", 1)
		for n := 2; n <= 3 && err == nil; n++ {
			var whole, next symbolic.Expr
			if whole, err = symbolic.Diff(ctx, e, "x", n); err != nil {
				break
			}
			if next, err = symbolic.Diff(ctx, prev, "x", 1); err != nil {
				break
			}
			compared++
			if whole.String() != next.String() {
				t.Errorf("line %d %s: derivative %d is %v, the derivative of derivative %d (%v) is %v", line.line, line.src, n, whole, n-1, prev, next)
			}
			prev = whole
		}
	}
	if compared < 800 {
		t.Errorf("only %d comparisons", compared)
	}
	t.Logf("%d comparisons", compared)
}
