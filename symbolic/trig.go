package symbolic

import "math/big"

// The identities Simplify tries, each as a book states it.

// reciprocal is the function that is one over fn, from the table of
// quotientRules (sec·cos = 1): 1/cos(x)^2 is sec(x)^2, and sech(u) stays
// bounded where cosh(u) overflows. Only for sin, cos, sinh and cosh: 1/cot
// is tan where cot is defined, which Mul sees to.
func reciprocal(fn *Func) *Func {
	if fn.quotients != nil {
		return nil
	}
	for _, r := range quotientRules {
		if r.r == nil && r.p == fn {
			return r.q
		}
	}
	return nil
}

// reciprocalPower writes f(u)^(-k), k whole, as g(u)^k, g one over f.
func reciprocalPower(p *Power) (Expr, bool) {
	c, ok := p.base.(*Call)
	if !ok || reciprocal(c.fn) == nil || !isNegative(p.exp) || !isInteger(p.exp) {
		return nil, false
	}
	return powBare(Apply(reciprocal(c.fn), c.arg), negBare(p.exp)), true
}

// trigProduct rewrites ratios and double angles within a product:
// sin(u)^a/cos(u)^a is tan(u)^a, cos/sin is cot, sinh/cosh is tanh, cosh/sinh is 1/tanh,
// 1/cos(u)^a is sec(u)^a, 1/sin(u)^a is csc(u)^a (and sech, csch), and
// 2sin(u)cos(u) is sin(2u).
func trigProduct(p *Product) []Expr {
	var out []Expr
	type pw struct {
		i   int
		fn  *Func
		arg Expr
		exp *big.Rat
	}
	var calls []pw
	for i, f := range p.factors {
		b, x := baseExp(f)
		c, ok := b.(*Call)
		n, isNum := x.(*Num)
		if ok && isNum && n.r.IsInt() {
			calls = append(calls, pw{i, c.fn, c.arg, &n.r})
		}
	}
	without := func(skip ...int) []Expr {
		var fs []Expr
		for i, f := range p.factors {
			keep := true
			for _, k := range skip {
				keep = keep && i != k
			}
			if keep {
				fs = append(fs, f)
			}
		}
		return fs
	}
	// cosh/sinh is 1/tanh, as there is no coth: its powers stay bounded
	// where cosh(u)^3 alone overflows (ln(sinh(x))''' at x = 400).
	ratios := []struct {
		num, den, to *Func
		inverse      bool
	}{
		{fnSin, fnCos, fnTan, false}, {fnCos, fnSin, fnCot, false}, {fnSinh, fnCosh, fnTanh, false}, {fnCosh, fnSinh, fnTanh, true},
	}
	for _, a := range calls {
		if a.exp.Sign() < 0 {
			if to := reciprocal(a.fn); to != nil {
				out = append(out, mulBare(append(without(a.i), powBare(Apply(to, a.arg), newNum(new(big.Rat).Neg(a.exp))))...))
			}
		}
		for _, b := range calls {
			if a.i == b.i || !Equal(a.arg, b.arg) {
				continue
			}
			for _, r := range ratios {
				if a.fn == r.num && b.fn == r.den && a.exp.Sign() > 0 && new(big.Rat).Neg(b.exp).Cmp(a.exp) == 0 {
					exp := newNum(a.exp)
					if r.inverse {
						exp = negNum(exp)
					}
					out = append(out, mulBare(append(without(a.i, b.i), powBare(Apply(r.to, a.arg), exp))...))
				}
			}
			if a.fn == fnSin && b.fn == fnCos && isOne(newNum(a.exp)) && isOne(newNum(b.exp)) {
				out = append(out, mulBare(append(without(a.i, b.i), Frac(1, 2), Apply(fnSin, mulBare(Int(2), a.arg)))...))
			}
		}
	}
	return out
}

// trigSum applies the Pythagorean and double-angle identities to pairs of
// terms that differ only in one squared function of the same argument. A
// pair of squares a f² + b g² whose functions obey f² + g² = 1 (sin and
// cos, tanh and sech) or f² - g² = 1 (sec and tan, csc and cot, cosh and
// sinh, coth and csch) writes one of them through the other, so that
// the pair leaves one square and a number:
// 2cos² + sin² is cos² + 1 or 2 - sin², sec² + tan² is 2sec² - 1 or
// 2tan² + 1, c sin² + c cos² is c; besides, c cos² - c sin² is c cos(2u)
// and c cosh² + c sinh² is c cosh(2u).
// A square beside a term that is the same without it is written through
// the other function of its pair: 1 - sin² = cos², tan² + 1 = sec²,
// sec² - 1 = tan², cosh² - 1 = sinh², 1 - tanh² = sech², cos² + 2 = 3 - sin².
// The forms are in the order of the terms, so that the choice between two
// forms of one length does not change from run to run.
func trigSum(sum *Sum) []Expr {
	type square struct {
		i    int
		fn   *Func
		arg  Expr
		coef *big.Rat
		rest Expr // the other factors, or nil
	}
	var squares []square
	for i, t := range sum.terms {
		c, rest := splitTerm(t)
		if rest == nil {
			continue
		}
		fs := factorsOf(rest)
		for j, f := range fs {
			b, x := baseExp(f)
			call, ok := b.(*Call)
			if !ok || !Equal(x, Int(2)) || pythagorean[call.fn] == nil {
				continue
			}
			others := append(append([]Expr(nil), fs[:j]...), fs[j+1:]...)
			var r Expr
			if len(others) > 0 {
				r = mulBare(others...)
			}
			squares = append(squares, square{i, call.fn, call.arg, c, r})
			break
		}
	}
	sameRest := func(a, b Expr) bool { return a == nil && b == nil || a != nil && b != nil && Equal(a, b) }
	replace := func(i, j int, with ...Expr) Expr {
		terms := append([]Expr(nil), with...)
		for k, t := range sum.terms {
			if k != i && k != j {
				terms = append(terms, t)
			}
		}
		return addBare(terms...)
	}
	times := func(c *big.Rat, rest Expr, e Expr) Expr {
		if rest == nil {
			return mulBare(newNum(c), e)
		}
		return mulBare(newNum(c), rest, e)
	}
	sq := func(fn *Func, arg Expr) Expr { return powBare(Apply(fn, arg), Int(2)) }
	var out []Expr
	for _, a := range squares {
		for _, b := range squares {
			if a.i >= b.i || !Equal(a.arg, b.arg) || !sameRest(a.rest, b.rest) {
				continue
			}
			rel, ok := pythagorean[a.fn][b.fn]
			if !ok {
				continue
			}
			af, bg := a.coef, b.coef
			// The double angles first: of two forms of one length, the
			// first is kept.
			neg := new(big.Rat).Neg(bg)
			switch {
			case a.fn == fnCos && b.fn == fnSin && af.Cmp(neg) == 0: // c cos² - c sin² = c cos(2u)
				out = append(out, replace(a.i, b.i, times(af, a.rest, Apply(fnCos, mulBare(Int(2), a.arg)))))
			case a.fn == fnSin && b.fn == fnCos && af.Cmp(neg) == 0: // c sin² - c cos² = -c cos(2u)
				out = append(out, replace(a.i, b.i, times(bg, a.rest, Apply(fnCos, mulBare(Int(2), a.arg)))))
			case a.fn == fnCosh && b.fn == fnSinh && af.Cmp(bg) == 0, a.fn == fnSinh && b.fn == fnCosh && af.Cmp(bg) == 0: // c cosh² + c sinh² = c cosh(2u)
				out = append(out, replace(a.i, b.i, times(af, a.rest, Apply(fnCosh, mulBare(Int(2), a.arg)))))
			}
			// f² = k + m g², so a f² + b g² is (am + b) g² + ak, and, as
			// g² = m f² - km, (a + bm) f² - bkm, tried first.
			k, m := big.NewRat(int64(rel.k), 1), big.NewRat(int64(rel.m), 1)
			mul := func(x, y *big.Rat) *big.Rat { return new(big.Rat).Mul(x, y) }
			add := func(x, y *big.Rat) *big.Rat { return new(big.Rat).Add(x, y) }
			out = append(out,
				replace(a.i, b.i, times(add(af, mul(bg, m)), a.rest, sq(a.fn, a.arg)), times(new(big.Rat).Neg(mul(bg, mul(k, m))), a.rest, one)),
				replace(a.i, b.i, times(add(mul(af, m), bg), a.rest, sq(b.fn, a.arg)), times(mul(af, k), a.rest, one)))
		}
		// A square beside a term that is the same without it, n: with
		// f² = k + m g², a f² + n is am g² + (n + ak), so 1 - sin² is cos²,
		// tan² + 1 is sec², cos² + 2 is 3 - sin².
		for j, t := range sum.terms {
			n, rest := splitTerm(t)
			if j == a.i || !sameRest(rest, a.rest) {
				continue
			}
			for _, g := range pythagoreanOrder {
				rel, ok := pythagorean[a.fn][g]
				if !ok {
					continue
				}
				am := new(big.Rat).Mul(a.coef, big.NewRat(int64(rel.m), 1))
				nak := new(big.Rat).Add(n, new(big.Rat).Mul(a.coef, big.NewRat(int64(rel.k), 1)))
				out = append(out, replace(a.i, j, times(am, a.rest, sq(g, a.arg)), times(nak, a.rest, one)))
			}
		}
	}
	return out
}

// pythagorean[f][g] is {k, m} in f(u)² = k + m g(u)², for the pairs of
// functions of one argument whose squares are so related: sin² + cos² = 1,
// tanh² + sech² = 1, sec² = 1 + tan², csc² = 1 + cot², cosh² = 1 + sinh²,
// coth² = 1 + csch². Each pair has one domain: tan and sec are undefined
// at the same points, as are cot and csc, and coth and csch.
var pythagorean = map[*Func]map[*Func]struct{ k, m int }{}

// pythagoreanOrder is the functions of pythagorean in the order of the
// table, so that the forms come in one order.
var pythagoreanOrder []*Func

func init() {
	for _, p := range []struct {
		f, g *Func
		k, m int
	}{
		{fnSin, fnCos, 1, -1}, {fnCos, fnSin, 1, -1}, {fnTanh, fnSech, 1, -1}, {fnSech, fnTanh, 1, -1},
		{fnSec, fnTan, 1, 1}, {fnTan, fnSec, -1, 1}, {fnCsc, fnCot, 1, 1}, {fnCot, fnCsc, -1, 1},
		{fnCosh, fnSinh, 1, 1}, {fnSinh, fnCosh, -1, 1}, {fnCoth, fnCsch, 1, 1}, {fnCsch, fnCoth, -1, 1},
	} {
		if pythagorean[p.f] == nil {
			pythagorean[p.f] = map[*Func]struct{ k, m int }{}
		}
		pythagorean[p.f][p.g] = struct{ k, m int }{p.k, p.m}
		pythagoreanOrder = append(pythagoreanOrder, p.g)
	}
}
