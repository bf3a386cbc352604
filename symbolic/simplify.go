package symbolic

import (
	"math/big"
	"slices"
)

// Simplify returns the shortest of a few equivalent forms of e, measured by
// Ops, preferring e itself on a tie: sums over a common denominator with
// the numerator expanded (1/(x + 1) - x/(x + 1)^2 is 1/(x + 1)^2), and
// sums with their common factors taken out (x e^x + e^x is (x + 1)e^x).
// The constructors already collect like terms; Simplify does what costs
// more and what does not always shorten.
//
// A form that cancels a part keeps that part's domain as a condition (see
// Guarded): (x^2 - 1)/(x - 1) is x + 1 only for x ≠ 1.
func Simplify(e Expr) Expr {
	s := &simplifier{memo: map[Expr]Expr{}, factored: map[*Sum]Expr{}, counted: map[Expr]int{}, x: &expander{memo: map[Expr]expansion{}}}
	return keepDomain(e, s.finish(s.simplify(e)))
}

// finish tries, on the whole of a simplified expression only, forms that
// inside it would cost more than they save: in a part they hide what the
// parts of a sum share, so that a common denominator no longer comes out
// (an identity applied in one term and not in the next). It returns the
// shortest, r itself on a tie.
//
// A sum inside a product is written by the identities of trigSum, and the
// sign of the product may go into it: sec(x)(tan(x)^2 + sec(x)^2) is
// sec(x)(2sec(x)^2 - 1), -sin(x)(2cos(x)^2 + sin(x)^2 + 1)/… is
// sin(x)(sin(x)^2 - 3)/…; a sum first has its common factors taken out;
// and a product is multiplied through by e^u (throughExponentials).
func (s *simplifier) finish(r Expr) Expr {
	best, bestOps := r, s.ops(r)
	try := func(cs []Expr) {
		for _, c := range cs {
			if n := s.ops(c); n < bestOps {
				best, bestOps = c, n
			}
		}
	}
	switch e := r.(type) {
	case *Sum:
		if p, ok := s.factorCommon(e).(*Product); ok {
			try([]Expr{p})
			try(sumsInside(p))
		}
		if exponentialTimesSum(e) {
			// 1 - e^(-x)(e^x - 5) is 5e^(-x): the powers of e cancel
			// once multiplied out.
			if x, ok := s.x.expand(e); ok {
				try([]Expr{x})
			}
		}
	case *Product:
		try(sumsInside(e))
		try(throughExponentials(e))
		try(contentOut(e))
	}
	return best
}

// contentOut are the forms of a product with the number its sum's terms
// share taken out of the sum: (40x^4/9 - 34x^2/9 - 2/9)/cbrt(x)^5 is
// 2(20x^4 - 17x^2 - 1)/(9cbrt(x)^5).
func contentOut(p *Product) []Expr {
	var out []Expr
	for i, f := range p.factors {
		sum, ok := f.(*Sum)
		if !ok {
			continue
		}
		if c := contentOf(sum.terms); !isOneRat(c) {
			fs := slices.Clone(p.factors)
			fs[i] = scaleSum(new(big.Rat).Inv(c), sum)
			out = append(out, mulBare(append(fs, newNum(c))...))
		}
	}
	return out
}

// sumsInside are the forms of a product with one of its sums (to the
// first power) written by trigSum, and, where the product is negative,
// with its sign taken into the sum.
func sumsInside(p *Product) []Expr {
	var out []Expr
	negative := isNegative(p)
	for i, f := range p.factors {
		sum, ok := f.(*Sum)
		if !ok || len(sum.terms) > maxPairTerms {
			continue
		}
		for j, in := range append([]Expr{sum}, trigSum(sum)...) {
			fs := append([]Expr(nil), p.factors...)
			if j > 0 {
				fs[i] = in
				out = append(out, mulBare(fs...))
			}
			if negative {
				fs[i] = negBare(in)
				out = append(out, mulBare(append(fs, minusOne)...))
			}
		}
	}
	return out
}

// Bounds on the forms Simplify tries, so that its cost stays small beside
// the work that made the expression: the terms of an expanded numerator,
// the distinct factors of a common denominator, and the terms of a sum
// searched pairwise for identities.
const (
	maxExpandTerms  = 400
	maxDenominators = 12
	maxPairTerms    = 200
)

type simplifier struct {
	memo map[Expr]Expr
	// factored is factorCommon's result for each sum it was asked of:
	// finish asks again of the sum simplify kept.
	factored map[*Sum]Expr
	counted  map[Expr]int // Ops of the forms measured
	// x multiplies out for all the forms: they share their sums.
	x *expander
}

func (s *simplifier) ops(e Expr) int {
	n, ok := s.counted[e]
	if !ok {
		n = countOps(e, s.ops)
		s.counted[e] = n
	}
	return n
}

func (s *simplifier) factorCommon(sum *Sum) Expr {
	f, ok := s.factored[sum]
	if !ok {
		f = factorCommon(sum, s.x)
		s.factored[sum] = f
	}
	return f
}

func (s *simplifier) simplify(e Expr) Expr {
	if r, ok := s.memo[e]; ok {
		return r
	}
	var r Expr
	switch e := e.(type) {
	case *Sum:
		r = addBare(mapAll(e.terms, s.simplify)...)
	case *Product:
		r = mulBare(mapAll(e.factors, s.simplify)...)
	case *Power:
		r = powBare(s.simplify(e.base), s.simplify(e.exp))
	case *Call:
		r = Apply(e.fn, s.simplify(e.arg))
	case *Guarded:
		r = s.simplify(e.body)
	default:
		r = e
	}
	best, bestOps := r, s.ops(r)
	for _, c := range s.candidates(r) {
		if n := s.ops(c); n < bestOps {
			best, bestOps = c, n
		}
	}
	s.memo[e] = best
	return best
}

// Inside Simplify, forms are built without their guards (addBare, …):
// Simplify keeps the domain of what it was given whole (keepDomain), and
// the forms it tries are read by their shape, a sum or a product.
func addBare(terms ...Expr) Expr   { return bare(Add(terms...)) }
func mulBare(factors ...Expr) Expr { return bare(Mul(factors...)) }
func powBare(base, exp Expr) Expr  { return bare(Pow(base, exp)) }
func subBare(a, b Expr) Expr       { return bare(Sub(a, b)) }
func negBare(e Expr) Expr          { return bare(Neg(e)) }
func divBare(a, b Expr) Expr       { return bare(Div(a, b)) }
func bare(e Expr) Expr             { b, _ := Unguard(e); return b }

// candidates are the other forms of e worth measuring.
func (s *simplifier) candidates(e Expr) []Expr {
	var out []Expr
	switch e := e.(type) {
	case *Sum:
		out = append(out, s.sumForms(e)...)
		if len(e.terms) <= maxPairTerms {
			out = append(out, trigSum(e)...)
		}
		if multipliesSums(e) || slices.ContainsFunc(e.terms, timesSum) {
			// (x - 3)(x - 2) + (x - 3)(x - 1) + (x - 2)(x - 1) is
			// 3x^2 - 12x + 11, 2cos(x) - x sin(x) + x(-x cos(x) -
			// 3sin(x)) is 2cos(x) - x^2 cos(x) - 4x sin(x); but
			// 2(x^2 + y - 7) - 2(x - y + 1) keeps the shape of the chain
			// rule.
			if x, ok := s.x.expand(e); ok {
				out = append(out, x)
			}
		}
	case *Product:
		// (x^2 + 2x + 1)/(x + 1)^2 is 1: a factor of the denominator that
		// divides the numerator cancels.
		if c, ok := cancelFactors(e); ok {
			out = append(out, c)
		}
		// A sum inside a product may pay for its common denominator only
		// once the product cancels it: 1/(x^2(1/x^2 + 1)) is 1/(x^2 + 1).
		for i, f := range e.factors {
			b, x := baseExp(f)
			sum, ok := b.(*Sum)
			if !ok {
				continue
			}
			for _, t := range s.sumForms(sum) {
				fs := append([]Expr(nil), e.factors...)
				fs[i] = powBare(t, x)
				out = append(out, mulBare(fs...))
			}
		}
		out = append(out, s.overOneDenominator(e)...)
		out = append(out, trigProduct(e)...)
		out = append(out, cubeRoots(e)...)
	case *Power:
		if r, ok := reciprocalPower(e); ok {
			out = append(out, r)
		}
		// sqrt(1 - x^2/4) is sqrt(4 - x^2)/2.
		if sum, ok := e.base.(*Sum); ok {
			if c := contentOf(sum.terms); !c.IsInt() && c.Sign() > 0 {
				out = append(out, mulBare(powBare(newNum(c), e.exp), powBare(scaleSum(new(big.Rat).Inv(c), sum), e.exp)))
			}
		}
	}
	return out
}

// overOneDenominator are the forms of a quotient whose numerator is a sum,
// (u'v - uv')/v^2 as the quotient rule makes it, with the numerator
// multiplied out: then numeratorForms may cancel it with the denominator.
// (cos(x)(cos(x) + 1) + sin(x)^2)/(cos(x) + 1)^2 is 1/(cos(x) + 1).
//
// Only a product with one sum above the line is tried: one with many,
// (x1 + 1)(x2 + 2)…/(…), would be multiplied out for each.
func (s *simplifier) overOneDenominator(p *Product) []Expr {
	at, below := -1, false
	for i, f := range p.factors {
		if _, ok := f.(*Sum); ok {
			if at >= 0 {
				return nil
			}
			at = i
		} else if _, k := baseExp(f); isNegative(k) {
			below = true
		}
	}
	if at < 0 || !below {
		return nil
	}
	sum := p.factors[at].(*Sum)
	rest := slices.Delete(slices.Clone(p.factors), at, at+1)
	// Apart, as the product rule leaves it: cot(x)(sec(x)^2(3 - x) -
	// tan(x))/(3 - x) is cot(x) sec(x)^2 - 1/(3 - x).
	terms := make([]Expr, len(sum.terms))
	for j, t := range sum.terms {
		terms[j] = mulBare(append(rest[:len(rest):len(rest)], t)...)
	}
	out := []Expr{addBare(terms...)}
	x, ok := s.x.expand(sum)
	if !ok {
		return out
	}
	q := mulBare(append(rest, x)...)
	qp, ok := q.(*Product)
	if !ok {
		return append(out, q)
	}
	// A number common to the terms may go before, or below:
	// (15x^2/4 + 1/4)/x^(3/2) is (15x^2 + 1)/(4x^(3/2)).
	out = append(out, contentOut(qp)...)
	out = append(out, q)
	return append(out, s.numeratorForms(qp)...)
}

func (s *simplifier) sumForms(sum *Sum) []Expr {
	var out []Expr
	if t, ok := together(sum, s.x); ok {
		out = append(out, t)
		if p, ok := t.(*Product); ok {
			out = append(out, s.numeratorForms(p)...)
		} else if n, ok := t.(*Sum); ok {
			out = append(out, s.factorCommon(n))
		}
	}
	return append(out, s.factorCommon(sum))
}

// numeratorForms are the forms of a quotient with its numerator multiplied
// out: a factor of the denominator that divides it cancels, (2x^3 - 6x^2 +
// 8)/(x - 2)^2 is 2x + 2; a perfect power is written as one, (-6x^2 - 12x
// - 6)/(x - 1)^4 is -6(x + 1)^2/(x - 1)^4; and its common factors come
// out, and the identities of trigSum apply to it, after which it may
// cancel with the denominator: (cos(x)^2 + cos(x) + sin(x)^2)/(cos(x) +
// 1)^2 is 1/(cos(x) + 1).
func (s *simplifier) numeratorForms(p *Product) []Expr {
	var out []Expr
	if c, ok := cancelFactors(p); ok {
		out = append(out, c)
	}
	if c, ok := powerForm(p); ok {
		out = append(out, c)
	}
	for i, f := range p.factors {
		n, ok := f.(*Sum)
		if !ok {
			continue
		}
		fs := append([]Expr(nil), p.factors...)
		fs[i] = s.factorCommon(n)
		out = append(out, mulBare(fs...))
		if len(n.terms) > maxPairTerms {
			continue
		}
		for _, m := range trigSum(n) {
			fs[i] = m
			if ms, ok := m.(*Sum); ok {
				// Factored, as a book leaves it, where that is no
				// longer.
				if f := s.factorCommon(ms); s.ops(f) <= s.ops(m) {
					fs[i] = f
				}
			}
			out = append(out, mulBare(fs...))
		}
	}
	return out
}

// splitDenominator separates a term into its numerator and the powers of
// its denominator: 3x/(x + 1)^2 is 3x and {x + 1: 2}.
func splitDenominator(t Expr) (num []Expr, den []Expr, dexp []*big.Rat) {
	for _, f := range append([]Expr{coefficient(t)}, factorsOf(t)...) {
		b, x := baseExp(f)
		if n, ok := x.(*Num); ok && n.r.Sign() < 0 {
			den = append(den, b)
			dexp = append(dexp, new(big.Rat).Neg(&n.r))
			continue
		}
		num = append(num, f)
	}
	return num, den, dexp
}

// together writes a sum with denominators as one fraction with an expanded
// numerator. It reports false when there is nothing to combine or the
// numerator would grow past maxExpandTerms.
func together(sum *Sum, x *expander) (Expr, bool) {
	type denom struct {
		base Expr
		exp  *big.Rat
	}
	var lcd []*denom
	find := func(b Expr) *denom {
		for _, d := range lcd {
			if Equal(d.base, b) {
				return d
			}
		}
		return nil
	}
	type split struct {
		num  []Expr
		den  []Expr
		dexp []*big.Rat
	}
	parts := make([]split, len(sum.terms))
	for i, t := range sum.terms {
		num, den, dexp := splitDenominator(t)
		if slices.ContainsFunc(den, isZero) {
			return nil, false // 1/0 is no denominator to share
		}
		parts[i] = split{num, den, dexp}
		for j, b := range den {
			if d := find(b); d == nil {
				if len(lcd) == maxDenominators {
					return nil, false
				}
				lcd = append(lcd, &denom{b, dexp[j]})
			} else if dexp[j].Cmp(d.exp) > 0 {
				d.exp = dexp[j]
			}
		}
	}
	if len(lcd) == 0 {
		return nil, false
	}
	terms := make([]Expr, len(parts))
	for i, p := range parts {
		fs := append([]Expr(nil), p.num...)
		for _, d := range lcd {
			missing := new(big.Rat).Set(d.exp)
			for j, b := range p.den {
				if Equal(b, d.base) {
					missing.Sub(missing, p.dexp[j])
				}
			}
			if missing.Sign() > 0 {
				fs = append(fs, powBare(d.base, newNum(missing)))
			}
		}
		terms[i] = mulBare(fs...)
	}
	numerator, ok := x.expand(addBare(terms...))
	if !ok {
		return nil, false
	}
	// A fraction in every coefficient goes below: (5x^2 - 1)/(2sqrt(x)).
	fs := []Expr{numerator}
	if n, ok := numerator.(*Sum); ok {
		if c := contentOf(n.terms); !c.IsInt() {
			fs = []Expr{newNum(c), scaleSum(new(big.Rat).Inv(c), n)}
		}
	}
	for _, d := range lcd {
		fs = append(fs, powBare(d.base, newNum(new(big.Rat).Neg(d.exp))))
	}
	return mulBare(fs...), true
}

// expander multiplies out products and whole powers of sums, as far as
// maxExpandTerms allows, remembering the powers of sums it has expanded:
// a common denominator raises the same sum to the same powers many times.
type expander struct {
	powers []expandedPower
	memo   map[Expr]expansion // nil: nothing remembered
}

type expansion struct {
	e  Expr
	ok bool
}

type expandedPower struct {
	base  *Sum
	n     int64
	terms []Expr
}

func (x *expander) expand(e Expr) (Expr, bool) {
	if r, ok := x.memo[e]; ok {
		return r.e, r.ok
	}
	r, ok := x.multiply(e)
	if x.memo != nil {
		x.memo[e] = expansion{r, ok}
	}
	return r, ok
}

func (x *expander) multiply(e Expr) (Expr, bool) {
	switch e := e.(type) {
	case *Sum:
		terms := make([]Expr, 0, len(e.terms))
		for _, t := range e.terms {
			r, ok := x.expand(t)
			if !ok {
				return nil, false
			}
			terms = append(terms, r)
		}
		r := addBare(terms...)
		return r, termCount(r) <= maxExpandTerms
	case *Product:
		acc := []Expr{one}
		for _, f := range e.factors {
			r, ok := x.factor(f)
			if !ok {
				return nil, false
			}
			acc = multiplyOut(acc, r)
			if len(acc) > maxExpandTerms {
				return nil, false
			}
		}
		return addBare(acc...), true
	}
	r, ok := x.factor(e)
	return addBare(r...), ok
}

// factor returns the terms of one factor multiplied out.
func (x *expander) factor(f Expr) ([]Expr, bool) {
	switch f := f.(type) {
	case *Sum:
		r, ok := x.expand(f)
		return termsOf(r), ok
	case *Power:
		s, ok := f.base.(*Sum)
		n, isNum := f.exp.(*Num)
		if !ok || !isNum || !n.r.IsInt() || n.r.Sign() <= 0 || !n.r.Num().IsInt64() || n.r.Num().Int64() > 16 {
			return []Expr{f}, true
		}
		k := n.r.Num().Int64()
		for _, p := range x.powers {
			if p.n == k && Equal(p.base, s) {
				return p.terms, true
			}
		}
		acc := []Expr{one}
		for i := int64(0); i < k; i++ {
			acc = multiplyOut(acc, s.terms)
			if len(acc) > maxExpandTerms {
				return nil, false
			}
		}
		x.powers = append(x.powers, expandedPower{s, k, acc})
		return acc, true
	}
	return []Expr{f}, true
}

func termsOf(e Expr) []Expr {
	if s, ok := e.(*Sum); ok {
		return s.terms
	}
	return []Expr{e}
}

func termCount(e Expr) int { return len(termsOf(e)) }

// multiplyOut is the distributive law: (a + b)(c + d) is ac + ad + bc + bd,
// with like terms collected.
func multiplyOut(a, b []Expr) []Expr {
	out := make([]Expr, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, mulBare(x, y))
		}
	}
	return termsOf(addBare(out...))
}

// factorCommon takes out what every term of a sum shares: the rational
// content and the common powers, so 2x^3 cos(x) + 6x^2 sin(x) is
// 2x^2(x cos(x) + 3sin(x)).
//
// A polynomial stays expanded, as books print it: 3x^2 - 4x, not x(3x - 4).
func factorCommon(sum *Sum, x *expander) Expr {
	if isPolynomial(sum) {
		return sum
	}
	type common struct {
		base Expr
		exp  Expr // numeric: the least power; otherwise the power all share
	}
	var commons []*common
	for i, t := range sum.terms {
		var next []*common
		for _, f := range factorsOf(t) {
			b, x := baseExp(f)
			if i == 0 {
				if n, ok := x.(*Num); !ok || n.r.Sign() > 0 {
					next = append(next, &common{b, x})
				}
				continue
			}
			for _, c := range commons {
				if !Equal(c.base, b) {
					continue
				}
				cn, ok1 := c.exp.(*Num)
				xn, ok2 := x.(*Num)
				switch {
				case ok1 && ok2:
					// Only a power of the numerators: a common
					// denominator is together's work.
					if cn.r.Sign() > 0 && xn.r.Sign() > 0 {
						next = append(next, &common{b, minNum(cn, xn)})
					}
				case Equal(c.exp, x):
					next = append(next, c)
				}
			}
		}
		commons = next
	}
	content := contentOf(sum.terms)
	if len(commons) == 0 {
		// A number alone stays inside: 2(x^2 + y - 7) - 2(x - y + 1) keeps
		// the shape of the chain rule that made it; unless the sums inside
		// come to one term: (x - 1)/2 + (x + 1)/2 is x.
		if isOneRat(content) {
			return sum
		}
		inv := newNum(new(big.Rat).Inv(content))
		inner := make([]Expr, len(sum.terms))
		for i, t := range sum.terms {
			inner[i] = mulBare(t, inv)
		}
		flat, _ := x.expand(addBare(inner...))
		if flat == nil || termCount(flat) > 1 {
			return sum
		}
		return mulBare(newNum(content), flat)
	}
	outside := []Expr{newNum(content)}
	for _, c := range commons {
		outside = append(outside, powBare(c.base, c.exp))
	}
	g := mulBare(outside...)
	inv := powBare(g, minusOne)
	inner := make([]Expr, len(sum.terms))
	for i, t := range sum.terms {
		inner[i] = mulBare(t, inv)
	}
	in := addBare(inner...)
	if s, ok := in.(*Sum); ok && slices.ContainsFunc(s.terms, holdsSum) {
		// 6(2x + 3) + 5(3x - 1) is 27x + 13, 20(3x - 1)^2 + 60(2x +
		// 3)(3x - 1) + 27(2x + 3)^2 is 648x^2 + 624x + 83, and -2x +
		// x(x - 2) + 2 is x^2 - 4x + 2, where it comes out shorter.
		if e, ok := x.expand(s); ok && Ops(e) < Ops(s) {
			in = e
			// 2(…)(1296x^2 + 1248x + 166) is 4(…)(648x^2 + 624x + 83).
			if xs, ok := e.(*Sum); ok {
				if c := contentOf(xs.terms); !isOneRat(c) {
					g, in = mulBare(g, newNum(c)), scaleSum(new(big.Rat).Inv(c), xs)
				}
			}
		}
	}
	return mulBare(g, in)
}

// contentOf is the positive rational that divides every coefficient to an
// integer with no common factor, negated when the first term is negative
// and so are most of the others.
func contentOf(terms []Expr) *big.Rat {
	num := new(big.Int)
	den := big.NewInt(1)
	negatives := 0
	for _, t := range terms {
		c, _ := splitTerm(t)
		num.GCD(nil, nil, num, new(big.Int).Abs(c.Num()))
		d := c.Denom()
		den.Div(new(big.Int).Mul(den, d), new(big.Int).GCD(nil, nil, den, d))
		if c.Sign() < 0 {
			negatives++
		}
	}
	r := new(big.Rat).SetFrac(num, den)
	if negatives == len(terms) {
		r.Neg(r)
	}
	return r
}

func minNum(a, b *Num) *Num {
	if a.r.Cmp(&b.r) <= 0 {
		return a
	}
	return b
}

// isPolynomial reports whether every term is a number times whole powers
// of symbols.
func isPolynomial(sum *Sum) bool {
	for _, t := range sum.terms {
		for _, f := range factorsOf(t) {
			b, x := baseExp(f)
			if _, ok := b.(*Symbol); !ok {
				return false
			}
			if n, ok := x.(*Num); !ok || !n.r.IsInt() || n.r.Sign() < 0 {
				return false
			}
		}
	}
	return true
}

// scaleSum multiplies every term of a sum by c, which Mul leaves to the
// reader: 4(1 - x^2/4) is 4 - x^2.
func scaleSum(c *big.Rat, sum *Sum) Expr {
	terms := make([]Expr, len(sum.terms))
	for i, t := range sum.terms {
		tc, rest := splitTerm(t)
		terms[i] = withCoef(new(big.Rat).Mul(c, tc), rest)
	}
	return addBare(terms...)
}

// cubeRoots writes u^m as cbrt(u)^(3m) in a product that holds cbrt(u), so
// that x/cbrt(x)^2 is cbrt(x): cbrt(u)^3 is u for every real u.
func cubeRoots(p *Product) []Expr {
	var out []Expr
	for _, f := range p.factors {
		b, _ := baseExp(f)
		c, ok := b.(*Call)
		if !ok || c.fn != fnCbrt {
			continue
		}
		for j, g := range p.factors {
			gb, gx := baseExp(g)
			if Equal(gb, c.arg) && isInteger(gx) {
				fs := append([]Expr(nil), p.factors...)
				fs[j] = powBare(c, mulBare(Int(3), gx))
				out = append(out, mulBare(fs...))
			}
		}
	}
	return out
}

// throughExponentials multiplies a sum that holds e^(-u) through by e^u,
// in a product that holds the sum to a whole power k: the sum is e^(-u)
// times a sum without that exponential, and e^(-ku) joins the product's
// other powers of e. e^(-x)/(e^(-x) + 1)^2 is e^x/(e^x + 1)^2, and
// -e^(-x)/(e^(-x) + 1) is -1/(e^x + 1). (e^u is positive and defined
// wherever u is, so the sum and the product keep their zeros and domain.)
// finish tries it on Simplify's result as a whole.
func throughExponentials(p *Product) []Expr {
	var out []Expr
	for i, f := range p.factors {
		b, k := baseExp(f)
		sum, ok := b.(*Sum)
		if !ok || !isInteger(k) {
			continue
		}
		var u Expr // the first e^(-u) of the sum
		for _, t := range sum.terms {
			for _, g := range factorsOf(t) {
				if gb, gx := baseExp(g); gb == E && isNegative(gx) && u == nil {
					u = negBare(gx)
				}
			}
		}
		if u == nil {
			continue
		}
		through, ok := (&expander{}).expand(mulBare(sum, powBare(E, u)))
		if !ok {
			continue
		}
		fs := append([]Expr(nil), p.factors...)
		fs[i] = powBare(through, k)
		out = append(out, mulBare(append(fs, powBare(E, mulBare(negBare(u), k)))...))
	}
	return out
}

// exponentialTimesSum reports whether a term of sum is a power of e times
// a sum that holds a power of e: multiplied out, the powers may cancel.
func exponentialTimesSum(sum *Sum) bool {
	isExp := func(f Expr) bool { b, _ := baseExp(f); return b == E }
	for _, t := range sum.terms {
		fs := factorsOf(t)
		if !slices.ContainsFunc(fs, isExp) {
			continue
		}
		for _, f := range fs {
			if inner, ok := f.(*Sum); ok && slices.ContainsFunc(inner.terms, func(u Expr) bool {
				return slices.ContainsFunc(factorsOf(u), isExp)
			}) {
				return true
			}
		}
	}
	return false
}

// holdsSum reports whether a term has a sum, or a power of one, among
// its factors.
func holdsSum(t Expr) bool {
	return slices.ContainsFunc(factorsOf(t), func(f Expr) bool {
		b, _ := baseExp(f)
		_, ok := b.(*Sum)
		return ok
	})
}

// timesSum reports whether a term multiplies a sum by more than a number.
func timesSum(t Expr) bool { return holdsSum(t) && !restIsSum(t) }

// multipliesSums reports whether a term of sum multiplies sums together.
func multipliesSums(sum *Sum) bool {
	for _, t := range sum.terms {
		n := 0
		for _, f := range factorsOf(t) {
			b, x := baseExp(f)
			if _, ok := b.(*Sum); ok {
				if k, ok := x.(*Num); ok && k.r.IsInt() && k.r.Sign() > 0 {
					n += int(min(k.r.Num().Int64(), 2))
				}
			}
		}
		if n >= 2 {
			return true
		}
	}
	return false
}
