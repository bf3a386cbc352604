package session

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fprime/fprime/parser"
)

// FuzzStatement runs any line against a session with a few definitions: no
// panic, every error a positioned *parser.Error (or a cancelled run), and a
// failed statement leaves the session as it was.
func FuzzStatement(f *testing.F) {
	for _, s := range []string{
		"f'", "f''(2)", "g'", "grad g", "hessian g", "check f' = 2x", "check diff(g, y) = x",
		"min f x0=5 eta=0.1 eps=1e-4", "max f x0=(1,2)", "min g x0=(1, 2) trace", "min f method=newton",
		"extrema f in [-1, 2]", "set eta=0.05 x0=1", "set", "defs", "del f", "del a", "help min",
		"a = 2a", "e = 3", "f(x) = x^x", "h(x, y) = f(x) g(x, y)", "d/dx x^2", "diff(g, y, 2)",
		"save", "load", "plot f in [0, 1]", "quit", "1/0", "f(1/0)", "sin²x", "x y z", "\"",
		"steps f'", "steps diff(g, y)", "latex hessian g", "numdiff f'(1) table", "numdiff grad g (1, 2)",
		"tangent f at 1", "plot f, f', tangent f at 1 in [-1, 1]", "plot min f x0=1", "plot g in [-1, 1]",
		"check grad g = (x, y)", "check d/dx x^2 = 2x", "set digits=3", "min f x0=5 digits=3",
		"f(x) = f(x) + 1", "0/0", "x/x", "(x^2-1)/(x-1)", "ln ln x",
		// Forms of the statement grammar.
		"plot x + in [0, 1]", "min f x0= eta=1", "f(x,) = 1", "f(,) = 1", "d/y x", "latex d/y x", "check grad g = (y, x) + 1",
		"min = 3", "latex A=0", "latex check f' = 2x", "diff(g, y)²", "plot , f in [0, 1]", "extrema f in [, 1]", "numdiff grad g' (1, 2)", "steps diff(x^2, x, 2, 3)", "help ×",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		s := New()
		for _, def := range []string{"f(x) = x^2 + 5sin(x)", "g(x, y) = (x^2 + y - 7)^2 + (x - y + 1)^2", "a = 3", "set maxiter=2000"} {
			if _, err := s.Run(context.Background(), parser.Chunk{Text: def, Line: 1, Col: 1}); err != nil {
				t.Fatal(err)
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		for _, c := range parser.Split(line, 1) {
			if c.Text != "" && (len(c.Text) >= 4 && (c.Text[:4] == "save" || c.Text[:4] == "load")) || strings.Contains(c.Text, " to ") {
				continue // no files from fuzzing
			}
			before, settings := s.Script(), s.Settings()
			r, err := s.Run(ctx, c)
			if err == nil {
				continue
			}
			if r != nil {
				t.Fatalf("%q: a result %T beside the error %v", c.Text, r, err)
			}
			var perr *parser.Error
			if !errors.As(err, &perr) && !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
				t.Fatalf("%q: %v is not a positioned error", c.Text, err)
			}
			if s.Script() != before || s.Settings().Eta != settings.Eta || s.Settings().MaxIter != settings.MaxIter {
				t.Fatalf("%q failed but changed the session", c.Text)
			}
			return
		}
	})
}
