package symbolic

import "math/big"

// The identities Simplify tries, each as a book states it.

// trigProduct rewrites ratios and double angles within a product:
// sin(u)^a/cos(u)^a is tan(u)^a, cos/sin is cot, sinh/cosh is tanh, cosh/sinh is 1/tanh,
// 1/cos(u)^a is sec(u)^a, 1/sin(u)^a is csc(u)^a, and
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
			if to := map[*Func]*Func{fnCos: fnSec, fnSin: fnCsc}[a.fn]; to != nil {
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
// terms that differ only in one squared function of the same argument:
// sin² + cos² = 1, cos² - sin² = cos(2u), 1 - sin² = cos², 1 - cos² = sin²,
// tan² + 1 = sec², sec² - 1 = tan², cosh² - sinh² = 1, cosh² - 1 = sinh².
func trigSum(sum *Sum) []Expr {
	type square struct {
		fn   *Func
		arg  Expr
		coef *big.Rat
		rest Expr // the other factors, or nil
	}
	squares := map[int]square{}
	for i, t := range sum.terms {
		c, rest := splitTerm(t)
		if rest == nil {
			continue
		}
		fs := factorsOf(rest)
		for j, f := range fs {
			b, x := baseExp(f)
			call, ok := b.(*Call)
			if !ok || !Equal(x, Int(2)) {
				continue
			}
			others := append(append([]Expr(nil), fs[:j]...), fs[j+1:]...)
			var r Expr
			if len(others) > 0 {
				r = mulBare(others...)
			}
			squares[i] = square{call.fn, call.arg, c, r}
		}
	}
	sameRest := func(a, b Expr) bool { return a == nil && b == nil || a != nil && b != nil && Equal(a, b) }
	replace := func(i, j int, with Expr) Expr {
		terms := []Expr{with}
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
	var out []Expr
	for i, a := range squares {
		for j, b := range squares {
			if i == j || !Equal(a.arg, b.arg) || !sameRest(a.rest, b.rest) {
				continue
			}
			neg := new(big.Rat).Neg(b.coef)
			switch {
			case a.fn == fnSin && b.fn == fnCos && a.coef.Cmp(b.coef) == 0: // c sin² + c cos² = c
				out = append(out, replace(i, j, times(a.coef, a.rest, one)))
			case a.fn == fnCos && b.fn == fnSin && a.coef.Cmp(neg) == 0: // c cos² - c sin² = c cos(2u)
				out = append(out, replace(i, j, times(a.coef, a.rest, Apply(fnCos, mulBare(Int(2), a.arg)))))
			case a.fn == fnCosh && b.fn == fnSinh && a.coef.Cmp(neg) == 0: // c cosh² - c sinh² = c
				out = append(out, replace(i, j, times(a.coef, a.rest, one)))
			}
		}
		// Pairs with a term that is the same without the square.
		for k, t := range sum.terms {
			c, rest := splitTerm(t)
			if k == i || !sameRest(rest, a.rest) {
				continue
			}
			switch {
			case a.fn == fnSin && c.Cmp(new(big.Rat).Neg(a.coef)) == 0: // c - c sin² = c cos²
				out = append(out, replace(i, k, times(c, rest, powBare(Apply(fnCos, a.arg), Int(2)))))
			case a.fn == fnCos && c.Cmp(new(big.Rat).Neg(a.coef)) == 0: // c - c cos² = c sin²
				out = append(out, replace(i, k, times(c, rest, powBare(Apply(fnSin, a.arg), Int(2)))))
			case a.fn == fnTan && c.Cmp(a.coef) == 0: // c tan² + c = c sec²
				out = append(out, replace(i, k, times(c, rest, powBare(Apply(fnSec, a.arg), Int(2)))))
			case a.fn == fnSec && c.Cmp(new(big.Rat).Neg(a.coef)) == 0: // c sec² - c = c tan²
				out = append(out, replace(i, k, times(a.coef, rest, powBare(Apply(fnTan, a.arg), Int(2)))))
			case a.fn == fnCosh && c.Cmp(new(big.Rat).Neg(a.coef)) == 0: // c cosh² - c = c sinh²
				out = append(out, replace(i, k, times(a.coef, rest, powBare(Apply(fnSinh, a.arg), Int(2)))))
			}
		}
	}
	return out
}
