package parser

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/fprime/fprime/symbolic"
)

// ParseStatement reads one statement (no ;) that begins at column col of
// line; env resolves its names. Errors are *Error values positioned in the
// line.
func ParseStatement(ctx context.Context, c Chunk, env *Env) (Statement, error) {
	if err := checkInput(c.Text); err != nil {
		return nil, shift(err, c)
	}
	sc := newStatementScanner(c)
	pl, err := lexer.Upgrade(sc)
	if err != nil {
		return nil, err
	}
	all := pl.Range(0, lexer.RawCursor(sc.count))
	tree, err := stmtParser.ParseFromLexer(pl, participle.AllowTrailing(true))
	if err != nil {
		return nil, translateStatement(c.Text, all, err)
	}
	s := &stmtConverter{ctx: ctx, env: env, text: c.Text, all: all, end: len(tree.Tokens)}
	return s.statement(tree)
}

// shift moves an error found in a chunk to its place in the line.
func shift(err error, c Chunk) error {
	if e, ok := err.(*Error); ok {
		return &Error{Line: c.Line, Col: e.Col + c.Col - 1, Msg: e.Msg}
	}
	return err
}

// translateStatement explains participle's error in a statement, as
// translate does in an expression, and by the production that failed where
// that says more: an expression begins after the [ of an interval, so the
// [ is not quoted, and an item of plot or a parameter of a definition is
// missing after a comma.
func translateStatement(src string, all []lexer.Token, err error) error {
	var ut *participle.UnexpectedTokenError
	if !errors.As(err, &ut) {
		return translate(src, all, err)
	}
	i := indexAt(all, ut.Unexpected)
	t := all[i]
	if i == 0 && t.Type == lexer.EOF {
		return errAt(t.Pos, "expected an expression") // a blank statement
	}
	if i > 0 {
		prev := all[i-1]
		switch {
		case all[0].Type == tokIdent && all[0].Value == "steps" && !isPunct(all[1].Type) && depth(all[:i]) == 0:
			// steps takes f' or diff(…) only: what does not read is
			// neither, unless it is inside diff's brackets.
			return errAt(all[1].Pos, stepsForms)
		case all[0].Type == tokIdent && all[0].Value == "plot" && isPunct(prev.Type) && prev.Value == "," && depth(all[:i]) == 0:
			return errAt(t.Pos, "expected something to draw before %s", describe(src, t))
		case isPunct(prev.Type) && (prev.Value == "(" || prev.Value == ",") && inParams(all, i):
			return errAt(t.Pos, "expected a name for the parameter, found %q", t.Value)
		case isPunct(prev.Type) && prev.Value == "[":
			return unexpected(src, all[i:], t)
		}
	}
	return unexpected(src, all, t)
}

// inParams reports whether token i is in the parameter list of a
// definition f(…) = ….
func inParams(all []lexer.Token, i int) bool {
	if all[0].Type != tokIdent || !isPunct(all[1].Type) || all[1].Value != "(" {
		return false
	}
	d := 0
	for k := 1; k < len(all); k++ {
		if t := all[k]; t.Type == tokPunct && (t.Value == "(" || t.Value == "[") {
			d++
		} else if t.Type == tokPunct && (t.Value == ")" || t.Value == "]") {
			d--
		}
		if d == 0 {
			return i <= k && isPunct(all[k+1].Type) && all[k+1].Value == "="
		}
	}
	return false
}

// indexAt is the place of t in toks, which are in the order of the input.
func indexAt(toks []lexer.Token, t lexer.Token) int {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].Pos.Offset >= t.Pos.Offset })
	for i+1 < len(toks) && toks[i].Type != t.Type && toks[i+1].Pos.Offset == t.Pos.Offset {
		i++
	}
	return min(i, len(toks)-1)
}

// depth is the number of brackets open after toks.
func depth(toks []lexer.Token) int {
	d := 0
	for _, t := range toks {
		if t.Type == tokPunct {
			switch t.Value {
			case "(", "[":
				d++
			case ")", "]":
				d--
			}
		}
	}
	return d
}

// describe quotes the token t of src, or names the end.
func describe(src string, t lexer.Token) string {
	if t.Type == lexer.EOF {
		return "the end of the statement"
	}
	return strconv.Quote(spelling(src, t))
}

// describe quotes the token t of the statement.
func (s *stmtConverter) describe(t lexer.Token) string { return describe(s.text, t) }

func pos(t lexer.Token) Pos { return Pos{t.Pos.Line, t.Pos.Column} }

// stmtConverter turns a statement's syntax tree into a Statement.
type stmtConverter struct {
	ctx  context.Context
	env  *Env
	text string        // the statement as typed; token offsets index it
	all  []lexer.Token // every token of the statement, the last EOF
	end  int           // the first token after what the grammar read
}

// index is the place in s.all of a production's tokens: participle gives
// each production a part of the one token list.
func (s *stmtConverter) index(toks []lexer.Token) int { return cap(s.all) - cap(toks) }

// after is the token after a production.
func (s *stmtConverter) after(toks []lexer.Token) lexer.Token {
	return s.all[s.index(toks)+len(toks)]
}

// next is the token after the captured token t.
func (s *stmtConverter) next(t lexer.Token) lexer.Token { return s.all[indexAt(s.all, t)+1] }

// rest is the first token after the statement: EOF, or one its grammar
// did not take.
func (s *stmtConverter) rest() lexer.Token { return s.all[s.end] }

func (s *stmtConverter) trailing() bool { return s.rest().Type != lexer.EOF }

// fresh explains a token that cannot begin an expression.
func (s *stmtConverter) fresh(t lexer.Token) error {
	if t.Type == lexer.EOF {
		return errAt(t.Pos, "expected an expression")
	}
	return unexpected(s.text, s.all[indexAt(s.all, t):], t)
}

// expr converts an expression of the statement, read with env.
func (s *stmtConverter) expr(x *expression, env *Env) (symbolic.Expr, string, error) {
	c := &converter{ctx: s.ctx, env: env, src: s.text}
	p, err := c.expression(x)
	if err != nil {
		return nil, "", err
	}
	return p.e, p.text, nil
}

// bounded converts a boundedExpression, which has expression's fields.
func (s *stmtConverter) bounded(x *boundedExpression, env *Env) (symbolic.Expr, error) {
	e, _, err := s.expr((*expression)(x), env)
	return e, err
}

// scope is the Env of a body: the session's definitions, and params as the
// only free names.
func (s *stmtConverter) scope(params []string) *Env {
	env := &Env{Functions: map[string]Function{}, Constants: map[string]bool{}, Vars: append([]string{}, params...)}
	if s.env != nil {
		for k, v := range s.env.Functions {
			env.Functions[k] = v
		}
		for k, v := range s.env.Constants {
			env.Constants[k] = v
		}
		env.Values = s.env.Values
	}
	return env
}

func (s *stmtConverter) isFunction(name string) bool {
	if s.env == nil {
		return false
	}
	_, ok := s.env.Functions[name]
	return ok
}

// function is the user's function named by t.
func (s *stmtConverter) function(t lexer.Token) (Function, error) {
	if t.Type != tokIdent {
		return Function{}, errAt(t.Pos, "expected the name of a function, found %s", s.describe(t))
	}
	if s.env != nil {
		if f, ok := s.env.Functions[t.Value]; ok {
			return f, nil
		}
	}
	if _, ok := symbolic.LookupBuiltin(t.Value); ok {
		return Function{}, errAt(t.Pos, "%s is built in: define a function of your own, as f(x) = %s(x), and use f", t.Value, t.Value)
	}
	c := &converter{env: s.env, src: s.text}
	return Function{}, errAt(t.Pos, "unknown function %q%s", t.Value, c.didYouMean(t.Value, true))
}

// checkName refuses a name that cannot be defined.
func checkName(t lexer.Token, what string) error {
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

// single is x's operand when it has one.
func single(x *expression) *operandParts {
	if x == nil || len(x.Operands) != 1 {
		return nil
	}
	return partsOf(x.Operands[0])
}

// plainName reports whether o is a name, with its primes and arguments
// but no sign, root or superscript: f, f', f(x), diff(g, y).
func plainName(o *operandParts) bool {
	return o != nil && o.name() != "" && len(o.signs()) == 0 && len(o.roots()) == 0 && len(o.super()) == 0
}

// oneToken is the one token of x, if x is one token.
func oneToken(x *expression) (lexer.Token, bool) {
	if len(x.Tokens) != 1 {
		return lexer.Token{}, false
	}
	return x.Tokens[0], true
}

func (s *stmtConverter) statement(st *statement) (Statement, error) {
	first := s.all[s.index(st.Tokens)]
	switch {
	case st.Keyword != nil:
		return s.keyword(st.Keyword, s.index(st.Tokens))
	case st.DOver != nil:
		return s.dOver(st.DOver, first)
	case st.Define != nil:
		d := st.Define
		var params [][]lexer.Token
		for k := 0; k < len(d.Params); k += 2 { // x , y
			params = append(params, d.Params[k:k+1])
		}
		return s.defineFunc(d.Name, params, d.Body, s.next(s.after(d.Params)), pos(first)) // after the )
	}
	return s.assignment(st.Assign, first)
}

// assignment is a definition, f', f alone, diff(g, y), or an expression.
func (s *stmtConverter) assignment(a *assignment, first lexer.Token) (Statement, error) {
	at := pos(first)
	o := single(a.Left)
	if a.Eq {
		eq := s.after(a.Left.Tokens)
		if plainName(o) && len(o.primes()) > 0 {
			// f' = 2x: a derivative is worked out, not defined; the
			// person most likely means to check one.
			name := o.atom()[0].Value
			return nil, errAt(eq.Pos, "%s%s is worked out from %s, not defined: to check your answer, write check %s%s = …",
				name, strings.Repeat("'", len(o.primes())), name, name, strings.Repeat("'", len(o.primes())))
		}
		if !plainName(o) {
			return nil, unexpected(s.text, s.all, eq)
		}
		if !o.call() {
			return s.defineConst(a, o, eq, at)
		}
		if len(o.args()) == 0 {
			name := o.atom()[0]
			if err := checkName(name, "function"); err != nil {
				return nil, err
			}
			return nil, checkName(o.atom()[2], "parameter") // the )
		}
		var params [][]lexer.Token
		for _, arg := range o.args() {
			params = append(params, arg.Tokens)
		}
		return s.defineFunc(o.atom()[0], params, a.Right, eq, at)
	}
	if s.trailing() {
		return nil, unexpected(s.text, s.all, s.rest())
	}
	if plainName(o) {
		name := o.atom()[0]
		primes := len(o.primes())
		switch {
		case !o.call() && primes == 0 && s.isFunction(name.Value):
			// A function's name alone shows it: its derivative of order 0.
			return &Derivative{At: at, Name: name.Value}, nil
		case !o.call() && primes > 0:
			return s.derivative(name, primes, at)
		case o.call() && primes == 0 && name.Value == "diff" && len(o.args()) >= 2:
			// diff(g, y) belongs to g: it is shown as ∂g/∂y(x, y) = …
			if g, ok := oneToken(&o.args()[0]); ok && g.Type == tokIdent && s.isFunction(g.Value) {
				return s.namedDiff(at, g, s.env.Functions[g.Value], o.args()[1:])
			}
		}
	}
	e, reading, err := s.expr(a.Left, s.env)
	if err != nil {
		return nil, err
	}
	return &Eval{At: at, Expr: e, Reading: reading}, nil
}

// right is the right side of a definition, after eq.
func (s *stmtConverter) right(right *expression, eq lexer.Token, env *Env) (symbolic.Expr, string, error) {
	if right == nil {
		return nil, "", s.fresh(s.next(eq))
	}
	if s.trailing() {
		return nil, "", unexpected(s.text, s.all, s.rest())
	}
	return s.expr(right, env)
}

// defineFunc is NAME(PARAMS) = BODY; each parameter should be one name,
// and the tokens of each are checked in turn.
func (s *stmtConverter) defineFunc(name lexer.Token, args [][]lexer.Token, right *expression, eq lexer.Token, at Pos) (Statement, error) {
	if err := checkName(name, "function"); err != nil {
		return nil, err
	}
	if name.Value == "e" {
		return nil, errAt(name.Pos, "e is Euler's number: choose another name for a function")
	}
	var params []string
	for _, arg := range args {
		t := arg[0]
		if err := checkName(t, "parameter"); err != nil {
			return nil, err
		}
		if slices.Contains(params, t.Value) {
			return nil, errAt(t.Pos, "parameter %s is named twice", t.Value)
		}
		if t.Value == name.Value {
			return nil, errAt(t.Pos, "a parameter cannot have the function's name %s", t.Value)
		}
		if len(arg) > 1 {
			return nil, errAt(arg[1].Pos, "expected \",\" or \")\" in the parameter list, found %s", s.describe(arg[1]))
		}
		params = append(params, t.Value)
	}
	// f(x) = f(x) + 1 redefines f from its old body, inlined as every
	// call is, as a = a + 1 does for a constant.
	env := s.scope(params)
	env.defining = name.Value
	body, reading, err := s.right(right, eq, env)
	if err != nil {
		return nil, err
	}
	return &DefineFunc{At: at, Name: name.Value, Params: params, Body: body, Reading: reading}, nil
}

func (s *stmtConverter) defineConst(a *assignment, o *operandParts, eq lexer.Token, at Pos) (Statement, error) {
	name := o.atom()[0]
	if err := checkName(name, "constant"); err != nil {
		return nil, err
	}
	env := s.scope(nil)
	delete(env.Functions, name.Value)
	value, reading, err := s.right(a.Right, eq, env)
	var perr *Error
	if errors.As(err, &perr) && strings.HasPrefix(perr.Msg, "unknown name ") {
		// f = x^2 is meant as a function of x.
		x, _, _ := strings.Cut(strings.TrimPrefix(perr.Msg, "unknown name "), " ")
		x = strings.Trim(x, `"`)
		f := name.Value
		if f == "e" { // e names no function: e(x) = … is refused
			f = "f"
		}
		return nil, errorAt(perr.Line, perr.Col, "%s: a constant needs a value; to define a function of %s, write %s(%s) = …", perr.Msg, x, f, x)
	}
	if err != nil {
		return nil, err
	}
	return &DefineConst{At: at, Name: name.Value, Value: value, Reading: reading}, nil
}

// derivative is f', f”, … of a function of one variable.
func (s *stmtConverter) derivative(name lexer.Token, order int, at Pos) (*Derivative, error) {
	f, err := s.function(name)
	if err != nil {
		return nil, err
	}
	if len(f.Params) != 1 {
		return nil, notDefined(name.Pos, name.Value, strings.Repeat("'", order), f)
	}
	return &Derivative{At: at, Name: name.Value, Order: order}, nil
}

// namedDiff is diff(f, x[, n]) for a function f; args are the arguments
// after f.
func (s *stmtConverter) namedDiff(at Pos, name lexer.Token, f Function, args []expression) (Statement, error) {
	v := args[0].Tokens[0]
	if v.Type != tokIdent || !slices.Contains(f.Params, v.Value) {
		return nil, errAt(v.Pos, "%s is a function of %s: differentiate with respect to one of them", name.Value, strings.Join(f.Params, ", "))
	}
	if len(args[0].Tokens) > 1 {
		return nil, errAt(args[0].Tokens[1].Pos, "unexpected %s in diff", s.describe(args[0].Tokens[1]))
	}
	order := 1
	if len(args) > 1 {
		t := args[1].Tokens[0]
		k, err := strconv.Atoi(t.Value)
		if err != nil || k < 0 || k > 1000 || len(args[1].Tokens) > 1 || len(args) > 2 {
			return nil, errAt(t.Pos, "the order of diff must be a whole number from 0 to 1000")
		}
		order = k
	}
	if len(f.Params) == 1 {
		return &Derivative{At: at, Name: name.Value, Order: order}, nil
	}
	return &Partial{At: at, Name: name.Value, Var: v.Value, Order: order}, nil
}

// dOver is d/dx EXPR. d/y x, whose variable does not begin with d, is the
// expression it is.
func (s *stmtConverter) dOver(d *dOver, first lexer.Token) (Statement, error) {
	x, ok := strings.CutPrefix(d.Var.Value, "d")
	if !ok || x == "" {
		toks := s.all[s.index(d.Tokens):]
		e, reading, err := parseTokens(s.ctx, s.text, peek(toks), func() []lexer.Token { return toks }, s.env)
		if err != nil {
			return nil, err
		}
		return &Eval{At: pos(first), Expr: e, Reading: reading}, nil
	}
	if d.Expr == nil {
		return nil, s.fresh(s.after(d.Tokens))
	}
	if s.trailing() {
		return nil, unexpected(s.text, s.all, s.rest())
	}
	e, reading, err := s.expr(d.Expr, s.env)
	if err != nil {
		return nil, err
	}
	de, err := symbolic.Diff(s.ctx, e, x, 1)
	if err != nil {
		return nil, errAt(first.Pos, "%v", err)
	}
	return &Eval{At: pos(first), Expr: de, Reading: reading}, nil
}

// keyword converts a keyword statement whose word is s.all[i].
func (s *stmtConverter) keyword(k *keyword, i int) (Statement, error) {
	kw := s.all[i]
	at := pos(kw)
	after := func(word string) error {
		if s.trailing() {
			return errAt(s.rest().Pos, "unexpected %s after %s", s.describe(s.rest()), word)
		}
		return nil
	}
	switch {
	case k.Named != nil:
		n := k.Named
		if n.Word == "del" {
			if n.Name.Type != tokIdent {
				return nil, errAt(s.all[i+1].Pos, "del needs the name of a definition, as in del f")
			}
			if err := after("del"); err != nil {
				return nil, err
			}
			return &Delete{At: pos(n.Name), Name: n.Name.Value}, nil // errors are about the name
		}
		if n.Name.Type != tokIdent {
			return nil, errAt(s.all[i+1].Pos, "%s needs the name of a function, as in %s f", n.Word, n.Word)
		}
		if _, err := s.function(n.Name); err != nil {
			return nil, err
		}
		if err := after(n.Word); err != nil {
			return nil, err
		}
		if n.Word == "grad" {
			return &Gradient{At: at, Name: n.Name.Value}, nil
		}
		return &Hessian{At: at, Name: n.Name.Value}, nil
	case k.Descent != nil:
		return s.descent(k.Descent, i)
	case k.Set != nil:
		opts, err := s.options(k.Set.Options)
		if err != nil {
			return nil, err
		}
		return &Set{At: at, Options: opts}, nil
	case k.Check != nil:
		return s.check(k.Check, i)
	case k.Extrema != nil:
		return s.extrema(k.Extrema, i)
	case k.Tangent != nil:
		return s.tangent(k.Tangent, true)
	case k.Steps != nil:
		return s.steps(k.Steps, i)
	case k.LaTeX != nil:
		return s.latex(k.LaTeX, i)
	case k.NumDiff != nil:
		return s.numDiff(k.NumDiff, i)
	case k.Plot != nil:
		return s.plot(k.Plot, i)
	case k.File != nil:
		f := k.File
		if f.Path.Type != tokString {
			end := s.all[i+1]
			if end.Type == lexer.EOF {
				end.Pos.Column = kw.Pos.Column + utf8.RuneCountInString(kw.Value)
			}
			return nil, errAt(end.Pos, "%s needs a file name, as in %s session.fp", f.Word, f.Word)
		}
		if f.Word == "save" {
			return &Save{At: at, Path: f.Path.Value}, nil
		}
		return &Load{At: at, Path: f.Path.Value}, nil
	case k.Help != nil:
		if err := after("help"); err != nil {
			return nil, err
		}
		topic := ""
		if k.Help.Topic != nil {
			topic = *k.Help.Topic
		}
		return &Help{At: at, Topic: topic}, nil
	}
	word := k.Word.Word
	if word == "diff" {
		return nil, errAt(kw.Pos, "diff needs arguments") // diff( is an expression
	}
	if err := after(word); err != nil {
		return nil, err
	}
	if word == "defs" {
		return &Defs{At: at}, nil
	}
	return &Quit{At: at}, nil
}

// needsWork is the error of a statement word with nothing after it.
func (s *stmtConverter) needsWork(word string) error {
	return errAt(s.all[len(s.all)-1].Pos, "%s needs something to work on: see help %s", word, word)
}

// descent is min f OPTIONS or max f OPTIONS, its word at s.all[i].
func (s *stmtConverter) descent(d *descent, i int) (*Descent, error) {
	if d.Name.Type != tokIdent {
		return nil, errAt(s.all[i+1].Pos, "%s needs the name of a function, as in %s f", d.Word, d.Word)
	}
	if _, err := s.function(d.Name); err != nil {
		return nil, err
	}
	opts, err := s.options(d.Options)
	if err != nil {
		return nil, err
	}
	return &Descent{At: pos(s.all[i]), Max: d.Word == "max", Name: d.Name.Value, Options: opts}, nil
}

// optionNames are the words that start an option, in every spelling; the
// lookahead of boundedExpression holds them too.
var optionNames = []string{"x0", "eta", "η", "eps", "ε", "maxiter", "method", "beta", "trace", "digits"}

// options converts the options of set, min and max; what follows them
// is no option.
func (s *stmtConverter) options(opts []*option) ([]Option, error) {
	var out []Option
	for _, o := range opts {
		t := o.Name
		name := map[string]string{"η": "eta", "ε": "eps"}[t.Value]
		if name == "" {
			name = t.Value
		}
		opt := Option{At: pos(t), Name: name}
		if name == "trace" {
			if o.Eq {
				eq := s.next(t)
				return nil, errAt(eq.Pos, "expected an option such as eta=0.1, found %s", s.describe(eq))
			}
			out = append(out, opt)
			continue
		}
		if !slices.Contains(optionNames, name) {
			return nil, errAt(t.Pos, "unknown option %q: the options are x0, eta, eps, maxiter, trace, method and beta (and set digits=)", t.Value)
		}
		if !o.Eq {
			next := s.next(t)
			return nil, errAt(next.Pos, "expected \"=\" after %s, as in %s=%s", t.Value, t.Value,
				map[string]string{"x0": "1", "eta": "0.1", "eps": "1e-6", "maxiter": "1000", "method": "momentum", "beta": "0.9", "digits": "6"}[name])
		}
		next := s.after(o.Tokens)
		if name == "method" {
			w := next
			if o.Value != nil {
				w = o.Value.Tokens[0]
			}
			if w.Type != tokIdent || !slices.Contains([]string{"gd", "momentum", "newton"}, w.Value) {
				return nil, errAt(w.Pos, "unknown method %s: the methods are gd (gradient descent), momentum and newton", s.describe(w))
			}
			if len(o.Value.Tokens) > 1 {
				return nil, errAt(o.Value.Tokens[1].Pos, "expected an option such as eta=0.1, found %s", s.describe(o.Value.Tokens[1]))
			}
			opt.Word = w.Value
			out = append(out, opt)
			continue
		}
		if o.Value == nil {
			if next.Type == lexer.EOF || next.Type == tokIdent && slices.Contains(optionNames, next.Value) {
				return nil, errAt(next.Pos, "expected a value after %s=", t.Value)
			}
			return nil, s.fresh(next)
		}
		if toks := o.Value.Tokens; len(toks) > 1 {
			// x0=1 foo=2: the value stops before a known option only,
			// so a name followed by "=" ends it as an unknown one.
			if last := toks[len(toks)-1]; last.Type == tokIdent && s.after(toks).Value == "=" {
				return nil, errAt(last.Pos, "unknown option %q: the options are x0, eta, eps, maxiter, trace, method and beta (and set digits=)", last.Value)
			}
		}
		values, err := s.values(o.Value)
		if err != nil {
			return nil, err
		}
		opt.Values = values
		out = append(out, opt)
	}
	if s.trailing() {
		return nil, errAt(s.rest().Pos, "expected an option such as eta=0.1, found %s", s.describe(s.rest()))
	}
	return out, nil
}

// values converts a value: one number, or one for each in a list.
func (s *stmtConverter) values(v *value) ([]symbolic.Expr, error) {
	if v.Expr != nil {
		e, err := s.bounded(v.Expr, s.scope([]string{}))
		if err != nil {
			return nil, err
		}
		return []symbolic.Expr{e}, nil
	}
	var out []symbolic.Expr
	for _, x := range v.List {
		e, _, err := s.expr(x, s.scope([]string{}))
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

const checkForms = "check takes a derivative on the left, as in check f' = 2x, check d/dx x^2 = 2x, check diff(x^2, x) = 2x or check grad g = (2x, 2y)"

// check is check LEFT = RIGHT or check grad g = (…, …), its word at s.all[i].
func (s *stmtConverter) check(c *check, i int) (Statement, error) {
	at := pos(s.all[i])
	if c.DOver != nil && c.DOver.Expr == nil {
		// check d/dx + 1 = …: what follows d/dx is no expression.
		if next := s.after(c.DOver.Tokens); next.Type != lexer.EOF && (!isPunct(next.Type) || next.Value != "=") {
			return nil, s.fresh(next)
		}
	}
	if !c.Eq && (c.Grad == nil || !c.Grad.Eq) {
		// No = where the grammar looks for one: one further on means
		// the left side is not what check takes.
		if s.trailing() && slices.ContainsFunc(s.all[s.end:], func(t lexer.Token) bool { return isPunct(t.Type) && t.Value == "=" }) {
			if c.Grad != nil {
				return nil, errAt(s.all[i+2].Pos, "check grad needs a function's name, as in check grad g = (2x, 2y)")
			}
			return nil, errAt(s.all[i+1].Pos, checkForms)
		}
		return nil, errAt(s.all[len(s.all)-1].Pos, "check needs \"=\" and your answer, as in check f' = 2x")
	}
	if c.Grad != nil {
		return s.checkGrad(c.Grad, i)
	}
	eqAt := i + 1
	switch {
	case c.DOver != nil:
		eqAt = s.index(c.DOver.Tokens) + len(c.DOver.Tokens)
	case c.Left != nil:
		eqAt = s.index(c.Left.Tokens) + len(c.Left.Tokens)
	}
	eq := s.all[eqAt]
	var left Statement
	var vars []string
	var of symbolic.Expr
	o := single(c.Left)
	switch {
	case c.DOver != nil:
		// check d/dx EXPR = …
		x, ok := strings.CutPrefix(c.DOver.Var.Value, "d")
		if !ok || x == "" {
			return nil, errAt(s.all[i+1].Pos, checkForms)
		}
		if c.DOver.Expr == nil {
			return nil, errAt(eq.Pos, "expected an expression")
		}
		e, _, err := s.expr(c.DOver.Expr, s.env)
		if err != nil {
			return nil, err
		}
		d, err := symbolic.Diff(s.ctx, e, x, 1)
		if err != nil {
			return nil, errAt(s.all[i+1].Pos, "%v", err)
		}
		left, of = &Eval{At: at, Expr: d}, e
		vars = s.variables(e, x)
	case plainName(o) && len(o.primes()) > 0 && (!o.call() || s.writesParams(o)):
		d, err := s.derivative(o.atom()[0], len(o.primes()), at)
		if err != nil {
			return nil, err
		}
		left, vars = d, s.env.Functions[d.Name].Params
	case plainName(o) && len(o.primes()) == 0 && o.call() && o.name() == "diff":
		st, v, err := s.checkDiff(c.Left, o, at)
		if err != nil {
			return nil, err
		}
		left, vars = st, v
		if _, isExpr := st.(*Eval); isExpr {
			if len(o.args()) < 2 {
				return nil, errAt(eq.Pos, "diff needs a variable, as in diff(x^2, x)")
			}
			if of, _, err = s.expr(&o.args()[0], s.env); err != nil {
				return nil, err
			}
		}
	default:
		return nil, errAt(s.all[i+1].Pos, checkForms)
	}
	if c.Right == nil {
		return nil, s.fresh(s.next(eq))
	}
	if s.trailing() {
		return nil, unexpected(s.text, s.all, s.rest())
	}
	right, _, err := s.expr(c.Right, s.scope(vars))
	if err != nil {
		return nil, err
	}
	leftText := strings.TrimSpace(s.text[s.all[i+1].Pos.Offset:eq.Pos.Offset])
	rightText := strings.TrimSpace(s.text[eq.Pos.Offset+1:])
	return &Check{At: at, Left: left, Vars: vars, Right: right, LeftText: leftText, RightText: rightText, Of: of}, nil
}

// writesParams reports whether f'(…) writes f's parameters in its
// brackets, as in check f'(x) = ….
func (s *stmtConverter) writesParams(o *operandParts) bool {
	if s.env == nil {
		return false
	}
	f, ok := s.env.Functions[o.name()]
	if !ok || len(o.args()) != len(f.Params) {
		return false
	}
	for k, arg := range o.args() {
		if t, ok := oneToken(&arg); !ok || t.Type != tokIdent || t.Value != f.Params[k] {
			return false
		}
	}
	return true
}

// checkDiff reads the diff(...) of a check: of a named function, whose
// parameters the answer is read with, or of an expression, whose variables
// are its free names and x.
func (s *stmtConverter) checkDiff(left *expression, o *operandParts, at Pos) (Statement, []string, error) {
	args := o.args()
	if len(args) >= 2 {
		if g, ok := oneToken(&args[0]); ok && g.Type == tokIdent && s.isFunction(g.Value) {
			f := s.env.Functions[g.Value]
			st, err := s.namedDiff(at, g, f, args[1:])
			return st, f.Params, err
		}
	}
	e, _, err := s.expr(left, s.env)
	if err != nil {
		return nil, nil, err
	}
	// The variable of diff(EXPR, x) is a name too, though its derivative
	// may not use it.
	x := ""
	for k := len(args) - 1; k > 0; k-- {
		if t := args[k].Tokens[0]; t.Type == tokIdent {
			x = t.Value
			break
		}
	}
	return &Eval{At: at, Expr: e}, s.variables(e, x), nil
}

// variables are the names a check of the derivative of e by x is read
// and sampled with: x and e's free names, but not the session's constants,
// which have their values (a = 3; check diff(a x^2, x) = 6x is right).
func (s *stmtConverter) variables(e symbolic.Expr, x string) []string {
	var vars []string
	for _, n := range symbolic.Symbols(e) {
		if n == x || !s.env.Constants[n] {
			vars = append(vars, n)
		}
	}
	if x != "" && !slices.Contains(vars, x) {
		vars = append(vars, x)
	}
	slices.Sort(vars)
	return vars
}

// checkGrad is check grad g = (A, B, …): each partial derivative against
// its part of the answer, in the order of g's parameters.
func (s *stmtConverter) checkGrad(g *checkGrad, i int) (Statement, error) {
	at := pos(s.all[i])
	if g.Name.Type != tokIdent {
		return nil, errAt(s.all[i+2].Pos, "check grad needs a function's name, as in check grad g = (2x, 2y)")
	}
	f, err := s.function(g.Name)
	if err != nil {
		return nil, err
	}
	open := s.all[i+4] // after check grad g =
	var parts []*expression
	switch {
	case g.Answer == nil || s.trailing():
	case g.Answer.List != nil:
		parts = g.Answer.List
	default:
		// (2x): one answer in brackets, for a function of one variable.
		if o := single((*expression)(g.Answer.Expr)); o != nil && o.paren() != nil && len(o.Tokens) == len(o.atom()) && o.super() == nil {
			parts = []*expression{o.paren()}
		}
	}
	if parts == nil {
		return nil, errAt(open.Pos, "check grad %s needs one answer for each of %s, in brackets: (…, …)", g.Name.Value, strings.Join(f.Params, ", "))
	}
	if len(parts) != len(f.Params) {
		return nil, errAt(open.Pos, "%s has %d variables, so its gradient has %d parts, not %d", g.Name.Value, len(f.Params), len(f.Params), len(parts))
	}
	all := &CheckAll{At: at}
	for k, x := range f.Params {
		right, _, err := s.expr(parts[k], s.scope(f.Params))
		if err != nil {
			return nil, err
		}
		var left Statement = &Partial{At: at, Name: g.Name.Value, Var: x, Order: 1}
		if len(f.Params) == 1 {
			left = &Derivative{At: at, Name: g.Name.Value, Order: 1}
		}
		text := strings.TrimSpace(s.text[parts[k].Tokens[0].Pos.Offset:s.after(parts[k].Tokens).Pos.Offset])
		all.Checks = append(all.Checks, &Check{At: at, Left: left, Vars: f.Params, Right: right, RightText: text})
	}
	return all, nil
}

// extrema is extrema f in [a, b], its word at s.all[i].
func (s *stmtConverter) extrema(e *extrema, i int) (Statement, error) {
	if e.Name.Type != tokIdent {
		return nil, errAt(s.all[i+1].Pos, "extrema needs a function and an interval, as in extrema f in [0, 10]")
	}
	if _, err := s.function(e.Name); err != nil {
		return nil, err
	}
	if !e.In || e.Interval == nil {
		return nil, errAt(s.all[i+2].Pos, "expected \"in [a, b]\" after extrema %s", e.Name.Value)
	}
	if len(e.Interval.Ends) != 2 || s.trailing() {
		return nil, errAt(e.Interval.Tokens[0].Pos, "expected an interval [a, b]")
	}
	ends, err := s.ends(e.Interval)
	if err != nil {
		return nil, err
	}
	return &Extrema{At: pos(s.all[i]), Name: e.Name.Value, A: ends[0], B: ends[1]}, nil
}

// ends converts the ends of an interval, which name no variables.
func (s *stmtConverter) ends(in *interval) ([]symbolic.Expr, error) {
	var out []symbolic.Expr
	for _, x := range in.Ends {
		e, _, err := s.expr(x, s.scope([]string{}))
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// tangent is tangent f at A; last says that nothing may follow it, as in
// a statement of its own (in plot, a comma or in does).
func (s *stmtConverter) tangent(t *tangent, last bool) (*Tangent, error) {
	i := s.index(t.Tokens)
	if t.Name.Type != tokIdent {
		return nil, errAt(s.all[i+1].Pos, "tangent needs a function and a point, as in tangent f at 2")
	}
	f, err := s.function(t.Name)
	if err != nil {
		return nil, err
	}
	if len(f.Params) != 1 {
		return nil, errAt(t.Name.Pos, "%s has %d variables: a tangent line is for a function of one", t.Name.Value, len(f.Params))
	}
	if !t.At || t.Point == nil && s.all[i+3].Type == lexer.EOF {
		return nil, errAt(s.all[i+2].Pos, "expected \"at\" and a point, as in tangent %s at 2", t.Name.Value)
	}
	if t.Point == nil {
		return nil, s.fresh(s.all[i+3])
	}
	if last && s.trailing() {
		return nil, unexpected(s.text, s.all, s.rest())
	}
	a, err := s.bounded(t.Point, s.scope([]string{}))
	if err != nil {
		return nil, err
	}
	return &Tangent{At: pos(s.all[i]), Name: t.Name.Value, Point: a}, nil
}

const stepsForms = "steps shows a derivation: steps f', steps f'', steps diff(EXPR, x), steps d/dx EXPR or steps diff(g, y)"

// steps is steps f', steps f”, steps diff(EXPR, x[, n]), steps d/dx EXPR or
// steps diff(g, y), its word at s.all[i].
func (s *stmtConverter) steps(st *steps, i int) (Statement, error) {
	at := pos(s.all[i])
	if d := st.DOver; d != nil {
		x, ok := strings.CutPrefix(d.Var.Value, "d")
		if !ok || x == "" || d.Expr == nil || s.trailing() {
			return nil, errAt(s.all[i+1].Pos, stepsForms)
		}
		e, _, err := s.expr(d.Expr, s.env)
		if err != nil {
			return nil, err
		}
		return &Steps{At: at, Var: x, Order: 1, Of: e}, nil
	}
	if st.Of == nil && s.all[i+1].Type == lexer.EOF {
		return nil, s.needsWork("steps")
	}
	o := single(st.Of)
	if !plainName(o) || s.trailing() {
		return nil, errAt(s.all[i+1].Pos, stepsForms)
	}
	name, primes := o.atom()[0], len(o.primes())
	switch {
	case primes > 0 && !o.call():
		f, err := s.function(name)
		if err != nil {
			return nil, err
		}
		if len(f.Params) != 1 {
			return nil, notDefined(name.Pos, name.Value, strings.Repeat("'", primes), f)
		}
		return &Steps{At: at, Name: name.Value, Params: f.Params, Of: f.Body, Var: f.Params[0], Order: primes}, nil
	case primes > 0 || name.Value != "diff" || !o.call():
		return nil, errAt(s.all[i+1].Pos, stepsForms)
	}
	args := o.args()
	if len(args) < 2 || len(args) > 3 {
		return nil, errAt(o.atom()[2].Pos, "diff takes an expression, a variable and maybe an order, as in diff(x^2, x) or diff(x^3, x, 2)")
	}
	v, ok := oneToken(&args[1])
	if !ok || v.Type != tokIdent {
		return nil, errAt(o.atom()[2].Pos, "diff takes an expression, a variable and maybe an order, as in diff(x^2, x) or diff(x^3, x, 2)")
	}
	out := &Steps{At: at, Var: v.Value, Order: 1}
	if len(args) == 3 {
		t := args[2].Tokens[0]
		k, err := strconv.Atoi(t.Value)
		if err != nil || k < 1 || k > 1000 || len(args[2].Tokens) > 1 {
			return nil, errAt(t.Pos, "the order of diff must be a whole number from 1 to 1000")
		}
		out.Order = k
	}
	if g, ok := oneToken(&args[0]); ok && g.Type == tokIdent && s.isFunction(g.Value) {
		f := s.env.Functions[g.Value]
		if !slices.Contains(f.Params, out.Var) {
			return nil, errAt(v.Pos, "%s is a function of %s: differentiate with respect to one of them", g.Value, strings.Join(f.Params, ", "))
		}
		out.Name, out.Params, out.Of = g.Value, f.Params, f.Body
		return out, nil
	}
	e, _, err := s.expr(&args[0], s.env)
	if err != nil {
		return nil, err
	}
	out.Of = e
	return out, nil
}

// latex is latex STATEMENT, its word at s.all[i].
func (s *stmtConverter) latex(l *laTeX, i int) (Statement, error) {
	if w := s.all[i+1]; w.Type == tokIdent && slices.Contains([]string{"latex", "set", "save", "load", "del", "defs", "help", "quit", "exit", "min", "max", "extrema", "plot", "numdiff"}, w.Value) {
		return nil, errAt(w.Pos, "latex prints an expression, a derivative, a gradient or a Hessian, not %s", w.Value)
	}
	if l.Of == nil {
		if s.all[i+1].Type == lexer.EOF {
			return nil, s.needsWork("latex")
		}
		return nil, s.fresh(s.all[i+1])
	}
	st, err := s.statement(l.Of)
	if err != nil {
		return nil, err
	}
	// Refused before it runs: latex over a definition would define, then
	// have nothing to print.
	switch st.(type) {
	case *Eval, *Derivative, *Partial, *Gradient, *Hessian, *Tangent, *Steps:
		return &LaTeX{At: pos(s.all[i]), Of: st}, nil
	case *DefineFunc, *DefineConst:
		return nil, errAt(s.all[i+1].Pos, "latex prints an expression, a derivative, a gradient or a Hessian, not a definition")
	}
	return nil, errAt(s.all[i+1].Pos, "latex prints an expression, a derivative, a gradient or a Hessian, not %s", s.all[i+1].Value)
}

// numDiff is numdiff f'(A) [table] or numdiff grad g (A, B), its word at
// s.all[i].
func (s *stmtConverter) numDiff(n *numDiff, i int) (Statement, error) {
	if s.all[i+1].Type == lexer.EOF {
		return nil, s.needsWork("numdiff")
	}
	nd := &NumDiff{At: pos(s.all[i]), Grad: n.Grad, Table: n.Table}
	k := i + 1
	if n.Grad {
		k++
	}
	if n.Name.Type != tokIdent {
		return nil, errAt(s.all[k].Pos, "numdiff needs a derivative at a point, as in numdiff f'(2) or numdiff grad g (1, 2)")
	}
	f, err := s.function(n.Name)
	if err != nil {
		return nil, err
	}
	nd.Name = n.Name.Value
	k++
	if !n.Grad {
		if len(n.Primes) != 1 {
			return nil, errAt(s.all[k].Pos, "numdiff compares a first derivative, as in numdiff %s'(2)", n.Name.Value)
		}
		if len(f.Params) != 1 {
			return nil, notDefined(n.Name.Pos, n.Name.Value, "'", f)
		}
		k++
	}
	if n.Point == nil || n.Grad && len(n.Primes) > 0 {
		return nil, errAt(s.all[k].Pos, "numdiff needs the point in brackets, as in numdiff %s'(2)", n.Name.Value)
	}
	open := n.Point.Tokens[0]
	if len(n.Point.Args) == 0 {
		return nil, errAt(n.Point.Tokens[1].Pos, "expected an expression")
	}
	for _, x := range n.Point.Args {
		v, _, err := s.expr(&x, s.scope([]string{}))
		if err != nil {
			return nil, err
		}
		nd.At0 = append(nd.At0, v)
	}
	if len(nd.At0) != len(f.Params) {
		return nil, errAt(open.Pos, "%s takes %d values, not %d", n.Name.Value, len(f.Params), len(nd.At0))
	}
	if s.trailing() {
		return nil, errAt(s.rest().Pos, "unexpected %s after numdiff", s.describe(s.rest()))
	}
	return nd, nil
}
