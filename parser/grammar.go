package parser

import (
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar describes concrete syntax only:
//
//	input      = expression EOF .   (exprParser reads an expression, then the end)
//	expression = operand { [ op ] operand } .
//	op         = "+" | "-" | "*" | "/" | "^" .
//	operand    = { "-" | "+" } { "√" } atom [ Super ] .
//	atom       = Number | Ident { "'" } [ "(" arguments ")" ] | "(" expression ")" | "|" barred "|" .
//	barred     = operand { op operand | operand } .   (an operand after no operator does not begin with "|")
//	arguments  = [ expression { "," expression } ] .
//
// The structs below hold it in their tags, and are the syntax tree:
// participle reads the input into them, convert.go turns them into a
// symbolic.Expr, and `fprime help grammar` prints the grammar as
// participle renders it (Grammar). Their layout is chosen for participle's
// cost, which grows with the productions, captures and alternatives it
// tries at each operand: op is one token type, Op; atom is written out
// in operand, and again in prefixed for an operand with signs; and
// arguments in the call. An expression is a flat run of
// operands and the operators between them (none, for juxtaposition):
// the conversion applies precedence from symbolic's table, so the parse
// recurses only into brackets, whose depth the scanner bounds before
// participle runs.
//
// Each production but prefixed keeps its tokens (participle's Tokens
// field, a part of the one token list of the input): the conversion reads
// the parts that are not captured from them, and quotes them in messages
// and in the reading it echoes ("read as (1/2)·x").

// expression is a run of operands, with an operator or none between two
// (juxtaposition: 2x, x y, 2(x + 1)). The lexer gives the operators, in
// any spelling, the one token type Op with their ASCII value (^ for **, *
// for ×), so that an operator is one reference, not a choice of five.
// The operator is not captured: the conversion reads it as the token
// before its operand (no operand ends in one). A production of its own
// for operator and operand would cost participle a struct and its
// bookkeeping per operand, and a long sum has tens of thousands.
type expression struct {
	Tokens   []lexer.Token
	Operands []*operand `parser:"@@ ( Op? @@ )*"`
}

// operand is a number, a name (a call when brackets follow: f(x), f() or
// f'(x) with primes), a parenthesised expression or an absolute value
// |x - 3|, maybe with leading minus and √ signs (prefixed), and with its
// superscript (x² is x^2). Only the expressions in it are captured: the
// conversion reads the rest from Tokens, because participle spends
// allocations on each production, capture and alternative it tries, even
// where they match nothing, and a long sum has tens of thousands of
// operands. For the same reason the signs are alternatives of their own,
// tried last, rather than the groups "-"* "√"* that every operand would
// try, and each begins with a sign, which participle matches or not
// without a branch of its own: each expression ends with an operand
// tried in vain, at its ")" or "," or at the end.
type operand struct {
	Tokens   []lexer.Token
	Args     []expression `parser:"( Number | Ident \"'\"* ( '(' ( @@ ( ',' @@ )* )? ')' )?"`
	Paren    *expression  `parser:"  | '(' @@ ')'"`
	Abs      *barred      `parser:"  | '|' @@ '|'"`
	Prefixed *prefixed    `parser:"  | '-' ( '-' | '+' )* '√'* @@ | '+' ( '-' | '+' )* '√'* @@ | '√' '√'* @@ ) Super?"`
}

// prefixed is an operand's atom after its minus and √ signs: -x, √2,
// -√(x + 1). It is operand's atom, and the conversion reads it as one.
type prefixed struct {
	Args  []expression `parser:"  Number | Ident \"'\"* ( '(' ( @@ ( ',' @@ )* )? ')' )?"`
	Paren *expression  `parser:"| '(' @@ ')'"`
	Abs   *barred      `parser:"| '|' @@ '|'"`
}

// barred is an expression between absolute-value bars. In it, a "|"
// right after an operand closes the bars rather than opening a factor
// (|x|y| is not |x·|y||): it may open bars only after an operator, as in
// |x - |y||. Outside bars, 2|x| and |x| |y| are products. The scanner
// pairs the bars by the same rule, so an unclosed one is reported there.
// It has expression's fields, and is converted as one.
type barred struct {
	Tokens   []lexer.Token
	Operands []*operand `parser:"@@ ( Op @@ | (?! '|' ) @@ )*"`
}
