package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fprime/fprime/cmd/fprime/internal/render"
	"github.com/fprime/fprime/cmd/fprime/internal/session"
)

// jsonPrelude defines what the statements below use.
const jsonPrelude = "f(x) = x^2 + 5sin(x)\ng(x, y) = (x^2 + y - 7)^2 + (x - y + 1)^2\nk(x) = sqrt(x)\nc(x) = 1\na = 3"

// everyStatement holds each kind of statement, and each kind of result
// (a number, an expression, a gradient, a matrix, every verdict of check,
// every status of a descent, extrema where f is partly undefined, the
// settings, the definitions, help), for --json; failingStatements end in
// an error.
var everyStatement = []string{
	"1 + 1", "1e-400", "x^2 + x^2", "f", "f'", "f''", "f'(2)", "diff(f, x)", "d/dx sin(x)^2", "diff(g, y, 2)",
	"grad g", "hessian g",
	"check f' = 2x + 5cos(x)", "check f' = 2x", "check f' = 2x + 5cos(x) + 1e-12",
	"check diff(sin(3x), x) = 3(4cos(x)^3 - 3cos(x))", "check k' = sqrt(-x - 1)", "check k' = 1/(2sqrt(x))",
	"min f x0=1", "max f x0=1 maxiter=3", "min f x0=5 eta=2", "min f x0=1 eta=1e-300 maxiter=2",
	"min g x0=(1, 1) trace", "min g x0=(-3, -3) eta=0.015 method=momentum", "min f method=newton x0=1",
	"min c", "max c", "min k x0=2", "max k x0=-1",
	"extrema f in [-5, 5]", "extrema k in [-1, 1]", "extrema c in [0, 1]",
	"set", "set eta=0.05", "defs", "help", "help min", "del a", "b = 2", "k(x) = 1/x", "quit",
	"tangent f at 1", "latex f'", "latex hessian g", "numdiff f'(1)", "numdiff f'(1) table", "numdiff grad g (1, 2)",
	"steps f'", "steps f''", "steps diff(g, y)", "steps diff(x^3, x, 2)",
	"plot f in [0, 1]", "plot f, f', tangent f at 1 in [-2, 2]", "plot min g x0=(1, 1)",
}

var failingStatements = []string{"1/0", "ln(0)", "foo(2)", "x +", "plot f in [1, 0]", "plot g, f in [0, 1]", "steps a'", "steps diff(f, y)", "tangent k at -1", "numdiff k'(0)", "latex defs", "f'; 1/0", "extrema f in [1, 1]"}

// TestJSONEveryStatement runs each statement through --json: every line is
// one JSON object, an error object only with exit status 1; a statement
// that succeeds prints something unless it defines or sets.
func TestJSONEveryStatement(t *testing.T) {
	file := filepath.Join(t.TempDir(), "s.fp")
	for _, st := range append(everyStatement, "save "+file, "load "+file, "load "+file+"; f'") {
		lines, code := checkJSONLines(t, st)
		if code != 0 {
			t.Errorf("%q failed", st)
		} else if lines == 0 && !quiet(st) {
			t.Errorf("%q printed nothing", st)
		}
	}
	for _, st := range failingStatements {
		if _, code := checkJSONLines(t, st); code != 1 {
			t.Errorf("%q: exit %d", st, code)
		}
	}
}

// FuzzJSON runs any statement after the prelude through --json.
func FuzzJSON(f *testing.F) {
	for _, st := range append(everyStatement, failingStatements...) {
		f.Add(st)
	}
	f.Fuzz(func(t *testing.T, st string) {
		if strings.Contains(st, "save") || strings.Contains(st, "load") || strings.Contains(st, " to ") {
			return // no files from fuzzing
		}
		checkJSONLines(t, st)
	})
}

// checkJSONLines runs st after the prelude and checks what it printed; it
// returns the number of lines and the exit status.
func checkJSONLines(t *testing.T, st string) (int, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	sc := newScript(&out, &errOut, true)
	code := sc.exit(sc.run(context.Background(), "-e", strings.NewReader(jsonPrelude+"\n"+st)))
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if out.Len() == 0 {
		lines = nil
	}
	errLines := 0
	for _, l := range lines {
		var obj map[string]any
		if err := json.Unmarshal([]byte(l), &obj); err != nil {
			t.Errorf("%q: %q is not a JSON object: %v", st, l, err)
			continue
		}
		if _, ok := obj["error"]; ok {
			errLines++
		}
	}
	if (errLines > 0) != (code == 1) || errLines > 1 {
		t.Errorf("%q: exit %d with %d error lines: %s", st, code, errLines, out.String())
	}
	return len(lines), code
}

// quiet says whether a statement prints nothing when it succeeds.
func quiet(st string) bool {
	return strings.Contains(st, "=") && !strings.HasPrefix(st, "check") && !strings.HasPrefix(st, "min") &&
		!strings.HasPrefix(st, "max") || st == "quit" || strings.HasPrefix(st, "del ") ||
		strings.HasPrefix(st, "save ") || strings.HasPrefix(st, "load ") && !strings.Contains(st, ";")
}

// failingWriter refuses every write, as a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("closed") }

// TestJSONWriteFailure: a result that cannot be written fails its
// statement, with exit status 1 and a message, never a silent exit 0.
func TestJSONWriteFailure(t *testing.T) {
	var errOut bytes.Buffer
	sc := newScript(failingWriter{}, &errOut, true)
	code := sc.exit(sc.run(context.Background(), "-e", strings.NewReader("1 + 1")))
	if code != 1 || !strings.Contains(errOut.String(), "cannot be written") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

// TestJSONNotFinite: a value that is not finite is null, wherever it is.
func TestJSONNotFinite(t *testing.T) {
	var b bytes.Buffer
	nan := session.Number{Value: 0}
	nan.Value = nan.Value / nan.Value
	if err := render.JSON(&b, nan, render.Style{}); err != nil || b.String() != "{\"value\":null}\n" {
		t.Errorf("%q, %v", b.String(), err)
	}
}

// TestJSONNegativeZero: a zero that came out negative is 0 in --json, as
// in the text, never -0.
func TestJSONNegativeZero(t *testing.T) {
	out, _, code := fprime(t, "", "--json", "-e", "g(x, y) = x^2 - y^2; min g x0=(1, 0) maxiter=0")
	want := "{\"status\":\"not_converged\",\"x\":[1,0],\"f\":1,\"grad\":[2,0],\"iterations\":0}\n"
	if code != 0 || out != want {
		t.Errorf("exit %d, %q, want %q", code, out, want)
	}
}

// TestJSONErrorAsProduct: PRODUCT.md's example of an error object, for a
// statement with a ")" at column 14 that nothing opened.
func TestJSONErrorAsProduct(t *testing.T) {
	for _, st := range []string{"f(x) = 9x^2 -)", "f(x) = sin(x))"} {
		out, errOut, code := fprime(t, "", "--json", "-e", st)
		var got, want map[string]any
		json.Unmarshal([]byte(out), &got)
		json.Unmarshal([]byte(`{"error": "unexpected \")\"", "line": 1, "col": 14}`), &want)
		if code != 1 || fmt.Sprint(got) != fmt.Sprint(want) || errOut != "-e:1:14: unexpected \")\"\n" {
			t.Errorf("%s: %q, stderr %q, exit %d; want %v", st, out, errOut, code, want)
		}
	}
}
