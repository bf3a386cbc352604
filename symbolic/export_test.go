package symbolic

// Interpreted returns a copy of p that runs without machine code, so that
// tests can compare the two.
func Interpreted(p *Program) *Program {
	q := p.Clone()
	q.native = nil
	return q
}

// HasMachineCode reports whether p runs as machine code.
func HasMachineCode(p *Program) bool { return p.native != nil }
