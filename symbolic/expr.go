package symbolic

import (
	"hash/maphash"
	"math"
	"math/big"
)

// Expr is an immutable mathematical expression. The set of node types is
// closed: *Num, *Symbol, *Constant, *Sum, *Product, *Power and *Call. Values
// are built only through the constructors (Int, Add, Mul, Pow, Apply, …),
// which normalise as they build, so every Expr is already simplified.
type Expr interface {
	// String prints the expression in fprime's ASCII notation; the result
	// parses back to the same function.
	String() string
	hash() uint64
	size() int
}

// Num is an exact rational number.
type Num struct {
	r big.Rat
	h uint64
	// word holds the numerator of an integer of one word, to which r
	// refers, so that a small number costs one allocation, not three.
	word [1]big.Word
}

// Symbol is a variable or a named constant whose value is bound at evaluation.
type Symbol struct {
	name string
	h    uint64
}

// Constant is a mathematical constant with a known value: pi or Euler's e.
type Constant struct {
	name  string
	latex string
	value float64
	h     uint64
}

// Sum is a sum of two or more terms in canonical order, like terms collected.
type Sum struct {
	terms []Expr
	h     uint64
	n     int
	f     facts
}

// Product is a product of two or more factors: an optional rational
// coefficient first, then factors with distinct bases in canonical order.
type Product struct {
	factors []Expr
	h       uint64
	n       int
	f       facts
}

// Power is base^exp.
type Power struct {
	base, exp Expr
	h         uint64
	n         int32 // with f, the node fits 48 bytes
	f         facts
}

// Call applies a built-in function to its argument.
type Call struct {
	fn  *Func
	arg Expr
	h   uint64
	n   int
	f   facts
}

// facts are what a node knows of its whole tree, worked out as it is
// made from its parts' facts, so that asking costs no walk: Undefined is
// asked at each call a parser reads, of everything inside it.
type facts uint8

const (
	// namesVariable: a Symbol is in it; without one, ln(10) is a number.
	namesVariable facts = 1 << iota
	// closedNeed: a part without variables restricts its argument, as
	// 1/0, ln(0) or (-1)^(1/2) do, and may have no value (Undefined).
	// A Guarded part says so too, for its conditions.
	closedNeed
)

// factsOf is e's facts.
func factsOf(e Expr) facts {
	switch e := e.(type) {
	case *Symbol:
		return namesVariable
	case *Sum:
		return e.f
	case *Product:
		return e.f
	case *Power:
		return e.f
	case *Call:
		return e.f
	case *Guarded:
		return closedNeed
	}
	return 0
}

// partsFacts is the facts that a sum or product has from its parts.
func partsFacts(parts []Expr) facts {
	var f facts
	for _, p := range parts {
		f |= factsOf(p)
	}
	return f
}

var hashSeed = maphash.MakeSeed()

// mix combines a node's kind with its parts' hashes (splitmix64 steps).
func mix(kind byte, parts ...uint64) uint64 {
	h := uint64(kind) * 0x9e3779b97f4a7c15
	for _, p := range parts {
		h = mixStep(h, p)
	}
	return h
}

// mixExprs is mix of the hashes of parts, without a slice of them.
func mixExprs(kind byte, parts []Expr) uint64 {
	h := uint64(kind) * 0x9e3779b97f4a7c15
	for _, p := range parts {
		h = mixStep(h, p.hash())
	}
	return h
}

func mixStep(h, p uint64) uint64 {
	h ^= p + 0x9e3779b97f4a7c15 + h<<6 + h>>2
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	return h
}

func (n *Num) hash() uint64      { return n.h }
func (s *Symbol) hash() uint64   { return s.h }
func (c *Constant) hash() uint64 { return c.h }
func (s *Sum) hash() uint64      { return s.h }
func (p *Product) hash() uint64  { return p.h }
func (p *Power) hash() uint64    { return p.h }
func (c *Call) hash() uint64     { return c.h }

// A long number counts as many nodes as it has 64-bit words, so that the
// size bound of derivatives also bounds the growth of their coefficients.
func (n *Num) size() int      { return 1 + (n.r.Num().BitLen()+n.r.Denom().BitLen())/64 }
func (s *Symbol) size() int   { return 1 }
func (c *Constant) size() int { return 1 }
func (s *Sum) size() int      { return s.n }
func (p *Product) size() int  { return p.n }
func (p *Power) size() int    { return int(p.n) }
func (c *Call) size() int     { return c.n }

// Size is the number of nodes in e's tree; it is what derivative limits count.
func Size(e Expr) int { return e.size() }

func addSizes(parts []Expr) int {
	n := 1
	for _, p := range parts {
		n += p.size()
		if n > math.MaxInt32 {
			return math.MaxInt32
		}
	}
	return n
}

func hashString(kind byte, s string) uint64 {
	var h maphash.Hash
	h.SetSeed(hashSeed)
	h.WriteByte(kind)
	h.WriteString(s)
	return h.Sum64()
}

func newNum(r *big.Rat) *Num {
	n := &Num{}
	if a := r.Num(); r.IsInt() && len(a.Bits()) <= 1 {
		n.setWord(a.Bits(), a.Sign() < 0)
	} else {
		n.r.Set(r)
	}
	n.h = hashRat(&n.r)
	return n
}

// negNum is -n.
func negNum(n *Num) *Num {
	if a := n.r.Num(); n.r.IsInt() && len(a.Bits()) <= 1 {
		m := &Num{}
		m.setWord(a.Bits(), a.Sign() > 0)
		m.h = hashRat(&m.r)
		return m
	}
	return newNum(new(big.Rat).Neg(&n.r))
}

// setWord makes n the integer ±w, with w at most one word, held in
// n.word.
func (n *Num) setWord(w []big.Word, negative bool) {
	copy(n.word[:], w)
	a := n.r.Num() // a reference to the numerator; the denominator stays 1
	a.SetBits(n.word[:len(w)])
	if negative {
		a.Neg(a)
	}
}

func hashRat(r *big.Rat) uint64 {
	a := r.Num()
	switch {
	case r.IsInt() && a.IsInt64():
		return mix('n', uint64(a.Int64()), 1)
	case !r.IsInt() && a.IsInt64() && r.Denom().IsInt64():
		return mix('n', uint64(a.Int64()), uint64(r.Denom().Int64()))
	}
	return hashString('n', r.String())
}

// NewRat returns the exact number r.
func NewRat(r *big.Rat) Expr { return newNum(r) }

// Int returns the integer n.
func Int(n int64) Expr { return intNum(n) }

func intNum(v int64) *Num {
	u := uint64(v)
	if v < 0 {
		u = -u
	}
	if w := big.Word(u); uint64(w) != u { // a 32-bit machine
		return newNum(new(big.Rat).SetInt64(v))
	}
	n := &Num{}
	n.setWord([]big.Word{big.Word(u)}, v < 0)
	n.h = mix('n', uint64(v), 1)
	return n
}

// Frac returns the fraction a/b; b must not be zero.
func Frac(a, b int64) Expr { return newNum(big.NewRat(a, b)) }

// Sym returns the variable (or named constant) called name.
func Sym(name string) Expr {
	return &Symbol{name: name, h: hashString('s', name)}
}

var (
	zero     = Int(0).(*Num)
	one      = Int(1).(*Num)
	minusOne = Int(-1).(*Num)
	half     = Frac(1, 2).(*Num)

	// Pi is the constant π.
	Pi Expr = &Constant{name: "pi", latex: `\pi`, value: math.Pi, h: mix('c', 'p')}
	// E is Euler's number e; exp(u) is E^u.
	E Expr = &Constant{name: "e", latex: "e", value: math.E, h: mix('c', 'e')}
)

// Rat returns a copy of the number's exact value.
func (n *Num) Rat() *big.Rat { return new(big.Rat).Set(&n.r) }

// Name is the symbol's name.
func (s *Symbol) Name() string { return s.name }

// Name is the constant's name: "pi" or "e".
func (c *Constant) Name() string { return c.name }

// Value is the constant's float64 value.
func (c *Constant) Value() float64 { return c.value }

// Terms returns the sum's terms in canonical order.
func (s *Sum) Terms() []Expr { return append([]Expr(nil), s.terms...) }

// Factors returns the product's factors; a rational coefficient comes first.
func (p *Product) Factors() []Expr { return append([]Expr(nil), p.factors...) }

// Base is the power's base.
func (p *Power) Base() Expr { return p.base }

// Exp is the power's exponent.
func (p *Power) Exp() Expr { return p.exp }

// Func is the function the call applies.
func (c *Call) Func() *Func { return c.fn }

// Arg is the call's argument.
func (c *Call) Arg() Expr { return c.arg }

// Equal reports whether a and b are the same expression.
func Equal(a, b Expr) bool {
	if a == b {
		return true
	}
	return a.hash() == b.hash() && compare(a, b) == 0
}

func isZero(e Expr) bool {
	n, ok := e.(*Num)
	return ok && n.r.Sign() == 0
}

func isOne(e Expr) bool {
	n, ok := e.(*Num)
	return ok && isOneRat(&n.r)
}

func isNumber(e Expr) bool {
	_, ok := e.(*Num)
	return ok
}

func isInteger(e Expr) bool {
	n, ok := e.(*Num)
	return ok && n.r.IsInt()
}
