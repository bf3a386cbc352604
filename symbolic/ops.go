package symbolic

// Ops counts the operations in e the way SymPy's count_ops does, so the two
// can be compared: each + or - between terms, each product (written or
// implied), each division, each power (sqrt is the power 1/2, so a power
// and a division), each unary minus and each function application.
func Ops(e Expr) int { return countOps(e, Ops) }

// countOps is Ops with sub counting the parts: Simplify remembers what it
// has counted, as its candidates share most of their parts.
func countOps(e Expr, sub func(Expr) int) int {
	switch e := e.(type) {
	case *Num:
		n := 0
		if e.r.Sign() < 0 {
			n++
		}
		if !e.r.IsInt() {
			n++
		}
		return n
	case *Symbol, *Constant:
		return 0
	case *Guarded:
		return sub(e.body)
	case *Call:
		return 1 + sub(e.arg)
	case *Sum:
		n := len(e.terms) - 1
		for _, t := range e.terms {
			if isNegative(t) {
				t = Neg(t) // the minus is the subtraction already counted
			}
			n += sub(t)
		}
		if isNegative(e.terms[0]) && allNegative(e.terms) {
			n++
		}
		return n
	}
	// A product or a power: count it as it prints, numerator over denominator.
	c, rest := splitTerm(e)
	n := 0
	if c.Sign() < 0 {
		n++
	}
	var num, den int
	if c.Num().CmpAbs(one.r.Num()) != 0 {
		num++
	}
	if !c.IsInt() {
		den++
	}
	if rest != nil {
		fs := factorsOf(rest)
		for _, f := range fs {
			b, x := baseExp(f)
			k, ok := x.(*Num)
			// In a product e^(-u) is a division by e^u, as count_ops has it.
			inverse := ok && k.r.Sign() < 0 || b == E && isNegative(x) && (len(fs) > 1 || c.Cmp(&one.r) != 0)
			if inverse {
				den++
				n += powerOps(b, Neg(x), sub)
			} else {
				num++
				n += powerOps(b, x, sub)
			}
		}
	}
	if num > 1 {
		n += num - 1
	}
	if den > 0 {
		n += den // the division, and the products within the denominator
	}
	return n
}

func allNegative(terms []Expr) bool {
	for _, t := range terms {
		if !isNegative(t) {
			return false
		}
	}
	return true
}

// powerOps counts base^exp as a factor: the power (sqrt is a function, and
// counts the same) and what base and exponent hold.
func powerOps(base, exp Expr, sub func(Expr) int) int {
	n := sub(base)
	switch {
	case !isOne(exp): // sqrt counts as the power 1/2: a power and a division
		n += 1 + sub(exp)
	}
	return n
}
