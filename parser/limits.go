package parser

import (
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// Limits checked before participle sees the input, so that no input can
// exhaust the stack or the clock: participle recurses once per level of
// nesting, and a long number takes quadratic time to convert.
const (
	MaxInputBytes = 1 << 20 // 1 MiB
	MaxDepth      = 1000    // nested parentheses and brackets
	MaxDigits     = 100_000 // digits in one number
	MaxExponent   = 100_000 // |n| in a literal's exponent: 1e100000
)

// checkInput rejects what the lexer must never see: oversized input,
// invalid UTF-8 and control characters.
func checkInput(s string) error {
	if len(s) > MaxInputBytes {
		return errorAt(1, 1, "input too long: %d bytes, and the limit is %d (1 MiB)", len(s), MaxInputBytes)
	}
	line, col := 1, 1
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return errorAt(line, col, "invalid UTF-8 (byte 0x%02x)", s[i])
		case r == '\n':
			line, col = line+1, 0
		case r == 0:
			return errorAt(line, col, "NUL character in the input")
		case r != '\t' && r != '\r' && unicode.IsControl(r):
			return errorAt(line, col, "control character %U in the input", r)
		}
		i += n
		col++
	}
	return nil
}

// checkTokens bounds nesting and matches brackets, so that errors about
// them name both ends and participle never recurses deeply.
func checkTokens(toks []lexer.Token) error {
	type open struct {
		tok   lexer.Token
		close string
	}
	var stack []open
	for _, t := range toks {
		if t.Type == tokNumber && len(t.Value) > MaxDigits {
			return errorAt(t.Pos.Line, t.Pos.Column, "number too long: %d digits, and the limit is %d", len(t.Value), MaxDigits)
		}
		if t.Type != tokPunct {
			continue
		}
		switch t.Value {
		case "(", "[":
			if len(stack) == MaxDepth {
				return errorAt(t.Pos.Line, t.Pos.Column, "nested too deeply: more than %d levels of brackets", MaxDepth)
			}
			c := ")"
			if t.Value == "[" {
				c = "]"
			}
			stack = append(stack, open{t, c})
		case ")", "]":
			if len(stack) == 0 {
				return errorAt(t.Pos.Line, t.Pos.Column, "unexpected %q with no %q before it", t.Value, opening(t.Value))
			}
			top := stack[len(stack)-1]
			if top.close != t.Value {
				return errorAt(t.Pos.Line, t.Pos.Column, "expected %q for the %q at column %d, found %q", top.close, top.tok.Value, top.tok.Pos.Column, t.Value)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		end := toks[len(toks)-1].Pos
		return errorAt(end.Line, end.Column, "missing %q for the %q at column %d", top.close, top.tok.Value, top.tok.Pos.Column)
	}
	return nil
}

func opening(c string) string {
	if c == ")" {
		return "("
	}
	return "["
}
