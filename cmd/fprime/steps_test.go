package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/fprime/fprime/cmd/fprime/internal/render"
	"github.com/fprime/fprime/cmd/fprime/internal/session"
	"github.com/fprime/fprime/parser"
)

// TestStepsEndAsDerivativePrints: over the derivative corpus, steps f'
// ends in exactly the line f' prints.
func TestStepsEndAsDerivativePrints(t *testing.T) {
	f, err := os.Open("../../symbolic/testdata/corpus.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		src := strings.TrimSpace(sc.Text())
		if src == "" || strings.HasPrefix(src, "#") {
			continue
		}
		s := session.New()
		text := func(stmt string) (string, bool) {
			r, err := s.Run(context.Background(), parser.Split(stmt, 1)[0])
			if err != nil {
				return "", false
			}
			var b bytes.Buffer
			render.Text(&b, r, render.Style{})
			return b.String(), true
		}
		if _, ok := text("f(x) = " + src); !ok {
			continue
		}
		want, ok1 := text("f'")
		steps, ok2 := text("steps f'")
		if !ok1 || !ok2 {
			t.Errorf("%s: f' %v, steps f' %v", src, ok1, ok2)
			continue
		}
		lines := strings.Split(strings.TrimSuffix(steps, "\n"), "\n")
		if last := lines[len(lines)-1] + "\n"; last != want {
			t.Errorf("%s: steps end in %q, f' prints %q", src, last, want)
		}
		n++
	}
	if n < 400 {
		t.Errorf("only %d corpus lines", n)
	}
}
