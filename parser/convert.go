package parser

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

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

// piece is a converted part of the input with its reading: the input with
// implicit products and paren-less calls written out (1/2x is (1/2)·x).
type piece struct {
	e    symbolic.Expr
	text string
}

type converter struct {
	ctx context.Context
	env *Env
	// surprising is set when the reading could differ from what the
	// person meant, so the REPL should echo it.
	surprising bool
}

func errAt(pos lexer.Position, format string, args ...any) *Error {
	return errorAt(pos.Line, pos.Column, format, args...)
}

// unit is an operand with its powers bound: the level at which a built-in
// function written without parentheses takes its argument (sin 2x).
type unit struct {
	op  string // the operator before it; "" for juxtaposition
	pos lexer.Position
	piece
	fn     *symbolic.Builtin // a function name still waiting for its argument
	fnPow  piece             // sin^2 x: the power of the function's value
	neg    bool              // a leading minus, applied to the whole term when it starts one
	simple bool              // a number or a variable, maybe to a power: can be an argument of sin x
	number bool              // begins with a number
	// endsInNumber: 2 3 and x^2 3 are mistakes, but 2^x 3^x is fine.
	endsInNumber bool
	named        bool // a variable, maybe to a power: x y is surprising
}

func (c *converter) expression(x *expression) (piece, error) {
	var operands []*operand
	var ops []string
	links := append([]*link{{Pos: x.Pos, Operand: x.First}}, x.Rest...)
	for _, l := range links {
		left, right, err := c.splitProduct(l.Operand)
		if err != nil {
			return piece{}, err
		}
		operands = append(operands, left)
		ops = append(ops, l.Op)
		if right != nil {
			operands = append(operands, right)
			ops = append(ops, "")
		}
	}
	var units []unit
	for i := 0; i < len(operands); {
		j := i + 1
		for j < len(operands) && ops[j] == "^" {
			j++
		}
		u, err := c.powerChain(operands[i:j])
		if err != nil {
			return piece{}, err
		}
		u.op = ops[i]
		units = append(units, u)
		i = j
	}
	for i := 1; i < len(units); i++ {
		if units[i].op == "" && units[i].number && units[i-1].endsInNumber {
			return piece{}, errAt(units[i].pos, "missing operator between %s and %s", units[i-1].text, units[i].text)
		}
	}
	units, err := c.applyWithoutParens(units)
	if err != nil {
		return piece{}, err
	}
	return c.sum(units), nil
}

// splitProduct separates x(x + 1), where x is a variable or constant, into
// x and (x + 1) side by side, so that powers bind as they look:
// x^x(ln(x) + 1) is x^x·(ln(x) + 1) and x(x + 1)^2 is x·(x + 1)^2.
func (c *converter) splitProduct(o *operand) (*operand, *operand, error) {
	n := o.Atom.Name
	if n == nil || n.Args == nil || len(n.Primes) > 0 || n.Ident == "diff" || !c.isProductName(n.Ident) {
		return o, nil, nil
	}
	if len(n.Args.List) != 1 {
		return nil, nil, errAt(n.Pos, "%s is a variable, not a function, so it takes no arguments", n.Ident)
	}
	c.surprising = true
	left := &operand{Pos: o.Pos, Minus: o.Minus, Sqrt: o.Sqrt,
		Atom: &atom{Pos: n.Pos, Name: &name{Pos: n.Pos, Ident: n.Ident}}}
	right := &operand{Pos: n.Args.Pos, Super: o.Super,
		Atom: &atom{Pos: n.Args.Pos, Paren: n.Args.List[0]}}
	return left, right, nil
}

// isProductName reports whether a name before "(" multiplies: a variable
// or constant does. Among free names only one letter does, so x(x + 1) is a
// product but foo(2) is a call of an unknown function.
func (c *converter) isProductName(id string) bool {
	switch c.env.kind(id) {
	case constantName:
		return true
	case variableName:
		return c.env != nil && c.env.Vars != nil || len([]rune(id)) == 1
	}
	return false
}

// powerChain folds a^b^c from the right and applies each operand's prefix
// minus and √ to the power it begins, so -x^2 is -(x^2) and 2^-x^2 is
// 2^(-(x^2)).
func (c *converter) powerChain(ops []*operand) (unit, error) {
	first := ops[0]
	u := unit{pos: first.Pos}
	if first.Atom.Name != nil && first.Atom.Name.Args == nil && len(first.Atom.Name.Primes) == 0 && c.env.kind(first.Atom.Name.Ident) == builtinName {
		return c.pendingFunction(ops)
	}
	var r piece
	for k := len(ops) - 1; k >= 0; k-- {
		b, err := c.base(ops[k])
		if err != nil {
			return unit{}, err
		}
		if k == len(ops)-1 {
			r = b
		} else {
			r = piece{symbolic.Pow(b.e, r.e), b.text + "^" + r.text}
		}
		if k > 0 {
			r = prefix(ops[k], r)
		}
	}
	// The first operand's minus is left to the term, so that
	// -(a + 1)(a + 2) is -((a + 1)(a + 2)), as it prints.
	u.piece = roots(first, r)
	u.neg = len(first.Minus)%2 == 1
	a := first.Atom
	u.named = a.Name != nil && a.Name.Args == nil && len(first.Minus) == 0 && len(first.Sqrt) == 0
	u.number = a.Number != "" && len(first.Minus) == 0 && len(first.Sqrt) == 0
	last := ops[len(ops)-1]
	u.endsInNumber = last.Atom.Number != "" && last.Super == ""
	u.simple = u.named || u.number
	return u, nil
}

func prefix(o *operand, r piece) piece {
	r = roots(o, r)
	for range o.Minus {
		r = piece{symbolic.Neg(r.e), "-" + r.text}
	}
	return r
}

func roots(o *operand, r piece) piece {
	for range o.Sqrt {
		r = piece{symbolic.Pow(r.e, symbolic.Frac(1, 2)), "√" + r.text}
	}
	return r
}

// pendingFunction is a built-in function name written without
// parentheses, maybe raised to a power as in sin^2 x or sin² x.
func (c *converter) pendingFunction(ops []*operand) (unit, error) {
	first := ops[0]
	n := first.Atom.Name
	b, _ := symbolic.LookupBuiltin(n.Ident)
	if len(first.Sqrt) > 0 {
		return unit{}, errAt(n.Pos, "%s needs an argument in parentheses here: write √%s(x)", n.Ident, n.Ident)
	}
	u := unit{pos: first.Pos, fn: b, neg: len(first.Minus)%2 == 1}
	var exp piece
	switch {
	case first.Super != "" && len(ops) == 1:
		exp = piece{superNumber(first.Super), first.Super}
	case first.Super == "" && len(ops) == 2:
		p, err := c.operandValue(ops[1])
		if err != nil {
			return unit{}, err
		}
		exp = p
	case first.Super == "" && len(ops) == 1:
		return u, nil
	default:
		return unit{}, errAt(n.Pos, "%s needs an argument: write %s(x)", n.Ident, n.Ident)
	}
	if v, ok := exp.e.(*symbolic.Num); !ok || v.Rat().Sign() < 0 {
		return unit{}, errAt(n.Pos, "%s^%s is ambiguous: write the power after the argument, as %s(x)^%s", n.Ident, exp.text, n.Ident, exp.text)
	}
	u.fnPow = exp
	return u, nil
}

// applyWithoutParens gives each pending function name the product of the
// numbers and variables that follow it: sin 2x y is sin(2xy), and
// sin x cos x is sin(x)·cos(x).
func (c *converter) applyWithoutParens(units []unit) ([]unit, error) {
	out := units[:0:0]
	for i := 0; i < len(units); i++ {
		u := units[i]
		if u.fn == nil {
			out = append(out, u)
			continue
		}
		j := i + 1
		for j < len(units) && units[j].op == "" && units[j].simple {
			j++
		}
		args := units[i+1 : j]
		if len(args) == 0 {
			return nil, errAt(u.pos, "%s needs an argument: write %s(x) or %s x", u.fn.Name, u.fn.Name, u.fn.Name)
		}
		factors := make([]symbolic.Expr, len(args))
		texts := make([]string, len(args))
		for k, a := range args {
			factors[k], texts[k] = a.e, a.text
			if strings.ContainsAny(a.text, "^") {
				c.surprising = true
			}
		}
		if len(args) > 1 {
			c.surprising = true
		}
		e, err := u.fn.Apply(symbolic.Mul(factors...))
		if err != nil {
			return nil, errAt(u.pos, "%v", err)
		}
		text := u.fn.Name + "(" + strings.Join(texts, "·") + ")"
		if u.fnPow.e != nil {
			e = symbolic.Pow(e, u.fnPow.e)
			text += "^" + u.fnPow.text
		}
		out = append(out, unit{op: u.op, pos: u.pos, piece: piece{e, text}, neg: u.neg})
		i = j - 1
	}
	return out, nil
}

// sum applies the product and sum levels of the precedence table, building
// each sum and product in one step so a 10,000-term sum costs one sort.
func (c *converter) sum(units []unit) piece {
	var terms, factors []symbolic.Expr
	var text, termText strings.Builder
	divided, negative := false, false
	flush := func() {
		t := symbolic.Mul(factors...)
		if negative {
			t = symbolic.Neg(t)
		}
		terms = append(terms, t)
		text.WriteString(termText.String())
		factors = factors[:0]
		termText.Reset()
		divided = false
	}
	for i, u := range units {
		op, _ := symbolic.BinaryOperator(u.op)
		if u.op == "" {
			op, _ = symbolic.BinaryOperator("*")
		}
		utext := u.text
		if u.neg {
			utext = "-" + utext
		}
		switch {
		case i == 0 || op.Prec == symbolic.PrecSum:
			if i > 0 {
				flush()
				text.WriteString(" " + u.op + " ")
			}
			negative = (u.op == "-") != u.neg
			factors = append(factors, u.e)
			termText.WriteString(utext)
			continue
		}
		e := u.e
		if u.neg {
			e = symbolic.Neg(e)
		}
		if u.op == "/" {
			factors = append(factors, symbolic.Pow(e, symbolic.Int(-1)))
			termText.WriteString("/" + utext)
			divided = true
			continue
		}
		if u.op == "" && (divided || units[i-1].named && u.named) {
			c.surprising = true
		}
		factors = append(factors, e)
		if divided {
			s := termText.String()
			termText.Reset()
			termText.WriteString("(" + s + ")")
			divided = false
		}
		termText.WriteString("·" + utext)
	}
	flush()
	return piece{symbolic.Add(terms...), text.String()}
}

// base converts an operand's atom with its superscript, but not its
// prefix minus or √, which apply to a whole power.
func (c *converter) base(o *operand) (piece, error) {
	p, err := c.atom(o.Atom)
	if err != nil {
		return piece{}, err
	}
	if o.Super != "" {
		p = piece{symbolic.Pow(p.e, superNumber(o.Super)), p.text + "^" + o.Super}
	}
	return p, nil
}

// operandValue converts an operand whole: an exponent such as -2 in x^-2.
func (c *converter) operandValue(o *operand) (piece, error) {
	p, err := c.base(o)
	if err != nil {
		return piece{}, err
	}
	return prefix(o, p), nil
}

func superNumber(s string) symbolic.Expr {
	n, err := strconv.ParseInt(strings.TrimPrefix(s, "+"), 10, 64)
	if err != nil { // a lone ⁻ or ⁺, or too many digits
		n = 0
	}
	return symbolic.Int(n)
}

func (c *converter) atom(a *atom) (piece, error) {
	switch {
	case a.Number != "":
		e, err := parseNumber(a.Number)
		if err != nil {
			return piece{}, errAt(a.Pos, "%v", err)
		}
		return piece{e, a.Number}, nil
	case a.Paren != nil:
		p, err := c.expression(a.Paren)
		if err != nil {
			return piece{}, err
		}
		return piece{p.e, "(" + p.text + ")"}, nil
	}
	return c.name(a.Name)
}

// parseNumber reads a literal exactly: 0.1 is 1/10.
func parseNumber(s string) (symbolic.Expr, error) {
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		n, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil || n > MaxExponent || n < -MaxExponent {
			return nil, fmt.Errorf("number too large: the exponent of %s is beyond ±%d", s, MaxExponent)
		}
	}
	r, ok := new(big.Rat).SetString(strings.TrimSuffix(s, "."))
	if !ok {
		return nil, fmt.Errorf("invalid number %q", s)
	}
	return symbolic.NewRat(r), nil
}

func (c *converter) name(n *name) (piece, error) {
	id := n.Ident
	primes := strings.Repeat("'", len(n.Primes))
	if id == "diff" && n.Args != nil {
		return c.diff(n)
	}
	kind := c.env.kind(id)
	if n.Args == nil {
		switch {
		case kind == functionName && primes != "":
			return piece{}, errAt(n.Pos, "%s%s needs an argument: write %s%s(x)", id, primes, id, primes)
		case kind == functionName:
			return piece{}, errAt(n.Pos, "%s is a function: write %s(x)", id, id)
		case kind == unknownName:
			return piece{}, errAt(n.Pos, "unknown name %q%s", id, c.didYouMean(id, false))
		case kind == builtinName:
			return piece{}, errAt(n.Pos, "%s needs an argument: write %s(x)", id, id)
		case primes != "":
			return piece{}, errAt(n.Pos, "%s is not a function, so %s%s means nothing", id, id, primes)
		}
		return piece{c.env.symbol(id), id}, nil
	}
	args := make([]piece, len(n.Args.List))
	for i, x := range n.Args.List {
		var err error
		if args[i], err = c.expression(x); err != nil {
			return piece{}, err
		}
	}
	exprs := make([]symbolic.Expr, len(args))
	texts := make([]string, len(args))
	for i, a := range args {
		exprs[i], texts[i] = a.e, a.text
	}
	text := id + primes + "(" + strings.Join(texts, ", ") + ")"
	switch kind {
	case builtinName:
		b, _ := symbolic.LookupBuiltin(id)
		if primes != "" {
			if len(args) != 1 {
				return piece{}, errAt(n.Pos, "%s%s takes 1 argument, not %d", id, primes, len(args))
			}
			return c.derivativeAt(n, Function{Params: []string{"u"}, Body: mustApply(b, symbolic.Sym("u"))}, exprs, text)
		}
		e, err := b.Apply(exprs...)
		if err != nil {
			return piece{}, errAt(n.Pos, "%v", err)
		}
		return piece{e, text}, nil
	case functionName:
		f := c.env.Functions[id]
		if len(args) != len(f.Params) {
			return piece{}, errAt(n.Pos, "%s takes %d argument%s, not %d", id, len(f.Params), plural(len(f.Params)), len(args))
		}
		if primes != "" {
			return c.derivativeAt(n, f, exprs, text)
		}
		return piece{substitute(f, exprs), text}, nil
	case variableName, constantName:
		if primes != "" {
			return piece{}, errAt(n.Pos, "%s is not a function, so %s%s means nothing", id, id, primes)
		}
	}
	return piece{}, errAt(n.Pos, "unknown function %q%s", id, c.didYouMean(id, true))
}

func mustApply(b *symbolic.Builtin, u symbolic.Expr) symbolic.Expr {
	e, _ := b.Apply(u)
	return e
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
func (c *converter) derivativeAt(n *name, f Function, args []symbolic.Expr, text string) (piece, error) {
	if len(f.Params) != 1 {
		return piece{}, errAt(n.Pos, "%s has %d variables, so %s' is not defined: use grad %s or diff(%s, %s)",
			n.Ident, len(f.Params), n.Ident, n.Ident, n.Ident, f.Params[0])
	}
	d, err := symbolic.Diff(c.ctx, f.Body, f.Params[0], len(n.Primes))
	if err != nil {
		return piece{}, errAt(n.Pos, "%v", err)
	}
	return piece{substitute(Function{Params: f.Params, Body: d}, args), text}, nil
}

// diff is diff(EXPR, x) or diff(EXPR, x, n); EXPR may be the name of a
// function, whose body is used: diff(g, y) is g's partial derivative.
func (c *converter) diff(n *name) (piece, error) {
	list := n.Args.List
	if len(list) < 2 || len(list) > 3 {
		return piece{}, errAt(n.Pos, "diff takes 2 or 3 arguments, as in diff(x^2, x) or diff(x^3, x, 2), not %d", len(list))
	}
	var e piece
	if id, ok := bareName(list[0]); ok && c.env.kind(id) == functionName {
		f := c.env.Functions[id]
		e = piece{f.Body, id}
	} else {
		var err error
		if e, err = c.expression(list[0]); err != nil {
			return piece{}, err
		}
	}
	x, ok := bareName(list[1])
	if !ok || x == "pi" || c.env.kind(x) == builtinName || c.env.kind(x) == functionName {
		return piece{}, errAt(list[1].Pos, "diff needs a variable name here, as in diff(x^2, x)")
	}
	order := 1
	if len(list) == 3 {
		k, err := strconv.Atoi(list[2].First.Atom.Number)
		if len(list[2].Rest) > 0 || list[2].First.Super != "" || len(list[2].First.Minus) > 0 || err != nil || k > 1000 {
			return piece{}, errAt(list[2].Pos, "the order of diff must be a whole number from 0 to 1000")
		}
		order = k
	}
	d, err := symbolic.Diff(c.ctx, e.e, x, order)
	if err != nil {
		return piece{}, errAt(n.Pos, "%v", err)
	}
	text := "diff(" + e.text + ", " + x
	if len(list) == 3 {
		text += ", " + strconv.Itoa(order)
	}
	return piece{d, text + ")"}, nil
}

// bareName reports whether x is a lone name, such as g in diff(g, y).
func bareName(x *expression) (string, bool) {
	o := x.First
	if len(x.Rest) > 0 || len(o.Minus) > 0 || len(o.Sqrt) > 0 || o.Super != "" || o.Atom.Name == nil {
		return "", false
	}
	n := o.Atom.Name
	return n.Ident, n.Args == nil && len(n.Primes) == 0
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
