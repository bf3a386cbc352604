package parser

import (
	"math/rand"
	"strings"
	"testing"
)

// TestTokenBound checks that tokenBound never counts fewer tokens than the
// scanner reads, on tricky inputs and on random runs of pieces of tokens.
func TestTokenBound(t *testing.T) {
	inputs := []string{
		"", "x", "2x", "x2", "2e", "2e5x", "2ex3", "1.2.3", ".5.5", "1e-6x", "2E+3y",
		"x²³y", "πx", "xπ", "αβγ x", "a_b1_2", "sin²x", "2**3**x", "x−y×z·w", `save "a b"`,
		"f''(x)", "# a comment 1 2 3\nx", "√√x", "x⁻¹", "1 2 3", "x y z",
	}
	pieces := []string{"x", "y", "2", "0", "9", ".", "e", "E", "-", "+", "²", "⁻", "π", "α", "_", " ", "\t",
		"(", ")", "^", "*", "**", "×", "√", "'", "′", ",", "1e", "e5", "ab", "\n", "#", `"`}
	r := rand.New(rand.NewSource(1))
	for range 20000 {
		var b strings.Builder
		for range 1 + r.Intn(12) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		inputs = append(inputs, b.String())
	}
	for _, s := range inputs {
		toks, err := tokenize(s)
		if err != nil {
			continue
		}
		n := len(toks) - 1 // EOF is not counted
		if b := tokenBound(s, len(s)); b < n {
			t.Errorf("tokenBound(%q) = %d, but it has %d tokens", s, b, n)
		}
		if b := tokenBound(s, n-1); n > 0 && b <= n-1 {
			t.Errorf("tokenBound(%q, %d) = %d, but it has %d tokens", s, n-1, b, n)
		}
	}
}
