package session

import (
	"strings"
	"testing"
)

// TestCheckForms: the ways people write what they check.
func TestCheckForms(t *testing.T) {
	cases := []struct {
		defs, check string
		oks         []bool
	}{
		{"f(x) = x^3", "check f'(x) = 3x^2", []bool{true}},
		{"f(x) = x^3", "check f''(x) = 6x + 1", []bool{false}},
		{"", "check d/dx sin x = cos x", []bool{true}},
		{"", "check d/dx x^2 = 2x + 1", []bool{false}},
		{"", "check d/dt e^(2t) = 2e^(2t)", []bool{true}},
		{"g(x, y) = x^2 y + sin(y)", "check grad g = (2x y, x^2 + cos(y))", []bool{true, true}},
		{"g(x, y) = x^2 y + sin(y)", "check grad g = (2x y, x^2 - cos y)", []bool{true, false}},
		{"g(x, y) = x^2 y + sin(y)", "check grad g = (x y, x^2 + cos(y))", []bool{false, true}},
		{"h(x) = ln(x)", "check grad h = (1/x)", []bool{true}},
	}
	for _, c := range cases {
		s := New()
		if c.defs != "" {
			run(t, s, c.defs)
		}
		r := run(t, s, c.check)
		var got []bool
		switch r := r.(type) {
		case CheckResult:
			got = append(got, r.OK)
		case Many:
			for _, x := range r {
				got = append(got, x.(CheckResult).OK)
			}
		}
		if len(got) != len(c.oks) {
			t.Errorf("%s: %d verdicts, want %d", c.check, len(got), len(c.oks))
			continue
		}
		for i := range got {
			if got[i] != c.oks[i] {
				t.Errorf("%s: verdict %d is %v, want %v", c.check, i+1, got[i], c.oks[i])
			}
		}
	}
	for _, bad := range []struct{ defs, check, want string }{
		{"f(x) = x^3", "check f'(2) = 12", "check takes a derivative on the left"},
		{"g(x, y) = x y", "check grad g = (y)", "its gradient has 2 parts, not 1"},
		{"g(x, y) = x y", "check grad g = y, x", "needs one answer for each of x, y"},
		{"", "check grad sin = cos(x)", "sin is built in"},
	} {
		s := New()
		if bad.defs != "" {
			run(t, s, bad.defs)
		}
		if err := runErr(t, s, bad.check); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: %v, want %q", bad.check, err, bad.want)
		}
	}
}
