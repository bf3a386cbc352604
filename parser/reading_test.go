package parser_test

import (
	"context"
	"strings"
	"testing"

	"github.com/fprime/fprime/parser"
)

// TestReadingsOfBookNotation: the echoed reading of implicit products and
// paren-less calls is well formed and parses back to the same expression.
func TestReadingsOfBookNotation(t *testing.T) {
	cases := []struct{ in, reading string }{
		{"2sin x/x", "2·sin(x)/x"},
		{"x sin x/2", "x·sin(x)/2"},
		{"2cos 3x/x", "2·cos(3·x)/x"},
		{"5ln x/x", "5·ln(x)/x"},
		{"2x sin x/3", "2·x·sin(x)/3"},
		{"1/2x", "(1/2)·x"},
		{"1/2x/3y", "((1/2)·x/3)·y"},
		{"sin x/2 + 1/2x", "sin(x)/2 + (1/2)·x"},
		{"x y/2 - 3sin 2x/x", "x·y/2 - 3·sin(2·x)/x"},
	}
	for _, c := range cases {
		e, reading, err := parser.ParseExprIn(context.Background(), c.in, nil)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if reading != c.reading {
			t.Errorf("%s reads as %q, want %q", c.in, reading, c.reading)
		}
		if strings.Count(reading, "(") != strings.Count(reading, ")") {
			t.Errorf("%s: the reading %q has unbalanced brackets", c.in, reading)
		}
		back, err := parser.ParseExpr(reading)
		if err != nil || back.String() != e.String() {
			t.Errorf("%s: the reading %q reads back as %v, %v; want %v", c.in, reading, back, err, e)
		}
	}
}
