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
	tokSuper  // superscript digits: x² is x^2
	tokPunct  // operators and punctuation, Unicode forms mapped to ASCII
	tokString // a double-quoted file name
)

// mathLexer is a hand-written lexer: it maps the Unicode forms people paste
// from books (− × · π √ ²) to one spelling, keeps positions in characters
// (not bytes) so carets line up, and is much faster than a regexp lexer on
// long input.
type mathLexer struct{}

func (mathLexer) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF": lexer.EOF, "Number": tokNumber, "Ident": tokIdent,
		"Super": tokSuper, "Punct": tokPunct, "String": tokString,
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
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	return &tokenList{toks: toks}, nil
}

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

// unicodeOps maps Unicode operators to the ASCII token they stand for.
var unicodeOps = map[rune]string{
	'−': "-", '–': "-", '×': "*", '·': "*", '⋅': "*", '∙': "*", '÷': "/",
	'√': "√", '′': "'", '∇': "∇",
}

var superDigits = map[rune]rune{
	'⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6',
	'⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-', '⁺': '+',
}

// tokenize splits s into tokens. s has passed checkInput, so it is valid
// UTF-8 without control characters.
func tokenize(s string) ([]lexer.Token, error) {
	toks := make([]lexer.Token, 0, len(s)/2+1)
	pos := lexer.Position{Line: 1, Column: 1}
	i := 0
	advance := func(n int) {
		pos.Offset += n
		pos.Column += utf8.RuneCountInString(s[i : i+n])
		i += n
	}
	for i < len(s) {
		c, size := utf8.DecodeRuneInString(s[i:])
		start := pos
		switch {
		case c == '\n':
			pos.Line++
			pos.Column = 0
			advance(1)
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\u00a0':
			advance(size)
			continue
		case c == '#':
			for i < len(s) && s[i] != '\n' {
				_, n := utf8.DecodeRuneInString(s[i:])
				advance(n)
			}
			continue
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			n := scanNumber(s[i:])
			toks = append(toks, lexer.Token{Type: tokNumber, Value: s[i : i+n], Pos: start})
			advance(n)
			continue
		case c == 'π':
			toks = append(toks, lexer.Token{Type: tokIdent, Value: "pi", Pos: start})
		case isIdentStart(c):
			n := size
			for i+n < len(s) {
				r, rs := utf8.DecodeRuneInString(s[i+n:])
				if !isIdentPart(r) {
					break
				}
				n += rs
			}
			toks = append(toks, lexer.Token{Type: tokIdent, Value: s[i : i+n], Pos: start})
			advance(n)
			continue
		case superDigits[c] != 0:
			var b strings.Builder
			n := 0
			for i+n < len(s) {
				r, rs := utf8.DecodeRuneInString(s[i+n:])
				d := superDigits[r]
				if d == 0 {
					break
				}
				b.WriteRune(d)
				n += rs
			}
			toks = append(toks, lexer.Token{Type: tokSuper, Value: b.String(), Pos: start})
			advance(n)
			continue
		case c == '*' && strings.HasPrefix(s[i:], "**"):
			toks = append(toks, lexer.Token{Type: tokPunct, Value: "^", Pos: start})
			advance(2)
			continue
		case c == '"':
			end := strings.IndexAny(s[i+1:], "\"\n")
			if end < 0 || s[i+1+end] == '\n' {
				return nil, &Error{Line: start.Line, Col: start.Column, Msg: `missing closing " for the file name`}
			}
			toks = append(toks, lexer.Token{Type: tokString, Value: s[i+1 : i+1+end], Pos: start})
			advance(end + 2)
			continue
		case strings.ContainsRune("+-*/^(),=;[]'<>", c):
			toks = append(toks, lexer.Token{Type: tokPunct, Value: string(c), Pos: start})
		case unicodeOps[c] != "":
			toks = append(toks, lexer.Token{Type: tokPunct, Value: unicodeOps[c], Pos: start})
		default:
			return nil, &Error{Line: start.Line, Col: start.Column, Msg: fmt.Sprintf("unexpected character %q", c)}
		}
		advance(size)
	}
	toks = append(toks, lexer.Token{Type: lexer.EOF, Pos: pos})
	return toks, nil
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
