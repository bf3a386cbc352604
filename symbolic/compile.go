package symbolic

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Program is an expression compiled once for fast evaluation many times: a
// flat list of register instructions, with common sub-expressions computed
// once. Evaluating allocates nothing. A Program keeps its registers inside,
// so one Program must not be evaluated by two goroutines at once (Clone it).
type Program struct {
	vars  []string
	code  []instr
	regs  []float64 // inputs first, then constants, then temporaries
	outs  []int32
	src   []Expr  // src[r] is the expression register r holds, for errors
	funcs []*Func // the functions opCall applies
	// native is the program as machine code (jit_amd64.go), nil until
	// it is translated and where there is none; it and the loop below
	// compute the same bits. work counts the steps interpreted until
	// then, and settled says the translation was made or refused
	// (native.go).
	native  *native
	work    int
	settled bool
	// guard computes the conditions of Guarded expressions: where one of
	// them has no value, neither has the program.
	guard *Program
}

type opcode uint8

const (
	opAdd opcode = iota
	opSub
	opMul
	opDiv
	opPowInt
	opPow
	opSqrt
	opExp
	opCall
)

// instr is one step, r[dst] = op(r[a], r[b]), kept to 16 bytes so the
// loop stays in cache; opPowInt keeps its exponent in b and opCall the
// index of its function in b.
type instr struct {
	op opcode
	// overflows marks a step of a denominator: if it overflows to ±Inf
	// the quotient is 0 (it underflows), as for 1/cosh(x)^3 at x = 300. A
	// function may overflow only for |argument| > 1, so ln(0) stays an error.
	overflows bool
	dst, a, b int32
}

// overflowReason is EvalError's Reason for a value too large for a float64,
// which exists though floats cannot hold it.
const overflowReason = "it overflows"

// EvalError is a value that is not a finite number: a domain error such as
// ln(-1), a division by zero, or an overflow. Expr is the sub-expression
// where it arose.
type EvalError struct {
	Expr Expr
	Msg  string
	// Reason is why, in a few words: "division by zero", "ln needs a
	// positive argument".
	Reason string
}

func (e *EvalError) Error() string { return e.Msg }

// Overflowed reports whether err is a value too large for a float64, which
// has a value, not a domain error.
func Overflowed(err error) bool {
	var ee *EvalError
	return errors.As(err, &ee) && ee.Reason == overflowReason
}

// Compile compiles e as a function of vars, in that order. Every symbol of e
// must be one of vars.
func Compile(e Expr, vars ...string) (*Program, error) {
	return CompileAll([]Expr{e}, vars...)
}

// CompileAll compiles several expressions of the same variables into one
// program that computes them together, sharing their common parts (the
// components of a gradient, say).
func CompileAll(exprs []Expr, vars ...string) (*Program, error) {
	exprs, conds := liftGuards(exprs)
	c := &compiler{p: &Program{vars: append([]string(nil), vars...)}, seen: map[uint64][]cached{}}
	if len(conds) > 0 {
		g, err := CompileAll(conds, vars...)
		if err != nil {
			return nil, err
		}
		c.p.guard = g
	}
	for _, v := range vars {
		s := Sym(v)
		c.remember(s, c.newReg(s, 0))
	}
	for _, e := range exprs {
		r, err := c.expr(e)
		if err != nil {
			return nil, err
		}
		c.p.outs = append(c.p.outs, r)
	}
	return c.p, nil
}

// Vars returns the program's variables in order.
func (p *Program) Vars() []string { return append([]string(nil), p.vars...) }

// Clone returns a copy with its own registers, for use on another goroutine.
func (p *Program) Clone() *Program {
	q := *p
	q.regs = append([]float64(nil), p.regs...)
	if p.guard != nil {
		q.guard = p.guard.Clone()
	}
	return &q
}

// Eval evaluates the program's first expression at the given values of its
// variables.
func (p *Program) Eval(vals ...float64) (float64, error) {
	if err := p.checkGuard(vals); err != nil {
		return 0, err
	}
	if n := p.native; n != nil && n.wholly() && len(vals) == len(p.vars) {
		// The others go to the scratch registers after acc.
		var v float64
		if n.evalNative(p.regs, vals, p.regs[len(p.regs)-len(p.outs)+1:], &v) {
			return v, nil
		}
	}
	if err := p.run(vals); err != nil {
		return 0, err
	}
	return p.regs[p.outs[0]], nil
}

// EvalAll evaluates every expression of the program into out, which must
// have one place for each. After an error, what out holds is unspecified.
func (p *Program) EvalAll(vals, out []float64) error {
	if len(out) < len(p.outs) {
		return fmt.Errorf("the program computes %d values, and out has room for %d", len(p.outs), len(out))
	}
	if err := p.checkGuard(vals); err != nil {
		return err
	}
	if n := p.native; n != nil && n.wholly() && len(vals) == len(p.vars) && n.evalNative(p.regs, vals, out[1:], &out[0]) {
		return nil
	}
	if err := p.run(vals); err != nil {
		return err
	}
	for i, r := range p.outs {
		out[i] = p.regs[r]
	}
	return nil
}

// EvalSplit evaluates every expression of the program, returns the first
// and writes the others into rest, which must have one place for each: a
// function's value and its gradient, say. After an error, what rest holds
// is unspecified.
func (p *Program) EvalSplit(vals, rest []float64) (float64, error) {
	if len(rest) < len(p.outs)-1 {
		return 0, fmt.Errorf("the program computes %d values after the first, and rest has room for %d", len(p.outs)-1, len(rest))
	}
	if err := p.checkGuard(vals); err != nil {
		return 0, err
	}
	var v float64
	if n := p.native; n != nil && n.wholly() && len(vals) == len(p.vars) && n.evalNative(p.regs, vals, rest, &v) {
		return v, nil
	}
	if err := p.run(vals); err != nil {
		return 0, err
	}
	for i, r := range p.outs[1:] {
		rest[i] = p.regs[r]
	}
	return p.regs[p.outs[0]], nil
}

// Descender returns plain gradient descent on f as machine code, where p
// computes f and its partial derivatives in the order of p's variables
// (n + 1 values of n variables), or nil where there is no machine code
// for p. The function it returns makes updates from x, where g and *f
// hold ∇f(x) and f(x): while max|g_i| ≥ eps and fewer than len(ups)/4
// updates are made, x_i ← x_i + float64(step·g_i), then g and *f ←
// ∇f(x), f(x). For update k it writes Σg_i², max|g_i|, the product of g
// with the gradient before it, and |Δx|² into ups[4k:4k+4], each sum in
// the order of the variables. It stops before an update that takes a
// coordinate past bound in absolute value or gives a value that is not
// finite, leaving x, g and *f as they were, and returns the number of
// updates made. Those are optimize's updates, bit for bit; p is busy
// while it runs.
func (p *Program) Descender(bound float64) func(x, g []float64, f *float64, step, eps float64, ups []float64) int {
	if p.guard != nil {
		return nil // the loop would not check the conditions
	}
	if !p.MachineCode() {
		return nil
	}
	loop := p.descender(bound)
	if loop == nil {
		return nil
	}
	// Like the rest of the translation, the loop is checked before it
	// is used (native.go).
	if err := p.checkDescent(loop, bound); err != nil {
		if strict {
			panic(err)
		}
		return nil
	}
	return loop
}

// checkGuard reports the first condition that has no value at vals.
func (p *Program) checkGuard(vals []float64) error {
	if p.guard == nil {
		return nil
	}
	return p.guard.run(vals)
}

func (p *Program) run(vals []float64) error {
	if len(vals) != len(p.vars) {
		return fmt.Errorf("the program takes %d values, not %d", len(p.vars), len(vals))
	}
	if p.native == nil {
		p.interpreted()
	}
	var notFinite bool
	if p.native != nil {
		notFinite = p.runNative(vals)
	} else {
		notFinite = p.interpret(vals)
	}
	if !notFinite {
		return nil
	}
	for i, v := range vals {
		if v-v != 0 {
			return &EvalError{Expr: Sym(p.vars[i]), Msg: fmt.Sprintf("%s = %v is not a finite number", p.vars[i], v)}
		}
		p.regs[i] = v // the machine code reads them where they were
	}
	return p.runChecked()
}

// interpret runs the program at vals and reports whether a value that is
// not finite may have arisen. The loop notes that without branching. Such
// a value goes on through +, - and * to an output, so only the inputs, the
// outputs and the operands of the steps that could hide it (a division by
// ±Inf is 0, e^-Inf is 0, atan(Inf) is finite) are looked at; then a
// checked run finds which step it was, and whether it matters.
func (p *Program) interpret(vals []float64) bool {
	var notFinite uint64
	r := p.regs
	for i, v := range vals {
		notFinite |= nonFinite(v)
		r[i] = v
	}
	for _, in := range p.code {
		var v float64
		switch in.op {
		case opAdd:
			v = r[in.a] + r[in.b]
		case opSub:
			v = r[in.a] - r[in.b]
		case opMul:
			v = r[in.a] * r[in.b]
		case opDiv:
			v = r[in.a] / r[in.b]
			notFinite |= nonFinite(r[in.b])
		default:
			notFinite |= p.slowStep(in, r)
			continue
		}
		r[in.dst] = v
	}
	for _, o := range p.outs {
		notFinite |= nonFinite(r[o])
	}
	return notFinite>>63 != 0
}

// nonFinite is 1<<63 for ±Inf and NaN, whose exponent bits, all set, carry
// into the top bit, and less for a number: an OR of them tells, without a
// branch, whether some value was not finite.
func nonFinite(v float64) uint64 { return math.Float64bits(v)&(0x7ff<<52) + 1<<52 }

// slowStep runs a step that calls out of the loop, and returns nonFinite
// of its operands and result.
func (p *Program) slowStep(in instr, r []float64) uint64 {
	v := p.slow(in, r)
	bits := nonFinite(r[in.a]) | nonFinite(v)
	if in.op == opPow {
		bits |= nonFinite(r[in.b])
	}
	r[in.dst] = v
	return bits
}

// runChecked runs the program again, stopping at the first value that is
// not finite unless it is an overflow in a denominator (see instr).
func (p *Program) runChecked() error {
	r := p.regs
	for _, in := range p.code {
		v := p.step(in, r)
		// An infinite denominator is an overflow whose quotient underflows,
		// but 0 to a negative power is a pole, whatever it divides.
		if v-v != 0 && !(in.overflows && math.IsInf(v, 0) && (in.op != opCall || math.Abs(r[in.a]) > 1) && !(in.op == opPow && r[in.a] == 0)) {
			return p.explain(in, v)
		}
		r[in.dst] = v
	}
	return nil
}

// step computes one instruction.
func (p *Program) step(in instr, r []float64) float64 {
	switch in.op {
	case opAdd:
		return r[in.a] + r[in.b]
	case opSub:
		return r[in.a] - r[in.b]
	case opMul:
		return r[in.a] * r[in.b]
	case opDiv:
		return r[in.a] / r[in.b]
	}
	return p.slow(in, r)
}

// slow runs the steps that call out of the loop; keeping them apart keeps
// the loop's registers free.
//
//go:noinline
func (p *Program) slow(in instr, r []float64) float64 {
	a := r[in.a]
	switch in.op {
	case opPowInt:
		return powInt(a, in.b)
	case opPow:
		return math.Pow(a, r[in.b])
	case opSqrt:
		return math.Sqrt(a)
	case opExp:
		return exp(a)
	}
	return p.funcs[in.b].Float(a)
}

// exp is e^x. Go's math.Exp on amd64 returns +Inf from x ≈ 709.436, short
// of ln(MaxFloat64) ≈ 709.783 (e^709.5 is 1.35e308): past 709 it is
// e^(x-1)·e, within an ulp or two.
func exp(x float64) float64 {
	if x > 709 && x < 710 {
		return math.Exp(x-1) * math.E
	}
	return math.Exp(x)
}

// sinh and cosh for |x| where math's, by math.Exp, overflow early: e^|x|/2
// (e^-|x| is nothing beside it).
func sinh(x float64) float64 {
	if a := math.Abs(x); a > 709 && a < 711 {
		return math.Copysign(math.Exp(a-1)*(math.E/2), x)
	}
	return math.Sinh(x)
}

func cosh(x float64) float64 {
	if a := math.Abs(x); a > 709 && a < 711 {
		return math.Exp(a-1) * (math.E / 2)
	}
	return math.Cosh(x)
}

func powInt(x float64, n int32) float64 {
	r := 1.0
	for n > 0 {
		if n&1 == 1 {
			r *= x
		}
		x *= x
		n >>= 1
	}
	return r
}

// explain turns the first value that is not finite into an error that
// names its sub-expression and why.
func (p *Program) explain(in instr, v float64) error {
	src := p.src[in.dst]
	arg := p.regs[in.a]
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	var msg, why string
	switch in.op {
	case opDiv:
		if p.regs[in.b] == 0 {
			msg, why = fmt.Sprintf("division by zero in %v", src), "division by zero"
			if pw, ok := src.(*Power); ok && isZero(pw.base) {
				// 1/0 where a constant's value made the divisor 0 (a = 2;
				// 1/(a - 2)), which the simplifier keeps as 0^(-1): no one
				// wrote that, so it is said as 1/0 is.
				msg = fmt.Sprintf("%v is undefined (division by zero)", src)
				if isMinusOne(pw.exp) {
					msg = "1/0 is undefined (division by zero)"
				}
			}
		}
	case opPow:
		if arg == 0 {
			msg, why = fmt.Sprintf("division by zero in %v: 0 to a negative power", src), "division by zero"
		} else if math.IsNaN(v) {
			why = "a negative number to a fractional power"
			msg = fmt.Sprintf("%v is undefined: a negative number (%s) to a fractional power", src, num(arg))
		}
	case opSqrt:
		if math.IsNaN(v) {
			why = "sqrt needs an argument >= 0"
			msg = fmt.Sprintf("%v is undefined: %s, and here it is %s", src, why, num(arg))
		}
	case opCall:
		// A pole (ln(0), cot(0), atanh(1)) or a point outside the domain is
		// undefined; a huge argument (sinh(1000)) overflows.
		// An odd power (^(p/q)) of a nonzero number that is too large
		// is an overflow, however small the base: 2^(10^60).
		if fn := p.funcs[in.b]; strings.HasPrefix(fn.Name, "^(") && arg != 0 && !math.IsNaN(v) {
			break
		}
		if math.IsNaN(v) || math.Abs(arg) < 100 {
			fn := p.funcs[in.b]
			why = fn.Name + " needs " + fn.Domain
			msg = fmt.Sprintf("%v is undefined: %s", src, why)
			if _, isNum := p.src[in.a].(*Num); !isNum {
				msg += ", and here it is " + num(arg)
			}
		}
	}
	if msg == "" {
		why = overflowReason
		msg = fmt.Sprintf("%v overflows: its value is too large for a float64", src)
	}
	return &EvalError{Expr: src, Msg: msg, Reason: why}
}

type cached struct {
	e Expr
	r int32
}

type compiler struct {
	p    *Program
	seen map[uint64][]cached
	// inDenominator counts the denominators being compiled.
	inDenominator int
}

func (c *compiler) newReg(e Expr, v float64) int32 {
	c.p.regs = append(c.p.regs, v)
	c.p.src = append(c.p.src, e)
	return int32(len(c.p.regs) - 1)
}

func (c *compiler) lookup(e Expr) (int32, bool) {
	for _, k := range c.seen[e.hash()] {
		if Equal(k.e, e) {
			return k.r, true
		}
	}
	return 0, false
}

func (c *compiler) remember(e Expr, r int32) {
	c.seen[e.hash()] = append(c.seen[e.hash()], cached{e, r})
}

func (c *compiler) emit(e Expr, in instr) int32 {
	switch in.op {
	case opAdd, opSub, opMul, opPowInt, opPow, opExp, opSqrt, opCall:
		in.overflows = c.inDenominator > 0
	}
	in.dst = c.newReg(e, 0)
	c.p.code = append(c.p.code, in)
	return in.dst
}

func (c *compiler) constant(e Expr, v float64) (int32, error) {
	if v-v != 0 || math.IsInf(v, 0) {
		return 0, &EvalError{Expr: e, Msg: fmt.Sprintf("%s is too large for a float64 (the largest is 1.7976931348623157e+308)", bigText(e))}
	}
	return c.newReg(e, v), nil
}

// bigText prints a number compactly for messages: 1e+400, not 401 digits.
func bigText(e Expr) string {
	if n, ok := e.(*Num); ok && (n.r.Num().BitLen() > 64 || n.r.Denom().BitLen() > 64) {
		// To 17 digits: 2^1024 is 1.7976931348623159e+308, one past the
		// largest float64, which 6 digits would not tell apart.
		return new(big.Float).SetRat(&n.r).Text('g', 17)
	}
	return e.String()
}

func (c *compiler) expr(e Expr) (int32, error) {
	if r, ok := c.lookup(e); ok {
		return r, nil
	}
	r, err := c.build(e)
	if err != nil {
		return 0, err
	}
	c.remember(e, r)
	return r, nil
}

func (c *compiler) build(e Expr) (int32, error) {
	switch e := e.(type) {
	case *Num:
		v, _ := e.r.Float64()
		return c.constant(e, v)
	case *Constant:
		return c.constant(e, e.value)
	case *Symbol:
		return 0, fmt.Errorf("%s has no value", e.name)
	case *Call:
		if atPole(e.fn, e.arg) {
			// tan(pi/2) in floats is 1.6e16; exactly, it has no value.
			why := e.fn.Name + " needs " + e.fn.Domain
			return 0, &EvalError{Expr: e, Msg: fmt.Sprintf("%v is undefined: %s", e, why), Reason: why}
		}
		a, err := c.expr(e.arg)
		if err != nil {
			return 0, err
		}
		c.p.funcs = append(c.p.funcs, e.fn)
		return c.emit(e, instr{op: opCall, a: a, b: int32(len(c.p.funcs) - 1)}), nil
	case *Sum:
		return c.sum(e)
	}
	return c.product(e)
}

// sum adds the terms, subtracting those with a negative coefficient.
func (c *compiler) sum(e *Sum) (int32, error) {
	var acc int32 = -1
	terms := e.terms
	// Start from a positive term where there is one: y - x^2 is one step.
	for i, t := range terms {
		if !isNegative(t) {
			terms = append(append([]Expr{t}, terms[:i]...), terms[i+1:]...)
			break
		}
	}
	for _, t := range terms {
		if acc < 0 {
			// The first term carries its own sign.
			r, err := c.expr(t)
			if err != nil {
				return 0, err
			}
			acc = r
			continue
		}
		op := opAdd
		if isNegative(t) {
			op, t = opSub, Neg(t)
		}
		r, err := c.expr(t)
		if err != nil {
			return 0, err
		}
		acc = c.emit(e, instr{op: op, a: acc, b: r})
	}
	return acc, nil
}

// product multiplies the coefficient's numerator and the factors with
// positive exponents, and divides by the rest, as the expression prints.
func (c *compiler) product(e Expr) (int32, error) {
	coef, rest := splitTerm(e)
	var num, den []Expr
	if coef.Num().Cmp(one.r.Num()) != 0 { // the sign goes with it: -2x is one step
		num = append(num, newNum(new(big.Rat).SetInt(coef.Num())))
	}
	if !coef.IsInt() {
		den = append(den, newNum(new(big.Rat).SetInt(coef.Denom())))
	}
	if rest != nil {
		for _, f := range factorsOf(rest) {
			b, x := baseExp(f)
			if n, ok := x.(*Num); ok && n.r.Sign() < 0 {
				den = append(den, Pow(b, Neg(x)))
			} else {
				num = append(num, f)
			}
		}
	}
	n, err := c.chain(e, num)
	if err != nil {
		return 0, err
	}
	if len(den) > 0 {
		c.inDenominator++
		d, err := c.chain(e, den)
		c.inDenominator--
		if err != nil {
			return 0, err
		}
		if n < 0 {
			n, _ = c.constant(one, 1)
		}
		n = c.emit(e, instr{op: opDiv, a: n, b: d})
	}
	return n, nil
}

// chain multiplies factors; it returns -1 for an empty list.
func (c *compiler) chain(e Expr, factors []Expr) (int32, error) {
	var acc int32 = -1
	for _, f := range factors {
		var r int32
		var err error
		if p, ok := f.(*Power); ok {
			r, err = c.power(p)
		} else {
			r, err = c.expr(f)
		}
		if err != nil {
			return 0, err
		}
		if acc < 0 {
			acc = r
		} else {
			acc = c.emit(e, instr{op: opMul, a: acc, b: r})
		}
	}
	return acc, nil
}

func (c *compiler) power(p *Power) (int32, error) {
	if r, ok := c.lookup(p); ok {
		return r, nil
	}
	if n, ok := p.exp.(*Num); ok && n.r.Sign() < 0 {
		return c.product(p)
	}
	b, err := c.expr(p.base)
	if err != nil {
		return 0, err
	}
	var r int32
	n, isNum := p.exp.(*Num)
	switch {
	case p.base == E:
		x, err := c.expr(p.exp)
		if err != nil {
			return 0, err
		}
		r = c.emit(p, instr{op: opExp, a: x})
	case isNum && n.r.Cmp(&half.r) == 0:
		r = c.emit(p, instr{op: opSqrt, a: b})
	case isNum && n.r.IsInt() && n.r.Num().IsInt64() && n.r.Num().Int64() == 2:
		r = c.emit(p, instr{op: opMul, a: b, b: b})
	case isNum && n.r.IsInt() && n.r.Num().IsInt64() && n.r.Num().Int64() <= math.MaxInt32:
		r = c.emit(p, instr{op: opPowInt, a: b, b: int32(n.r.Num().Int64())})
	case isNum && oddDenominator(&n.r):
		// Real for a negative base: a call of its own, as for sin.
		c.p.funcs = append(c.p.funcs, oddPower(&n.r))
		r = c.emit(p, instr{op: opCall, a: b, b: int32(len(c.p.funcs) - 1)})
	default:
		x, err := c.expr(p.exp)
		if err != nil {
			return 0, err
		}
		r = c.emit(p, instr{op: opPow, a: b, b: x})
	}
	c.remember(p, r)
	return r, nil
}

// oddPower is u^r for r of odd denominator as a function: real for u < 0,
// with the sign of the odd root, (-8)^(2/3) = 4 and (-8)^(1/3) = -2.
func oddPower(r *big.Rat) *Func {
	c, _ := r.Float64()
	negate := r.Num().Bit(0) == 1
	domain := anyArgument
	if r.Sign() < 0 {
		domain = "a nonzero base"
	}
	return &Func{Name: "^(" + r.String() + ")", Domain: domain, Float: func(x float64) float64 {
		if x >= 0 || x != x {
			return math.Pow(x, c)
		}
		if negate {
			return -math.Pow(-x, c)
		}
		return math.Pow(-x, c)
	}}
}
