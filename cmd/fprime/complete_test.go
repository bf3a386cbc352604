package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/fprime/fprime/cmd/fprime/internal/session"
	"github.com/fprime/fprime/parser"
)

// TestCompletionByContext: Tab offers what may stand at the cursor.
func TestCompletionByContext(t *testing.T) {
	s := session.New()
	for _, src := range []string{"f(x) = x^2", "g(x, y) = x y", "grad2(x) = x", "a = 3"} {
		if _, err := s.Run(context.Background(), parser.Split(src, 1)[0]); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "session.fp"), nil, 0o644)
	os.Mkdir(filepath.Join(dir, "scripts"), 0o755)
	c := &completer{sess: s}
	cases := []struct {
		line string
		want []string
	}{
		{"min g", []string{"min g", "min grad2"}},         // functions, not the word grad
		{"min ", []string{"min f", "min g", "min grad2"}}, // every function
		{"hessian ", []string{"hessian f", "hessian g", "hessian grad2"}},
		{"check g", []string{"check g", "check grad", "check grad2"}},
		{"min f ", []string{"min f beta=", "min f eps=", "min f eta=", "min f maxiter=", "min f method=", "min f trace", "min f x0="}},
		{"min f e", []string{"min f eps=", "min f eta="}},
		{"max g x0=(1, 2) m", []string{"max g x0=(1, 2) maxiter=", "max g x0=(1, 2) method="}},
		{"min f method=", []string{"min f method=gd", "min f method=momentum", "min f method=newton"}},
		{"min f method=m", []string{"min f method=momentum"}},
		{"help mi", []string{"help min"}},
		{"load " + dir + "/s", []string{"load " + dir + "/scripts/", "load " + dir + "/session.fp"}},
		{"save " + dir + "/se", []string{"save " + dir + "/session.fp"}},
		{"gr", []string{"grad", "grad2"}},
		{"f(x) = si", []string{"f(x) = sin", "f(x) = sinh"}},
		{"1; min g", []string{"1; min g", "1; min grad2"}},
	}
	for _, c2 := range cases {
		line := []rune(c2.line)
		ends, n := c.Do(line, len(line))
		var got []string
		for _, e := range ends {
			got = append(got, string(line[:len(line)-n])+string(line[len(line)-n:])+string(e))
		}
		slices.Sort(got)
		want := slices.Clone(c2.want)
		slices.Sort(want)
		// A candidate equal to the word itself is not offered.
		want = slices.DeleteFunc(want, func(w string) bool { return w == c2.line })
		if !slices.Equal(got, want) {
			t.Errorf("%q completes to %q, want %q", c2.line, got, want)
		}
	}
}
