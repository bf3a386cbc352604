//go:build !(linux && amd64)

package symbolic

// Elsewhere programs are interpreted: native is never made.
type native struct{}

func compileNative(*Program) *native { return nil }

func nativeHere() bool { return false }

func (*native) wholly() bool { return false }

func (*native) evalNative(_, _, _ []float64, _ *float64) bool { return false }

func (p *Program) runNative(vals []float64) bool { return p.interpret(vals) }

func (p *Program) descender(float64) func(x, g []float64, f *float64, step, eps float64, ups []float64) int {
	return nil
}
