package symbolic

import (
	"math"
	"math/big"
	"slices"
)

func newSum(terms []Expr) *Sum {
	return &Sum{terms: terms, h: mixExprs('+', terms), n: addSizes(terms), f: partsFacts(terms)}
}

func newProduct(factors []Expr) *Product {
	return &Product{factors: factors, h: mixExprs('*', factors), n: addSizes(factors), f: partsFacts(factors)}
}

func newPower(base, exp Expr) *Power {
	f := factsOf(base) | factsOf(exp)
	if f&namesVariable == 0 && powNeed(base, exp) != needNothing {
		f |= closedNeed
	}
	return &Power{base: base, exp: exp, h: mix('^', base.hash(), exp.hash()), n: int32(min(1+base.size()+exp.size(), math.MaxInt32)), f: f}
}

// splitTerm returns a term's rational coefficient and the rest of it; the
// rest is nil for a number.
func splitTerm(t Expr) (*big.Rat, Expr) {
	switch t := t.(type) {
	case *Num:
		return &t.r, nil
	case *Product:
		if c, ok := t.factors[0].(*Num); ok {
			if len(t.factors) == 2 {
				return &c.r, t.factors[1]
			}
			return &c.r, newProduct(t.factors[1:])
		}
	}
	return &one.r, t
}

func coefficient(t Expr) Expr {
	return newNum(coefOf(t))
}

// coefOf is the coefficient splitTerm gives, without the rest.
func coefOf(t Expr) *big.Rat {
	switch t := t.(type) {
	case *Num:
		return &t.r
	case *Product:
		if c, ok := t.factors[0].(*Num); ok {
			return &c.r
		}
	}
	return &one.r
}

// withCoef builds c·rest from a rest that has no coefficient of its own.
func withCoef(c *big.Rat, rest Expr) Expr {
	switch {
	case c.Sign() == 0:
		return zero
	case rest == nil:
		return newNum(c)
	case isOneRat(c):
		return rest
	}
	return scaled(newNum(c), rest)
}

// withCoefNum is withCoef for a coefficient, not 0, that is already a
// number, which the product shares. (0·u is Mul's: it keeps u's domain.)
func withCoefNum(c *Num, rest Expr) Expr {
	if isOneRat(&c.r) {
		return rest
	}
	return scaled(c, rest)
}

// scaled is the product c·rest, for c neither 0 nor 1.
func scaled(c *Num, rest Expr) Expr {
	if p, ok := rest.(*Product); ok {
		fs := make([]Expr, 0, 1+len(p.factors))
		return newProduct(append(append(fs, c), p.factors...))
	}
	return newProduct2(c, rest)
}

// newProduct2 is newProduct([]Expr{a, b}) in one allocation, the product
// with its list of factors: a sum of many terms c·x^n holds many.
func newProduct2(a, b Expr) *Product {
	q := &struct {
		p  Product
		fs [2]Expr
	}{fs: [2]Expr{a, b}}
	q.p = Product{factors: q.fs[:], h: mixExprs('*', q.fs[:]), n: addSizes(q.fs[:]), f: partsFacts(q.fs[:])}
	return &q.p
}

// isOneRat reports whether r is 1, without the allocations of r.Cmp.
func isOneRat(r *big.Rat) bool {
	return r.IsInt() && r.Num().IsInt64() && r.Num().Int64() == 1
}

// cmpRat is a.Cmp(b), without its copies of the numerators when both are
// whole, as most coefficients are: sorting a sum compares them often.
func cmpRat(a, b *big.Rat) int {
	if a.IsInt() && b.IsInt() {
		return a.Num().Cmp(b.Num())
	}
	return a.Cmp(b)
}

// rebuilds reports whether withCoef(c, rest) is t again, for c and rest
// from splitTerm(t): then a term without like terms is kept as it is.
func rebuilds(t Expr, c *big.Rat, rest Expr) bool {
	switch {
	case rest == t: // c is 1
		return true
	case c.Sign() == 0 || isOneRat(c):
		return false
	}
	if p, ok := t.(*Product); ok && len(p.factors) == 2 {
		_, nested := p.factors[1].(*Product)
		return !nested
	}
	return true
}

// Add returns the sum of terms with nested sums flattened, numbers folded
// and like terms collected (x + 2x is 3x).
func Add(terms ...Expr) Expr {
	terms, conds := liftGuards(terms)
	flat, n := terms, 0
	for _, t := range terms {
		if s, ok := t.(*Sum); ok {
			n += len(s.terms) - 1
		}
	}
	if n > 0 {
		// Only read, as terms is when no term is a sum.
		flat = make([]Expr, 0, len(terms)+n)
		for _, t := range terms {
			if s, ok := t.(*Sum); ok {
				flat = append(flat, s.terms...)
			} else {
				flat = append(flat, t)
			}
		}
	}
	sum, dropped := collectTerms(distributeWhereItCombines(flat))
	if conds != nil || dropped != nil {
		return guard(sum, append(conds, dropped...))
	}
	return sum
}

// distributeWhereItCombines expands a term c·(a + b + …) into the sum when
// one of a, b, … is like another term of the sum, so x + 1 - (x + 1) is 0,
// while 2(x - y + 1) stays as a book writes it.
func distributeWhereItCombines(terms []Expr) []Expr {
	if !slices.ContainsFunc(terms, restIsSum) {
		return terms // nothing to expand
	}
	outer := map[uint64][]Expr{}
	for _, u := range terms {
		if _, r := splitTerm(u); r != nil {
			outer[r.hash()] = append(outer[r.hash()], r)
		}
	}
	combines := func(inner *Sum) bool {
		for _, it := range inner.terms {
			if _, r := splitTerm(it); r != nil {
				for _, o := range outer[r.hash()] {
					if Equal(o, r) {
						return true
					}
				}
			}
		}
		return false
	}
	var out []Expr
	for i, t := range terms {
		c, rest := splitTerm(t)
		inner, ok := rest.(*Sum)
		if !ok || !combines(inner) {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = slices.Clone(terms[:i])
		}
		for _, it := range inner.terms {
			ic, ir := splitTerm(it)
			out = append(out, withCoef(new(big.Rat).Mul(c, ic), ir))
		}
	}
	if out == nil {
		return terms
	}
	return out
}

// restIsSum reports whether splitTerm(t) gives a sum, without building the
// rest of a product.
func restIsSum(t Expr) bool {
	switch t := t.(type) {
	case *Sum:
		return true
	case *Product:
		if _, ok := t.factors[0].(*Num); ok && len(t.factors) == 2 {
			_, ok := t.factors[1].(*Sum)
			return ok
		}
	}
	return false
}

// collectTerms adds terms, collecting like ones; it returns the like terms
// that cancelled and whose domain is not everywhere, as ln(x) - ln(x) is 0
// only for x > 0.
func collectTerms(terms []Expr) (Expr, []Expr) {
	// like is the terms with one rest: the first of them, t, and the sum
	// of their coefficients, which is t's own until a second term comes.
	// Likes whose rests have one hash are chained by next.
	type like struct {
		t, rest Expr
		coef    *big.Rat
		n, next int32
	}
	var constant big.Rat
	likes := make([]like, 0, len(terms))
	byHash := make(map[uint64]int32, len(terms))
	for _, t := range terms {
		c, rest := splitTerm(t)
		if rest == nil {
			constant.Add(&constant, c)
			continue
		}
		h := rest.hash()
		first, ok := byHash[h]
		if !ok {
			first = -1
		}
		k := first
		for k >= 0 && !Equal(likes[k].rest, rest) {
			k = likes[k].next
		}
		if k < 0 {
			byHash[h] = int32(len(likes))
			likes = append(likes, like{t: t, rest: rest, coef: c, n: 1, next: first})
			continue
		}
		l := &likes[k]
		if l.n == 1 {
			l.coef = new(big.Rat).Set(l.coef)
		}
		l.coef.Add(l.coef, c)
		l.n++
	}
	out := make([]Expr, 0, len(likes)+1)
	var dropped []Expr
	for i := range likes {
		l := &likes[i]
		switch {
		case l.n == 1 && rebuilds(l.t, l.coef, l.rest):
			out = append(out, l.t)
		case l.coef.Sign() != 0:
			out = append(out, withCoef(l.coef, l.rest))
		case !total(l.rest):
			dropped = append(dropped, l.rest)
		}
	}
	sortTerms(out)
	if constant.Sign() != 0 {
		out = append(out, newNum(&constant))
	}
	switch len(out) {
	case 0:
		return zero, dropped
	case 1:
		return out[0], dropped
	}
	return newSum(out), dropped
}

// Mul returns the product of factors with nested products flattened,
// numbers folded into one coefficient and powers of a common base combined
// (x·x^2 is x^3, x/x is 1).
func Mul(factors ...Expr) Expr {
	if len(factors) == 2 {
		// The common case of a number times one factor: 5sin(x), 2x^3.
		if c, ok := factors[0].(*Num); ok && c.r.Sign() != 0 {
			switch f := factors[1].(type) {
			case *Symbol, *Constant, *Call, *Power:
				return withCoefNum(c, f)
			}
		}
	}
	coef := new(big.Rat).SetInt64(1)
	var conds []Expr // of guarded factors, and of what the product drops
	var groups []*group
	byHash := map[uint64][]*group{}
	quotients := false // a factor is tan, sec, …: see quotientRules
	var add func(f Expr)
	add = func(f Expr) {
		switch f := f.(type) {
		case *Num:
			coef.Mul(coef, &f.r)
			return
		case *Product:
			for _, g := range f.factors {
				add(g)
			}
			return
		case *Guarded:
			conds = append(conds, f.conds...)
			add(f.body)
			return
		}
		b, e := baseExp(f)
		if c, ok := b.(*Call); ok && c.fn.quotients != nil {
			quotients = true
		}
		for _, g := range byHash[b.hash()] {
			if Equal(g.base, b) {
				g.exps = append(g.exps, e)
				return
			}
		}
		g := &group{base: b, exps: []Expr{e}}
		groups = append(groups, g)
		byHash[b.hash()] = append(byHash[b.hash()], g)
	}
	for _, f := range factors {
		add(f)
	}
	groups = absorbEvenPowers(groups)
	groups = absorbIntoCubeRoots(groups)
	groups = cancelLogRatios(groups, coef)
	if coef.Sign() == 0 {
		// 0·u is 0 where u is defined.
		for _, g := range groups {
			for _, e := range g.exps {
				conds = append(conds, Pow(g.base, e))
			}
		}
		return guard(zero, conds)
	}
	if quotients {
		if fs, ok := cancelQuotients(groups); ok {
			// tan(x)^2 cos(x) is sin(x) tan(x), which keeps tan's domain
			// itself: the condition tan(x) of tan(x)^0 is dropped.
			p, pc := Unguard(Mul(append(fs, newNum(coef))...))
			return guard(p, implied(p, append(conds, pc...)))
		}
	}
	out := make([]Expr, 0, len(groups)+1)
	again := false
	for _, g := range groups {
		var p Expr
		if len(g.exps) == 1 {
			p = Pow(g.base, g.exps[0])
		} else {
			p = Pow(g.base, Add(g.exps...))
			conds = append(conds, lostPowers(g.base, g.exps, p)...)
		}
		p, pc := Unguard(p)
		conds = append(conds, pc...)
		switch q := p.(type) {
		case *Num, *Product:
			again = true
		case *Power:
			// (x^2)^(1/2)·(x^2)^(1/2) is x^2, which may meet other powers of x.
			again = again || !Equal(q.base, g.base)
		}
		out = append(out, p)
	}
	if again {
		return guard(Mul(append(out, newNum(coef))...), conds)
	}
	if len(out) == 1 && cmpRat(coef, &minusOne.r) == 0 {
		if sum, ok := out[0].(*Sum); ok {
			// -(a + b) is -a - b.
			terms := make([]Expr, len(sum.terms))
			for i, t := range sum.terms {
				c, rest := splitTerm(t)
				terms[i] = withCoef(new(big.Rat).Neg(c), rest)
			}
			return guard(Add(terms...), conds)
		}
	}
	slices.SortFunc(out, compare)
	if !isOneRat(coef) {
		out = append([]Expr{newNum(coef)}, out...)
	}
	var p Expr
	switch len(out) {
	case 0:
		p = one
	case 1:
		p = out[0]
	default:
		p = newProduct(out)
	}
	if conds != nil {
		return guard(p, conds)
	}
	return p
}

// cancelLogRatios works out ln(a)/ln(b) for positive numbers a and b where
// a is a rational power of b, multiplying coef by it: log10(1000) is 3 and
// log(4, 8) is 3/2 exactly, as SymPy's log(1000, 10) is, not the
// 2.9999999999999996 that the quotient of two float64 logarithms gives.
func cancelLogRatios(groups []*group, coef *big.Rat) []*group {
	lnNum := func(g *group, exp int64) (*big.Rat, bool) {
		c, ok := g.base.(*Call)
		if !ok || c.fn != fnLn || len(g.exps) != 1 {
			return nil, false
		}
		e, ok := g.exps[0].(*Num)
		if !ok || !e.r.IsInt() || !e.r.Num().IsInt64() || e.r.Num().Int64() != exp {
			return nil, false
		}
		a, ok := c.arg.(*Num)
		if !ok || a.r.Sign() <= 0 {
			return nil, false
		}
		return &a.r, true
	}
	for i := 0; i < len(groups); i++ {
		a, ok := lnNum(groups[i], 1)
		if !ok {
			continue
		}
		for j := 0; j < len(groups); j++ {
			b, ok := lnNum(groups[j], -1)
			if !ok {
				continue
			}
			k, ok := rationalLog(a, b)
			if !ok {
				continue
			}
			coef.Mul(coef, k)
			out := groups[:0:0]
			for n, g := range groups {
				if n != i && n != j {
					out = append(out, g)
				}
			}
			return cancelLogRatios(out, coef)
		}
	}
	return groups
}

// rationalLog returns k = p/q with a = b^k, for positive rationals a and b
// (b not 1) where there is one with q ≤ 12 and powers of a size that exact
// arithmetic works out at once.
func rationalLog(a, b *big.Rat) (*big.Rat, bool) {
	one := big.NewRat(1, 1)
	if b.Cmp(one) == 0 {
		return nil, false
	}
	k := lnRat(a) / lnRat(b)
	if math.IsNaN(k) || math.IsInf(k, 0) {
		return nil, false
	}
	bits := func(r *big.Rat) int { return r.Num().BitLen() + r.Denom().BitLen() }
	for q := int64(1); q <= 12; q++ {
		p := math.Round(k * float64(q))
		if math.Abs(k*float64(q)-p) > 1e-6 || math.Abs(p)*float64(bits(b)) > 1<<16 || float64(q*int64(bits(a))) > 1<<16 {
			continue
		}
		// a^q = b^p, both sides exact.
		lhs := ratPow(a, q)
		rhs := ratPow(b, int64(math.Abs(p)))
		if p < 0 {
			rhs.Inv(rhs)
		}
		if lhs.Cmp(rhs) == 0 {
			return big.NewRat(int64(p), q), true
		}
	}
	return nil, false
}

// lnRat is ln(r) for r > 0 in float64, also where r itself is beyond
// float64 (1e-400, 10^700): ln(n/d) = ln(n) - ln(d), each from its top 64
// bits and its length.
func lnRat(r *big.Rat) float64 {
	lnInt := func(n *big.Int) float64 {
		shift := max(n.BitLen()-64, 0)
		top, _ := new(big.Float).SetInt(new(big.Int).Rsh(n, uint(shift))).Float64()
		return math.Log(top) + float64(shift)*math.Ln2
	}
	return lnInt(r.Num()) - lnInt(r.Denom())
}

// ratPow is r^n for n ≥ 0.
func ratPow(r *big.Rat, n int64) *big.Rat {
	num := new(big.Int).Exp(r.Num(), big.NewInt(n), nil)
	den := new(big.Int).Exp(r.Denom(), big.NewInt(n), nil)
	return new(big.Rat).SetFrac(num, den)
}

// group is the factors of a product with one base: base^exps[0]·….
type group struct {
	base Expr
	exps []Expr
}

// absorbEvenPowers moves the even whole powers of u into the powers of
// |u| in the same product, where they are equal for every real u: x^2/abs(x)
// is abs(x), so the derivative of x abs(x) is 2abs(x). An odd power above
// a |u| below the line gives it its even part: x^3/abs(x) is x abs(x), as
// the derivative of |x|^3 is written in books, 3x|x|.
func absorbEvenPowers(groups []*group) []*group {
	for _, g := range groups {
		c, ok := g.base.(*Call)
		if !ok || c.fn != fnAbs {
			continue
		}
		for i, h := range groups {
			if !Equal(h.base, c.arg) {
				continue
			}
			// x·x is x^2 as much as x^2 is: the powers count together.
			if n, ok := integerSum(h.exps); ok && isEvenInteger(newNum(n)) {
				g.exps = append(g.exps, h.exps...)
				return absorbEvenPowers(slices.Delete(slices.Clone(groups), i, i+1))
			}
			if n, ok := oddAbove(h.exps); ok && negativeInteger(g.exps) {
				g.exps = append(g.exps, newNum(new(big.Rat).Sub(n, big.NewRat(1, 1))))
				h.exps = []Expr{one}
			}
		}
	}
	return groups
}

// absorbIntoCubeRoots writes a whole power of u over a cube root of u as
// a power of the root, where that leaves a smaller one: x/cbrt(x)^2 is
// cbrt(x) (u^a is cbrt(u)^(3a) for every real u), so (x cbrt(x))' is
// 4cbrt(x)/3. x^2/cbrt(x) stays: cbrt(x)^5 reads worse.
func absorbIntoCubeRoots(groups []*group) []*group {
	for _, g := range groups {
		c, ok := g.base.(*Call)
		if !ok || c.fn != fnCbrt || len(g.exps) != 1 {
			continue
		}
		b, ok := g.exps[0].(*Num)
		if !ok || !b.r.IsInt() || b.r.Sign() >= 0 || !b.r.Num().IsInt64() {
			continue
		}
		for i, h := range groups {
			if !Equal(h.base, c.arg) || len(h.exps) != 1 {
				continue
			}
			a, ok := h.exps[0].(*Num)
			if !ok || !a.r.IsInt() || a.r.Sign() <= 0 || !a.r.Num().IsInt64() {
				continue
			}
			if m := 3*a.r.Num().Int64() + b.r.Num().Int64(); m >= 0 && m < -b.r.Num().Int64() {
				g.exps = append(g.exps, intNum(3*a.r.Num().Int64()))
				return absorbIntoCubeRoots(slices.Delete(slices.Clone(groups), i, i+1))
			}
		}
	}
	return groups
}

// oddAbove is the power of a group, its powers added, when that is an odd
// whole number of at least 3.
func oddAbove(exps []Expr) (*big.Rat, bool) {
	n, ok := integerSum(exps)
	if !ok || n.Num().Bit(0) == 0 || n.Cmp(big.NewRat(3, 1)) < 0 {
		return nil, false
	}
	return n, true
}

// negativeInteger reports whether the powers of a group add up to a
// negative whole number.
func negativeInteger(exps []Expr) bool {
	n, ok := integerSum(exps)
	return ok && n.Sign() < 0
}

// integerSum is the sum of exps when each is a whole number.
func integerSum(exps []Expr) (*big.Rat, bool) {
	sum := new(big.Rat)
	for _, e := range exps {
		n, ok := e.(*Num)
		if !ok || !n.r.IsInt() {
			return nil, false
		}
		sum.Add(sum, &n.r)
	}
	return sum, true
}

// cancelQuotients applies one rule of quotientRules to the groups of a
// product, where both functions have the same argument and whole positive
// powers: tan(x)^2 cos(x) is tan(x) sin(x). It returns the factors after
// the rule, or false where no rule applies. A function whose power falls
// to 0 is there as f(u)^0, which is 1 where f(u) is defined (Pow): so
// tan(x)cos(x) is sin(x) only where tan(x) is. Each rule lowers the power
// of a quotient, so applying them again and again ends.
func cancelQuotients(groups []*group) ([]Expr, bool) {
	for i, g := range groups {
		q, ok := g.base.(*Call)
		if !ok || q.fn.quotients == nil {
			continue
		}
		a, ok := wholePositive(g.exps)
		if !ok {
			continue
		}
		for _, rule := range q.fn.quotients {
			for j, h := range groups {
				p, ok := h.base.(*Call)
				if !ok || p.fn != rule.p || !Equal(p.arg, q.arg) {
					continue
				}
				b, ok := wholePositive(h.exps)
				if !ok {
					continue
				}
				k := min(a, b)
				var fs []Expr
				for m, o := range groups {
					switch m {
					case i:
						fs = append(fs, Pow(q, Int(a-k)))
					case j:
						fs = append(fs, Pow(p, Int(b-k)))
					default:
						for _, e := range o.exps {
							fs = append(fs, Pow(o.base, e))
						}
					}
				}
				if rule.r != nil {
					fs = append(fs, Pow(Apply(rule.r, q.arg), Int(k)))
				}
				return fs, true
			}
		}
	}
	return nil, false
}

// wholePositive is the sum of exps when each is a whole positive number
// that fits an int64 with room to spare.
func wholePositive(exps []Expr) (int64, bool) {
	var sum int64
	for _, e := range exps {
		n, ok := e.(*Num)
		if !ok || !n.r.IsInt() || n.r.Sign() <= 0 || !n.r.Num().IsInt64() || n.r.Num().Int64() > 1<<20 {
			return 0, false
		}
		sum += n.r.Num().Int64()
	}
	return sum, true
}

// lostPowers are the powers base^e, e in exps, whose domain the product of
// them, p, no longer asks for: x·x^-1 is 1 only for x ≠ 0.
func lostPowers(base Expr, exps []Expr, p Expr) []Expr {
	var have need
	p, _ = Unguard(p)
	if q, ok := p.(*Power); ok && Equal(q.base, base) {
		have = enforcedNeed(q)
	}
	var lost []Expr
	for _, e := range exps {
		if n := powNeed(base, e); n != needNothing && !covers(have, n) {
			lost = append(lost, Pow(base, e))
		}
	}
	return lost
}

// Neg returns -e.
func Neg(e Expr) Expr {
	if n, ok := e.(*Num); ok {
		return negNum(n)
	}
	return Mul(minusOne, e)
}

// Sub returns a - b.
func Sub(a, b Expr) Expr { return Add(a, Neg(b)) }

// Div returns a/b.
func Div(a, b Expr) Expr { return Mul(a, Pow(b, minusOne)) }

// maxExactBits bounds exact powers of numbers: 2^(10^9) stays unevaluated
// rather than filling memory.
const maxExactBits = 1 << 16

// Pow returns base^exp, folding exact numbers and simplifying where it is
// valid for every real value: (x^a)^n is x^(an) for integer n, (2x)^3 is
// 8x^3, e^ln(u) is u.
func Pow(base, exp Expr) Expr {
	if g, ok := base.(*Guarded); ok {
		return guard(Pow(g.body, exp), g.conds)
	}
	if g, ok := exp.(*Guarded); ok {
		return guard(Pow(base, g.body), g.conds)
	}
	switch {
	case isZero(exp):
		return guard(one, []Expr{base}) // u^0 is 1 where u is defined
	case isOne(exp):
		return base
	case isOne(base):
		return guard(one, []Expr{exp})
	}
	en, expIsNum := exp.(*Num)
	if bn, ok := base.(*Num); ok {
		if bn.r.Sign() == 0 && expIsNum && en.r.Sign() > 0 {
			return zero
		}
		if expIsNum {
			if v, ok := foldPow(&bn.r, &en.r); ok {
				return v
			}
		}
	}
	switch b := base.(type) {
	case *Sum:
		// A sum of negative terms to a whole power is written with
		// its sign outside: (-x - 1)^2 is (x + 1)^2, 1/(-2x - 2) is
		// -1/(2x + 2).
		if expIsNum && en.r.IsInt() && !slices.ContainsFunc(b.terms, func(t Expr) bool { return !isNegative(t) }) {
			p := Pow(Neg(b), exp)
			if en.r.Num().Bit(0) == 1 {
				return Neg(p)
			}
			return p
		}
	case *Power:
		// (u^a)^b is u^(ab) for whole b, for a positive u, and for a
		// fraction a of even denominator, which already needs u >= 0:
		// sqrt(sqrt(x)) is x^(1/4). Odd roots are real for u < 0, where
		// (x^(2/3))^(1/2) is |x|^(1/3), not x^(1/3).
		if isInteger(exp) || isPositiveConstant(b.base) || isFraction(b.exp) && !oddDenominator(&b.exp.(*Num).r) {
			// sqrt(x)^2 is x only for x >= 0.
			p := Pow(b.base, Mul(b.exp, exp))
			return guard(p, lostPowers(b.base, []Expr{b.exp}, p))
		}
		// (u^(2k))^r is |u|^(2kr) for every real u: sqrt(x^2) is |x|.
		if isEvenInteger(b.exp) && expIsNum {
			return Pow(Apply(fnAbs, b.base), Mul(b.exp, exp))
		}
	case *Call:
		// |u|^(2k) is u^(2k): abs(x)^2 is x^2, and x/abs(x)^2 is 1/x.
		if b.fn == fnAbs && isEvenInteger(exp) {
			return Pow(b.arg, exp)
		}
		// A quotient to a negative whole power is its reciprocal's power
		// where it is defined: 1/sec(x) is cos(x), 1/tan(x) is cot(x)
		// (where tan(x) is defined: cot(π/2) is 0, 1/tan(π/2) nothing).
		if expIsNum && en.r.IsInt() && en.r.Sign() < 0 {
			for _, rule := range quotientRules {
				switch {
				case rule.r != nil:
				case rule.q == b.fn:
					return guard(Pow(Apply(rule.p, b.arg), Neg(exp)), []Expr{base})
				case rule.p == b.fn && rule.p.quotients != nil: // 1/cot(x) is tan(x)
					return guard(Pow(Apply(rule.q, b.arg), Neg(exp)), []Expr{base})
				}
			}
		}
		// cbrt(u)^(3k) is u^k: the real cube root is defined for every u,
		// so no domain is lost (cbrt(x + 1)^3 is x + 1).
		if b.fn == fnCbrt && expIsNum && en.r.IsInt() {
			if k := new(big.Int).Div(en.r.Num(), big.NewInt(3)); new(big.Int).Mul(k, big.NewInt(3)).Cmp(en.r.Num()) == 0 {
				return Pow(b.arg, newNum(new(big.Rat).SetInt(k)))
			}
		}
	case *Product:
		if isInteger(exp) {
			fs := make([]Expr, len(b.factors))
			for i, f := range b.factors {
				fs[i] = Pow(f, exp)
			}
			return Mul(fs...)
		}
		// (cu)^r is c^r u^r for a number r, where c^r folds; for another r
		// c^r and u^r may overflow or underflow where (cu)^r does not:
		// ((x/4)^2)^(3^(x^2)) at x = -2.29.
		if c, ok := b.factors[0].(*Num); ok && c.r.Sign() > 0 && expIsNum {
			return Mul(Pow(c, exp), Pow(Mul(b.factors[1:]...), exp))
		}
	case *Constant:
		if b == E {
			if u, ok := lnOf(exp); ok {
				return guard(u, []Expr{exp}) // e^ln(u) is u for u > 0
			}
		}
	}
	return newPower(base, exp)
}

// lnOf recognises ln(u) and n·ln(u), giving u and u^n, so e^(2ln(x)) is x^2.
func lnOf(e Expr) (Expr, bool) {
	switch e := e.(type) {
	case *Call:
		if e.fn == fnLn {
			return e.arg, true
		}
	case *Product:
		if len(e.factors) == 2 {
			if c, ok := e.factors[1].(*Call); ok && c.fn == fnLn {
				if _, ok := e.factors[0].(*Num); ok {
					return Pow(c.arg, e.factors[0]), true
				}
			}
		}
	}
	return nil, false
}

// oddDenominator reports whether r's denominator is odd: then u^r is real
// for u < 0, as books use it: (-8)^(1/3) is -2 and (-8)^(2/3) is 4.
func oddDenominator(r *big.Rat) bool { return r.Denom().Bit(0) == 1 }

func isEvenInteger(e Expr) bool {
	n, ok := e.(*Num)
	return ok && n.r.IsInt() && n.r.Num().Bit(0) == 0 && n.r.Sign() != 0
}

func isFraction(e Expr) bool {
	n, ok := e.(*Num)
	return ok && !n.r.IsInt()
}

func isPositiveConstant(e Expr) bool {
	switch e := e.(type) {
	case *Constant:
		return true
	case *Num:
		return e.r.Sign() > 0
	}
	return false
}

// foldPow computes b^e exactly when the result is rational and not huge.
func foldPow(b, e *big.Rat) (Expr, bool) {
	if b.Sign() == 0 && e.Sign() < 0 {
		return nil, false // 1/0: left for evaluation to report
	}
	if !e.IsInt() {
		if b.Sign() < 0 && !oddDenominator(e) || !e.Denom().IsInt64() || e.Denom().Int64() > 64 {
			return nil, false
		}
		q := uint(e.Denom().Int64())
		num, ok1 := exactRoot(new(big.Int).Abs(b.Num()), q)
		den, ok2 := exactRoot(b.Denom(), q)
		if !ok1 || !ok2 {
			return nil, false
		}
		root := new(big.Rat).SetFrac(num, den)
		if b.Sign() < 0 {
			root.Neg(root) // the real odd root: (-8)^(1/3) is -2
		}
		return foldPow(root, new(big.Rat).SetInt(e.Num()))
	}
	n := e.Num()
	bits := max(b.Num().BitLen(), b.Denom().BitLen())
	if !n.IsInt64() || abs64(n.Int64())-1 > maxExactBits/int64(max(bits, 1)) {
		return nil, false
	}
	k := abs64(n.Int64())
	num := new(big.Int).Exp(b.Num(), big.NewInt(k), nil)
	den := new(big.Int).Exp(b.Denom(), big.NewInt(k), nil)
	r := new(big.Rat).SetFrac(num, den)
	if n.Sign() < 0 {
		r.Inv(r)
	}
	return newNum(r), true
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// exactRoot returns the q-th root of a non-negative integer when it is exact.
func exactRoot(n *big.Int, q uint) (*big.Int, bool) {
	if n.Sign() == 0 || n.Cmp(big.NewInt(1)) == 0 {
		return new(big.Int).Set(n), true
	}
	if q == 2 {
		r := new(big.Int).Sqrt(n)
		return r, new(big.Int).Mul(r, r).Cmp(n) == 0
	}
	// Newton's method on integers for the floor of the q-th root.
	x := new(big.Int).Lsh(big.NewInt(1), uint(n.BitLen())/q+1)
	qq := big.NewInt(int64(q))
	q1 := big.NewInt(int64(q - 1))
	for {
		// y = ((q-1)x + n / x^(q-1)) / q
		t := new(big.Int).Exp(x, q1, nil)
		t.Quo(n, t)
		y := new(big.Int).Mul(q1, x)
		y.Add(y, t)
		y.Quo(y, qq)
		if y.Cmp(x) >= 0 {
			break
		}
		x = y
	}
	return x, new(big.Int).Exp(x, qq, nil).Cmp(n) == 0
}
