package symbolic

import (
	"cmp"
	"slices"
	"strings"
)

// The canonical order of expressions. Sums list their terms by falling
// polynomial degree with the constant last (x^2 + y - 7); products list the
// coefficient, then constants, symbols, exponentials, functions and finally
// parenthesised sums (4x(x^2 + y - 7)), as books do. A function of a
// number, such as ln(10), is a number a book writes before the
// exponentials and functions of x: 2x ln(10) 10^(x^2), ln(2) cos(x);
// its powers stand with the functions (2^x ln(2)^2).

// rank orders the kinds of bases within a product.
func rank(e Expr) int {
	switch e := e.(type) {
	case *Num:
		return 0
	case *Constant:
		return 1
	case *Symbol:
		return 2
	case *Power:
		// e^x and 10^(x^2) are exponentials, after the symbols: 2x 10^(x^2).
		if _, isNum := e.base.(*Num); e.base == E || isNum && !isNumber(e.exp) {
			return 4
		}
		// A power of a function of a number goes after the exponentials,
		// with the functions: 2^x ln(2)^2, where ln(2)^2 2^x would not
		// read back.
		if c, ok := e.base.(*Call); ok && !hasSymbol(c) {
			return 6
		}
		return rank(e.base)
	case *Product:
		return 5
	case *Call:
		if !hasSymbol(e) {
			return 3
		}
		return 6
	case *Sum:
		return 7
	}
	return 8
}

func baseExp(e Expr) (Expr, Expr) {
	if p, ok := e.(*Power); ok {
		return p.base, p.exp
	}
	return e, one
}

// compare is a total order on expressions that is zero exactly for equal ones.
func compare(a, b Expr) int {
	if a == b {
		return 0
	}
	if c := cmp.Compare(rank(a), rank(b)); c != 0 {
		return c
	}
	switch a := a.(type) {
	case *Num:
		if b, ok := b.(*Num); ok {
			return cmpRat(&a.r, &b.r)
		}
	case *Constant:
		if b, ok := b.(*Constant); ok {
			return strings.Compare(a.name, b.name)
		}
	case *Symbol:
		if b, ok := b.(*Symbol); ok {
			return strings.Compare(a.name, b.name)
		}
	case *Call:
		if b, ok := b.(*Call); ok {
			if c := strings.Compare(a.fn.Name, b.fn.Name); c != 0 {
				return c
			}
			return compare(a.arg, b.arg)
		}
	case *Sum:
		if b, ok := b.(*Sum); ok {
			return compareLists(a.terms, b.terms)
		}
	case *Product:
		if b, ok := b.(*Product); ok {
			return compareLists(a.factors, b.factors)
		}
	case *Guarded:
		if b, ok := b.(*Guarded); ok {
			if c := compare(a.body, b.body); c != 0 {
				return c
			}
			return compareLists(a.conds, b.conds)
		}
	}
	// Powers and their bases: x < x^2 < x^3 < y, sin(x) < sin(x)^2.
	ab, ae := baseExp(a)
	bb, be := baseExp(b)
	if ab == a && bb == b {
		// Both are bare (not powers) yet of different types within one rank.
		return cmp.Compare(kindOrder(a), kindOrder(b))
	}
	if c := compare(ab, bb); c != 0 {
		return c
	}
	return compare(ae, be)
}

func kindOrder(e Expr) int {
	switch e.(type) {
	case *Num:
		return 0
	case *Constant:
		return 1
	case *Symbol:
		return 2
	case *Call:
		return 3
	case *Product:
		return 4
	case *Sum:
		return 5
	}
	return 6
}

func compareLists(a, b []Expr) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

// degree is a term's total degree in its symbols, counting numeric powers.
func degree(term Expr) float64 {
	if _, ok := term.(*Product); !ok {
		return factorDegree(term) // without the slice factorsOf makes
	}
	var d float64
	for _, f := range factorsOf(term) {
		d += factorDegree(f)
	}
	return d
}

// factorDegree is the degree of a factor: a symbol's power, or 0.
func factorDegree(f Expr) float64 {
	b, e := baseExp(f)
	if _, ok := b.(*Symbol); !ok {
		return 0
	}
	n, ok := e.(*Num)
	if !ok {
		return 0
	}
	if a := n.r.Num(); n.r.IsInt() && a.IsInt64() && abs64(a.Int64()) <= 1<<53 {
		return float64(a.Int64()) // exact, as Float64 would give it
	}
	v, _ := n.r.Float64()
	return v
}

// factorsOf returns the factors of a term without its coefficient.
func factorsOf(term Expr) []Expr {
	switch t := term.(type) {
	case *Product:
		if _, ok := t.factors[0].(*Num); ok {
			return t.factors[1:]
		}
		return t.factors
	case *Num:
		return nil
	}
	return []Expr{term}
}

// sortTerms puts the terms of a sum (numbers excluded) in canonical order:
// higher degree first. Each term's degree is worked out once.
func sortTerms(terms []Expr) {
	if !monotoneDegrees(terms) {
		sortTermsByKey(terms)
	}
}

func sortTermsByKey(terms []Expr) {
	type keyed struct {
		t   Expr
		deg float64
	}
	ks := make([]keyed, len(terms))
	for i, t := range terms {
		ks[i] = keyed{t, degree(t)}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := cmp.Compare(b.deg, a.deg); c != 0 {
			return c
		}
		return compareSameDegree(a.t, b.t)
	})
	for i := range ks {
		terms[i] = ks[i].t
	}
}

// monotoneDegrees puts terms whose degrees fall, or rise, strictly from
// one to the next in canonical order, as a written polynomial often has
// them: falling, they already are; rising, they are reversed. With no two
// degrees alike, nothing else decides the order. It reports false, and
// leaves terms alone, for any other.
func monotoneDegrees(terms []Expr) bool {
	if len(terms) < 2 {
		return false
	}
	prev := degree(terms[1])
	dir := cmp.Compare(prev, degree(terms[0])) // as the sort compares them
	if dir == 0 {
		return false
	}
	for _, t := range terms[2:] {
		d := degree(t)
		if cmp.Compare(d, prev) != dir {
			return false
		}
		prev = d
	}
	if dir > 0 {
		slices.Reverse(terms)
	}
	return true
}

// compareSameDegree orders two terms of the same degree by their factors.
func compareSameDegree(a, b Expr) int {
	af, bf := factorsOf(a), factorsOf(b)
	for i := 0; i < len(af) && i < len(bf); i++ {
		if c := compareFactorsInTerm(af[i], bf[i]); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(len(af), len(bf)); c != 0 {
		return c
	}
	ca, cb := coefOf(a), coefOf(b)
	if ca == cb {
		return 0
	}
	return cmpRat(ca, cb) // compare of the coefficients as numbers
}

// compareFactorsInTerm is compare, except that a higher power of the same
// symbol comes first, so x^2 + x y + y^2 reads in the usual order.
func compareFactorsInTerm(a, b Expr) int {
	ab, ae := baseExp(a)
	bb, be := baseExp(b)
	if _, ok := ab.(*Symbol); ok && Equal(ab, bb) {
		return compare(be, ae)
	}
	return compare(a, b)
}
