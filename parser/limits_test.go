package parser_test

import (
	"strings"
	"testing"
	"time"

	"github.com/fprime/fprime/parser"
)

// TestNumbersTogether: products of numbers are worked out exactly, so the
// numbers of one input are bounded together; 200 factors of 1e100000 would
// otherwise take minutes and gigabytes.
func TestNumbersTogether(t *testing.T) {
	start := time.Now()
	_, err := parser.ParseExpr(strings.Repeat("1e100000*", 200) + "1")
	if err == nil || !strings.Contains(err.Error(), "too large together") {
		t.Errorf("got %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if _, err := parser.ParseExpr("1e100000*1e99999"); err != nil {
		t.Errorf("two numbers within the bound: %v", err)
	}
}
