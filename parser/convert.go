package parser

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/fprime/fprime/symbolic"
)

// Env says what the names in an expression mean. A nil or zero Env knows
// the built-in functions and the constants pi and e, and takes every other
// name for a variable.
type Env struct {
	// Functions are the user's functions; a call uses the body, so
	// derivatives go through it by the chain rule.
	Functions map[string]Function
	// Constants are the user's named constants. They stay symbols in an
	// expression, bound only when it is evaluated. A constant named e
	// replaces Euler's number.
	Constants map[string]bool
	// Vars, when not nil, are the only names that may stand free (a
	// definition's parameters); any other unknown name is an error.
	Vars []string
	// Values are the constants' values, where known: a call of a function
	// at numbers is checked there (f(a) where f is undefined at a).
	Values map[string]symbolic.Expr
	// defining is the function a definition defines, for its error when the
	// body calls it before it has a definition.
	defining string
}

// Function is a user-defined function.
type Function struct {
	Params []string
	Body   symbolic.Expr
}

type nameKind int

const (
	unknownName nameKind = iota
	variableName
	constantName
	builtinName
	functionName
)

func (env *Env) kind(id string) nameKind {
	switch {
	case env == nil:
		if _, ok := symbolic.LookupBuiltin(id); ok {
			return builtinName
		}
		if id == "pi" || id == "e" {
			return constantName
		}
		return variableName
	case slices.Contains(env.Vars, id):
		return variableName
	case env.Constants[id] || id == "pi" || id == "e":
		return constantName
	}
	if _, ok := symbolic.LookupBuiltin(id); ok {
		return builtinName
	}
	if _, ok := env.Functions[id]; ok {
		return functionName
	}
	if env.Vars == nil {
		return variableName
	}
	return unknownName
}

// restricted reports whether only Vars may stand free.
func (env *Env) restricted() bool { return env != nil && env.Vars != nil }

// symbol is the expression for a variable or constant name.
func (env *Env) symbol(id string) symbolic.Expr {
	if env.kind(id) == constantName && (env == nil || !env.Constants[id]) {
		if id == "pi" {
			return symbolic.Pi
		}
		return symbolic.E
	}
	return symbolic.Sym(id)
}

// piece is a converted expression with its reading: the input with
// implicit products and paren-less calls written out (1/2x is (1/2)·x).
type piece struct {
	e    symbolic.Expr
	text string
}

// part is a converted part of the input with its reading as text.
type part struct {
	e symbolic.Expr
	t text
}

// text is a reading under construction: a string, a run of tokens, or a
// node that writes itself. Joining copies nothing, so the reading of long
// or deeply nested input is built in linear time; it is written out once,
// and only when it is shown.
type text struct {
	s    string
	node interface{ writeTo(w *reading) } // nil for the string s or the tokens
	// from and to, when to > from, are tokens the reading writes as they
	// were typed, but in ASCII: 2^-x, x^2 for x², pi for π. A power of
	// numbers and names is read so, without building its text.
	from, to int32
}

// reading is a reading being written out, with the tokens its texts index.
type reading struct {
	strings.Builder
	toks []lexer.Token
}

// concat is text written one part after another.
type concat []text

func lit(s string) text              { return text{s: s} }
func cat(parts ...text) text         { return text{node: concat(parts)} }
func tokensText(from, to int32) text { return text{from: from, to: to} }

func (t text) parenthesised() text { return cat(lit("("), t, lit(")")) }

// str writes t out.
func (c *converter) str(t text) string {
	w := reading{toks: c.toks}
	t.writeTo(&w)
	return w.String()
}

func (t text) writeTo(w *reading) {
	switch {
	case t.node != nil:
		t.node.writeTo(w)
	case t.to > t.from:
		for _, tok := range w.toks[t.from:t.to] {
			if tok.Type == tokSuper {
				w.WriteByte('^')
			}
			w.WriteString(tok.Value) // the ASCII of × and −, as of ² after ^
		}
	default:
		w.WriteString(t.s)
	}
}

func (c concat) writeTo(w *reading) {
	for _, t := range c {
		t.writeTo(w)
	}
}

type converter struct {
	ctx context.Context
	env *Env
	src string // the input, which the tokens' offsets index
	// surprising is set when the reading could differ from what the
	// person meant, so the REPL should echo it.
	surprising bool
	// toks is every token of the input; the Tokens of each production
	// are a part of it, which index finds.
	toks   []lexer.Token
	syms   map[string]symbolic.Expr
	recent [16]struct { // whole numbers read lately, for number
		n uint64
		e symbolic.Expr
	}
	lastName string // and its kind, for kind
	lastKind nameKind
	// numberBits adds up the sizes of the input's numbers: products of
	// numbers are worked out exactly, so 1e100000*1e100000*… would
	// otherwise grow past any bound.
	numberBits int
}

func errAt(pos lexer.Position, format string, args ...any) *Error {
	return errorAt(pos.Line, pos.Column, format, args...)
}

// expression converts a parsed input, or an expression of a statement.
func (c *converter) expression(x *expression) (piece, error) {
	c.toks = x.Tokens
	for _, t := range c.toks {
		// The grammar matches operators by their value: a quoted "-" is no
		// minus, and a quoted name belongs only to save, load and plot's file.
		if t.Type == tokString {
			return piece{}, errAt(t.Pos, "unexpected %s", describe(c.src, t))
		}
	}
	p, err := c.expr(x)
	if err != nil {
		return piece{}, err
	}
	// A part without names and without a value, wherever it stands, as
	// (-1)^(1/2) in x + (-1)^(1/2).
	if err := c.checkNumber(c.toks[0].Pos, p.e); err != nil {
		return piece{}, err
	}
	if !c.surprising {
		return piece{e: p.e}, nil
	}
	return piece{e: p.e, text: c.str(p.t)}, nil
}

// kind is c.env.kind(id), remembered for the last name asked about: a
// long input names one variable many times.
func (c *converter) kind(id string) nameKind {
	if id != c.lastName || c.lastName == "" {
		c.lastName, c.lastKind = id, c.env.kind(id)
	}
	return c.lastKind
}

func (c *converter) pos(i int32) lexer.Position { return c.toks[i].Pos }

// index is the place in c.toks of a production's tokens. Participle gives
// each production a part of the one token list that c.toks holds whole, so
// the distance between two starts is the difference of the capacities.
func (c *converter) index(toks []lexer.Token) int32 { return int32(cap(c.toks) - cap(toks)) }

// span is the tokens of x.
func (c *converter) span(x *expression) (start, end int32) {
	start = c.index(x.Tokens)
	return start, start + int32(len(x.Tokens))
}

// typed is the tokens from i up to j as the person typed them, without
// the spaces: 2^2, x².
func (c *converter) typed(i, j int32) string { return typed(c.src, c.toks[i:j]) }

// typed is toks, tokens of src, as typed, without the spaces.
func typed(src string, toks []lexer.Token) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(spelling(src, t))
	}
	return b.String()
}

// item is an operand, or one side of an operand x(x + 1) that multiplies:
// the name x or the bracket (x + 1), with the indices of its tokens.
type item struct {
	o          *operandParts
	side       uint8
	op         byte  // the operator before it: + - * / ^ or 0 for juxtaposition
	atom       int32 // the number or name, or the "(" of a parenthesised expression
	start, end int32
	super      int32 // its superscript, or -1
}

// item is the item of o, or of one of its sides.
func (c *converter) item(o *operandParts, op byte, side uint8) item {
	it := item{o: o, side: side, op: op, atom: c.index(o.atom()), start: c.index(o.Tokens), super: -1}
	it.end = it.start + int32(len(o.Tokens))
	if len(o.super()) > 0 && side != nameSide {
		it.super = c.index(o.super())
	}
	switch side {
	case nameSide:
		it.end = it.atom + 1
	case bracketSide:
		it.start = it.atom + 1
	}
	return it
}

// operand is x's k-th operand, with the operator before it: the token
// before it, when that is one of + - * / ^ (no operand ends in one).
func (c *converter) operand(x *expression, k int) (*operandParts, byte) {
	o := partsOf(x.Operands[k])
	if k == 0 {
		return o, 0
	}
	t := c.toks[c.index(o.Tokens)-1]
	if isPunct(t.Type) && len(t.Value) == 1 && isBinary(t.Value[0]) {
		return o, t.Value[0]
	}
	return o, 0
}

func isBinary(c byte) bool {
	return c == '+' || c == '-' || c == '*' || c == '/' || c == '^'
}

// operandParts is an operand, with methods that read its parts. The
// methods are not operand's because participle asks of each struct it
// appends to a slice whether it implements its Capture interface, which
// reflect answers by going through the struct's methods by name: a
// long sum has tens of thousands of operands, and an operand without
// methods is answered at once.
type operandParts operand

func partsOf(o *operand) *operandParts { return (*operandParts)(o) }

// minus, roots, super, atom, the number or name, primes and call are
// the parts of an operand that the grammar matches without capturing
// them, read from its tokens: participle spends allocations on each
// capture, and most operands have none of these.

// signs is o's leading plus and minus signs: only a prefixed operand has
// signs.
func (o *operandParts) signs() []lexer.Token {
	if o.Prefixed == nil {
		return nil
	}
	n := 0
	for n < len(o.Tokens) && isPunct(o.Tokens[n].Type) && (o.Tokens[n].Value == "-" || o.Tokens[n].Value == "+") {
		n++
	}
	return o.Tokens[:n]
}

// minus is the number of minus signs among o's signs.
func (o *operandParts) minus() int {
	n := 0
	for _, t := range o.signs() {
		if t.Value == "-" {
			n++
		}
	}
	return n
}

// roots is o's √ signs, after its minus signs.
func (o *operandParts) roots() []lexer.Token {
	if o.Prefixed == nil {
		return nil
	}
	return leading(o.Tokens[len(o.signs()):], "√")
}

// super is o's superscript, or nothing: no atom ends in one.
func (o *operandParts) super() []lexer.Token {
	if last := len(o.Tokens) - 1; o.Tokens[last].Type == tokSuper {
		return o.Tokens[last:]
	}
	return nil
}

// atom is the tokens of o's atom and superscript, after its prefix: it
// begins with the number or name, or the "(" or "|" that opens brackets
// or bars.
func (o *operandParts) atom() []lexer.Token {
	if o.Prefixed == nil {
		return o.Tokens
	}
	return o.Tokens[len(o.signs())+len(o.roots()):]
}

// pos is where o's atom begins.
func (o *operandParts) pos() lexer.Position { return o.atom()[0].Pos }

// name is o's name, or "" when o is no name.
func (o *operandParts) name() string {
	if t := o.atom()[0]; t.Type == tokIdent {
		return t.Value
	}
	return ""
}

// number is o's number, or "" when o is no number.
func (o *operandParts) number() string {
	if t := o.atom()[0]; t.Type == tokNumber {
		return t.Value
	}
	return ""
}

// primes is the primes after o's name: f'(x).
func (o *operandParts) primes() []lexer.Token {
	if o.name() == "" {
		return nil
	}
	return leading(o.atom()[1:], "'")
}

// leading is the run of the operator p at the start of toks.
func leading(toks []lexer.Token, p string) []lexer.Token {
	n := 0
	for n < len(toks) && isPunct(toks[n].Type) && toks[n].Value == p {
		n++
	}
	return toks[:n]
}

// call reports whether o is a name with an argument list, maybe empty:
// its name and primes are followed by "(".
func (o *operandParts) call() bool {
	if o.name() == "" {
		return false
	}
	a := o.atom()
	i := 1 + len(o.primes())
	return i < len(a) && a[i].Type == tokPunct && a[i].Value == "("
}

// args is o's argument list.
func (o *operandParts) args() []expression {
	if o.Prefixed != nil {
		return o.Prefixed.Args
	}
	return o.Args
}

// paren is the expression in o's brackets, if o is one in brackets.
func (o *operandParts) paren() *expression {
	if o.Prefixed != nil {
		return o.Prefixed.Paren
	}
	return o.Paren
}

// abs is the expression in o's bars, if o is an absolute value.
func (o *operandParts) abs() *barred {
	if o.Prefixed != nil {
		return o.Prefixed.Abs
	}
	return o.Abs
}

const (
	whole uint8 = iota
	nameSide
	bracketSide
)

func (it item) minus() int32 {
	if it.side == bracketSide {
		return 0
	}
	return int32(it.o.minus())
}

func (it item) signs() int32 {
	if it.side == bracketSide {
		return 0
	}
	return int32(len(it.o.signs()))
}

func (it item) roots() int32 {
	if it.side == bracketSide {
		return 0
	}
	return int32(len(it.o.roots()))
}

// unit is an operand with its powers bound: the level at which a built-in
// function written without parentheses takes its argument (sin 2x).
type unit struct {
	part
	op         byte  // the operator before it: + - * / or 0 for juxtaposition
	start, end int32 // its tokens
	fn         *pendingFunc
	neg        bool // a leading minus, applied to the whole term when it starts one
	simple     bool // a number or a variable, maybe to a power: can be an argument of sin x
	number     bool // begins with a number
	// endsInNumber: 2 3 and x^2 3 are mistakes, but 2^x 3^x is fine.
	endsInNumber bool
	named        bool // a variable, maybe to a power: x y is surprising
	powered      bool // has a power: sin x^2 is surprising
	paren        bool // a lone parenthesised expression: the argument of sin²(x)
	bareCall     bool // sin x: then sin x/2 is surprising
	applied      bool // a function applied without parentheses: the argument of ln in ln ln x
}

// pendingFunc is a built-in function name written without parentheses,
// maybe raised to a power as in sin^2 x or sin² x.
type pendingFunc struct {
	fn   *symbolic.Builtin
	name string
	pow  *part
}

func (c *converter) expr(x *expression) (part, error) {
	// The items are the operands, or both sides of those that split.
	items := make([]item, 0, len(x.Operands))
	for i := range x.Operands {
		o, op := c.operand(x, i)
		split, err := c.splits(o)
		if err != nil {
			return part{}, err
		}
		if split {
			items = append(items, c.item(o, op, nameSide), c.item(o, 0, bracketSide))
		} else {
			items = append(items, c.item(o, op, whole))
		}
	}
	chains := 0
	for _, it := range items {
		if level(it.op) != symbolic.PrecPower {
			chains++
		}
	}
	units := make([]unit, 0, chains)
	for i := 0; i < len(items); {
		j := i + 1
		for j < len(items) && level(items[j].op) == symbolic.PrecPower {
			j++
		}
		units = append(units, unit{})
		u := &units[len(units)-1] // filled in place: a unit is large
		if err := c.powerChain(items[i:j], u); err != nil {
			return part{}, err
		}
		u.op = items[i].op
		i = j
	}
	if err := c.missingOperator(units); err != nil {
		return part{}, err
	}
	units, err := c.applyWithoutParens(units)
	if err != nil {
		return part{}, err
	}
	return c.sum(units)
}

// missingOperator finds two numbers side by side: 2 3 and x^2 3 are
// mistakes, but 2^x 3^x is fine.
func (c *converter) missingOperator(units []unit) error {
	for i := 1; i < len(units); i++ {
		if units[i].op == 0 && units[i].number && units[i-1].endsInNumber {
			return errAt(c.pos(units[i].start), "missing operator between %s and %s",
				c.typed(units[i-1].start, units[i-1].end), c.typed(units[i].start, units[i].end))
		}
	}
	return nil
}

// splits reports whether x(x + 1) is a product: when x is a constant or a
// parameter, or a free one-letter name and the bracket holds a variable.
// So x(x + 1) multiplies, but f(2) and foo(x) call unknown functions (and
// fprime prints x*(ln(2) + 1)). Side by side, powers bind as they look:
// x^x(ln(x) + 1) is x^x·(ln(x) + 1) and x(x + 1)^2 is x·(x + 1)^2.
func (c *converter) splits(o *operandParts) (bool, error) {
	if !o.call() || len(o.primes()) > 0 {
		return false, nil
	}
	id := o.name()
	what := "constant"
	switch c.kind(id) {
	case constantName:
	case variableName:
		if id == "diff" || !c.env.restricted() && utf8.RuneCountInString(id) != 1 {
			return false, nil
		}
		what = "variable"
	default:
		return false, nil
	}
	args := o.args()
	if len(args) != 1 {
		return false, errAt(o.pos(), "%s is a %s, not a function, so it takes no arguments", id, what)
	}
	if what == "variable" && !c.env.restricted() && !c.holdsVariable(&args[0]) {
		return false, nil
	}
	c.surprising = true
	return true, nil
}

// holdsVariable reports whether x names a variable.
func (c *converter) holdsVariable(x *expression) bool {
	start, end := c.span(x)
	for i := start; i < end; i++ {
		t := c.toks[i]
		if t.Type == tokIdent && c.kind(t.Value) == variableName && !(i+1 < end && c.toks[i+1].Value == "(") {
			return true
		}
	}
	return false
}

// powerChain folds a^b^c from the right and applies each operand's prefix
// minus and √ to the power it begins, so -x^2 is -(x^2) and 2^-x^2 is
// 2^(-(x^2)). It fills u, which is zero.
func (c *converter) powerChain(chain []item, u *unit) error {
	first, last := chain[0], chain[len(chain)-1]
	o := first.o
	if first.side == whole && !o.call() && len(o.primes()) == 0 && o.name() != "" && c.kind(o.name()) == builtinName {
		return c.pendingFunction(chain, u)
	}
	u.start, u.end = first.start, last.end
	var buf [2]part
	bases := buf[:]
	if len(chain) > len(buf) {
		bases = make([]part, len(chain))
	}
	bases = bases[:len(chain)]
	asTyped := true // numbers and names only: the reading is the tokens
	for k, it := range chain {
		if err := c.base(it, &bases[k]); err != nil {
			return err
		}
		asTyped = asTyped && it.plain()
	}
	r := bases[len(chain)-1].e
	for k := len(chain) - 2; k >= 0; k-- {
		r = symbolic.Pow(bases[k].e, prefix(chain[k+1], r))
	}
	t := bases[0].t
	switch {
	case asTyped:
		t = tokensText(first.atom, last.end)
	case len(chain) > 1:
		t = chainText(chain, bases)
	}
	// The first operand's minus is left to the term, so that
	// -(a + 1)(a + 2) is -((a + 1)(a + 2)), as it prints.
	u.e, u.t = r, t
	if first.roots() > 0 {
		u.part = c.roots(first, u.part)
	}
	u.neg = first.minus()%2 == 1
	plain := first.signs() == 0 && first.roots() == 0
	u.named = plain && o.name() != "" && (first.side == nameSide || first.side == whole && !o.call())
	u.number = plain && first.side == whole && o.number() != ""
	u.endsInNumber = last.side == whole && last.o.number() != "" && last.super < 0
	// |x| stands where a variable may: sin |x| is sin(abs(x)).
	bars := plain && first.side == whole && o.abs() != nil
	u.simple = u.named || u.number || bars
	u.powered = len(chain) > 1 || first.super >= 0
	u.paren = len(chain) == 1 && plain && first.super < 0 && (first.side == bracketSide || first.side == whole && o.paren() != nil)
	return nil
}

// chainText is the reading of a power chain: its bases with the prefixes
// of the exponents, joined by ^.
func chainText(chain []item, bases []part) text {
	parts := make([]text, 0, 2*len(chain)-1)
	for k, b := range bases {
		if k > 0 {
			parts = append(parts, lit("^"), prefixText(chain[k], b.t))
		} else {
			parts = append(parts, b.t)
		}
	}
	return cat(parts...)
}

// prefix applies an operand's √ and minus signs to r.
func prefix(it item, r symbolic.Expr) symbolic.Expr {
	for range it.roots() {
		r = symbolic.Pow(r, half)
	}
	if it.minus()%2 == 1 {
		r = symbolic.Neg(r)
	}
	return r
}

func prefixText(it item, t text) text {
	if it.minus() == 0 && it.roots() == 0 {
		return t
	}
	return cat(lit(strings.Repeat("-", int(it.minus()))+strings.Repeat("√", int(it.roots()))), t)
}

// roots applies the first operand's √ to the whole power: √x^2 is
// sqrt(x^2).
func (c *converter) roots(it item, p part) part {
	if it.roots() == 0 {
		return p
	}
	for range it.roots() {
		p.e = symbolic.Pow(p.e, half)
	}
	p.t = cat(lit(strings.Repeat("√", int(it.roots()))), p.t)
	return p
}

var (
	half     = symbolic.Frac(1, 2)
	minusOne = symbolic.Int(-1)
)

// pendingFunction is a built-in function name written without
// parentheses, maybe raised to a power as in sin^2 x or sin² x.
func (c *converter) pendingFunction(chain []item, into *unit) error {
	first := chain[0]
	o := first.o
	name := o.name()
	at := o.pos()
	b, _ := symbolic.LookupBuiltin(name)
	if len(o.roots()) > 0 {
		return errAt(at, "%s needs an argument in parentheses here: write √%s(x)", name, name)
	}
	u := unit{start: first.start, end: chain[len(chain)-1].end, fn: &pendingFunc{fn: b, name: name}, neg: first.minus()%2 == 1}
	var exp part
	var shown string // the function and its power as typed: sin² or sin^2
	switch {
	case first.super >= 0 && len(chain) == 1:
		sup := c.toks[first.super]
		exp = part{superNumber(sup.Value), lit(sup.Value)}
		shown = name + spelling(c.src, sup)
	case first.super < 0 && len(chain) == 2:
		var p part
		if err := c.base(chain[1], &p); err != nil {
			return err
		}
		exp = part{prefix(chain[1], p.e), prefixText(chain[1], p.t)}
		shown = name + "^" + c.typed(chain[1].start, chain[1].end)
	case first.super < 0 && len(chain) == 1:
		*into = u
		return nil
	default:
		// In a chain of powers (e^sin x, sin^2^3 x) a bare argument would
		// belong to the whole chain: the function's own needs brackets.
		return errAt(at, "%s needs its argument in brackets here: write %s(x)", name, name)
	}
	if v, ok := exp.e.(*symbolic.Num); !ok || v.Rat().Sign() < 0 {
		power := c.str(exp.t)
		if inverse, found := symbolic.LookupBuiltin("a" + name); found && ok && v.Rat().Cmp(big.NewRat(-1, 1)) == 0 {
			return errAt(at, "%s is ambiguous: write %s(x) for the inverse function, or %s(x)^-1 for 1/%s(x)", shown, inverse.Name, name, name)
		}
		return errAt(at, "%s is ambiguous: write the power after the argument, as %s(x)^%s", shown, name, power)
	}
	u.fn.pow = &exp
	*into = u
	return nil
}

// superNumber is the value of a superscript, which the lexer has checked
// is a whole number of at most maxSuperDigits digits.
func superNumber(s string) symbolic.Expr {
	n, _ := strconv.ParseInt(strings.TrimPrefix(s, "+"), 10, 64)
	return symbolic.Int(n)
}

// applyWithoutParens gives each pending function name its argument: the
// product of the numbers and variables that follow it, so sin 2x y is
// sin(2xy) and sin x cos x is sin(x)·cos(x); or, after a power, the
// bracket that follows, so sin²(x) is sin(x)^2.
func (c *converter) applyWithoutParens(units []unit) ([]unit, error) {
	pending := false
	for i := range units {
		if units[i].fn != nil {
			pending = true
			break
		}
	}
	if !pending {
		return units, nil
	}
	// From the right, so that ln ln x is ln(ln(x)) and sin cos x is
	// sin(cos(x)), as books read them.
	units = slices.Clone(units)
	for i := len(units) - 1; i >= 0; i-- {
		u := units[i]
		if u.fn == nil {
			continue
		}
		name := u.fn.name
		j := i + 1
		bracket := u.fn.pow != nil && j < len(units) && units[j].op == 0 && units[j].paren
		nested := !bracket && j < len(units) && units[j].op == 0 && units[j].applied
		if nested {
			c.surprising = true // ln ln x: say how it was read
		}
		switch {
		case bracket, nested:
			j++
		default:
			for j < len(units) && units[j].op == 0 && units[j].simple {
				j++
			}
		}
		args := units[i+1 : j]
		if len(args) == 0 {
			if u.fn.pow != nil && j < len(units) && units[j].op == 0 && c.startsWithParen(units[j]) {
				return nil, errAt(c.pos(u.start), "%s is ambiguous: with a power on both sides of the argument, write parentheses, as (%s(x)^%s)^n",
					c.typed(u.start, units[j].end), name, c.str(u.fn.pow.t))
			}
			return nil, errAt(c.pos(u.start), "%s needs an argument: write %s(x) or %s x", name, name, name)
		}
		factors := make([]symbolic.Expr, len(args))
		texts := make([]text, 0, 2*len(args)+2)
		texts = append(texts, lit(name), lit("("))
		for k, a := range args {
			factors[k] = a.e
			if k > 0 {
				texts = append(texts, lit("·"))
			}
			if a.paren {
				texts = append(texts, unwrap(a.t))
			} else {
				texts = append(texts, a.t)
			}
			if a.powered {
				c.surprising = true
			}
		}
		if len(args) > 1 {
			c.surprising = true
		}
		arg := factors[0]
		if len(factors) > 1 {
			arg = symbolic.Mul(factors...)
		}
		e, err := u.fn.fn.Apply(arg)
		if err != nil {
			return nil, errAt(c.pos(u.start), "%v", err)
		}
		if err := c.checkNumber(c.pos(u.start), e); err != nil {
			return nil, err // ln A 0 is ln(0), as ln(A·0) is
		}
		texts = append(texts, lit(")"))
		if u.fn.pow != nil {
			e = symbolic.Pow(e, u.fn.pow.e)
			texts = append(texts, lit("^"), u.fn.pow.t)
		}
		applied := unit{part: part{e, cat(texts...)}, op: u.op, start: u.start, end: args[len(args)-1].end, neg: u.neg, bareCall: !bracket, applied: true}
		units = slices.Replace(units, i, j, applied)
	}
	return units, nil
}

// startsWithParen reports whether u is a bracket with a power: the (x)^3 of
// sin²(x)^3.
func (c *converter) startsWithParen(u unit) bool {
	return c.toks[u.start].Value == "(" && isPunct(c.toks[u.start].Type)
}

// unwrap drops the parentheses of a parenthesised reading: sin²(x) reads
// sin(x)^2, not sin((x))^2.
func unwrap(t text) text {
	if c, ok := t.node.(concat); ok && len(c) == 3 && c[0].s == "(" && c[2].s == ")" {
		return c[1]
	}
	return t
}

// sum applies the product and sum levels of the precedence table, building
// each sum and product in one step so a 10,000-term sum costs one sort.
// level is the precedence of the operator op in symbolic's table, which
// the printers read too; juxtaposition (0) binds like *.
func level(op byte) symbolic.Prec { return levels[op] }

// levels is level for each byte, read once from symbolic's table.
var levels = func() (t [256]symbolic.Prec) {
	for op := range t {
		t[op] = symbolic.PrecProduct
		if o, ok := symbolic.BinaryOperator(string(rune(op))); ok {
			t[op] = o.Prec
		}
	}
	return t
}()

func (c *converter) sum(units []unit) (part, error) {
	if len(units) == 1 && !units[0].neg {
		return units[0].part, nil
	}
	n := 1
	for i := 1; i < len(units); i++ {
		if level(units[i].op) == symbolic.PrecSum {
			n++
		}
	}
	terms := make([]symbolic.Expr, 0, n)
	factors := make([]symbolic.Expr, 0, min(len(units), 8))
	divided, negative := false, false
	termStart := int32(0) // the first token of the term
	flush := func() {
		terms = append(terms, product(factors, negative))
		factors = factors[:0]
		divided = false
	}
	for i := range units {
		u := &units[i]
		if i == 0 || level(u.op) == symbolic.PrecSum {
			if i > 0 {
				flush()
			}
			negative = (u.op == '-') != u.neg
			factors = append(factors, u.e)
			termStart = u.start
			continue
		}
		if units[i-1].bareCall && (u.op == '*' || u.op == '/') {
			c.surprising = true // sin x/2 is sin(x)/2, though sin(x/2) may be meant
		}
		e := u.e
		if u.neg {
			e = symbolic.Neg(e)
		}
		if u.op == '/' {
			if n, ok := e.(*symbolic.Num); ok && n.Rat().Sign() == 0 {
				return part{}, errAt(c.pos(u.start-1), "%s is undefined (division by zero)", c.typed(termStart, u.end))
			}
			factors = append(factors, symbolic.Pow(e, minusOne))
			divided = true
			continue
		}
		if u.op == 0 && (divided || units[i-1].named && u.named) {
			c.surprising = true // 1/2x is (1/2)·x; x y is x·y, not the name xy
		}
		factors = append(factors, e)
		divided = false
	}
	flush()
	t := text{node: sumText(units)}
	if len(terms) == 1 {
		return part{terms[0], t}, nil
	}
	terms = gather(terms, func(x symbolic.Expr, n int) symbolic.Expr { return symbolic.Mul(symbolic.Int(int64(n)), x) })
	return part{symbolic.Add(terms...), t}, nil
}

// sumText is the reading of a sum: its terms with " + " and " - ", the
// factors of a term with "·" and "/", and what a division is followed by
// in parentheses, as sum reads it: 1/2x is (1/2)·x.
type sumText []unit

func (us sumText) writeTo(b *reading) {
	for i := 0; i < len(us); {
		j := i + 1
		for j < len(us) && us[j].op != '+' && us[j].op != '-' {
			j++
		}
		switch {
		case i == 0:
		case us[i].op == '+':
			b.WriteString(" + ")
		default:
			b.WriteString(" - ")
		}
		// Each factor after a division closes a parenthesis, opened at
		// the start of the term: 1/2x/3y is ((1/2)·x/3)·y.
		divided := false
		for _, u := range us[i+1 : j] {
			if u.op == '/' {
				divided = true
			} else if divided {
				b.WriteByte('(')
				divided = false
			}
		}
		divided = false // a term that ends in a division opened nothing
		for k, u := range us[i:j] {
			switch {
			case k == 0:
			case u.op == '/':
				b.WriteByte('/')
				divided = true
			default:
				if divided {
					b.WriteByte(')')
					divided = false
				}
				b.WriteString("·")
			}
			if u.neg {
				b.WriteByte('-')
			}
			u.t.writeTo(b)
		}
		i = j
	}
}

// gather replaces the repeats of a variable among many terms or factors by
// one multiple or power: x + x + x is 3x and x x x is x^3 before symbolic
// sees them. Add and Mul would make the same of them, at a cost per term:
// a line x x x ... may have 65,536 factors. Each name is one symbol
// (converter.symbol), so repeats are equal pointers.
func gather(es []symbolic.Expr, combine func(x symbolic.Expr, n int) symbolic.Expr) []symbolic.Expr {
	if len(es) < 16 {
		return es
	}
	count := map[symbolic.Expr]int{}
	repeats := false
	for _, e := range es {
		if _, ok := e.(*symbolic.Symbol); ok {
			count[e]++
			repeats = repeats || count[e] > 1
		}
	}
	if !repeats {
		return es
	}
	out := es[:0]
	for _, e := range es {
		n, ok := count[e]
		switch {
		case !ok || n == 1:
			out = append(out, e)
		case n > 1:
			out = append(out, combine(e, n))
			count[e] = 0 // written: drop its repeats
		}
	}
	return out
}

// product multiplies factors, negated when negative, folding the sign into
// a leading number: -3x^4 costs one multiplication.
func product(factors []symbolic.Expr, negative bool) symbolic.Expr {
	factors = gather(factors, func(x symbolic.Expr, n int) symbolic.Expr { return symbolic.Pow(x, symbolic.Int(int64(n))) })
	if negative {
		if _, ok := factors[0].(*symbolic.Num); ok {
			factors[0] = symbolic.Neg(factors[0])
		} else if len(factors) == 1 {
			return symbolic.Neg(factors[0])
		} else {
			return symbolic.Mul(append([]symbolic.Expr{minusOne}, factors...)...)
		}
	}
	if len(factors) == 1 {
		return factors[0]
	}
	return symbolic.Mul(factors...)
}

// base converts an item's atom with its superscript, but not its prefix
// minus or √, which apply to a whole power.
func (c *converter) base(it item, p *part) error {
	var err error
	o := it.o
	switch {
	case it.side == nameSide:
		id := o.name()
		*p = part{c.symbol(id), lit(id)}
	case it.side == bracketSide:
		err = c.bracketed(&o.args()[0], p)
	case o.number() != "":
		p.e, err = c.numberAt(it.atom) // its text is its token, below
	case o.paren() != nil:
		err = c.bracketed(o.paren(), p)
	case o.abs() != nil:
		err = c.absolute(o.abs(), p)
	default:
		*p, err = c.name(o)
	}
	if err != nil {
		return err
	}
	if s := it.super; s >= 0 {
		v := c.toks[s].Value
		p.e = symbolic.Pow(p.e, superNumber(v))
		if !it.plain() {
			p.t = cat(p.t, lit("^"+v))
		}
	}
	if it.plain() {
		p.t = tokensText(it.atom, it.end) // as typed: x^2 for x²
	}
	return nil
}

// bracketed converts what brackets hold, and reads it in parentheses.
// Brackets nest 1,000 deep, so base, which calls it, keeps a small frame.
func (c *converter) bracketed(x *expression, p *part) error {
	var err error
	*p, err = c.expr(x)
	p.t = p.t.parenthesised()
	return err
}

// absolute converts what bars hold, read as abs(…): |x - 3| is abs(x - 3).
func (c *converter) absolute(x *barred, p *part) error {
	var err error
	if *p, err = c.expr((*expression)(x)); err != nil {
		return err
	}
	p.e, err = absolute.Apply(p.e)
	p.t = cat(lit("abs("), p.t, lit(")"))
	return err
}

var absolute, _ = symbolic.LookupBuiltin("abs")

// numberAt converts the number token i, counting its size against
// MaxNumberBits.
func (c *converter) numberAt(i int32) (symbolic.Expr, error) {
	e, size, err := c.number(c.toks[i].Value)
	if err != nil {
		return nil, errAt(c.pos(i), "%v", err)
	}
	if c.numberBits += size; c.numberBits > MaxNumberBits {
		return nil, errAt(c.pos(i), "the numbers here are too large together: over %d digits in all", MaxDigits+MaxExponent)
	}
	return e, nil
}

// plain reports whether it is a number or a name, maybe with a
// superscript: its reading is its tokens.
func (it item) plain() bool {
	return it.side == nameSide || it.side == whole && !it.o.call() && it.o.paren() == nil && it.o.abs() == nil && len(it.o.primes()) == 0
}

// symbol is a variable or constant, made once per name.
func (c *converter) symbol(id string) symbolic.Expr {
	if e, ok := c.syms[id]; ok {
		return e
	}
	if c.syms == nil {
		c.syms = map[string]symbolic.Expr{}
	}
	e := c.env.symbol(id)
	c.syms[id] = e
	return e
}

// numberBits is the size of an exact number in bits: of its numerator or
// its denominator, whichever is longer. A product's numerator and
// denominator are at most the sums of its factors'.
func numberBits(e symbolic.Expr) int {
	n, ok := e.(*symbolic.Num)
	if !ok {
		return 0
	}
	r := n.Rat()
	return max(r.Num().BitLen(), r.Denom().BitLen())
}

// number is parseNumber, with the whole numbers read lately remembered:
// in a polynomial such as 2x^3 + 3x^4 the same numbers come back.
func (c *converter) number(s string) (symbolic.Expr, int, error) {
	n, ok := smallWhole(s)
	if !ok {
		return parseNumber(s)
	}
	r := &c.recent[n%uint64(len(c.recent))]
	if r.e == nil || r.n != n {
		r.n, r.e = n, symbolic.Int(int64(n))
	}
	return r.e, max(bits.Len64(n), 1), nil // the denominator 1 has 1 bit
}

// parseNumber reads a literal exactly: 0.1 is 1/10. The limits apply to the
// number, not to how it is written (see MaxExponent). It also gives the
// number's numberBits.
func parseNumber(s string) (symbolic.Expr, int, error) {
	if n, ok := smallWhole(s); ok {
		return symbolic.Int(int64(n)), max(bits.Len64(n), 1), nil // the denominator 1 has 1 bit
	}
	e, err := parseDecimal(s)
	if err != nil {
		return nil, 0, err
	}
	return e, numberBits(e), nil
}

// smallWhole reads a literal of at most 18 digits and nothing else.
func smallWhole(s string) (uint64, bool) {
	if len(s) > 18 {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = 10*n + uint64(s[i]-'0')
	}
	return n, len(s) > 0
}

func parseDecimal(s string) (symbolic.Expr, error) {
	mantissa, exponent, hasExp := strings.Cut(strings.ToLower(s), "e")
	k := 0
	if hasExp {
		var err error
		k, err = strconv.Atoi(exponent)
		if err != nil { // beyond int: 1e999999999999999999999
			if strings.HasPrefix(exponent, "-") {
				return nil, fmt.Errorf("number too small: the exponent of %s is beyond ±%d", shorten(s), MaxExponent)
			}
			return nil, fmt.Errorf("number too large: the exponent of %s is beyond ±%d", shorten(s), MaxExponent)
		}
	}
	whole, frac, _ := strings.Cut(mantissa, ".")
	digits := whole + frac
	k -= len(frac)
	digits = strings.TrimLeft(digits, "0")
	trimmed := strings.TrimRight(digits, "0")
	k += len(digits) - len(trimmed)
	digits = trimmed
	if digits == "" {
		return symbolic.Int(0), nil
	}
	if len(digits) > MaxDigits {
		return nil, fmt.Errorf("number too long: %d digits, and the limit is %d", len(digits), MaxDigits)
	}
	if k > MaxExponent || k < -MaxExponent {
		normal := shorten(digits) + "e" + strconv.Itoa(k)
		which := "large"
		if k < 0 {
			which = "small"
		}
		if normal == s {
			return nil, fmt.Errorf("number too %s: the exponent of %s is beyond ±%d", which, s, MaxExponent)
		}
		return nil, fmt.Errorf("number too %s: %s is %s, whose exponent is beyond ±%d", which, shorten(s), normal, MaxExponent)
	}
	m := decimal(digits, map[int]*big.Int{})
	r := new(big.Rat)
	switch {
	case k >= 0:
		r.SetInt(m.Mul(m, pow10(k, nil)))
	default:
		r.SetFrac(m, pow10(-k, nil))
	}
	return symbolic.NewRat(r), nil
}

// decimal converts digits to an integer, halving long runs so that 100,000
// digits take milliseconds (big.Int's own conversion is quadratic).
func decimal(d string, pows map[int]*big.Int) *big.Int {
	const leaf = 2000
	if len(d) <= leaf {
		z, _ := new(big.Int).SetString(d, 10)
		return z
	}
	low := len(d) / 2
	hi := decimal(d[:len(d)-low], pows)
	lo := decimal(d[len(d)-low:], pows)
	hi.Mul(hi, pow10(low, pows))
	return hi.Add(hi, lo)
}

// pow10 is 10^n, remembered in pows when it is not nil.
func pow10(n int, pows map[int]*big.Int) *big.Int {
	if p, ok := pows[n]; ok {
		return p
	}
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
	if pows != nil {
		pows[n] = p
	}
	return p
}

func (c *converter) name(o *operandParts) (part, error) {
	id := o.name()
	at := o.pos()
	primes := typed(c.src, o.primes())
	if id == "diff" && o.call() {
		return c.diff(o)
	}
	kind := c.kind(id)
	if !o.call() {
		switch {
		case kind == functionName && primes != "":
			f := c.env.Functions[id]
			if len(f.Params) != 1 {
				return part{}, notDefined(at, id, primes, f)
			}
			return part{}, errAt(at, "%s%s needs an argument: write %s%s(x)", id, primes, id, primes)
		case kind == functionName:
			return part{}, errAt(at, "%s is a function: write %s(x)", id, id)
		case kind == unknownName:
			if spaced, ok := c.asProduct(id); ok {
				return part{}, errAt(at, "unknown name %q: a run of letters is one name; for the product, write %s", id, spaced)
			}
			return part{}, errAt(at, "unknown name %q%s", id, c.didYouMean(id, false))
		case kind == builtinName:
			// Here no argument follows that it could take without
			// brackets: e^sin x reads sin alone as the exponent.
			return part{}, errAt(at, "%s%s needs its argument in brackets here: write %s%s(x)", id, primes, id, primes)
		case primes != "":
			return part{}, errAt(at, "%s is not a function, so %s%s means nothing", id, id, primes)
		}
		return part{c.symbol(id), lit(id)}, nil
	}
	if kind == functionName && primes != "" {
		if f := c.env.Functions[id]; len(f.Params) != 1 {
			return part{}, notDefined(at, id, primes, f)
		}
	}
	if (kind == variableName || kind == constantName) && primes != "" {
		return part{}, errAt(at, "%s is not a function, so %s%s means nothing", id, id, primes)
	}
	if kind != builtinName && kind != functionName {
		if c.env != nil && id == c.env.defining {
			return part{}, errAt(at, "%s calls itself, but has no earlier definition to use", id)
		}
		hint := c.didYouMean(id, true)
		if hint == "" && len(o.args()) == 1 && utf8.RuneCountInString(id) == 1 {
			start, end := c.span(&o.args()[0])
			hint = fmt.Sprintf(" (for a product, write %s*(%s))", id, c.typed(start, end))
		}
		return part{}, errAt(at, "unknown function %q%s", id, hint)
	}
	args := o.args()
	exprs := make([]symbolic.Expr, len(args))
	texts := make([]text, 0, 2*len(args)+2)
	texts = append(texts, lit(id+strings.Repeat("'", len(o.primes()))+"("))
	for i := range args {
		a, err := c.expr(&args[i])
		if err != nil {
			return part{}, err
		}
		exprs[i] = a.e
		if i > 0 {
			texts = append(texts, lit(", "))
		}
		texts = append(texts, a.t)
	}
	texts = append(texts, lit(")"))
	t := cat(texts...)
	if kind == builtinName {
		b, _ := symbolic.LookupBuiltin(id)
		if primes != "" {
			if len(exprs) != 1 {
				return part{}, errAt(at, "%s%s takes 1 argument, not %d", id, primes, len(exprs))
			}
			u, _ := b.Apply(symbolic.Sym("u"))
			return c.derivativeAt(at, id, len(o.primes()), Function{Params: []string{"u"}, Body: u}, exprs, t)
		}
		e, err := b.Apply(exprs...)
		if err != nil {
			return part{}, errAt(at, "%v", err)
		}
		if err := c.checkNumber(at, e); err != nil {
			return part{}, err
		}
		return part{e, t}, nil
	}
	f := c.env.Functions[id]
	if len(exprs) != len(f.Params) {
		return part{}, errAt(at, "%s takes %d argument%s, not %d", id, len(f.Params), plural(len(f.Params)), len(exprs))
	}
	if primes != "" {
		return c.derivativeAt(at, id, len(o.primes()), f, exprs, t)
	}
	if err := c.checkAt(at, id, f, exprs); err != nil {
		return part{}, err
	}
	e := substitute(f, exprs)
	if symbolic.Size(e) > MaxExprSize {
		return part{}, errAt(at, "%s(…) is too large written out: over %d nodes", id, MaxExprSize)
	}
	return part{e, t}, nil
}

// notDefined explains f' for a function that has not one variable.
func notDefined(at lexer.Position, id, primes string, f Function) error {
	n := len(f.Params)
	switch {
	case n == 0:
		return errAt(at, "%s has no variables, so %s%s is not defined", id, id, primes)
	case utf8.RuneCountInString(primes) == 1:
		return errAt(at, "%s has %d variables, so %s%s is not defined: use grad %s or diff(%s, %s)", id, n, id, primes, id, id, f.Params[0])
	case utf8.RuneCountInString(primes) == 2:
		return errAt(at, "%s has %d variables, so %s%s is not defined: use hessian %s or diff(%s, %s, 2)", id, n, id, primes, id, id, f.Params[0])
	}
	return errAt(at, "%s has %d variables, so %s%s is not defined: use diff(%s, %s, %d)", id, n, id, primes, id, f.Params[0], utf8.RuneCountInString(primes))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func substitute(f Function, args []symbolic.Expr) symbolic.Expr {
	vals := make(map[string]symbolic.Expr, len(args))
	for i, p := range f.Params {
		vals[p] = args[i]
	}
	return symbolic.Substitute(f.Body, vals)
}

// derivativeAt is f'(a): the derivative of f's body, then a substituted.
func (c *converter) derivativeAt(at lexer.Position, name string, order int, f Function, args []symbolic.Expr, t text) (part, error) {
	// A derivative has a value only where the function has one.
	if err := c.checkAt(at, name, f, args); err != nil {
		return part{}, errAt(at, "%s is undefined there, so %s%s is too: %s", name, name, strings.Repeat("'", order), err.(*Error).Msg)
	}
	d, err := symbolic.Diff(c.context(), f.Body, f.Params[0], order)
	if err != nil {
		return part{}, errAt(at, "%v", err)
	}
	df := Function{Params: f.Params, Body: d}
	if err := c.checkAt(at, name+strings.Repeat("'", order), df, args); err != nil {
		if v, ok := c.derivativeLimit(f, order, d, args); ok {
			return part{v, t}, nil
		}
		return part{}, err
	}
	return part{substitute(df, args), t}, nil
}

// derivativeLimit is the value at args of d, f's derivative of the given
// order, where only a condition kept by a rewrite fails there: f = x abs(x)
// has f'(0) = 0, though f' = 2abs(x) keeps the x/abs(x) of abs'
// (symbolic.DerivativeLimit says when that is sound). The value is d's
// body at the point, exactly.
func (c *converter) derivativeLimit(f Function, order int, d symbolic.Expr, args []symbolic.Expr) (symbolic.Expr, bool) {
	point, ok := c.point(args)
	if !ok || len(point) != 1 || order < 1 {
		return nil, false
	}
	x, body := f.Params[0], c.bound(f.Body, f.Params)
	// Each derivative up to d has its value at x directly, or by the
	// theorem from the one before it, which is then continuous at x with
	// its body's value: |x|^3 has g'(0) = 0 so, and then g''(0) = 0.
	prev := body
	for k := 1; k <= order; k++ {
		dk := c.bound(d, f.Params)
		if k < order {
			var err error
			if dk, err = symbolic.Diff(c.context(), body, x, k); err != nil {
				return nil, false
			}
		}
		if direct, err := symbolic.Compile(dk, x); err == nil {
			if _, err := direct.Eval(point[0]); err == nil {
				prev = dk
				continue
			}
		}
		if _, ok := symbolic.DerivativeLimit(prev, dk, x, point[0]); !ok {
			return nil, false
		}
		prev, _ = symbolic.Unguard(dk)
	}
	return substitute(Function{Params: f.Params, Body: prev}, args), true
}

// point is the value of args, once the session's constants are put in;
// ok is false when one of them is not a number or has no value.
func (c *converter) point(args []symbolic.Expr) ([]float64, bool) {
	point := make([]float64, len(args))
	for i, a := range args {
		a = c.bound(a, nil)
		if len(symbolic.Symbols(a)) > 0 {
			return nil, false
		}
		p, err := symbolic.Compile(a)
		if err != nil {
			return nil, false
		}
		if point[i], err = p.Eval(); err != nil {
			return nil, false
		}
	}
	return point, true
}

// bound puts the session's constants into e, except the names in params.
func (c *converter) bound(e symbolic.Expr, params []string) symbolic.Expr {
	if c.env == nil || len(c.env.Values) == 0 {
		return e
	}
	vals := maps.Clone(c.env.Values)
	for _, p := range params {
		delete(vals, p)
	}
	return symbolic.Substitute(e, vals)
}

// checkAt reports a call of f, named name, at numbers where f has no
// value, naming the part of f that has none and, where both sides
// approach one number, the limit there: sin(x)/x is undefined at x = 0
// (division by zero); the limit as x → 0 is 1. The limit is of the call,
// named where the part is not all of it: 1/abs(x) is undefined at x = 0;
// the limit of f‴(x) as x → 0 is 0. Arguments that are not numbers are
// left to evaluation.
func (c *converter) checkAt(at lexer.Position, name string, f Function, args []symbolic.Expr) error {
	point, ok := c.point(args)
	if !ok {
		return nil // an argument's own error is found where it is evaluated
	}
	body := c.bound(f.Body, f.Params)
	p, err := symbolic.Compile(body, f.Params...)
	if err != nil {
		return nil
	}
	_, err = p.Eval(point...)
	var ee *symbolic.EvalError
	// A value too large for a float64 is no undefined point: x^2 at 1e160
	// has a derivative, 2e160, and its own overflow is for evaluation to
	// report.
	if err != nil && (!errors.As(err, &ee) || symbolic.Overflowed(err)) {
		return nil
	}
	// The floats of the point may miss where the point itself does not,
	// either way.
	bound := make([]symbolic.Expr, len(args))
	for i, a := range args {
		bound[i] = c.bound(a, nil)
	}
	there := substitute(Function{Params: f.Params, Body: body}, bound)
	if err == nil {
		// (x - pi)/sin(x) at pi is 0/0, though sin(3.141592653589793)
		// is 1.2e-16; x/x at sqrt(6) - sqrt(2)sqrt(3) cannot be told.
		var xe *symbolic.EvalError
		uerr := symbolic.Undefined(there)
		if errors.Is(uerr, symbolic.ErrNearZero) {
			return errAt(at, "%v", uerr)
		}
		if !errors.As(uerr, &xe) {
			return nil
		}
		whole, _ := symbolic.Unguard(body)
		ee = &symbolic.EvalError{Expr: whole, Reason: xe.Reason}
	} else {
		// sqrt(sin(x)) at 2pi is sqrt(0), though sin(6.283185307179586) < 0.
		if exact, err := symbolic.Compile(there); err == nil {
			if _, err := exact.Eval(); err == nil {
				return nil
			}
		}
		// Or its floats cancel: 1/(cosh(x)^2 - sinh(x)^2) at 20 is 1;
		// sqrt(x) at sqrt(6) - sqrt(2)sqrt(3) cannot be told.
		_, perr := symbolic.EvalPrecise(there)
		switch {
		case perr == nil:
			return nil
		case errors.Is(perr, symbolic.ErrNearZero):
			return errAt(at, "%v", perr)
		}
	}
	where := make([]string, len(point))
	for i, v := range point {
		where[i] = f.Params[i] + " = " + strconv.FormatFloat(v, 'g', -1, 64)
	}
	msg := fmt.Sprintf("%v is undefined at %s (%s)", ee.Expr, strings.Join(where, ", "), ee.Reason)
	if len(point) == 1 {
		if v, ok := symbolic.Limit(c.context(), body, f.Params[0], point[0]); ok {
			of := ""
			if b, _ := symbolic.Unguard(body); !symbolic.Equal(ee.Expr, b) {
				of = " of " + name + "(" + f.Params[0] + ")"
			}
			msg += fmt.Sprintf("; the limit%s as %s → %s is %s", of, f.Params[0], strconv.FormatFloat(point[0], 'g', -1, 64), strconv.FormatFloat(roundLimit(v), 'g', -1, 64))
		}
	}
	return errAt(at, "%s", msg)
}

// checkNumber reports a built-in function applied to a number where it has
// no value: ln(0), asin(2).
func (c *converter) checkNumber(at lexer.Position, e symbolic.Expr) error {
	if c.env != nil && len(c.env.Values) > 0 {
		e = symbolic.Substitute(e, c.env.Values)
	}
	// ln(0·x) is ln(0) where x is defined, and log(0, x) divides by ln(0):
	// undefined wherever they are looked at.
	body, _ := symbolic.Unguard(e)
	if err := symbolic.Undefined(body); err != nil {
		return errAt(at, "%v", err)
	}
	return nil
}

// roundLimit drops the float noise of a limit worked out at a point: 1,
// not 0.9999999999999998.
func roundLimit(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	return r + 0 // -0 is 0
}

func (c *converter) context() context.Context {
	if c.ctx == nil {
		return context.Background()
	}
	return c.ctx
}

// diff is diff(EXPR, x) or diff(EXPR, x, n); EXPR may be the name of a
// function, whose body is used: diff(g, y) is g's partial derivative.
func (c *converter) diff(o *operandParts) (part, error) {
	list := o.args()
	at := o.pos()
	if len(list) < 2 || len(list) > 3 {
		return part{}, errAt(at, "diff takes 2 or 3 arguments, as in diff(x^2, x) or diff(x^3, x, 2), not %d", len(list))
	}
	var e part
	if id, ok := c.bareName(&list[0]); ok && c.kind(id) == functionName {
		e = part{c.env.Functions[id].Body, lit(id)}
	} else {
		var err error
		if e, err = c.expr(&list[0]); err != nil {
			return part{}, err
		}
	}
	x, ok := c.bareName(&list[1])
	if !ok || x == "pi" || c.kind(x) == builtinName || c.kind(x) == functionName {
		return part{}, errAt(list[1].Tokens[0].Pos, "diff needs a variable name here, as in diff(x^2, x)")
	}
	order := 1
	if len(list) == 3 {
		n := partsOf(list[2].Operands[0])
		k, err := strconv.Atoi(n.number())
		if len(list[2].Operands) > 1 || len(n.super()) > 0 || len(n.signs()) > 0 || len(n.roots()) > 0 || err != nil || k > 1000 {
			return part{}, errAt(n.Tokens[0].Pos, "the order of diff must be a whole number from 0 to 1000")
		}
		order = k
	}
	d, err := symbolic.Diff(c.context(), e.e, x, order)
	if err != nil {
		return part{}, errAt(at, "%v", err)
	}
	t := []text{lit("diff("), e.t, lit(", " + x)}
	if len(list) == 3 {
		t = append(t, lit(", "+strconv.Itoa(order)))
	}
	return part{d, cat(append(t, lit(")"))...)}, nil
}

// bareName reports whether x is a lone name, such as g in diff(g, y).
func (c *converter) bareName(x *expression) (string, bool) {
	if len(x.Operands) > 1 {
		return "", false
	}
	o := partsOf(x.Operands[0])
	if len(o.signs()) > 0 || len(o.roots()) > 0 || len(o.super()) > 0 || o.name() == "" {
		return "", false
	}
	return o.name(), !o.call() && len(o.primes()) == 0
}

// asProduct reports whether id is a run of known variables, as xy is when
// x and y are parameters, and writes them apart: x y.
func (c *converter) asProduct(id string) (string, bool) {
	if utf8.RuneCountInString(id) < 2 {
		return "", false
	}
	var names []string
	for _, r := range id {
		if c.kind(string(r)) != variableName {
			return "", false
		}
		names = append(names, string(r))
	}
	return strings.Join(names, " "), true
}

// didYouMean suggests the closest known name to a misspelt one.
func (c *converter) didYouMean(id string, function bool) string {
	var names []string
	if function || c.env == nil || c.env.Vars != nil {
		names = append(names, symbolic.BuiltinNames()...)
	}
	if c.env != nil {
		for n := range c.env.Functions {
			names = append(names, n)
		}
		if !function {
			names = append(names, c.env.Vars...)
			for n := range c.env.Constants {
				names = append(names, n)
			}
			names = append(names, "pi", "e")
		}
	}
	best, bestD := "", 3
	for _, n := range names {
		if d := editDistance(id, n); d < bestD || d == bestD && n < best {
			best, bestD = n, d
		}
	}
	if best == "" || bestD > len([]rune(id))/2 {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
