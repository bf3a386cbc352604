package parser

import (
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// names is the least grammar of a run: names one after another, with
// their tokens, as participle reads an expression's run of operands.
type names struct {
	List []name `parser:"@@*"`
}

type name struct {
	Tokens []lexer.Token
	Name   string `parser:"@Ident"`
}

var namesParser = participle.MustBuild[names](participle.Lexer(mathLexer{}), participle.UseLookahead(0))

// BenchmarkParticipleNames30000 is the floor under BenchmarkParseSum10000:
// participle reading as many names (x x x ...) as that sum has operands,
// with the least grammar that captures them.
func BenchmarkParticipleNames30000(b *testing.B) {
	src := strings.Repeat("x ", 30_000)
	for b.Loop() {
		if _, err := namesParser.ParseString("", src); err != nil {
			b.Fatal(err)
		}
	}
}
