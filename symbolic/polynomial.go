package symbolic

import "math/big"

// Polynomials in one variable, as coefficient lists (constant term first),
// for cancelling a common factor of a quotient: (x^2 + 2x + 1)/(x + 1)^2
// is 1, where x ≠ -1.

// maxPolyDegree bounds the polynomials cancelled, so that the division
// stays cheap next to the work that made the expression.
const maxPolyDegree = 64

type poly []*big.Rat

// toPoly writes e, multiplied out, as a polynomial in x: false for anything
// else (a function of x, a negative or fractional power, another name).
func toPoly(e Expr, x string) (poly, bool) {
	if !polyShape(e, x) {
		return nil, false // before the work of expanding it
	}
	expanded, ok := (&expander{}).expand(e)
	if !ok {
		return nil, false
	}
	var p poly
	for _, t := range termsOf(expanded) {
		c, rest := splitTerm(t)
		n := 0
		if rest != nil {
			b, k := baseExp(rest)
			s, isSym := b.(*Symbol)
			kn, isNum := k.(*Num)
			if !isSym || s.name != x || !isNum || !kn.r.IsInt() || kn.r.Sign() < 0 || !kn.r.Num().IsInt64() || kn.r.Num().Int64() > maxPolyDegree {
				return nil, false
			}
			n = int(kn.r.Num().Int64())
		}
		for len(p) <= n {
			p = append(p, new(big.Rat))
		}
		p[n].Add(p[n], c)
	}
	return p.trim(), true
}

// polyShape reports whether e is built of numbers and x by sums,
// products and whole non-negative powers: what toPoly can write, at most.
func polyShape(e Expr, x string) bool {
	switch e := e.(type) {
	case *Num:
		return true
	case *Symbol:
		return e.name == x
	case *Sum:
		for _, t := range e.terms {
			if !polyShape(t, x) {
				return false
			}
		}
		return true
	case *Product:
		for _, f := range e.factors {
			if !polyShape(f, x) {
				return false
			}
		}
		return true
	case *Power:
		n, ok := e.exp.(*Num)
		return ok && n.r.IsInt() && n.r.Sign() >= 0 && polyShape(e.base, x)
	}
	return false
}

func (p poly) trim() poly {
	for len(p) > 0 && p[len(p)-1].Sign() == 0 {
		p = p[:len(p)-1]
	}
	return p
}

func (p poly) degree() int { return len(p) - 1 }

// divide returns p/d when d divides p exactly.
func (p poly) divide(d poly) (poly, bool) {
	if d.degree() < 0 || p.degree() < d.degree() {
		return nil, false
	}
	r := make(poly, len(p))
	for i, c := range p {
		r[i] = new(big.Rat).Set(c)
	}
	q := make(poly, p.degree()-d.degree()+1)
	lead := d[d.degree()]
	for i := len(q) - 1; i >= 0; i-- {
		c := new(big.Rat).Quo(r[i+d.degree()], lead)
		q[i] = c
		for j, dc := range d {
			r[i+j].Sub(r[i+j], new(big.Rat).Mul(c, dc))
		}
	}
	for _, c := range r {
		if c.Sign() != 0 {
			return nil, false
		}
	}
	return q, true
}

// expr writes p back as an expression in x.
func (p poly) expr(x string) Expr {
	terms := make([]Expr, 0, len(p))
	for n, c := range p {
		if c.Sign() != 0 {
			terms = append(terms, Mul(newNum(c), Pow(Sym(x), Int(int64(n)))))
		}
	}
	return Add(terms...)
}

// cancelFactors divides the numerator of a quotient in one variable by each
// factor of its denominator that divides it exactly, as often as it does:
// (x^2 + 2x + 1)/(x + 1)^2 is 1. A root in the denominator takes what it
// divides into the power: u/sqrt(u) is sqrt(u), so (2 - 2x^2)/sqrt(1 - x^2)
// is 2sqrt(1 - x^2) (where 1 - x^2 > 0, which Simplify keeps). It reports
// false where nothing cancels.
func cancelFactors(p *Product) (Expr, bool) {
	vars := Symbols(p)
	if len(vars) != 1 {
		return nil, false
	}
	x := vars[0]
	var num, den []Expr
	var denExp []*big.Rat
	for _, f := range p.factors {
		b, k := baseExp(f)
		if n, ok := k.(*Num); ok && n.r.Sign() < 0 {
			den, denExp = append(den, b), append(denExp, new(big.Rat).Neg(&n.r))
			continue
		}
		num = append(num, f)
	}
	if len(den) == 0 {
		return nil, false
	}
	n, ok := toPoly(mulBare(num...), x)
	if !ok {
		return nil, false
	}
	cancelled := false
	rest := make([]Expr, 0, len(den)+1)
	for i, b := range den {
		d, ok := toPoly(b, x)
		for ok && d.degree() >= 1 && denExp[i].Sign() > 0 {
			q, divides := n.divide(d)
			if !divides {
				break
			}
			n, cancelled = q, true
			denExp[i].Sub(denExp[i], &one.r)
		}
		if denExp[i].Sign() != 0 {
			rest = append(rest, powBare(b, newNum(new(big.Rat).Neg(denExp[i]))))
		}
	}
	if !cancelled {
		return nil, false
	}
	return mulBare(append(rest, n.expr(x))...), true
}

// perfectPower writes p as c(x - r)^n, n ≥ 2, where it is one: -6x^2 - 12x
// - 6 is -6(x + 1)^2.
func (p poly) perfectPower() (c, r *big.Rat, n int, ok bool) {
	n = p.degree()
	if n < 2 {
		return nil, nil, 0, false
	}
	c = p[n]
	// The root: the coefficient of x^(n-1) in c(x - r)^n is -ncr.
	r = new(big.Rat).Quo(p[n-1], new(big.Rat).Mul(c, big.NewRat(int64(n), 1)))
	r.Neg(r)
	// Compare with c(x - r)^n, its coefficients c·C(n, k)(-r)^(n-k).
	binom := big.NewRat(1, 1)
	for k := n; k >= 0; k-- {
		if k < n {
			binom.Mul(binom, big.NewRat(int64(k+1), int64(n-k)))
		}
		want := new(big.Rat).Mul(c, binom)
		for i := 0; i < n-k; i++ {
			want.Mul(want, new(big.Rat).Neg(r))
		}
		if want.Cmp(p[k]) != 0 {
			return nil, nil, 0, false
		}
	}
	return c, r, n, true
}

// powerForm writes a numerator that is a perfect power as one: the
// derivative of ((x + 1)/(x - 1))^3 is -6(x + 1)^2/(x - 1)^4.
func powerForm(p *Product) (Expr, bool) {
	vars := Symbols(p)
	if len(vars) != 1 {
		return nil, false
	}
	for i, f := range p.factors {
		sum, ok := f.(*Sum)
		if !ok {
			continue
		}
		q, ok := toPoly(sum, vars[0])
		if !ok {
			continue
		}
		c, r, n, ok := q.perfectPower()
		if !ok {
			continue
		}
		// c(x - p/d)^n is (c/d^n)(dx - p)^n: 28(2x - 1)^3, not 224(x - 1/2)^3.
		d := new(big.Rat).SetInt(r.Denom())
		base := subBare(mulBare(newNum(d), Sym(vars[0])), newNum(new(big.Rat).Mul(r, d)))
		c = new(big.Rat).Quo(c, new(big.Rat).SetInt(new(big.Int).Exp(r.Denom(), big.NewInt(int64(n)), nil)))
		fs := append([]Expr(nil), p.factors...)
		fs[i] = mulBare(newNum(c), powBare(base, Int(int64(n))))
		return mulBare(fs...), true
	}
	return nil, false
}
