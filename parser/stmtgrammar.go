package parser

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The statement grammar, in the struct tags below as the expression
// grammar is in grammar.go: these structs are the syntax tree of a
// statement, and stmtconvert.go turns them into Statement values.
//
// A statement is a definition f(x, y) = …, a keyword statement, d/dx EXPR,
// or an assignment: an expression, then = and an expression. The
// assignment's left side is read as an expression and checked afterwards,
// as Go's parser reads an assignment: a = … defines a constant, f(x + 1) = …
// is explained, and without = the expression is f', f''(2), f alone or any
// expression to evaluate. A keyword counts as one unless "=" follows it
// (min = 3 is a definition the conversion refuses), or it is diff before
// "(" (diff(x^2, x) is an expression): latex (x + 1)^2 is latex's.
//
// The parser reads with no lookahead, as the expression parser does, so
// an error is reported where the input stops making sense; the lookahead
// groups (?= …) and (?! …) look past a token where a statement needs to.
// A statement ends where its grammar does (participle.AllowTrailing):
// what follows it is an error the conversion words for that statement
// ("unexpected "g" after grad"). The grammar is lax where a precise
// message needs the statement's meaning (grad with no name, an option
// without =), and the conversion checks those.

// statement is one statement.
type statement struct {
	Tokens  []lexer.Token
	Define  *definition `parser:"  @@"`
	Keyword *keyword    `parser:"| (?! Ident '=') (?! 'diff':Ident '(') @@"`
	DOver   *dOver      `parser:"| @@"`
	Assign  *assignment `parser:"| @@"`
}

// keyword is a statement that begins with its word.
type keyword struct {
	Named   *named    `parser:"  @@"`
	Descent *descent  `parser:"| @@"`
	Set     *set      `parser:"| @@"`
	Check   *check    `parser:"| @@"`
	Extrema *extrema  `parser:"| @@"`
	Tangent *tangent  `parser:"| @@"`
	Steps   *steps    `parser:"| @@"`
	LaTeX   *laTeX    `parser:"| @@"`
	NumDiff *numDiff  `parser:"| @@"`
	Plot    *plot     `parser:"| @@"`
	File    *file     `parser:"| @@"`
	Help    *help     `parser:"| @@"`
	Word    *loneWord `parser:"| @@"`
}

// named is grad f, hessian f or del NAME.
type named struct {
	Word string      `parser:"@( 'grad':Ident | 'hessian':Ident | 'del':Ident )"`
	Name lexer.Token `parser:"@Ident?"`
}

// descent is min f OPTIONS or max f OPTIONS.
type descent struct {
	Tokens  []lexer.Token
	Word    string      `parser:"@( 'min':Ident | 'max':Ident )"`
	Name    lexer.Token `parser:"@Ident?"`
	Options []*option   `parser:"@@*"`
}

// set is set OPTIONS.
type set struct {
	Options []*option `parser:"'set':Ident @@*"`
}

// option is NAME=VALUE, or a flag such as trace; the conversion checks
// the name and whether it takes a value.
type option struct {
	Tokens []lexer.Token
	Name   lexer.Token `parser:"@Ident"`
	Eq     bool        `parser:"( @'='"`
	Value  *value      `parser:"  @@? )?"`
}

// value is an option's value, or the answer of check grad: an expression,
// or a list of them in brackets, x0=(1, 2).
type value struct {
	Tokens []lexer.Token
	List   []*expression      `parser:"  (?= '(' @@ ',') '(' @@ ( ',' @@ )* ')'"`
	Expr   *boundedExpression `parser:"| @@"`
}

// boundedExpression is an expression that ends before a word that goes
// on with the statement, and does not begin with one: the next option
// (eta=…, trace) or the in of plot … in [a, b]. Its fields are
// expression's, so that the conversion reads it as one.
type boundedExpression struct {
	Tokens   []lexer.Token
	Operands []*operand `parser:"(?! ( 'x0':Ident | 'eta':Ident | 'η':Ident | 'eps':Ident | 'ε':Ident | 'maxiter':Ident | 'method':Ident | 'beta':Ident | 'digits':Ident ) '=' | 'trace':Ident | 'in':Ident ) @@ ( Op? (?! ( 'x0':Ident | 'eta':Ident | 'η':Ident | 'eps':Ident | 'ε':Ident | 'maxiter':Ident | 'method':Ident | 'beta':Ident | 'digits':Ident ) '=' | 'trace':Ident | 'in':Ident ) @@ )*"`
}

// check is check LEFT = RIGHT, or check grad g = (…, …). The left side is
// an expression (f', f'(x), diff(…)) that the conversion checks.
type check struct {
	Tokens []lexer.Token
	Grad   *checkGrad  `parser:"'check':Ident ( @@"`
	DOver  *dOver      `parser:"  | @@"`
	Left   *expression `parser:"  | @@ )?"`
	Eq     bool        `parser:"( @'='"`
	Right  *expression `parser:"  @@? )?"`
}

// checkGrad is grad g = (…, …) after check.
type checkGrad struct {
	Name   lexer.Token `parser:"'grad':Ident @Ident?"`
	Eq     bool        `parser:"( @'='"`
	Answer *value      `parser:"  @@? )?"`
}

// dOver is d/dx EXPR; the conversion reads d/y x, whose variable does not
// begin with d, as the expression it is.
type dOver struct {
	Tokens []lexer.Token
	Var    lexer.Token `parser:"(?= 'd':Ident '/' Ident) 'd':Ident '/' @Ident"`
	Expr   *expression `parser:"@@?"`
}

// extrema is extrema f in [a, b].
type extrema struct {
	Name     lexer.Token `parser:"'extrema':Ident @Ident?"`
	In       bool        `parser:"( @'in':Ident"`
	Interval *interval   `parser:"  @@? )?"`
}

// interval is [a, b]; the conversion counts the ends.
type interval struct {
	Tokens []lexer.Token
	Ends   []*expression `parser:"'[' @@ ( ',' @@ )* ']'"`
}

// tangent is tangent f at a.
type tangent struct {
	Tokens []lexer.Token
	Name   lexer.Token        `parser:"'tangent':Ident @Ident?"`
	At     bool               `parser:"( @'at':Ident"`
	Point  *boundedExpression `parser:"  @@? )?"`
}

// steps is steps f' or steps diff(EXPR, x[, n]): an expression the
// conversion checks.
type steps struct {
	DOver *dOver      `parser:"'steps':Ident ( @@"`
	Of    *expression `parser:"  | @@ )?"`
}

// laTeX is latex STATEMENT.
type laTeX struct {
	Of *statement `parser:"'latex':Ident @@?"`
}

// numDiff is numdiff f'(A) [table] or numdiff grad g (A, B).
type numDiff struct {
	Grad   bool        `parser:"'numdiff':Ident @'grad':Ident?"`
	Name   lexer.Token `parser:"@Ident?"`
	Primes []string    `parser:"@\"'\"*"`
	Point  *point      `parser:"@@?"`
	Table  bool        `parser:"@'table':Ident?"`
}

// point is the bracketed point of numdiff.
type point struct {
	Tokens []lexer.Token
	Args   []expression `parser:"'(' ( @@ ( ',' @@ )* )? ')'"`
}

// plot is plot ITEMS in [a, b] or plot min f OPTIONS, to FILE or not. The
// lexer reads the file name as written, as one String token.
type plot struct {
	Descent  *descent    `parser:"'plot':Ident ( (?! Ident ( '(' | '=' )) @@"`
	Items    []*plotItem `parser:"  | @@ ( ',' @@ )* )?"`
	In       bool        `parser:"( @'in':Ident"`
	Interval *interval   `parser:"  @@? )?"`
	To       bool        `parser:"( @'to'"`
	File     lexer.Token `parser:"  @String? )?"`
}

// plotItem is one thing to draw: a tangent line, or an expression (f, f'
// or a formula in one variable).
type plotItem struct {
	Tokens  []lexer.Token
	Tangent *tangent           `parser:"  @@"`
	Expr    *boundedExpression `parser:"| @@"`
}

// file is save FILE or load FILE; the lexer reads the file name as
// written, as one String token.
type file struct {
	Word string      `parser:"@( 'save':Ident | 'load':Ident )"`
	Path lexer.Token `parser:"@String?"`
}

// help is help or help TOPIC, any one token.
type help struct {
	Topic *string `parser:"'help':Ident ( '(' @!')'? ')' | @!EOF )?"`
}

// loneWord is defs, quit or exit, and diff without its brackets.
type loneWord struct {
	Word string `parser:"@( 'defs':Ident | 'quit':Ident | 'exit':Ident | 'diff':Ident )"`
}

// definition is f(x, y) = EXPR, with names for parameters. It is an
// assignment too, but one of its own is read at a fraction of the cost of
// reading f(x, y) as an expression: any other left side of = is read by
// assignment, and the conversion explains what is wrong with it.
type definition struct {
	Name   lexer.Token   `parser:"(?= Ident '(' Ident ( ',' Ident )* ')' '=') @Ident"`
	Params []lexer.Token `parser:"'(' @( Ident ( ',' Ident )* ) ')' '='"`
	Body   *expression   `parser:"@@?"`
}

// assignment is an expression, or LEFT = RIGHT.
type assignment struct {
	Left  *expression `parser:"@@"`
	Eq    bool        `parser:"( @'='"`
	Right *expression `parser:"  @@? )?"`
}

// stmtParser reads the statement grammar with no lookahead, as exprParser
// reads expressions.
var stmtParser = participle.MustBuild[statement](participle.Lexer(mathLexer{}), participle.UseLookahead(0))

// statementScanner is the lexer of statements: fprime's scanner, which
// reads the file names of save, load and plot … to as written (a path is
// no expression), each as one String token. The file name is the rest of
// the statement, trimmed, or in double quotes.
type statementScanner struct {
	*scanner
	plot bool
	// file says that the file name comes next: after save or load as the
	// first word, or after the to of a plot.
	file, quoted bool
}

func newStatementScanner(c Chunk) *statementScanner {
	sc := newScanner(c.Text)
	sc.line, sc.col = c.Line, c.Col
	return &statementScanner{scanner: sc}
}

func (sc *statementScanner) Next() (lexer.Token, error) {
	if sc.file {
		sc.file = false
		if t, ok, err := sc.fileName(); ok || err != nil {
			return t, err
		}
	}
	t, err := sc.scanner.Next()
	if err != nil || t.Type != tokIdent {
		return t, err
	}
	spaceAfter := sc.i == len(sc.s) || sc.s[sc.i] == ' ' || sc.s[sc.i] == '\t'
	switch {
	case sc.count == 1 && (t.Value == "save" || t.Value == "load"):
		// save FILE, save "FILE": not save(…) or save = ….
		sc.file = spaceAfter || sc.s[sc.i] == '"'
		sc.quoted = true
	case sc.count == 1 && t.Value == "plot":
		sc.plot = true
	case sc.plot && t.Value == "to" && len(sc.open) == 0 && spaceAfter && t.Pos.Offset > 0 && (sc.s[t.Pos.Offset-1] == ' ' || sc.s[t.Pos.Offset-1] == '\t'):
		// plot … to FILE: to is a word of plot's, which no expression
		// takes in.
		t.Type = tokPunct
		sc.file, sc.quoted = true, false
	}
	return t, nil
}

// fileName reads the rest of the statement as a file name; ok is false
// when there is none.
func (sc *statementScanner) fileName() (lexer.Token, bool, error) {
	rest := sc.s[sc.i:]
	lead := len(rest) - len(strings.TrimLeft(rest, " \t"))
	name := strings.TrimSpace(rest)
	if name == "" {
		return lexer.Token{}, false, nil
	}
	start, col := sc.i+lead, sc.col+lead
	end := sc.col + utf8.RuneCountInString(strings.TrimRight(rest, " \t")) // after the name
	if !sc.quoted {
		name = strings.Trim(name, `"`)
	} else if strings.HasPrefix(name, `"`) {
		close := strings.IndexByte(name[1:], '"')
		if close < 0 {
			return lexer.Token{}, false, errorAt(sc.line, end, `missing closing " for the file name`)
		}
		if strings.TrimSpace(name[close+2:]) != "" {
			return lexer.Token{}, false, errorAt(sc.line, end, "unexpected text after the file name")
		}
		name = name[1 : close+1]
	}
	sc.i = len(sc.s)
	sc.col += utf8.RuneCountInString(rest)
	sc.count++
	return lexer.Token{Type: tokString, Value: name, Pos: lexer.Position{Offset: start, Line: sc.line, Column: col}}, true, nil
}
