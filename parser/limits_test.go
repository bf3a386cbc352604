package parser_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/fprime/fprime/parser"
)

// TestNumbersTogether: products of numbers are worked out exactly, so the
// numbers of one input are bounded together; 200 factors of 1e100000 would
// otherwise take minutes and gigabytes (BenchmarkParseExponentLimit times
// the largest allowed).
func TestNumbersTogether(t *testing.T) {
	_, err := parser.ParseExpr(strings.Repeat("1e100000*", 200) + "1")
	if err == nil || !strings.Contains(err.Error(), "too large together") {
		t.Errorf("got %v", err)
	}
	if _, err := parser.ParseExpr("1e100000*1e99999"); err != nil {
		t.Errorf("two numbers within the bound: %v", err)
	}
}

// TestNestedCalls: bodies that call functions are written out, and nest:
// f2(x) = f1(f1(x)) and so on grows doubly exponentially. It must be refused,
// not hang.
func TestNestedCalls(t *testing.T) {
	env := &parser.Env{Functions: map[string]parser.Function{}}
	body, err := parser.ParseExpr("sin(x) + x")
	if err != nil {
		t.Fatal(err)
	}
	env.Functions["f1"] = parser.Function{Params: []string{"x"}, Body: body}
	for i := 2; i < 40; i++ {
		prev := "f" + strconv.Itoa(i-1)
		body, _, err := parser.ParseExprIn(context.Background(), prev+"("+prev+"(x))", &parser.Env{Functions: env.Functions, Vars: []string{"x"}})
		if err != nil {
			if !strings.Contains(err.Error(), "too large written out") {
				t.Fatalf("level %d: %v", i, err)
			}
			break
		}
		env.Functions["f"+strconv.Itoa(i)] = parser.Function{Params: []string{"x"}, Body: body}
	}
}
