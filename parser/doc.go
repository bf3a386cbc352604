// Package parser reads fprime's notation, the way calculus books write it,
// into symbolic expressions: implicit products (9x^2, 2sin(x), x y),
// built-in functions with or without parentheses (sin 2x), exact decimals,
// and the Unicode forms people paste (π, −, ², √).
//
// The grammar is a participle grammar of concrete syntax, of statements
// (stmtgrammar.go) and of the expressions in them (grammar.go); statements
// are converted to Statement values (stmtconvert.go), and precedence comes
// from symbolic's table when an expression is converted (convert.go). Input size and nesting are checked before participle runs,
// and every error is an *Error with a line, a column and a plain message.
//
// The smallest use:
//
//	e, err := parser.ParseExpr("x^2 + 5sin(x)")
package parser
