package parser

import "github.com/alecthomas/participle/v2/lexer"

// The grammar describes concrete syntax only. An expression is a flat run
// of operands and the operators between them (none, for juxtaposition);
// convert.go applies precedence from symbolic's table, so participle
// recurses only into parentheses, whose depth checkTokens bounds.

type expression struct {
	Pos   lexer.Position
	First *operand `parser:"@@"`
	Rest  []*link  `parser:"@@*"`
}

type link struct {
	Pos     lexer.Position
	Op      string   `parser:"@('+' | '-' | '*' | '/' | '^')?"`
	Operand *operand `parser:"@@"`
}

type operand struct {
	Pos   lexer.Position
	Minus []string `parser:"@'-'*"`
	Sqrt  []string `parser:"@'√'*"`
	Atom  *atom    `parser:"@@"`
	Super string   `parser:"@Super?"`
}

type atom struct {
	Pos    lexer.Position
	Number string      `parser:"@Number"`
	Name   *name       `parser:"| @@"`
	Paren  *expression `parser:"| '(' @@ ')'"`
}

type name struct {
	Pos    lexer.Position
	Ident  string   `parser:"@Ident"`
	Primes []string `parser:"@\"'\"*"`
	Args   *argList `parser:"@@?"`
}

type argList struct {
	Pos  lexer.Position
	List []*expression `parser:"'(' ( @@ ( ',' @@ )* )? ')'"`
}
