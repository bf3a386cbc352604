package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestManyVariables runs min and Newton's method on a function of 12
// variables, whose Hessian has 144 entries: past the 127 that a narrow
// integer once let the machine code store, so that the Hessian was wrong,
// the minimum was called undecided and Newton's method diverged. The run
// must find the minimum, classify it from the Hessian's eigenvalues, and
// print what the run without machine code (FPRIME_NOJIT=1) prints.
func TestManyVariables(t *testing.T) {
	var params, terms, squares []string
	for i := 1; i <= 12; i++ {
		params = append(params, fmt.Sprintf("x%d", i))
		terms = append(terms, fmt.Sprintf("%d(x%d - %d)^2 + x%d^4/%d", i, i, i%3, i, i))
		squares = append(squares, fmt.Sprintf("x%d^2", i))
	}
	script := fmt.Sprintf("h(%s) = %s + 100/(1 + %s)\nmin h x0=1 eta=0.01\nmin h x0=1 method=newton\n",
		strings.Join(params, ", "), strings.Join(terms, " + "), strings.Join(squares, " + "))
	run := func(env ...string) string {
		cmd := exec.Command(binary)
		cmd.Stdin = strings.NewReader(script)
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return string(out)
	}
	got := run()
	for _, want := range []string{
		"minimum of h: converged after 286 iterations",
		"minimum of h (newton): converged after 4 iterations",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	if n := strings.Count(got, "a minimum: the eigenvalues of the Hessian there are 5.248, 6.604,"); n != 2 {
		t.Errorf("%d of 2 runs classify the minimum by the Hessian's eigenvalues:\n%s", n, got)
	}
	if want := run("FPRIME_NOJIT=1"); got != want {
		t.Errorf("with machine code:\n%s\nwithout:\n%s", got, want)
	}
}
