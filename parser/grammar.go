package parser

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar describes concrete syntax only:
//
//	input      = expression EOF .
//	expression = operand { [ op ] operand } .
//	op         = "+" | "-" | "*" | "/" | "^" .
//	operand    = { "-" } { "√" } atom [ Super ] .
//	atom       = Number | Ident { "'" } [ arguments ] | "(" expression ")" .
//	arguments  = "(" [ expression { "," expression } ] ")" .
//
// An expression is a flat run of operands and the operators between them
// (none, for juxtaposition); convert.go applies precedence from symbolic's
// table, so the parser recurses only into brackets, whose depth checkToken
// bounds.
//
// Participle builds the parser from input. The expression production is
// read by hand, through participle's Parseable interface: it holds every
// token of the input, and participle's generic matching costs microseconds
// a token (a 10,000-term sum took 170 ms in it), where this reader costs
// nanoseconds. It gives syntax errors back to participle as
// *participle.UnexpectedTokenError, which translate explains.

// input is the root of the grammar: one expression, then the end of the
// input, which participle checks.
type input struct {
	Expr *expression `parser:"@@"`
}

// expression is a run of operands. The root expression also holds the
// tokens its operands index, and what the brackets of every operand in
// the input hold.
type expression struct {
	operands []operand
	toks     []lexer.Token
	brackets []brackets
}

// operand is one operand with its prefix and superscript. Fields are
// indices, of tokens but for in, so that a long input costs few
// allocations and its operands hold no pointers for the collector to
// follow.
type operand struct {
	op     byte  // the operator before it, + - * / or ^; 0 for juxtaposition and the first
	atom   int32 // the number or name, or the "(" of a parenthesised expression
	end    int32 // the token after it
	super  int32 // its superscript, or -1
	minus  int32 // leading minus signs
	roots  int32 // leading √ signs, after the minus signs
	primes int32 // ' after a name: f'(x)
	// in is 1 + the index in the root's brackets of what its brackets
	// hold: a name's argument list (f() has none in it), or a
	// parenthesised expression; 0 without brackets.
	in int32
}

type brackets struct {
	list []*expression
	call bool
}

// start is the index of o's first token: a minus, a √ or the atom.
func (o *operand) start() int32 { return o.atom - o.minus - o.roots }

// inputBrackets are the brackets of an input's operands.
type inputBrackets []brackets

// call reports whether o is a name with an argument list.
func (in inputBrackets) call(o *operand) bool { return o.in > 0 && in[o.in-1].call }

// args is the argument list of a call.
func (in inputBrackets) args(o *operand) []*expression {
	if !in.call(o) {
		return nil
	}
	return in[o.in-1].list
}

// paren is the expression of a parenthesised operand, or nil.
func (in inputBrackets) paren(o *operand) *expression {
	if o.in == 0 || in[o.in-1].call {
		return nil
	}
	return in[o.in-1].list[0]
}

// Parse reads an expression for participle. It stops at the first token
// that cannot continue the expression, which participle then reports
// unless it ends the input.
func (x *expression) Parse(lex *lexer.PeekingLexer) error {
	r := reader{lex: lex}
	if n := r.rootAtoms(); n >= 64 {
		x.operands = make([]operand, 0, n)
	}
	if err := r.expression(x, 0); err != nil {
		return err
	}
	x.toks = lex.Range(0, lex.RawCursor())
	x.brackets = r.brackets
	return nil
}

type reader struct {
	lex      *lexer.PeekingLexer
	brackets []brackets
}

// rootAtoms counts the numbers, names and brackets outside brackets from
// here to the end: at least the operands of the root expression, whose
// list it sizes. Copying a list of 30,000 operands as it grows costs more
// than reading the tokens once more.
func (r *reader) rootAtoms() int {
	at := r.lex.MakeCheckpoint()
	defer r.lex.LoadCheckpoint(at)
	n, depth := 0, 0
	for t := r.lex.Peek(); t.Type != lexer.EOF; t = r.lex.Peek() {
		switch {
		case isPunct(t.Type) && t.Value == "(":
			if depth == 0 {
				n++
			}
			depth++
		case isPunct(t.Type) && t.Value == ")":
			depth--
		case depth <= 0 && (t.Type == tokNumber || t.Type == tokIdent):
			n++
		}
		r.lex.Next()
	}
	return n
}

// open adds brackets and returns their operand.in.
func (r *reader) open(b brackets) int32 {
	r.brackets = append(r.brackets, b)
	return int32(len(r.brackets))
}

// at is the index of the next token.
func (r *reader) at() int32 { return int32(r.lex.RawCursor()) }

// is reports whether the next token is the operator or punctuation p.
func (r *reader) is(p string) bool {
	t := r.lex.Peek()
	return isPunct(t.Type) && t.Value == p
}

func isPunct(t lexer.TokenType) bool { return t == tokPunct || t <= tokAlias }

func (r *reader) unexpected() error {
	return &participle.UnexpectedTokenError{Unexpected: *r.lex.Peek()}
}

// expression reads operands until a token that cannot continue the run;
// depth counts the brackets and square roots around it.
func (r *reader) expression(x *expression, depth int) error {
	for {
		op := byte(0)
		if len(x.operands) > 0 {
			t := r.lex.Peek()
			switch {
			case isPunct(t.Type) && len(t.Value) == 1 && isBinary(t.Value[0]):
				op = t.Value[0] // ** and × are read as ^ and *
				r.lex.Next()
			case t.Type == tokNumber || t.Type == tokIdent || r.is("(") || r.is("√"):
				// juxtaposition: 2x, x y, 2(x + 1), 2√x
			default:
				return nil
			}
		}
		o, err := r.operand(op, depth)
		if err != nil {
			return err
		}
		if len(x.operands) == cap(x.operands) && len(x.operands) >= 64 {
			// Double, as append's smaller steps copy a long run many times.
			x.operands = append(make([]operand, 0, 2*len(x.operands)), x.operands...)
		}
		x.operands = append(x.operands, o)
	}
}

func isBinary(c byte) bool {
	return c == '+' || c == '-' || c == '*' || c == '/' || c == '^'
}

func (r *reader) operand(op byte, depth int) (operand, error) {
	o := operand{op: op, super: -1}
	for r.is("-") {
		o.minus++
		r.lex.Next()
	}
	for r.is("√") {
		o.roots++
		if depth+int(o.roots) > MaxDepth {
			t := r.lex.Peek()
			return o, errorAt(t.Pos.Line, t.Pos.Column, "nested too deeply: more than %d levels of brackets and square roots", MaxDepth)
		}
		r.lex.Next()
	}
	inner := depth + int(o.roots) + 1
	o.atom = r.at()
	t := r.lex.Peek()
	switch {
	case t.Type == tokNumber:
		r.lex.Next()
	case t.Type == tokIdent:
		r.lex.Next()
		for r.is("'") {
			o.primes++
			r.lex.Next()
		}
		if r.is("(") {
			r.lex.Next()
			o.in = r.open(brackets{call: true})
			for !r.is(")") {
				a := &expression{}
				if err := r.expression(a, inner); err != nil {
					return o, err
				}
				b := &r.brackets[o.in-1]
				b.list = append(b.list, a)
				if !r.is(",") {
					break
				}
				r.lex.Next() // after ",", an expression must follow: sin(x,) is an error
				if r.is(")") {
					return o, r.unexpected()
				}
			}
			if !r.is(")") {
				return o, r.unexpected()
			}
			r.lex.Next()
		}
	case r.is("("):
		r.lex.Next()
		x := &expression{}
		o.in = r.open(brackets{list: []*expression{x}})
		if err := r.expression(x, inner); err != nil {
			return o, err
		}
		if !r.is(")") {
			return o, r.unexpected()
		}
		r.lex.Next()
	default:
		return o, r.unexpected()
	}
	if r.lex.Peek().Type == tokSuper {
		o.super = r.at()
		r.lex.Next()
	}
	o.end = r.at()
	return o, nil
}
