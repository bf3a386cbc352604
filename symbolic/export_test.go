package symbolic

// Under test a translation that breaks the translator's invariants or
// differs from the interpreter panics, and so fails the test.
func init() { strict = true }

// Interpreted returns a copy of p that runs without machine code, so that
// tests can compare the two.
func Interpreted(p *Program) *Program {
	q := p.Clone()
	q.native, q.settled = nil, true
	return q
}

// CheckPoints are the points where a translation is compared with the
// interpreter, those where divisors are zero included.
func CheckPoints(p *Program) [][]float64 { return p.checkPoints() }
