package main

import (
	"strings"
	"testing"

	"github.com/fprime/fprime/cmd/fprime/internal/session"
)

// TestHelpExamplesRun: every "> " example in help runs, in one session per
// topic, and prints what the page says it prints.
func TestHelpExamplesRun(t *testing.T) {
	examples := 0
	for _, topic := range session.HelpTopics() {
		page, _, code := fprime(t, "", "-e", "help "+topic)
		if code != 0 {
			t.Fatalf("help %s: exit %d", topic, code)
		}
		var script []string
		var want strings.Builder
		lines := strings.Split(page, "\n")
		for i := 0; i < len(lines); i++ {
			stmt, ok := strings.CutPrefix(lines[i], "  > ")
			if !ok {
				continue
			}
			examples++
			script = append(script, stmt)
			// The lines indented under it, up to the next example or text.
			for i+1 < len(lines) && strings.HasPrefix(lines[i+1], "  ") && !strings.HasPrefix(lines[i+1], "  > ") {
				i++
				want.WriteString(strings.TrimPrefix(lines[i], "  ") + "\n")
			}
		}
		if len(script) == 0 {
			continue
		}
		got, errOut, code := fprime(t, strings.Join(script, "\n")+"\n")
		if code != 0 || got != want.String() {
			t.Errorf("help %s: its examples print\n%s%s(exit %d), but the page says\n%s", topic, got, errOut, code, want.String())
		}
	}
	if examples < 25 {
		t.Errorf("only %d examples in help", examples)
	}
}

// TestHelpListsEveryStatement: the first page names each statement, the
// descent first.
func TestHelpListsEveryStatement(t *testing.T) {
	page, _, _ := fprime(t, "", "-e", "help")
	for _, word := range []string{"min f", "max f", "extrema", "f(x) =", "f'", "diff(", "d/dx", "grad", "hessian", "check", "tangent", "latex", "numdiff", "EXPR", "set", "defs", "del", "save", "load", "help", "quit"} {
		if !strings.Contains(page, word) {
			t.Errorf("help does not show %q", word)
		}
	}
	if i, j := strings.Index(page, "min f"), strings.Index(page, "f(x) ="); i < 0 || j < i {
		t.Errorf("help does not list min first:\n%s", page)
	}
}

// TestHelpMinOptions: help min lists its options by their ASCII names, as
// PRODUCT.md says.
func TestHelpMinOptions(t *testing.T) {
	page, _, _ := fprime(t, "", "-e", "help min")
	for _, opt := range []string{"x0", "eta", "eps", "maxiter", "trace", "method", "beta"} {
		if !strings.Contains(page, "\n  "+opt+" ") {
			t.Errorf("help min does not list %s:\n%s", opt, page)
		}
	}
}
