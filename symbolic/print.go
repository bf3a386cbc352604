package symbolic

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Prec is an operator precedence level, lowest first. The parser builds
// expressions with these levels and both printers put parentheses exactly
// where a lower level stands inside a higher one.
type Prec int

// The precedence levels of fprime's notation.
const (
	PrecSum     Prec = iota + 1 // a + b, a - b
	PrecProduct                 // a*b, a/b, and juxtaposition: 2x, x y
	PrecUnary                   // -a; so -x^2 is -(x^2)
	PrecPower                   // a^b, right associative: 2^3^2 is 2^9
	PrecAtom                    // numbers, names, calls, parenthesised expressions
)

// Operator is a binary operator of the notation.
type Operator struct {
	Symbol     string
	Prec       Prec
	RightAssoc bool
}

// BinaryOperator returns the operator spelt sym in ASCII: + - * / ^ or **.
func BinaryOperator(sym string) (Operator, bool) {
	switch sym {
	case "+", "-":
		return Operator{sym, PrecSum, false}, true
	case "*", "/":
		return Operator{sym, PrecProduct, false}, true
	case "^", "**":
		return Operator{sym, PrecPower, true}, true
	}
	return Operator{}, false
}

// notation is what differs between the plain and the LaTeX printer; the
// layout (signs, fractions, parentheses) is shared.
type notation struct {
	paren    func(s string) string
	frac     func(num, den string, denFactors int) string
	power    func(base, exp string, expIsAtom bool) string
	sqrt     func(s string) string
	call     func(fn *Func, arg string) string
	symbol   func(name string) string
	constant func(c *Constant) string
	// leftCall says the last factor of left is a call, ln(10), after
	// which a number may follow with a space.
	juxt   func(left, right string, leftIsCoef, leftCall, rightConstant bool) string
	number func(digits string) string // digits as integerText writes them
	// fracPart wraps a sum that stands alone above or below a fraction bar.
	fracPart func(sum string) string
	// expForE writes Euler's number as exp(1) and e^u as exp(u), for a
	// session where e names something else.
	expForE bool
}

// Options change how String prints, for Format.
type Options struct {
	// ExpForE writes Euler's number as exp(1) and e^u as exp(u): once a
	// person has given e a value of their own, e^x would read back as that.
	ExpForE bool
	// KeepDomain writes the conditions of a Guarded expression as terms
	// 0*(c), so that it reads back defined where it was: x/x prints as
	// 1 + 0*(1/x).
	KeepDomain bool
}

// Format prints e like String, with the given options.
func Format(e Expr, opt Options) string {
	nt := plain
	if opt.ExpForE {
		c := *plain
		c.expForE = true
		nt = &c
	}
	g, ok := e.(*Guarded)
	if !opt.KeepDomain || !ok {
		return format(nt, e)
	}
	// x/x reads back as 1 + 0*(1/x): 1, where 1/x has a value.
	var b strings.Builder
	if !isZero(g.body) {
		b.WriteString(format(nt, g.body) + " + ")
	}
	for i, c := range g.conds {
		if i > 0 {
			b.WriteString(" + ")
		}
		b.WriteString("0*(" + format(nt, c) + ")")
	}
	return b.String()
}

var plain = &notation{
	paren: func(s string) string { return "(" + s + ")" },
	frac: func(num, den string, denFactors int) string {
		if denFactors > 1 {
			den = "(" + den + ")"
		}
		return num + "/" + den
	},
	power: func(base, exp string, expIsAtom bool) string {
		if !expIsAtom {
			exp = "(" + exp + ")"
		}
		return base + "^" + exp
	},
	sqrt:     func(s string) string { return "sqrt(" + s + ")" },
	call:     func(fn *Func, arg string) string { return fn.Name + "(" + arg + ")" },
	symbol:   func(name string) string { return name },
	constant: func(c *Constant) string { return c.name },
	juxt:     plainJuxt,
	number:   func(digits string) string { return digits },
	fracPart: func(sum string) string { return "(" + sum + ")" },
}

// plainJuxt writes a product of two factors side by side when that reads
// back unchanged (2x, 4x(x + 1), x sin(x), ln(10) 10^x) and with * where
// it would not (2*3^x, 2^(x + 1)*3^x, or 2*e2 where e2 is a name).
func plainJuxt(left, right string, leftIsCoef, leftCall, rightConstant bool) string {
	l, _ := utf8.DecodeLastRuneInString(left)
	r, _ := utf8.DecodeRuneInString(right)
	digit := func(c rune) bool { return c >= '0' && c <= '9' || c == '.' }
	word := func(c rune) bool { return c == '_' || unicode.IsLetter(c) || unicode.IsDigit(c) }
	switch {
	case digit(l) && digit(r),
		digit(l) && (r == 'e' || r == 'E') && len(right) > 1 && strings.ContainsRune("0123456789+-", rune(right[1])),
		l == ')' && digit(r) && !leftCall:
		return left + "*" + right
	case r == '(' && (longNameAtEnd(left) || rightConstant && (unicode.IsLetter(l) || l == '_')):
		return left + "*" + right // ab(x + 1) would read as a call of ab
	case leftIsCoef && strings.Contains(left, "e") && unicode.IsLetter(r):
		return left + " " + right // 1e-6 x, not 1e-6x
	case leftIsCoef:
		return left + right
	case (word(l) || l == ')') && word(r):
		return left + " " + right
	}
	return left + right
}

// longNameAtEnd reports whether s ends with a name of two or more
// characters. A name starts at its first letter: 20A0 is 20 and A0.
func longNameAtEnd(s string) bool {
	start := len(s)
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:start])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		start -= n
	}
	name := strings.TrimLeftFunc(s[start:], func(r rune) bool { return r >= '0' && r <= '9' || r == '.' })
	return utf8.RuneCountInString(name) > 1
}

func (n *Num) String() string      { return format(plain, n) }
func (s *Symbol) String() string   { return format(plain, s) }
func (c *Constant) String() string { return format(plain, c) }
func (s *Sum) String() string      { return format(plain, s) }
func (p *Product) String() string  { return format(plain, p) }
func (p *Power) String() string    { return format(plain, p) }
func (c *Call) String() string     { return format(plain, c) }

func format(nt *notation, e Expr) string {
	s, _ := layout(nt, e)
	return s
}

// layout prints e and returns the precedence of what it printed.
func layout(nt *notation, e Expr) (string, Prec) {
	switch e := e.(type) {
	case *Num:
		return layoutNum(nt, e)
	case *Symbol:
		return nt.symbol(e.name), PrecAtom
	case *Constant:
		if nt.expForE && e == E {
			return "exp(1)", PrecAtom
		}
		return nt.constant(e), PrecAtom
	case *Call:
		return nt.call(e.fn, format(nt, e.arg)), PrecAtom
	case *Sum:
		return layoutSum(nt, e), PrecSum
	case *Guarded:
		return layout(nt, e.body)
	}
	return layoutProduct(nt, e)
}

func layoutNum(nt *notation, n *Num) (string, Prec) {
	if d, ok := decimalText(&n.r); ok {
		if n.r.Sign() < 0 {
			return "-" + nt.number(d), PrecUnary
		}
		return nt.number(d), PrecAtom
	}
	if n.r.IsInt() {
		if n.r.Sign() < 0 {
			return "-" + nt.number(integerText(new(big.Int).Neg(n.r.Num()))), PrecUnary
		}
		return nt.number(integerText(n.r.Num())), PrecAtom
	}
	return layoutProduct(nt, n)
}

// minDecimalDenominator is the least denominator of a fraction printed as
// a decimal: x/10 and 3/1000 stay fractions, as books write them, while
// 1/1000000 is 1e-6.
var minDecimalDenominator = big.NewInt(1_000_000)

// decimalText writes |r|, a fraction whose denominator is a power of ten
// (or divides one) of at least a million, as a decimal where that is
// shorter than the fraction or the fraction's denominator needs an
// exponent: 1e-20 for 1/1e20, 2.5e-30 for 1/4e29, 1.000000000001.
// It reads back exactly. ok is false for any other number.
func decimalText(r *big.Rat) (string, bool) {
	q := r.Denom()
	if r.IsInt() || q.Cmp(minDecimalDenominator) < 0 {
		return "", false
	}
	// q = 2^a 5^b: |r| = m/10^k with k = max(a, b). The power of 5 is
	// found from the size of what the 2s leave, then checked, so that a
	// denominator of 1e99998 costs a few multiplications, not 10^5 divisions.
	twos := int(q.TrailingZeroBits())
	rest := new(big.Int).Rsh(q, uint(twos))
	fives := int(math.Round(float64(rest.BitLen()-1) / math.Log2(5)))
	for _, b := range []int{fives - 1, fives, fives + 1} {
		if b >= 0 && new(big.Int).Exp(big.NewInt(5), big.NewInt(int64(b)), nil).Cmp(rest) == 0 {
			fives = b
			rest = nil
			break
		}
	}
	if rest != nil {
		return "", false
	}
	k := max(twos, fives)
	m := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
	m.Mul(m, new(big.Int).Abs(r.Num()))
	m.Div(m, q)
	digits := m.String()
	exp := len(digits) - 1 - k
	mant := strings.TrimRight(digits, "0")
	var s string
	switch {
	case exp >= -4 && exp < 0:
		s = "0." + strings.Repeat("0", -exp-1) + mant
	case exp >= 0 && exp < len(mant)-1:
		s = mant[:exp+1] + "." + mant[exp+1:]
	default:
		s = mant[:1]
		if len(mant) > 1 {
			s += "." + mant[1:]
		}
		if exp != 0 {
			s += "e" + strconv.Itoa(exp)
		}
	}
	// A denominator that prints with an exponent (x/4e29) reads worse
	// than any decimal.
	den := integerText(q)
	fraction := len(integerText(new(big.Int).Abs(r.Num()))) + 1 + len(den)
	return s, len(s) < fraction || strings.Contains(den, "e")
}

// integerText prints a non-negative integer, writing a long run of trailing
// zeros as an exponent: 10^400 prints as 1e400, which reads back exactly.
func integerText(n *big.Int) string {
	s := n.String()
	t := strings.TrimRight(s, "0")
	if zeros := len(s) - len(t); zeros >= 16 {
		return t + "e" + strconv.Itoa(zeros)
	}
	return s
}

func layoutSum(nt *notation, s *Sum) string {
	terms := s.terms
	// Lead with the positive term when there is just one: 1 - x and
	// y - x^2, not -x + 1 and -x^2 + y.
	if isNegative(terms[0]) && positives(terms) == 1 {
		for i, t := range terms {
			if !isNegative(t) {
				terms = append(append([]Expr{t}, terms[:i]...), terms[i+1:]...)
				break
			}
		}
	}
	var b strings.Builder
	for i, t := range terms {
		switch {
		case i == 0:
			b.WriteString(format(nt, t))
		case isNegative(t):
			b.WriteString(" - ")
			s, p := layout(nt, Neg(t))
			if p <= PrecSum {
				s = nt.paren(s)
			}
			b.WriteString(s)
		default:
			b.WriteString(" + ")
			b.WriteString(format(nt, t))
		}
	}
	return b.String()
}

func positives(terms []Expr) int {
	n := 0
	for _, t := range terms {
		if !isNegative(t) {
			n++
		}
	}
	return n
}

// layoutProduct prints a product, a power or a fraction: a sign, then the
// factors with positive exponents over those with negative ones.
func layoutProduct(nt *notation, e Expr) (string, Prec) {
	c, rest := splitTerm(e)
	var num, den []string
	numPrec := PrecAtom
	if d, ok := decimalText(c); ok {
		num = append(num, nt.number(d))
	} else {
		if c.Num().CmpAbs(one.r.Num()) != 0 {
			num = append(num, nt.number(integerText(new(big.Int).Abs(c.Num()))))
		}
		if !c.IsInt() {
			den = append(den, nt.number(integerText(c.Denom())))
		}
	}
	numIsCoef := len(num) == 1
	// A bracket that holds no variable, after a name: x(ln(2) + 1) would
	// read as a call of an unknown function x, so it gets a *. (A factor
	// whose base has no variable is one that may print so.)
	numConst := make([]bool, len(num))
	denConst := make([]bool, len(den))
	numCall := make([]bool, len(num))
	denCall := make([]bool, len(den))
	if rest != nil {
		for _, f := range factorsOf(rest) {
			b, x := baseExp(f)
			constant := len(Symbols(b)) == 0
			// 0^-1 stays as it is: as 1/0 it would merge with other
			// numbers when read back.
			if n, ok := x.(*Num); ok && n.r.Sign() < 0 && !isZero(b) {
				s, _ := layoutPower(nt, b, Neg(x))
				den = append(den, s)
				denConst = append(denConst, constant)
				denCall = append(denCall, isCallFactor(b, x))
				continue
			}
			s, p := layoutPower(nt, b, x)
			num = append(num, s)
			numConst = append(numConst, constant)
			numCall = append(numCall, isCallFactor(b, x))
			numPrec = p
		}
	}
	var s string
	switch len(num) {
	case 0:
		s = "1"
	case 1:
		s = num[0]
		if sum, ok := bareSum(rest); ok && len(den) > 0 {
			s = nt.fracPart(format(nt, sum))
		}
	default:
		s = num[0]
		for i, f := range num[1:] {
			s = nt.juxt(s, f, i == 0 && numIsCoef, numCall[i], numConst[i+1])
		}
		numPrec = PrecProduct
	}
	prec := numPrec
	if len(den) > 0 {
		d := den[0]
		for i, f := range den[1:] {
			d = nt.juxt(d, f, i == 0 && !c.IsInt(), denCall[i], denConst[i+1])
		}
		if len(den) == 1 && rest != nil {
			if sum, ok := soleDenominatorSum(rest); ok {
				d = nt.fracPart(format(nt, sum))
			}
		}
		s = nt.frac(s, d, len(den))
		prec = PrecProduct
	}
	if c.Sign() < 0 {
		return "-" + s, PrecUnary
	}
	return s, prec
}

// isCallFactor reports whether the factor base^exp prints as a call: a
// call to the first power, or a square root.
func isCallFactor(base, exp Expr) bool {
	_, ok := base.(*Call)
	return ok && isOne(exp) || isHalf(exp)
}

func isHalf(e Expr) bool {
	n, ok := e.(*Num)
	return ok && n.r.Cmp(&half.r) == 0
}

// bareSum finds the one numerator factor of a product when it is a sum.
func bareSum(rest Expr) (*Sum, bool) {
	var found *Sum
	for _, f := range factorsOf(rest) {
		if _, x := baseExp(f); isNegative(x) {
			continue
		}
		s, ok := f.(*Sum)
		if !ok || found != nil {
			return nil, false
		}
		found = s
	}
	return found, found != nil
}

// soleDenominatorSum finds the denominator of a product when it is one sum
// to the power -1: the x + 1 of 2/(x + 1).
func soleDenominatorSum(rest Expr) (*Sum, bool) {
	for _, f := range factorsOf(rest) {
		if p, ok := f.(*Power); ok && isMinusOne(p.exp) {
			if s, ok := p.base.(*Sum); ok {
				return s, true
			}
		}
	}
	return nil, false
}

func isMinusOne(e Expr) bool {
	n, ok := e.(*Num)
	return ok && n.r.Cmp(&minusOne.r) == 0
}

// layoutPower prints base^exp for a factor of a product (exp is positive
// when it is a number) with parentheses around a sum or product.
func layoutPower(nt *notation, base, exp Expr) (string, Prec) {
	b, bp := layout(nt, base)
	if isOne(exp) {
		if bp < PrecPower {
			return nt.paren(b), PrecAtom
		}
		return b, bp
	}
	if n, ok := exp.(*Num); ok && n.r.Cmp(&half.r) == 0 {
		return nt.sqrt(b), PrecAtom
	}
	if nt.expForE && base == E {
		return "exp(" + format(nt, exp) + ")", PrecAtom
	}
	if bp < PrecAtom {
		b = nt.paren(b)
	}
	x, xp := layout(nt, exp)
	return nt.power(b, x, xp == PrecAtom), PrecPower
}
