package parser

import (
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// Limits checked before participle sees the input, so that no input can
// exhaust the stack or the clock: each answers, value or error, in well
// under 100 ms, but for the longest runs of operands MaxTokens lets
// through, which participle reads at some 15 µs an operand (65,536
// factors x x x ... take about a second). Participle and the conversion
// cost time per token, the symbolic side per term, nested square roots
// build exponents of 2^-n, and a long number takes time to convert.
const (
	MaxInputBytes = 1 << 20 // 1 MiB
	// MaxTokens bounds the numbers, names, operators and brackets of one
	// input: 65,536 holds a polynomial of 13,000 terms. Participle builds
	// a struct for each operand and allocates some 20 times doing so, so
	// the time of a long input goes mostly to memory.
	MaxTokens = 1 << 16
	// MaxDepth bounds nested parentheses and brackets, and square roots
	// applied one to another: each is a level of the expression tree.
	MaxDepth = 1000
	// MaxDigits bounds the significant digits of one number and
	// MaxExponent its power of ten: written as m·10^k with m a whole number
	// without trailing zeros, m has at most MaxDigits digits and
	// |k| <= MaxExponent. The limits apply to the number, not to how it is
	// written, so 10e100000 and 1e100001 are both too large, and a number
	// fprime prints reads back.
	MaxDigits = 100_000
	// MaxNumberBits bounds the numbers of one input taken together, in
	// bits (of each number's numerator or denominator, the longer): as
	// many as the largest single number holds, MaxDigits digits times
	// 10^MaxExponent. Products of numbers are worked out exactly, so
	// 1e100000*1e100000*… would otherwise grow without bound.
	MaxNumberBits = (MaxDigits+MaxExponent)*3322/1000 + 64
	MaxExponent   = 100_000
	// MaxExprSize bounds an expression with the bodies of the functions
	// it calls written out, in nodes (see symbolic.Size): bodies that call
	// functions nest, and f2(x) = f1(f1(x)), f3(x) = f2(f2(x)), … double
	// at each step.
	MaxExprSize = 1_000_000
)

// checkInput rejects what the lexer must never see: oversized input,
// invalid UTF-8 and control characters.
func checkInput(s string) error {
	if len(s) > MaxInputBytes {
		return errorAt(1, 1, "input too long: %d bytes, and the limit is %d (1 MiB)", len(s), MaxInputBytes)
	}
	line, col := 1, 1
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f || c == '\t' || c == '\r' {
			i++
			col++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return errorAt(line, col, "invalid UTF-8 (byte 0x%02x)", s[i])
		case r == '\n':
			line, col = line+1, 0
		case r == 0:
			return errorAt(line, col, "NUL character in the input")
		case unicode.IsControl(r):
			return errorAt(line, col, "control character %U in the input", r)
		}
		i += n
		col++
	}
	return nil
}

// checkToken bounds nesting and numbers and matches brackets, so that
// errors about them name both ends and nothing later recurses deeply;
// open holds the brackets open before t.
func checkToken(t lexer.Token, open *[]lexer.Token, closesBar bool) error {
	at := func(format string, args ...any) error { return errorAt(t.Pos.Line, t.Pos.Column, format, args...) }
	switch {
	case t.Type == tokNumber && len(t.Value) > MaxDigits: // no more digits than characters
		if n := significantDigits(t.Value); n > MaxDigits {
			return at("number too long: %d digits, and the limit is %d", n, MaxDigits)
		}
	case t.Type == lexer.EOF && len(*open) > 0:
		top := (*open)[len(*open)-1]
		return at("missing %q for the %q at column %d", closing(top.Value), top.Value, top.Pos.Column)
	case t.Type != tokPunct:
	case t.Value == "(" || t.Value == "[" || t.Value == "|" && !closesBar:
		if len(*open) == MaxDepth {
			return at("nested too deeply: more than %d levels of brackets", MaxDepth)
		}
		*open = append(*open, t)
	case t.Value == ")" || t.Value == "]" || t.Value == "|":
		if len(*open) == 0 {
			// As PRODUCT.md's example of an error writes it:
			// {"error": "unexpected \")\"", "line": 1, "col": 14}.
			return at("unexpected %q", t.Value)
		}
		top := (*open)[len(*open)-1]
		if closing(top.Value) != t.Value {
			return at("expected %q for the %q at column %d, found %q", closing(top.Value), top.Value, top.Pos.Column, t.Value)
		}
		*open = (*open)[:len(*open)-1]
	}
	return nil
}

func closing(c string) string {
	switch c {
	case "(":
		return ")"
	case "|":
		return "|"
	}
	return "]"
}

// significantDigits counts the digits of a number literal's mantissa
// without its leading and trailing zeros: 0.00120 has 2.
func significantDigits(s string) int {
	first, last, n := -1, -1, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 'e' || c == 'E' {
			break
		}
		if c < '0' || c > '9' {
			continue
		}
		if c != '0' {
			if first < 0 {
				first = n
			}
			last = n
		}
		n++
	}
	if first < 0 {
		return 0
	}
	return last - first + 1
}
