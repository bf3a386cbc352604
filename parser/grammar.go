package parser

import (
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar describes concrete syntax only:
//
//	input      = expression EOF .
//	expression = operand { [ op ] operand } .
//	op         = "+" | "-" | "*" | "/" | "^" .
//	operand    = { "-" } { "√" } atom [ Super ] .
//	atom       = Number | Ident { "'" } [ "(" arguments ")" ] | "(" expression ")" | "|" barred "|" .
//	barred     = operand { op operand | operand } .   (an operand after no operator does not begin with "|")
//	arguments  = [ expression { "," expression } ] .
//
// The structs below hold it in their tags, and are the syntax tree:
// participle reads the input into them, convert.go turns them into a
// symbolic.Expr, and `fprime help grammar` prints the grammar as
// participle renders it (Grammar). An expression is a flat run of
// operands and the operators between them (none, for juxtaposition):
// the conversion applies precedence from symbolic's table, so the parse
// recurses only into brackets, whose depth the scanner bounds before
// participle runs.
//
// Each production keeps its tokens (participle's Tokens field, a part of
// the one token list of the input): the conversion quotes them in
// messages and in the reading it echoes ("read as (1/2)·x").

// input is the root of the grammar: one expression, then the end of the
// input, which participle checks.
type input struct {
	Tokens []lexer.Token
	Expr   expression `parser:"@@"`
}

// expression is a run of operands, with an operator or none between two
// (juxtaposition: 2x, x y, 2(x + 1)). The lexer gives ** and × the values
// ^ and *. The operator is not captured: the conversion reads it as the
// token before its operand (no operand ends in one). A production of its
// own for operator and operand would cost participle a struct and its
// bookkeeping per operand, and a long sum has tens of thousands.
type expression struct {
	Pos      lexer.Position
	Tokens   []lexer.Token
	Operands []*operand `parser:"@@ ( ( '+' | '-' | '*' | '/' | '^' )? @@ )*"`
}

// operand is an atom with its leading minus and √ signs and its
// superscript (x² is x^2). These, and the primes of a name, are matched
// but not captured; the conversion reads them from Tokens, because a
// capture costs participle allocations even where it matches nothing,
// and most operands have none of them.
type operand struct {
	Tokens []lexer.Token
	Atom   atom `parser:"'-'* '√'* @@ Super?"`
}

// atom is a number, a name (a call when arguments follow, so Args is not
// nil for f(); f'(x) with primes), a parenthesised expression, or an
// absolute value |x - 3|.
type atom struct {
	Pos    lexer.Position
	Number string      `parser:"  @Number"`
	Name   string      `parser:"| @Ident \"'\"*"`
	Args   *arguments  `parser:"  ( '(' @@ ')' )?"`
	Paren  *expression `parser:"| '(' @@ ')'"`
	Abs    *barred     `parser:"| '|' @@ '|'"`
}

// barred is an expression between absolute-value bars. In it, a "|"
// right after an operand closes the bars rather than opening a factor
// (|x|y| is not |x·|y||): it may open bars only after an operator, as in
// |x - |y||. Outside bars, 2|x| and |x| |y| are products. The scanner
// pairs the bars by the same rule, so an unclosed one is reported there.
// It has expression's fields, and is converted as one.
type barred struct {
	Pos      lexer.Position
	Tokens   []lexer.Token
	Operands []*operand `parser:"@@ ( ( '+' | '-' | '*' | '/' | '^' ) @@ | (?! '|' ) @@ )*"`
}

// arguments is a call's list: f() has none.
type arguments struct {
	List []expression `parser:"( @@ ( ',' @@ )* )?"`
}
