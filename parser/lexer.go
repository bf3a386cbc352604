package parser

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types of fprime's lexer.
const (
	tokNumber lexer.TokenType = -(iota + 2)
	tokIdent
	tokSuper  // superscript digits: x² is x^2, and the token's value is "2"
	tokPunct  // punctuation and the prefix √, spelled as their value
	tokString // a double-quoted file name
	// tokOp is the binary operators + - * / ^, in any spelling (** × · ÷
	// −), with their ASCII value: one token type, so that the grammar
	// reads an operator as one reference, not as a choice of five. A
	// message quotes what the person typed, read from the input at the
	// token's offset (spelling).
	tokOp
	// tokAlias is the first of the types of the primes typed in another
	// spelling than ' (′ ’): aliases[i] has type tokAlias-i.
	tokAlias
)

// aliases are the other spellings of operators and primes, as pasted
// from books and web pages, with the ASCII token they stand for.
var aliases = [...]struct{ spelling, value string }{
	{"**", "^"}, {"−", "-"}, {"–", "-"}, {"×", "*"}, {"·", "*"}, {"⋅", "*"}, {"∙", "*"}, {"÷", "/"}, {"′", "'"}, {"’", "'"},
}

// aliasOf returns the index in aliases of the one-rune spelling c, or -1.
func aliasOf(c rune) int {
	for i, a := range aliases {
		if r, _ := utf8.DecodeRuneInString(a.spelling); r == c && len(a.spelling) == utf8.RuneLen(c) {
			return i
		}
	}
	return -1
}

// aliasType is the token type of aliases[i]: tokOp for an operator.
func aliasType(i int) lexer.TokenType {
	if isBinary(aliases[i].value[0]) {
		return tokOp
	}
	return tokAlias - lexer.TokenType(i)
}

// spelling is a token of src as the person typed it: × rather than *, ²
// rather than 2.
func spelling(src string, t lexer.Token) string {
	switch {
	case t.Type == tokOp:
		// The value is ASCII; the input at the token has the spelling.
		typed := src[t.Pos.Offset:]
		if strings.HasPrefix(typed, "**") {
			return "**"
		}
		_, size := utf8.DecodeRuneInString(typed)
		return typed[:size]
	case t.Type <= tokAlias && int(tokAlias-t.Type) < len(aliases):
		return aliases[tokAlias-t.Type].spelling
	case t.Type == tokSuper:
		return superscript(t.Value)
	case t.Type == tokString:
		return `"` + t.Value + `"`
	}
	return t.Value
}

// isPunct reports whether t is of an operator or punctuation, in any
// spelling.
func isPunct(t lexer.TokenType) bool { return t == tokPunct || t <= tokOp }

// mathLexer is a hand-written lexer: it maps the Unicode forms people paste
// from books (− × · π √ ²) to one spelling, keeps positions in characters
// (not bytes) so carets line up, and is much faster than a regexp lexer on
// long input.
type mathLexer struct{}

func (mathLexer) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF": lexer.EOF, "Number": tokNumber, "Ident": tokIdent,
		"Super": tokSuper, "Punct": tokPunct, "String": tokString, "Op": tokOp,
	}
}

func (d mathLexer) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

func (mathLexer) LexString(filename, s string) (lexer.Lexer, error) {
	return newScanner(s), nil
}

// tokenList replays tokens already read, for participle.
type tokenList struct {
	toks []lexer.Token
	i    int
}

func (l *tokenList) Next() (lexer.Token, error) {
	t := l.toks[l.i]
	if l.i < len(l.toks)-1 {
		l.i++
	}
	return t, nil
}

// superDigits maps superscript characters to the ASCII they stand for.
var superDigits = map[rune]byte{
	'⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6',
	'⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-', '⁺': '+',
}

// superscript writes ASCII exponent text back in superscripts: "-1" is ⁻¹.
func superscript(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			b.WriteString(superDigit(int(c - '0')))
		case c == '-':
			b.WriteRune('⁻')
		case c == '+':
			b.WriteRune('⁺')
		}
	}
	return b.String()
}

func superDigit(d int) string {
	return [...]string{"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"}[d]
}

// maxSuperDigits bounds a superscript exponent: a longer one is a mistake
// more likely than an exponent, and ^ takes any number.
const maxSuperDigits = 18

// asciiPunct holds the ASCII punctuation; the operators are isBinary.
const asciiPunct = "(),=;[]'<>|"

// tokenize splits s into tokens. s has passed checkInput, so it is valid
// UTF-8 without control characters.
func tokenize(s string) ([]lexer.Token, error) {
	sc := newScanner(s)
	toks := make([]lexer.Token, 0, min(len(s)/2, MaxTokens)+1)
	for {
		t, err := sc.Next()
		if err != nil {
			return nil, err
		}
		if len(toks) == cap(toks) {
			// Grow by doubling: append's smaller steps copy a long
			// token list (64 bytes a token) several times over.
			toks = append(make([]lexer.Token, 0, min(2*cap(toks), MaxTokens+1)), toks...)
		}
		toks = append(toks, t)
		if t.Type == lexer.EOF {
			return toks, nil
		}
	}
}

// scanAll reads s to its end, for the errors the scanner finds.
func scanAll(s string) error {
	sc := newScanner(s)
	for {
		t, err := sc.Next()
		if err != nil || t.Type == lexer.EOF {
			return err
		}
	}
}

// tokenBound is at least the number of tokens in s, or any number over
// limit once that is passed, and cheaper to count: the bytes where a token
// may begin. A token never begins at a digit after a digit, nor at a letter
// after a letter, since numbers and names take in the digits and letters
// that follow them; every other byte that is not a space or inside a
// character counts.
func tokenBound(s string, limit int) int {
	n := 0
	prev := uint8(byteSpace)
	for i := 0; i < len(s) && n <= limit; i++ {
		k := byteClasses[s[i]]
		if k == byteOther || k != prev && k != byteSpace {
			n++
		}
		prev = k
	}
	return n
}

// The classes of bytes for tokenBound.
const (
	byteSpace  = iota // or inside a character of several bytes
	byteDigit         // 0-9
	byteLetter        // a-z, A-Z, _
	byteOther         // may always begin a token
)

var byteClasses = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c >= 0x80 && c < 0xc0:
			t[c] = byteSpace
		case c >= '0' && c <= '9':
			t[c] = byteDigit
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			t[c] = byteLetter
		default:
			t[c] = byteOther
		}
	}
	return t
}()

// scanner is fprime's lexer for participle: it reads one token at a time,
// and checks as it goes what no later stage should see: more than
// MaxTokens tokens, brackets that do not match, brackets and square roots
// nested too deeply, and numbers too long. Its errors are *Error values.
type scanner struct {
	s         string
	i         int // the next byte
	line, col int // of s[i]; col counts characters
	count     int // tokens read
	open      []lexer.Token
	// ends is whether the last token ends an operand (a number, a name,
	// a prime, a superscript, a closing bracket or bar): a "|" after one
	// closes the innermost bars, if those are what is open.
	ends bool
	// last and before are the last two tokens, for a "|" that ends the
	// input after an operator: |x -| is missing an operand, not a bar.
	last, before lexer.Token
	nesting
}

// nesting counts the levels of brackets and square roots around a token,
// which MaxDepth bounds together: √ takes the operand after it, brackets
// included, so √(√(x)) is four levels.
type nesting struct {
	level  int   // around the next token
	levels []int // around each open "("
	roots  int   // the √ signs of the operand being read
	// after is what the last token may be in that operand: its √ signs,
	// or its name (and primes), which a "(" may follow as its brackets.
	after uint8
}

const (
	afterOther uint8 = iota
	afterRoot
	afterName
)

// nest counts t into the levels, and refuses a √ beyond MaxDepth; a "|"
// that closes bars is like ")", one that opens them like "(" after an
// operator.
func (n *nesting) nest(t lexer.Token, closes bool) error {
	after := n.after
	n.after = afterOther
	switch {
	case t.Type == tokPunct && t.Value == "√":
		if after != afterRoot {
			n.roots = 0
		}
		n.roots++
		n.after = afterRoot
		if n.level+n.roots > MaxDepth {
			return errorAt(t.Pos.Line, t.Pos.Column, "nested too deeply: more than %d levels of brackets and square roots", MaxDepth)
		}
		return nil
	case t.Type == tokIdent:
		if after != afterRoot {
			n.roots = 0
		}
		n.after = afterName
		return nil
	case isPunct(t.Type) && t.Value == "'" && after == afterName:
		n.after = afterName
		return nil
	case t.Type == tokPunct && (t.Value == "(" || t.Value == "|" && !closes):
		if after == afterOther || t.Value == "|" && after == afterName {
			n.roots = 0
		}
		n.levels = append(n.levels, n.level)
		n.level += n.roots + 1
	case t.Type == tokPunct && (t.Value == ")" || t.Value == "|") && len(n.levels) > 0:
		n.level = n.levels[len(n.levels)-1]
		n.levels = n.levels[:len(n.levels)-1]
	}
	n.roots = 0
	return nil
}

func newScanner(s string) *scanner { return &scanner{s: s, line: 1, col: 1} }

func (sc *scanner) token(typ lexer.TokenType, value string, start, col int) (lexer.Token, error) {
	t := lexer.Token{Type: typ, Value: value, Pos: lexer.Position{Offset: start, Line: sc.line, Column: col}}
	if sc.count == MaxTokens {
		return t, errorAt(sc.line, col, "input too long: more than %d numbers, names and operators", MaxTokens)
	}
	sc.count++
	closes := t.Type == tokPunct && t.Value == "|" && sc.ends && len(sc.open) > 0 && sc.open[len(sc.open)-1].Value == "|"
	sc.before, sc.last = sc.last, t
	sc.ends = closes || t.Type == tokNumber || t.Type == tokIdent || t.Type == tokSuper ||
		isPunct(t.Type) && (t.Value == ")" || t.Value == "]" || t.Value == "'")
	if err := checkToken(t, &sc.open, closes); err != nil {
		return t, err
	}
	return t, sc.nest(t, closes)
}

// Next returns the next token, or EOF at the end.
func (sc *scanner) Next() (lexer.Token, error) {
	s := sc.s
	for sc.i < len(s) {
		i, c := sc.i, s[sc.i]
		start, startCol := i, sc.col
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			sc.i++
			sc.col++
		case c == '\n':
			sc.i++
			sc.line++
			sc.col = 1
		case c == '#':
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				j = len(s) - i
			}
			sc.col += utf8.RuneCountInString(s[i : i+j])
			sc.i += j
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			n := scanNumber(s[i:])
			sc.i += n
			sc.col += n
			return sc.token(tokNumber, s[i:i+n], start, startCol)
		case c < utf8.RuneSelf && (c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'):
			n, chars := scanIdent(s[i:])
			sc.i += n
			sc.col += chars
			return sc.token(tokIdent, s[i:i+n], start, startCol)
		case c == '*' && i+1 < len(s) && s[i+1] == '*':
			sc.i += 2
			sc.col += 2
			return sc.token(tokOp, "^", start, startCol)
		case c < utf8.RuneSelf && isBinary(c):
			sc.i++
			sc.col++
			return sc.token(tokOp, s[i:i+1], start, startCol)
		case c < utf8.RuneSelf && strings.IndexByte(asciiPunct, c) >= 0:
			sc.i++
			sc.col++
			return sc.token(tokPunct, s[i:i+1], start, startCol)
		case c == '"':
			end := strings.IndexAny(s[i+1:], "\"\n")
			if end < 0 || s[i+1+end] == '\n' {
				return lexer.Token{}, errorAt(sc.line, startCol, `missing closing " for the file name`)
			}
			sc.i += end + 2
			sc.col += utf8.RuneCountInString(s[i : i+end+2])
			return sc.token(tokString, s[i+1:i+1+end], start, startCol)
		case c < utf8.RuneSelf:
			return lexer.Token{}, errorAt(sc.line, startCol, "unexpected character %q", rune(c))
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == '\u00a0':
				sc.i += size
				sc.col++
				continue
			case r == 'π':
				sc.i += size
				sc.col++
				return sc.token(tokIdent, "pi", start, startCol)
			case isIdentStart(r):
				n, chars := scanIdent(s[i:])
				sc.i += n
				sc.col += chars
				return sc.token(tokIdent, s[i:i+n], start, startCol)
			case superDigits[r] != 0:
				var b []byte
				n := 0
				for i+n < len(s) {
					r, rs := utf8.DecodeRuneInString(s[i+n:])
					d := superDigits[r]
					if d == 0 {
						break
					}
					b = append(b, d)
					n += rs
				}
				if err := checkSuper(s[i:i+n], string(b), sc.line, startCol); err != nil {
					return lexer.Token{}, err
				}
				sc.i += n
				sc.col += utf8.RuneCountInString(s[i : i+n])
				return sc.token(tokSuper, string(b), start, startCol)
			case r == '√' || r == '∇':
				sc.i += size
				sc.col++
				return sc.token(tokPunct, s[i:i+size], start, startCol)
			case aliasOf(r) >= 0:
				k := aliasOf(r) // ×, ·, −: typed spellings of ASCII operators
				sc.i += size
				sc.col++
				return sc.token(aliasType(k), aliases[k].value, start, startCol)
			default:
				return lexer.Token{}, errorAt(sc.line, startCol, "unexpected character %q", r)
			}
		}
	}
	eof := lexer.Token{Type: lexer.EOF, Pos: lexer.Position{Offset: len(s), Line: sc.line, Column: sc.col}}
	sc.count++ // EOF does not count against the limit, but is a token read
	if n := len(sc.open); n > 0 && sc.open[n-1] == sc.last && sc.last.Value == "|" && isPunct(sc.before.Type) && isOperator(sc.before.Value) {
		return eof, errorAt(sc.last.Pos.Line, sc.last.Pos.Column, "expected an expression after %q, found \"|\"", spelling(sc.s, sc.before))
	}
	return eof, checkToken(eof, &sc.open, false)
}

// checkSuper accepts a superscript that is a whole number: at most one
// sign, then digits. x⁻ or x⁻⁻1 is a slip, not x^0.
func checkSuper(typed, ascii string, line, col int) error {
	digits := strings.TrimLeft(ascii, "+-")
	switch {
	case len(ascii)-len(digits) > 1 || digits == "" || strings.ContainsAny(digits, "+-"):
		return errorAt(line, col, "superscript %q is not a whole number: write at most one sign, then digits, as in x⁻¹", typed)
	case len(digits) > maxSuperDigits:
		return errorAt(line, col, "superscript %s is too long: write a large exponent with ^, as in x^%s", shorten(typed), shorten(ascii))
	}
	return nil
}

// scanIdent returns the length in bytes and in characters of the name at
// the start of s.
func scanIdent(s string) (n, chars int) {
	for n < len(s) {
		c := s[n]
		if c < utf8.RuneSelf {
			if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				n++
				chars++
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(s[n:])
		if !isIdentPart(r) {
			break
		}
		n += size
		chars++
	}
	return n, chars
}

func isIdentStart(c rune) bool { return c == '_' || unicode.IsLetter(c) && c != 'π' }

func isIdentPart(c rune) bool {
	return c == '_' || c >= '0' && c <= '9' || unicode.IsLetter(c) && c != 'π'
}

// scanNumber returns the length of the number at the start of s: digits,
// an optional fraction and an optional exponent (2.5E3, .5, 1e-6). An e not
// followed by digits is left alone, so 2e^x is 2·e^x.
func scanNumber(s string) int {
	n := 0
	digits := func() {
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
	}
	digits()
	if n < len(s) && s[n] == '.' {
		n++
		digits()
	}
	if n < len(s) && (s[n] == 'e' || s[n] == 'E') {
		m := n + 1
		if m < len(s) && (s[m] == '+' || s[m] == '-') {
			m++
		}
		if m < len(s) && s[m] >= '0' && s[m] <= '9' {
			n = m
			digits()
		}
	}
	return n
}

// shorten cuts a long literal for a message: 9999999999…999999.
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= 24 {
		return s
	}
	r := []rune(s)
	return fmt.Sprintf("%s…%s", string(r[:10]), string(r[len(r)-6:]))
}
