package parser

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/fprime/fprime/symbolic"
)

// Pos is a place in the input: a line and a 1-based column in characters.
type Pos struct{ Line, Col int }

// Statement is one statement of the language; the concrete types below
// say which. Expressions in it are already converted, with names resolved
// by the Env it was parsed in.
type Statement interface{ Start() Pos }

// DefineFunc is f(x) = EXPR or g(x, y) = EXPR.
type DefineFunc struct {
	At      Pos
	Name    string
	Params  []string
	Body    symbolic.Expr
	Reading string // the body's reading when it could surprise, else ""
}

// DefineConst is a = EXPR. Value names no variables.
type DefineConst struct {
	At      Pos
	Name    string
	Value   symbolic.Expr
	Reading string
}

// Eval is an expression to evaluate or simplify.
type Eval struct {
	At      Pos
	Expr    symbolic.Expr
	Reading string
}

// Derivative is f', f”, …: the derivative of a one-variable function.
// It also stands for diff(f, x, n) and d/dx f(x) when f is named.
type Derivative struct {
	At    Pos
	Name  string
	Order int
}

// Partial is diff(g, y) (or diff(g, y, n)) for a function g of several
// variables.
type Partial struct {
	At    Pos
	Name  string
	Var   string
	Order int
}

// Gradient is grad g; Hessian is hessian g.
type Gradient struct {
	At   Pos
	Name string
}

// Hessian is hessian g.
type Hessian struct {
	At   Pos
	Name string
}

// Check is check LEFT = RIGHT: whether Right is the derivative Left names.
// Left is Derivative, Partial or Eval (diff(EXPR, x)); Vars are the
// variables the right side was read with.
type Check struct {
	At    Pos
	Left  Statement
	Vars  []string
	Right symbolic.Expr
	// LeftText and RightText are the two sides as typed, for the report.
	LeftText, RightText string
	// Of is what is differentiated, for diff(EXPR, x): the comparison is
	// made only where it is defined.
	Of symbolic.Expr
}

// LaTeX is latex STATEMENT: what the statement shows, as LaTeX.
type LaTeX struct {
	At Pos
	Of Statement
}

// NumDiff is numdiff f'(A), numdiff f'(A) table or numdiff grad g (A, B):
// the symbolic derivative beside central differences.
type NumDiff struct {
	At    Pos
	Name  string
	Grad  bool
	At0   []symbolic.Expr // the point
	Table bool
}

// Steps is steps f', steps diff(EXPR, x) or steps diff(g, y): the
// derivation of the Order-th derivative of Of with respect to Var; Name and
// Params are the function's, when one is named.
type Steps struct {
	At     Pos
	Name   string
	Params []string
	Of     symbolic.Expr
	Var    string
	Order  int
}

// Tangent is tangent f at A.
type Tangent struct {
	At    Pos
	Name  string
	Point symbolic.Expr
}

// CheckAll is check grad g = (…, …): one check for each partial derivative.
type CheckAll struct {
	At     Pos
	Checks []*Check
}

// Option is name=value in set, min and max; Values has one number, or
// several for x0=(1, 2); a flag such as trace has none, and method has
// Word (gd, momentum or newton).
type Option struct {
	At     Pos
	Name   string // in ASCII: x0, eta, eps, maxiter, trace, method, beta
	Values []symbolic.Expr
	Word   string
}

// Set is set with options; with none it shows the settings.
type Set struct {
	At      Pos
	Options []Option
}

// Descent is min f OPTIONS or max f OPTIONS.
type Descent struct {
	At      Pos
	Max     bool
	Name    string
	Options []Option
}

// Extrema is extrema f in [A, B].
type Extrema struct {
	At   Pos
	Name string
	A, B symbolic.Expr
}

// Defs lists definitions.
type Defs struct{ At Pos }

// Delete is del NAME.
type Delete struct {
	At   Pos
	Name string
}

// Help is help or help TOPIC.
type Help struct {
	At    Pos
	Topic string
}

// Quit is quit or exit.
type Quit struct{ At Pos }

// Save is save FILE; Load is load FILE.
type Save struct {
	At   Pos
	Path string
}

// Load is load FILE.
type Load struct {
	At   Pos
	Path string
}

func (s *DefineFunc) Start() Pos  { return s.At }
func (s *DefineConst) Start() Pos { return s.At }
func (s *Eval) Start() Pos        { return s.At }
func (s *Derivative) Start() Pos  { return s.At }
func (s *Partial) Start() Pos     { return s.At }
func (s *Gradient) Start() Pos    { return s.At }
func (s *Hessian) Start() Pos     { return s.At }
func (s *Check) Start() Pos       { return s.At }
func (s *CheckAll) Start() Pos    { return s.At }
func (s *LaTeX) Start() Pos       { return s.At }
func (s *NumDiff) Start() Pos     { return s.At }
func (s *Tangent) Start() Pos     { return s.At }
func (s *Steps) Start() Pos       { return s.At }
func (s *Set) Start() Pos         { return s.At }
func (s *Descent) Start() Pos     { return s.At }
func (s *Extrema) Start() Pos     { return s.At }
func (s *Defs) Start() Pos        { return s.At }
func (s *Delete) Start() Pos      { return s.At }
func (s *Help) Start() Pos        { return s.At }
func (s *Quit) Start() Pos        { return s.At }
func (s *Save) Start() Pos        { return s.At }
func (s *Load) Start() Pos        { return s.At }

// Keywords are the words that begin statements; they cannot be defined.
var Keywords = []string{"check", "defs", "del", "diff", "exit", "extrema", "grad", "help", "hessian",
	"latex", "load", "max", "min", "numdiff", "plot", "quit", "save", "set", "steps", "tangent"}

// Chunk is one statement's text and where it starts.
type Chunk struct {
	Text string
	Line int
	Col  int // the column of Text's first character
}

// Split cuts one line into statements at each ; outside double quotes,
// dropping a # comment. Blank statements are left out.
func Split(line string, lineNo int) []Chunk {
	var out []Chunk
	start, col, startCol := 0, 1, 1
	inQuote := false
	emit := func(end int) {
		if strings.TrimSpace(line[start:end]) != "" {
			out = append(out, Chunk{Text: line[start:end], Line: lineNo, Col: startCol})
		}
	}
	for i, r := range line {
		switch {
		case r == '"':
			inQuote = !inQuote
		case r == '#' && !inQuote:
			emit(i)
			return out
		case r == ';' && !inQuote:
			emit(i)
			start, startCol = i+1, col+1
		}
		col++
	}
	emit(len(line))
	return out
}

// ParseStatement reads one statement (no ;) that begins at column col of
// line; env resolves its names. Errors are *Error values positioned in the
// line.
func ParseStatement(ctx context.Context, c Chunk, env *Env) (Statement, error) {
	if st, ok, err := fileStatement(c); ok {
		return st, err
	}
	// plot … to FILE: the file name is taken as written, as save's is.
	file, fileAt, c, err := plotFile(c)
	if err != nil {
		return nil, err
	}
	toks, err := lex(c.Text)
	if err != nil {
		return nil, shift(err, c)
	}
	for i := range toks {
		toks[i].Pos.Line = c.Line
		toks[i].Pos.Column += c.Col - 1
	}
	p := &stmtParser{ctx: ctx, env: env, toks: toks, chunk: c}
	st, err := p.statement()
	if err != nil {
		return nil, err
	}
	if pl, ok := st.(*Plot); ok {
		pl.File, pl.FileAt = file, fileAt
	}
	return st, nil
}

// plotFile cuts the " to FILE" off a plot statement: the file and where it
// starts, and the chunk without it.
func plotFile(c Chunk) (string, Pos, Chunk, error) {
	trimmed := strings.TrimLeft(c.Text, " \t")
	if !strings.HasPrefix(trimmed, "plot ") {
		return "", Pos{}, c, nil
	}
	i := strings.LastIndex(c.Text, " to ")
	if i < 0 || strings.Count(c.Text[:i], "[") != strings.Count(c.Text[:i], "]") {
		return "", Pos{}, c, nil
	}
	rest := c.Text[i+4:]
	lead := len(rest) - len(strings.TrimLeft(rest, " \t"))
	at := Pos{c.Line, c.Col + len([]rune(c.Text[:i+4+lead]))}
	file := strings.Trim(strings.TrimSpace(rest), `"`)
	if file == "" {
		return "", Pos{}, c, &Error{Line: at.Line, Col: at.Col, Msg: "plot … to needs a file: f.png, f.svg or descent.gif"}
	}
	c.Text = c.Text[:i]
	return file, at, c, nil
}

// shift moves an error found in a chunk to its place in the line.
func shift(err error, c Chunk) error {
	if e, ok := err.(*Error); ok {
		return &Error{Line: c.Line, Col: e.Col + c.Col - 1, Msg: e.Msg}
	}
	return err
}

type stmtParser struct {
	ctx   context.Context
	env   *Env
	toks  []lexer.Token // ends with EOF
	chunk Chunk
}

func pos(t lexer.Token) Pos { return Pos{t.Pos.Line, t.Pos.Column} }

func (p *stmtParser) is(i int, value string) bool {
	return i < len(p.toks) && p.toks[i].Type != lexer.EOF && p.toks[i].Value == value && p.toks[i].Type != tokString
}

func (p *stmtParser) ident(i int) bool { return i < len(p.toks) && p.toks[i].Type == tokIdent }

func (p *stmtParser) statement() (Statement, error) {
	t := p.toks[0]
	at := pos(t)
	if t.Type == tokIdent && slices.Contains(Keywords, t.Value) && !p.is(1, "(") && !p.is(1, "=") {
		return p.keyword(t.Value, at)
	}
	switch {
	case p.ident(0) && p.toks[1].Type == lexer.EOF && p.isFunction(t.Value):
		// A function's name alone shows it: its derivative of order 0.
		return &Derivative{At: at, Name: t.Value}, nil
	case t.Value == "diff" && p.is(1, "(") && p.ident(2) && p.is(3, ",") && p.isFunction(p.toks[2].Value) && p.toks[p.closing(1)+1].Type == lexer.EOF:
		// diff(g, y) belongs to g: it is shown as ∂g/∂y(x, y) = …
		return p.namedDiff(at, p.toks[2], p.env.Functions[p.toks[2].Value], 4, p.closing(1))
	case p.ident(0) && p.is(1, "("):
		if end := p.closing(1); end > 0 && p.is(end+1, "=") {
			return p.defineFunc(at)
		}
	case p.ident(0) && p.is(1, "="):
		return p.defineConst(at)
	case p.ident(0) && p.is(1, "'"):
		if d, ok := p.primes(0); ok && p.toks[d.next].Type == lexer.EOF {
			return p.derivative(d, at)
		}
	case p.ident(0) && t.Value == "d" && p.is(1, "/") && p.ident(2) && strings.HasPrefix(p.toks[2].Value, "d") && len(p.toks[2].Value) > 1:
		return p.dOver(at)
	}
	e, reading, err := p.expr(p.toks)
	if err != nil {
		return nil, err
	}
	return &Eval{At: at, Expr: e, Reading: reading}, nil
}

func (p *stmtParser) isFunction(name string) bool {
	_, ok := p.env.Functions[name]
	return p.env != nil && ok
}

// closing finds the ) that matches the ( at i.
func (p *stmtParser) closing(i int) int {
	depth := 0
	for j := i; j < len(p.toks); j++ {
		switch {
		case p.is(j, "("):
			depth++
		case p.is(j, ")"):
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return -1
}

type primed struct {
	name  lexer.Token
	order int
	next  int
}

func (p *stmtParser) primes(i int) (primed, bool) {
	j := i + 1
	for p.is(j, "'") {
		j++
	}
	return primed{p.toks[i], j - i - 1, j}, j > i+1
}

// expr converts tokens (ending with EOF) as one expression.
func (p *stmtParser) expr(toks []lexer.Token) (symbolic.Expr, string, error) {
	return p.exprIn(toks, p.env)
}

func (p *stmtParser) exprIn(toks []lexer.Token, env *Env) (symbolic.Expr, string, error) {
	if toks[0].Type == lexer.EOF {
		return nil, "", errAt(toks[0].Pos, "expected an expression")
	}
	return parseTokens(p.ctx, peek(toks), func() []lexer.Token { return toks }, env)
}

// rest is the tokens from i on, as their own input.
func (p *stmtParser) rest(i int) []lexer.Token { return p.toks[i:] }

// until is the tokens from i up to (not including) j, then an EOF there.
func (p *stmtParser) until(i, j int) []lexer.Token {
	out := append([]lexer.Token(nil), p.toks[i:j]...)
	return append(out, lexer.Token{Type: lexer.EOF, Pos: p.toks[j].Pos})
}

func (p *stmtParser) checkName(t lexer.Token, what string) error {
	switch {
	case t.Type != tokIdent:
		return errAt(t.Pos, "expected a name for the %s, found %q", what, t.Value)
	case t.Value == "pi" || t.Value == "π":
		return errAt(t.Pos, "pi is reserved: it is the constant π")
	case slices.Contains(Keywords, t.Value):
		return errAt(t.Pos, "%s is a statement word and cannot name a %s", t.Value, what)
	}
	if _, ok := symbolic.LookupBuiltin(t.Value); ok {
		return errAt(t.Pos, "%s is a built-in function and cannot be redefined", t.Value)
	}
	return nil
}

func (p *stmtParser) defineFunc(at Pos) (Statement, error) {
	name := p.toks[0]
	if err := p.checkName(name, "function"); err != nil {
		return nil, err
	}
	if name.Value == "e" {
		return nil, errAt(name.Pos, "e is Euler's number: choose another name for a function")
	}
	var params []string
	i := 2
	for {
		t := p.toks[i]
		if err := p.checkName(t, "parameter"); err != nil {
			return nil, err
		}
		if slices.Contains(params, t.Value) {
			return nil, errAt(t.Pos, "parameter %s is named twice", t.Value)
		}
		if t.Value == name.Value {
			return nil, errAt(t.Pos, "a parameter cannot have the function's name %s", t.Value)
		}
		params = append(params, t.Value)
		i++
		if p.is(i, ")") {
			break
		}
		if !p.is(i, ",") {
			return nil, errAt(p.toks[i].Pos, "expected \",\" or \")\" in the parameter list, found %s", describe(p.toks[i]))
		}
		i++
	}
	// f(x) = f(x) + 1 redefines f from its old body, inlined as every
	// call is, as a = a + 1 does for a constant.
	env := p.scope(params)
	env.defining = name.Value
	body, reading, err := p.exprIn(p.rest(i+2), env)
	if err != nil {
		return nil, err
	}
	return &DefineFunc{At: at, Name: name.Value, Params: params, Body: body, Reading: reading}, nil
}

// scope is the Env of a body: the session's definitions, and params as the
// only free names.
func (p *stmtParser) scope(params []string) *Env {
	env := &Env{Functions: map[string]Function{}, Constants: map[string]bool{}, Vars: append([]string{}, params...)}
	if p.env != nil {
		for k, v := range p.env.Functions {
			env.Functions[k] = v
		}
		for k, v := range p.env.Constants {
			env.Constants[k] = v
		}
		env.Values = p.env.Values
	}
	return env
}

func (p *stmtParser) defineConst(at Pos) (Statement, error) {
	name := p.toks[0]
	if err := p.checkName(name, "constant"); err != nil {
		return nil, err
	}
	env := p.scope(nil)
	delete(env.Functions, name.Value)
	value, reading, err := p.exprIn(p.rest(2), env)
	var perr *Error
	if errors.As(err, &perr) && strings.HasPrefix(perr.Msg, "unknown name ") {
		// f = x^2 is meant as a function of x.
		x, _, _ := strings.Cut(strings.TrimPrefix(perr.Msg, "unknown name "), " ")
		x = strings.Trim(x, `"`)
		return nil, errorAt(perr.Line, perr.Col, "%s: a constant needs a value; to define a function of %s, write %s(%s) = …", perr.Msg, x, name.Value, x)
	}
	if err != nil {
		return nil, err
	}
	return &DefineConst{At: at, Name: name.Value, Value: value, Reading: reading}, nil
}

func (p *stmtParser) function(t lexer.Token) (Function, error) {
	if t.Type != tokIdent {
		return Function{}, errAt(t.Pos, "expected the name of a function, found %s", describe(t))
	}
	if p.env != nil {
		if f, ok := p.env.Functions[t.Value]; ok {
			return f, nil
		}
	}
	if _, ok := symbolic.LookupBuiltin(t.Value); ok {
		return Function{}, errAt(t.Pos, "%s is built in: define a function of your own, as f(x) = %s(x), and use f", t.Value, t.Value)
	}
	c := &converter{env: p.env}
	return Function{}, errAt(t.Pos, "unknown function %q%s", t.Value, c.didYouMean(t.Value, true))
}

func (p *stmtParser) derivative(d primed, at Pos) (Statement, error) {
	f, err := p.function(d.name)
	if err != nil {
		return nil, err
	}
	if len(f.Params) != 1 {
		return nil, notDefined(d.name.Pos, d.name.Value, strings.Repeat("'", d.order), f)
	}
	return &Derivative{At: at, Name: d.name.Value, Order: d.order}, nil
}

// dOver is d/dx EXPR.
func (p *stmtParser) dOver(at Pos) (Statement, error) {
	x := strings.TrimPrefix(p.toks[2].Value, "d")
	e, reading, err := p.expr(p.rest(3))
	if err != nil {
		return nil, err
	}
	d, err := symbolic.Diff(p.ctx, e, x, 1)
	if err != nil {
		return nil, errAt(p.toks[0].Pos, "%v", err)
	}
	return &Eval{At: at, Expr: d, Reading: reading}, nil
}

func (p *stmtParser) keyword(word string, at Pos) (Statement, error) {
	kw := p.toks[0]
	end := p.toks[len(p.toks)-1]
	needName := func() (lexer.Token, error) {
		if !p.ident(1) {
			return lexer.Token{}, errAt(p.toks[1].Pos, "%s needs the name of a function, as in %s f", word, word)
		}
		return p.toks[1], nil
	}
	noMore := func(i int) error {
		if p.toks[i].Type != lexer.EOF {
			return errAt(p.toks[i].Pos, "unexpected %s after %s", describe(p.toks[i]), word)
		}
		return nil
	}
	switch word {
	case "grad", "hessian":
		t, err := needName()
		if err != nil {
			return nil, err
		}
		if _, err := p.function(t); err != nil {
			return nil, err
		}
		if err := noMore(2); err != nil {
			return nil, err
		}
		if word == "grad" {
			return &Gradient{At: at, Name: t.Value}, nil
		}
		return &Hessian{At: at, Name: t.Value}, nil
	case "min", "max":
		t, err := needName()
		if err != nil {
			return nil, err
		}
		if _, err := p.function(t); err != nil {
			return nil, err
		}
		opts, err := p.options(2)
		if err != nil {
			return nil, err
		}
		return &Descent{At: at, Max: word == "max", Name: t.Value, Options: opts}, nil
	case "set":
		opts, err := p.options(1)
		if err != nil {
			return nil, err
		}
		return &Set{At: at, Options: opts}, nil
	case "check":
		return p.check(at)
	case "extrema":
		return p.extrema(at)
	case "defs":
		if err := noMore(1); err != nil {
			return nil, err
		}
		return &Defs{At: at}, nil
	case "quit", "exit":
		if err := noMore(1); err != nil {
			return nil, err
		}
		return &Quit{At: at}, nil
	case "del":
		if !p.ident(1) {
			return nil, errAt(p.toks[1].Pos, "del needs the name of a definition, as in del f")
		}
		if err := noMore(2); err != nil {
			return nil, err
		}
		return &Delete{At: pos(p.toks[1]), Name: p.toks[1].Value}, nil // errors are about the name
	case "help":
		topic := ""
		if p.toks[1].Type != lexer.EOF {
			topic = p.toks[1].Value
			if err := noMore(2); err != nil {
				return nil, err
			}
		}
		return &Help{At: at, Topic: topic}, nil
	case "plot", "steps", "latex", "numdiff":
		if p.toks[1].Type == lexer.EOF {
			return nil, errAt(end.Pos, "%s needs something to work on: see help %s", word, word)
		}
		switch word {
		case "latex":
			return p.latex(at)
		case "numdiff":
			return p.numdiff(at)
		case "steps":
			return p.steps(at)
		}
		return p.plot(at)
	case "tangent":
		return p.tangent(at)
	}
	return nil, errAt(kw.Pos, "%s needs arguments", word) // diff( is handled as an expression
}

// latex is latex STATEMENT: the statement's result as LaTeX.
func (p *stmtParser) latex(at Pos) (Statement, error) {
	if w := p.toks[1].Value; p.ident(1) && slices.Contains([]string{"latex", "set", "save", "load", "del", "defs", "help", "quit", "exit", "min", "max", "extrema", "plot", "numdiff"}, w) {
		return nil, errAt(p.toks[1].Pos, "latex prints an expression, a derivative, a gradient or a Hessian, not %s", w)
	}
	st, err := ParseStatement(p.ctx, p.sub(1, len(p.toks)-1), p.env)
	if err != nil {
		return nil, err
	}
	return &LaTeX{At: at, Of: st}, nil
}

// numdiff is numdiff f'(A) [table] or numdiff grad g (A, B).
func (p *stmtParser) numdiff(at Pos) (Statement, error) {
	nd := &NumDiff{At: at}
	i := 1
	if p.is(1, "grad") {
		nd.Grad, i = true, 2
	}
	if !p.ident(i) {
		return nil, errAt(p.toks[i].Pos, "numdiff needs a derivative at a point, as in numdiff f'(2) or numdiff grad g (1, 2)")
	}
	name := p.toks[i]
	f, err := p.function(name)
	if err != nil {
		return nil, err
	}
	nd.Name = name.Value
	i++
	if !nd.Grad {
		d, _ := p.primes(i - 1)
		if d.order != 1 {
			return nil, errAt(p.toks[i].Pos, "numdiff compares a first derivative, as in numdiff %s'(2)", name.Value)
		}
		if len(f.Params) != 1 {
			return nil, notDefined(name.Pos, name.Value, "'", f)
		}
		i = d.next
	}
	if !p.is(i, "(") {
		return nil, errAt(p.toks[i].Pos, "numdiff needs the point in brackets, as in numdiff %s'(2)", name.Value)
	}
	end := p.closing(i)
	j := i + 1
	for k := i + 1; k <= end; k++ {
		if (p.is(k, ",") && p.depthBetween(i+1, k) == 0) || k == end {
			v, _, err := p.exprIn(p.until(j, k), p.scope([]string{}))
			if err != nil {
				return nil, err
			}
			nd.At0 = append(nd.At0, v)
			j = k + 1
		}
	}
	if len(nd.At0) != len(f.Params) {
		return nil, errAt(p.toks[i].Pos, "%s takes %d values, not %d", name.Value, len(f.Params), len(nd.At0))
	}
	i = end + 1
	if p.ident(i) && p.toks[i].Value == "table" {
		nd.Table = true
		i++
	}
	if p.toks[i].Type != lexer.EOF {
		return nil, errAt(p.toks[i].Pos, "unexpected %s after numdiff", describe(p.toks[i]))
	}
	return nd, nil
}

// steps is steps f', steps f”, steps diff(EXPR, x[, n]) or steps diff(g, y).
func (p *stmtParser) steps(at Pos) (Statement, error) {
	if d, ok := p.primes(1); ok && p.toks[d.next].Type == lexer.EOF {
		f, err := p.function(d.name)
		if err != nil {
			return nil, err
		}
		if len(f.Params) != 1 {
			return nil, notDefined(d.name.Pos, d.name.Value, strings.Repeat("'", d.order), f)
		}
		return &Steps{At: at, Name: d.name.Value, Params: f.Params, Of: f.Body, Var: f.Params[0], Order: d.order}, nil
	}
	if !p.is(1, "diff") || !p.is(2, "(") || p.toks[p.closing(2)+1].Type != lexer.EOF {
		return nil, errAt(p.toks[1].Pos, "steps shows a derivation: steps f', steps f'', steps diff(EXPR, x) or steps diff(g, y)")
	}
	end := p.closing(2)
	var commas []int
	for k := 3; k < end; k++ {
		if p.is(k, ",") && p.depthBetween(3, k) == 0 {
			commas = append(commas, k)
		}
	}
	if len(commas) < 1 || len(commas) > 2 || !p.ident(commas[0]+1) || commas[0]+2 != append(commas, end)[1] {
		return nil, errAt(p.toks[3].Pos, "diff takes an expression, a variable and maybe an order, as in diff(x^2, x) or diff(x^3, x, 2)")
	}
	st := &Steps{At: at, Var: p.toks[commas[0]+1].Value, Order: 1}
	if len(commas) == 2 {
		k, err := strconv.Atoi(p.toks[commas[1]+1].Value)
		if err != nil || k < 1 || k > 1000 || commas[1]+2 != end {
			return nil, errAt(p.toks[commas[1]+1].Pos, "the order of diff must be a whole number from 1 to 1000")
		}
		st.Order = k
	}
	if p.ident(3) && commas[0] == 4 && p.env != nil {
		if f, ok := p.env.Functions[p.toks[3].Value]; ok {
			if !slices.Contains(f.Params, st.Var) {
				return nil, errAt(p.toks[5].Pos, "%s is a function of %s: differentiate with respect to one of them", p.toks[3].Value, strings.Join(f.Params, ", "))
			}
			st.Name, st.Params, st.Of = p.toks[3].Value, f.Params, f.Body
			return st, nil
		}
	}
	e, _, err := p.expr(p.until(3, commas[0]))
	if err != nil {
		return nil, err
	}
	st.Of = e
	return st, nil
}

// tangent is tangent f at A.
func (p *stmtParser) tangent(at Pos) (Statement, error) {
	if !p.ident(1) {
		return nil, errAt(p.toks[1].Pos, "tangent needs a function and a point, as in tangent f at 2")
	}
	f, err := p.function(p.toks[1])
	if err != nil {
		return nil, err
	}
	if len(f.Params) != 1 {
		return nil, errAt(p.toks[1].Pos, "%s has %d variables: a tangent line is for a function of one", p.toks[1].Value, len(f.Params))
	}
	if !p.ident(2) || p.toks[2].Value != "at" || p.toks[3].Type == lexer.EOF {
		return nil, errAt(p.toks[2].Pos, "expected \"at\" and a point, as in tangent %s at 2", p.toks[1].Value)
	}
	a, _, err := p.exprIn(p.rest(3), p.scope([]string{}))
	if err != nil {
		return nil, err
	}
	return &Tangent{At: at, Name: p.toks[1].Value, Point: a}, nil
}

// fileStatement reads save FILE and load FILE, whose file name is taken as
// written (up to ; or the end of the line, or in double quotes), not as
// tokens.
func fileStatement(c Chunk) (Statement, bool, error) {
	text := strings.TrimLeft(c.Text, " \t")
	col := c.Col + len([]rune(c.Text)) - len([]rune(text))
	word, rest, _ := strings.Cut(text, " ")
	if word != "save" && word != "load" {
		if strings.HasPrefix(text, `save"`) || strings.HasPrefix(text, `load"`) {
			word, rest = text[:4], text[4:]
		} else {
			return nil, false, nil
		}
	}
	at := Pos{c.Line, col}
	if err := checkInput(c.Text); err != nil {
		return nil, true, shift(err, c)
	}
	path := strings.TrimSpace(rest)
	end := Pos{c.Line, c.Col + len([]rune(strings.TrimRight(c.Text, " \t")))}
	switch {
	case path == "":
		return nil, true, &Error{Line: end.Line, Col: end.Col, Msg: fmt.Sprintf("%s needs a file name, as in %s session.fp", word, word)}
	case strings.HasPrefix(path, `"`):
		close := strings.IndexByte(path[1:], '"')
		if close < 0 {
			return nil, true, &Error{Line: end.Line, Col: end.Col, Msg: `missing closing " for the file name`}
		}
		if strings.TrimSpace(path[close+2:]) != "" {
			return nil, true, &Error{Line: end.Line, Col: end.Col, Msg: "unexpected text after the file name"}
		}
		path = path[1 : close+1]
	}
	if word == "save" {
		return &Save{At: at, Path: path}, true, nil
	}
	return &Load{At: at, Path: path}, true, nil
}

// options reads name=value options from token i on.
func (p *stmtParser) options(i int) ([]Option, error) {
	var opts []Option
	for p.toks[i].Type != lexer.EOF {
		t := p.toks[i]
		if t.Type != tokIdent {
			return nil, errAt(t.Pos, "expected an option such as eta=0.1, found %s", describe(t))
		}
		name := map[string]string{"η": "eta", "ε": "eps", "x₀": "x0"}[t.Value]
		if name == "" {
			name = t.Value
		}
		o := Option{At: pos(t), Name: name}
		i++
		if name == "trace" {
			opts = append(opts, o)
			continue
		}
		if !slices.Contains([]string{"x0", "eta", "eps", "maxiter", "method", "beta", "digits"}, name) {
			return nil, errAt(t.Pos, "unknown option %q: the options are x0, eta, eps, maxiter, trace, method and beta (and set digits=)", t.Value)
		}
		if !p.is(i, "=") {
			return nil, errAt(p.toks[i].Pos, "expected \"=\" after %s, as in %s=%s", t.Value, t.Value,
				map[string]string{"x0": "1", "eta": "0.1", "eps": "1e-6", "maxiter": "1000", "method": "momentum", "beta": "0.9", "digits": "6"}[name])
		}
		i++
		if name == "method" {
			w := p.toks[i]
			if !slices.Contains([]string{"gd", "momentum", "newton"}, w.Value) || w.Type != tokIdent {
				return nil, errAt(w.Pos, "unknown method %s: the methods are gd (gradient descent), momentum and newton", describe(w))
			}
			o.Word = w.Value
			opts = append(opts, o)
			i++
			continue
		}
		// A value is an expression up to the next option: x0=2pi eta=1/4
		// eps=10^-10 are three options.
		end := p.optionValueEnd(i)
		if end == i {
			return nil, errAt(p.toks[i].Pos, "expected a value after %s=", t.Value)
		}
		var parts [][]lexer.Token
		if p.is(i, "(") && p.closing(i) == end-1 && p.hasTopComma(i+1, end-1) {
			// x0=(1, 2): one value for each parameter.
			j := i + 1
			for k := i + 1; k < end; k++ {
				if (p.is(k, ",") && p.depthBetween(i+1, k) == 0) || k == end-1 {
					parts = append(parts, p.until(j, k))
					j = k + 1
				}
			}
		} else {
			parts = append(parts, p.until(i, end))
		}
		i = end
		for _, part := range parts {
			v, _, err := p.exprIn(part, p.scope([]string{}))
			if err != nil {
				return nil, err
			}
			o.Values = append(o.Values, v)
		}
		opts = append(opts, o)
	}
	return opts, nil
}

// optionNames are the words that start an option, in every spelling.
var optionNames = []string{"x0", "x₀", "eta", "η", "eps", "ε", "maxiter", "method", "beta", "trace", "digits"}

// optionValueEnd is where the value that starts at token i ends: at the end,
// or at the next option outside brackets (a name of one followed by =, or
// trace).
func (p *stmtParser) optionValueEnd(i int) int {
	depth := 0
	for k := i; ; k++ {
		t := p.toks[k]
		switch {
		case t.Type == lexer.EOF:
			return k
		case p.is(k, "("):
			depth++
		case p.is(k, ")"):
			depth--
		case depth == 0 && k > i && t.Type == tokIdent && slices.Contains(optionNames, t.Value) && (p.is(k+1, "=") || t.Value == "trace"):
			return k
		}
	}
}

// hasTopComma reports whether tokens i to j hold a comma outside brackets.
func (p *stmtParser) hasTopComma(i, j int) bool {
	for k := i; k < j; k++ {
		if p.is(k, ",") && p.depthBetween(i, k) == 0 {
			return true
		}
	}
	return false
}

func (p *stmtParser) depthBetween(i, j int) int {
	d := 0
	for k := i; k < j; k++ {
		switch {
		case p.is(k, "("):
			d++
		case p.is(k, ")"):
			d--
		}
	}
	return d
}

// check is check f' = EXPR, check diff(EXPR, x) = EXPR or check diff(g, x) = EXPR.
func (p *stmtParser) check(at Pos) (Statement, error) {
	eq := -1
	depth := 0
	for i := 1; i < len(p.toks); i++ {
		switch {
		case p.is(i, "("):
			depth++
		case p.is(i, ")"):
			depth--
		case p.is(i, "=") && depth == 0 && eq < 0:
			eq = i
		}
	}
	if eq < 0 {
		return nil, errAt(p.toks[len(p.toks)-1].Pos, "check needs \"=\" and your answer, as in check f' = 2x")
	}
	if p.is(1, "grad") {
		return p.checkGrad(at, eq)
	}
	var left Statement
	var vars []string
	var of symbolic.Expr
	if d, ok := p.primes(1); ok && (d.next == eq || p.writesParams(d, eq)) {
		s, err := p.derivative(d, at)
		if err != nil {
			return nil, err
		}
		left = s
		vars = p.env.Functions[d.name.Value].Params
	} else if p.ident(1) && p.toks[1].Value == "d" && p.is(2, "/") && p.ident(3) && strings.HasPrefix(p.toks[3].Value, "d") && len(p.toks[3].Value) > 1 {
		// check d/dx EXPR = …
		x := strings.TrimPrefix(p.toks[3].Value, "d")
		e, _, err := p.expr(p.until(4, eq))
		if err != nil {
			return nil, err
		}
		d, err := symbolic.Diff(p.ctx, e, x, 1)
		if err != nil {
			return nil, errAt(p.toks[1].Pos, "%v", err)
		}
		left, of = &Eval{At: at, Expr: d}, e
		vars = symbolic.Symbols(e)
		if !slices.Contains(vars, x) {
			vars = append(vars, x)
		}
		slices.Sort(vars)
	} else if p.is(1, "diff") && p.is(2, "(") && p.closing(2) == eq-1 {
		st, v, err := p.checkDiff(at, eq)
		if err != nil {
			return nil, err
		}
		left, vars = st, v
		if _, isExpr := st.(*Eval); isExpr {
			if of, err = p.diffOperand(eq); err != nil {
				return nil, err
			}
		}
	} else {
		return nil, errAt(p.toks[1].Pos, "check takes a derivative on the left, as in check f' = 2x, check d/dx x^2 = 2x, check diff(x^2, x) = 2x or check grad g = (2x, 2y)")
	}
	right, _, err := p.exprIn(p.rest(eq+1), p.scope(vars))
	if err != nil {
		return nil, err
	}
	start := p.toks[1].Pos.Offset
	leftText := strings.TrimSpace(p.chunk.Text[start:p.toks[eq].Pos.Offset])
	text := strings.TrimSpace(p.chunk.Text[p.toks[eq].Pos.Offset+1:])
	return &Check{At: at, Left: left, Vars: vars, Right: right, LeftText: leftText, RightText: text, Of: of}, nil
}

// writesParams reports whether f' is followed by its parameters in
// brackets up to the =, as in check f'(x) = ….
func (p *stmtParser) writesParams(d primed, eq int) bool {
	f, ok := p.env.Functions[d.name.Value]
	if !ok || !p.is(d.next, "(") || p.closing(d.next) != eq-1 {
		return false
	}
	i := d.next + 1
	for k, param := range f.Params {
		if k > 0 {
			if !p.is(i, ",") {
				return false
			}
			i++
		}
		if !p.ident(i) || p.toks[i].Value != param {
			return false
		}
		i++
	}
	return i == eq-1
}

// checkGrad is check grad g = (A, B, …): each partial derivative against
// its part of the answer, in the order of g's parameters.
func (p *stmtParser) checkGrad(at Pos, eq int) (Statement, error) {
	if !p.ident(2) || eq != 3 {
		return nil, errAt(p.toks[2].Pos, "check grad needs a function's name, as in check grad g = (2x, 2y)")
	}
	f, err := p.function(p.toks[2])
	if err != nil {
		return nil, err
	}
	open := eq + 1
	if !p.is(open, "(") || p.toks[p.closing(open)+1].Type != lexer.EOF {
		return nil, errAt(p.toks[open].Pos, "check grad %s needs one answer for each of %s, in brackets: (…, …)", p.toks[2].Value, strings.Join(f.Params, ", "))
	}
	end := p.closing(open)
	var parts [][2]int
	j := open + 1
	for k := open + 1; k <= end; k++ {
		if (p.is(k, ",") && p.depthBetween(open+1, k) == 0) || k == end {
			parts = append(parts, [2]int{j, k})
			j = k + 1
		}
	}
	if len(parts) != len(f.Params) {
		return nil, errAt(p.toks[open].Pos, "%s has %d variables, so its gradient has %d parts, not %d", p.toks[2].Value, len(f.Params), len(f.Params), len(parts))
	}
	all := &CheckAll{At: at}
	for i, x := range f.Params {
		right, _, err := p.exprIn(p.until(parts[i][0], parts[i][1]), p.scope(f.Params))
		if err != nil {
			return nil, err
		}
		var left Statement = &Partial{At: at, Name: p.toks[2].Value, Var: x, Order: 1}
		if len(f.Params) == 1 {
			left = &Derivative{At: at, Name: p.toks[2].Value, Order: 1}
		}
		text := strings.TrimSpace(p.chunk.Text[p.toks[parts[i][0]].Pos.Offset:p.toks[parts[i][1]].Pos.Offset])
		all.Checks = append(all.Checks, &Check{At: at, Left: left, Vars: f.Params, Right: right, RightText: text})
	}
	return all, nil
}

// diffOperand reads the EXPR of check diff(EXPR, x) = …, which ends at the
// first comma outside brackets.
func (p *stmtParser) diffOperand(eq int) (symbolic.Expr, error) {
	depth := 0
	for i := 3; i < eq; i++ {
		switch {
		case p.is(i, "(") || p.is(i, "["):
			depth++
		case p.is(i, ")") || p.is(i, "]"):
			depth--
		case p.is(i, ",") && depth == 0:
			e, _, err := p.expr(p.until(3, i))
			return e, err
		}
	}
	return nil, errAt(p.toks[eq].Pos, "diff needs a variable, as in diff(x^2, x)")
}

// checkDiff reads the diff(...) of a check: of a named function, whose
// parameters the answer is read with, or of an expression, whose variables
// are its free names and x.
func (p *stmtParser) checkDiff(at Pos, eq int) (Statement, []string, error) {
	if p.ident(3) && (p.is(4, ",")) && p.env != nil {
		if f, ok := p.env.Functions[p.toks[3].Value]; ok {
			st, err := p.namedDiff(at, p.toks[3], f, 5, eq-1)
			return st, f.Params, err
		}
	}
	e, _, err := p.expr(p.until(1, eq))
	if err != nil {
		return nil, nil, err
	}
	vars := symbolic.Symbols(e)
	// The variable of diff(EXPR, x) is a name too, though its derivative may not use it.
	for i := eq - 2; i > 2; i-- {
		if p.is(i, ",") && p.ident(i+1) {
			if !slices.Contains(vars, p.toks[i+1].Value) {
				vars = append(vars, p.toks[i+1].Value)
			}
			break
		}
	}
	slices.Sort(vars)
	return &Eval{At: at, Expr: e}, vars, nil
}

// namedDiff is diff(f, x[, n]) for a function f: toks[i] is the variable.
func (p *stmtParser) namedDiff(at Pos, name lexer.Token, f Function, i, end int) (Statement, error) {
	if !p.ident(i) || !slices.Contains(f.Params, p.toks[i].Value) {
		return nil, errAt(p.toks[i].Pos, "%s is a function of %s: differentiate with respect to one of them", name.Value, strings.Join(f.Params, ", "))
	}
	order := 1
	if p.is(i+1, ",") {
		k, err := strconv.Atoi(p.toks[i+2].Value)
		if err != nil || k < 0 || k > 1000 || i+3 != end {
			return nil, errAt(p.toks[i+2].Pos, "the order of diff must be a whole number from 0 to 1000")
		}
		order = k
	} else if i+1 != end {
		return nil, errAt(p.toks[i+1].Pos, "unexpected %s in diff", describe(p.toks[i+1]))
	}
	if len(f.Params) == 1 {
		return &Derivative{At: at, Name: name.Value, Order: order}, nil
	}
	return &Partial{At: at, Name: name.Value, Var: p.toks[i].Value, Order: order}, nil
}

func (p *stmtParser) extrema(at Pos) (Statement, error) {
	if !p.ident(1) {
		return nil, errAt(p.toks[1].Pos, "extrema needs a function and an interval, as in extrema f in [0, 10]")
	}
	if _, err := p.function(p.toks[1]); err != nil {
		return nil, err
	}
	if !p.is(2, "in") || !p.is(3, "[") {
		return nil, errAt(p.toks[2].Pos, "expected \"in [a, b]\" after extrema %s", p.toks[1].Value)
	}
	comma, close := -1, -1
	depth := 0
	for i := 4; i < len(p.toks); i++ {
		switch {
		case p.is(i, "(") || p.is(i, "["):
			depth++
		case p.is(i, ")"):
			depth--
		case p.is(i, "]") && depth == 0:
			close = i
		case p.is(i, ",") && depth == 0 && comma < 0:
			comma = i
		}
		if close > 0 {
			break
		}
	}
	if comma < 0 || close < 0 || p.toks[close+1].Type != lexer.EOF {
		return nil, errAt(p.toks[3].Pos, "expected an interval [a, b]")
	}
	a, _, err := p.exprIn(p.until(4, comma), p.scope([]string{}))
	if err != nil {
		return nil, err
	}
	b, _, err := p.exprIn(p.until(comma+1, close), p.scope([]string{}))
	if err != nil {
		return nil, err
	}
	return &Extrema{At: at, Name: p.toks[1].Value, A: a, B: b}, nil
}

func describe(t lexer.Token) string {
	if t.Type == lexer.EOF {
		return "the end of the statement"
	}
	return fmt.Sprintf("%q", spelling(t))
}
