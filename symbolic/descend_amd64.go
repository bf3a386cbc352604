//go:build linux

package symbolic

import (
	"math"
	"runtime"
	"unsafe"

	"github.com/fprime/fprime/symbolic/internal/amd64"
)

// Plain gradient descent as one loop of machine code around the whole
// program. Through a Go function of the point, a step of descent costs
// at least twice what a loop written in Go costs (the values go through
// memory and a call each way); here the loop stays in machine code for
// hundreds of updates.

// jitDescend runs the loop at code with regs in DI, the block in R9, the
// update records in R11 and the most updates in R10; it returns the
// updates made, from CX (jit_amd64.s).
//
//go:noescape
func jitDescend(code unsafe.Pointer, regs, block, ups *float64, max int) int

// descender returns the loop, or nil where there is none.
func (p *Program) descender(bound float64) func(x, g []float64, f *float64, step, eps float64, ups []float64) int {
	n := len(p.vars)
	if p.native == nil || p.native.descend < 0 || len(p.outs) != n+1 {
		return nil
	}
	block := make([]float64, amd64.BlockX+4*n+1)
	block[amd64.BlockBound] = bound
	block[amd64.BlockAbs] = math.Float64frombits(1<<63 - 1)
	code := unsafe.Pointer(&p.native.mem[p.native.descend])
	return func(x, g []float64, f *float64, step, eps float64, ups []float64) int {
		if len(x) != n || len(g) != n || len(ups) < 4 {
			return 0
		}
		block[amd64.BlockStep], block[amd64.BlockEps], block[amd64.BlockF] = step, eps, *f
		gmax := 0.0
		for i, v := range g {
			if a := math.Abs(v); a > gmax {
				gmax = a
			}
			block[amd64.BlockX+i], block[amd64.BlockX+n+i] = x[i], v
		}
		block[amd64.BlockGmax] = gmax
		k := jitDescend(code, &p.regs[0], &block[0], &ups[0], len(ups)/4)
		runtime.KeepAlive(p) // and with it the code's mapping
		at := amd64.BlockX
		if k%2 == 1 { // x and x', g and g' swap places at each update
			at += 2 * n
		}
		copy(x, block[at:at+n])
		copy(g, block[at+n:at+2*n])
		*f = block[amd64.BlockF]
		return k
	}
}
