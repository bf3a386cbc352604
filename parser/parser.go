package parser

import (
	"context"
	"errors"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/fprime/fprime/symbolic"
)

// exprParser reads the grammar of grammar.go: an expression, then the end
// of the input, which participle checks. With no lookahead, a group that
// has read a token is taken, so an error is reported where the input
// stops making sense: at the ")" of sin(x,), not at its ",".
var exprParser = participle.MustBuild[expression](participle.Lexer(mathLexer{}), participle.UseLookahead(0))

// Grammar is the grammar of statements, with the expressions in them, in
// EBNF as participle renders it.
func Grammar() string { return stmtParser.String() }

// ParseExpr reads an expression in fprime's notation, with every name other
// than the built-in functions, pi and e taken as a variable.
func ParseExpr(src string) (symbolic.Expr, error) {
	e, _, err := ParseExprIn(context.Background(), src, nil)
	return e, err
}

// ParseExprIn reads an expression whose names env explains. Besides the
// expression it returns its reading, the input with implicit products and
// paren-less calls written out ("(1/2)·x" for 1/2x), or "" when the reading
// holds no surprise. Errors are *Error values; ctx bounds the work of any
// diff(...) in the input.
func ParseExprIn(ctx context.Context, src string, env *Env) (symbolic.Expr, string, error) {
	if err := checkInput(src); err != nil {
		return nil, "", err
	}
	if len(src) > MaxTokens && tokenBound(src, MaxTokens) > MaxTokens {
		// It may hold more than MaxTokens tokens: read it through once
		// without keeping them, so that an input over the limit is
		// refused before participle copies its tokens.
		if err := scanAll(src); err != nil {
			return nil, "", err
		}
	}
	// participle reads the tokens straight from the scanner, so that
	// a long input is held in one token list, participle's.
	sc := newScanner(src)
	pl, err := lexer.Upgrade(sc)
	if err != nil {
		return nil, "", err
	}
	return parseTokens(ctx, src, pl, func() []lexer.Token { return pl.Range(0, lexer.RawCursor(sc.count)) }, env)
}

// parseTokens reads one expression of src from pl and converts it; toks
// gives the tokens read, for explaining an error.
func parseTokens(ctx context.Context, src string, pl *lexer.PeekingLexer, toks func() []lexer.Token, env *Env) (symbolic.Expr, string, error) {
	tree, err := exprParser.ParseFromLexer(pl)
	if err != nil {
		return nil, "", translate(src, toks(), err)
	}
	c := &converter{ctx: ctx, env: env, src: src}
	p, err := c.expression(tree)
	if err != nil {
		return nil, "", err
	}
	if !c.surprising {
		p.text = ""
	}
	return p.e, p.text, nil
}

// lex reads src into tokens, ending with EOF.
func lex(src string) ([]lexer.Token, error) {
	if err := checkInput(src); err != nil {
		return nil, err
	}
	return tokenize(src)
}

func peek(toks []lexer.Token) *lexer.PeekingLexer {
	pl, _ := lexer.Upgrade(&tokenList{toks: toks})
	return pl
}

// translate turns participle's error into one a student understands,
// positioned at the first token that cannot be read; toks are the tokens
// of src.
func translate(src string, toks []lexer.Token, err error) error {
	var perr participle.Error
	if !errors.As(err, &perr) {
		return err
	}
	pos := perr.Position()
	var ut *participle.UnexpectedTokenError
	if !errors.As(err, &ut) {
		return errorAt(pos.Line, pos.Column, "%s", perr.Message())
	}
	return unexpected(src, toks, ut.Unexpected)
}

// unexpected explains a token that cannot stand where it is, quoting
// tokens as they were typed in src (× and ², not * and 2).
func unexpected(src string, toks []lexer.Token, t lexer.Token) error {
	var prev, next *lexer.Token
	for i := range toks {
		if toks[i].Pos.Offset == t.Pos.Offset && toks[i].Type == t.Type {
			if i > 0 {
				prev = &toks[i-1]
			}
			if i+1 < len(toks) {
				next = &toks[i+1]
			}
			break
		}
	}
	at := func(format string, args ...any) error { return errorAt(t.Pos.Line, t.Pos.Column, format, args...) }
	afterOp := prev != nil && isPunct(prev.Type) && isOperator(prev.Value)
	switch {
	// 1,5 for 1.5; not 1.3, 0.7, which has its point and a space.
	case t.Value == "," && prev != nil && next != nil && prev.Type == tokNumber && next.Type == tokNumber &&
		!strings.Contains(prev.Value, ".") && next.Pos.Offset == t.Pos.Offset+1:
		return at("unexpected \",\": the decimal point is \".\", as in %s.%s", prev.Value, next.Value)
	case t.Type == lexer.EOF && afterOp:
		return at("expected an expression after %q", spelling(src, *prev))
	case t.Type == lexer.EOF:
		return at("unexpected end of input")
	case afterOp:
		return at("expected an expression after %q, found %q", spelling(src, *prev), spelling(src, t))
	case prev == nil && isPunct(t.Type) && isOperator(t.Value):
		return at("expected an expression before %q", spelling(src, t))
	}
	return at("unexpected %q", spelling(src, t))
}

func isOperator(s string) bool {
	switch s {
	case "+", "-", "*", "/", "^", "√", "(", ",", "=":
		return true
	}
	return false
}
