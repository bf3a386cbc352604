package parser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// readTree is the syntax tree participle makes of a statement.
func readTree(t *testing.T, src string) *statement {
	t.Helper()
	pl, err := lexer.Upgrade(newStatementScanner(Chunk{Text: src, Line: 1, Col: 1}))
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	tree, err := stmtParser.ParseFromLexer(pl, participle.AllowTrailing(true))
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return tree
}

// TestStatementTree: the statement's syntax tree is the one participle
// fills from the grammar's tags, each part where the grammar puts it.
func TestStatementTree(t *testing.T) {
	cases := []struct {
		in   string
		want func(*statement) string // "" when the tree is as it should be
	}{
		{"min f x0=2pi eta=1/4 eps=10^-10 trace method=newton", func(s *statement) string {
			d := s.Keyword.Descent
			var got []string
			for _, o := range d.Options {
				v := ""
				if o.Value != nil {
					v = "=" + values(o.Value.Tokens)
				}
				got = append(got, o.Name.Value+v)
			}
			return want(d.Word+" "+d.Name.Value+" "+strings.Join(got, " "), "min f x0=2pi eta=1/4 eps=10^-10 trace method=newton")
		}},
		{"set x0=(1, 2) eta=(1 + 1)/2", func(s *statement) string {
			o := s.Keyword.Set.Options
			return want(len(o[0].Value.List) == 2 && o[1].Value.Expr != nil && values(o[1].Value.Tokens) == "(1+1)/2", true)
		}},
		{"g(x, y) = x y", func(s *statement) string {
			d := s.Define
			return want(d.Name.Value+" "+values(d.Params)+" "+values(d.Body.Tokens), "g x,y xy")
		}},
		{"g(x + 1, y) = x y", func(s *statement) string {
			a := s.Assign // the conversion says what is wrong with it
			return want(a.Eq && len(a.Left.Operands) == 1 && len(a.Left.Operands[0].Args) == 2 && values(a.Right.Tokens) == "xy", true)
		}},
		{"g(x, y) + 1", func(s *statement) string { return want(s.Assign != nil && !s.Assign.Eq, true) }},
		{"diff(x^2, x)", func(s *statement) string { return want(s.Assign != nil && !s.Assign.Eq, true) }},
		{"min = 3", func(s *statement) string { return want(s.Assign != nil && s.Assign.Eq, true) }},
		{"d/dx x^2", func(s *statement) string { return want(s.DOver.Var.Value+" "+values(s.DOver.Expr.Tokens), "dx x^2") }},
		{"check grad g = (y, x)", func(s *statement) string {
			c := s.Keyword.Check
			return want(c.Grad.Name.Value == "g" && len(c.Grad.Answer.List) == 2 && !c.Eq, true)
		}},
		{"check f'(x) = 2x", func(s *statement) string {
			c := s.Keyword.Check
			return want(values(c.Left.Tokens)+" = "+values(c.Right.Tokens), "f'(x) = 2x")
		}},
		{"plot f, tangent f at 1 in [0, 2pi] to my plot.png", func(s *statement) string {
			p := s.Keyword.Plot
			return want(len(p.Items) == 2 && p.Items[1].Tangent != nil && values(p.Items[1].Tangent.Point.Tokens) == "1" &&
				len(p.Interval.Ends) == 2 && p.File.Value == "my plot.png", true)
		}},
		{"plot x^2 in [-1, 1]", func(s *statement) string {
			return want(values(s.Keyword.Plot.Items[0].Expr.Tokens), "x^2")
		}},
		{"plot min f x0=1 to descent.gif", func(s *statement) string {
			p := s.Keyword.Plot
			return want(p.Descent.Name.Value+" "+p.File.Value, "f descent.gif")
		}},
		{"extrema f in [a, b]", func(s *statement) string { return want(len(s.Keyword.Extrema.Interval.Ends), 2) }},
		{"numdiff grad g (1, 2) table", func(s *statement) string {
			n := s.Keyword.NumDiff
			return want(n.Grad && n.Name.Value == "g" && len(n.Point.Args) == 2 && n.Table, true)
		}},
		{"numdiff f'(2)", func(s *statement) string { return want(len(s.Keyword.NumDiff.Primes), 1) }},
		{"steps diff(g, y)", func(s *statement) string { return want(values(s.Keyword.Steps.Of.Tokens), "diff(g,y)") }},
		{"latex grad g", func(s *statement) string { return want(s.Keyword.LaTeX.Of.Keyword.Named.Word, "grad") }},
		{"save my file.fp", func(s *statement) string { return want(s.Keyword.File.Path.Value, "my file.fp") }},
		{`load "a;b.fp"`, func(s *statement) string { return want(s.Keyword.File.Path.Value, "a;b.fp") }},
		{"help min", func(s *statement) string { return want(*s.Keyword.Help.Topic, "min") }},
		{"del f", func(s *statement) string { return want(s.Keyword.Named.Name.Value, "f") }},
		{"quit", func(s *statement) string { return want(s.Keyword.Word.Word, "quit") }},
		{"grad f g", func(s *statement) string { return want(len(s.Tokens), 2) }}, // g is left for the conversion
	}
	for _, c := range cases {
		if msg := c.want(readTree(t, c.in)); msg != "" {
			t.Errorf("%s: %s", c.in, msg)
		}
	}
}

func want[T comparable](got, want T) string {
	if got != want {
		return fmt.Sprintf("got %v, want %v", got, want)
	}
	return ""
}

// TestGrammarHoldsKeywords: every statement word is a word of the grammar.
func TestGrammarHoldsKeywords(t *testing.T) {
	g := Grammar()
	for _, k := range Keywords {
		if !strings.Contains(g, `"`+k+`"`) {
			t.Errorf("the grammar has no %q", k)
		}
	}
}

// TestBoundedIsExpression: a bounded expression is an expression with
// lookaheads, and nothing else: a change to the grammar of expressions
// must be made to it too, as the conversion reads it as one.
func TestBoundedIsExpression(t *testing.T) {
	rule := func(name string) string {
		for _, line := range strings.Split(Grammar(), "\n") {
			if r, ok := strings.CutPrefix(line, name+" = "); ok {
				return r
			}
		}
		t.Fatalf("no rule %s in the grammar", name)
		return ""
	}
	bounded := rule("BoundedExpression")
	// Drop each (?! …) and the space after it.
	for {
		i := strings.Index(bounded, "(?! ")
		if i < 0 {
			break
		}
		depth, j := 0, i
		for ; j < len(bounded); j++ {
			if bounded[j] == '(' {
				depth++
			} else if bounded[j] == ')' {
				if depth--; depth == 0 {
					break
				}
			}
		}
		bounded = bounded[:i] + strings.TrimPrefix(bounded[j+1:], " ")
	}
	if expr := rule("Expression"); bounded != expr {
		t.Errorf("BoundedExpression without its lookaheads is\n%s\nand Expression is\n%s", bounded, expr)
	}
}

// TestPrefixedIsOperand: the atom after an operand's signs is an
// operand's atom, as the conversion reads it: a change to one must be made
// to the other.
func TestPrefixedIsOperand(t *testing.T) {
	rules := map[string]string{}
	for _, line := range strings.Split(Grammar(), "\n") {
		if name, r, ok := strings.Cut(line, " = "); ok {
			rules[name] = r
		}
	}
	operand, ok := strings.CutSuffix(rules["Operand"], ` | ("-" ("-" | "+")* "√"* Prefixed) | ("+" ("-" | "+")* "√"* Prefixed) | ("√" "√"* Prefixed)) <super>? .`)
	if !ok || operand != "("+strings.TrimSuffix(rules["Prefixed"], " .") {
		t.Errorf("Prefixed is\n%s\nand Operand is\n%s", rules["Prefixed"], rules["Operand"])
	}
}

// values is the tokens' values without the spaces, as typed for the ASCII
// inputs here.
func values(toks []lexer.Token) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.Value)
	}
	return b.String()
}
