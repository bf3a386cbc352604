//go:build linux

package symbolic

import (
	"encoding/binary"
	"math"
	"runtime"
	"unsafe"
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

// The block the loop works in, in float64 places: the step, ε, the bound,
// a mask for |v|, f and max|g_i| at x, then x, g, the next x, its g and f
// (x and g, and the next x and g, swap places at each update).
// maxGradRegs is how many partial derivatives at most descend keeps in
// XMM registers: each takes one from the body.
const maxGradRegs = 4

const (
	blockStep = iota
	blockEps
	blockBound
	blockAbs
	blockF
	blockGmax
	blockX
)

// descender returns the loop, or nil where there is none.
func (p *Program) descender(bound float64) func(x, g []float64, f *float64, step, eps float64, ups []float64) int {
	n := len(p.vars)
	if p.native == nil || p.native.descend < 0 || len(p.outs) != n+1 {
		return nil
	}
	block := make([]float64, blockX+4*n+1)
	block[blockBound] = bound
	block[blockAbs] = math.Float64frombits(1<<63 - 1)
	code := unsafe.Pointer(&p.native.mem[p.native.descend])
	return func(x, g []float64, f *float64, step, eps float64, ups []float64) int {
		if len(x) != n || len(g) != n || len(ups) < 4 {
			return 0
		}
		block[blockStep], block[blockEps], block[blockF] = step, eps, *f
		gmax := 0.0
		for i, v := range g {
			if a := math.Abs(v); a > gmax {
				gmax = a
			}
			block[blockX+i], block[blockX+n+i] = x[i], v
		}
		block[blockGmax] = gmax
		k := jitDescend(code, &p.regs[0], &block[0], &ups[0], len(ups)/4)
		runtime.KeepAlive(p) // and with it the code's mapping
		at := blockX
		if k%2 == 1 { // x and x', g and g' swap places at each update
			at += 2 * n
		}
		copy(x, block[at:at+n])
		copy(g, block[at+n:at+2*n])
		*f = block[blockF]
		return k
	}
}

// descend translates the loop, which runs the whole program as its body:
//
//	top:  if max|g| < ε or k = max, return k
//	      x' = x + step·g, returning k if some |x'_i| > bound
//	      f', g' = the program at x'; return k if a watched value is not finite
//	      note Σg'², max|g'|, g'·g, |x' − x|² in ups[k]
//	      f = f'; swap x with x' and g with g'; k++; go to top
//
// in the order of operations of optimize's loop, so the bits are its own.
// AX and BX address x and g, SI and DX x' and g' (where the body reads its
// inputs and writes the gradient), R8 f'. The first x'_i stay in XMM
// registers for the body and, for up to maxGradRegs variables, g' stays
// in XMM registers for the next update, so that the values go round the
// loop without going through memory.
func (g *gen) descend() {
	n := len(g.p.vars)
	at := func(i int) int { return 8 * i }
	g.start = len(g.buf)
	// The block; x, g, x' and g'; f'; the update records.
	g.room[r9] = at(blockX + 4*n + 1)
	for _, r := range []int{rAX, rBX, rSI, rDX} {
		g.room[r] = at(n)
	}
	g.room[r8], g.room[r11] = at(1), at(4)
	var exits []int // rel32 places to patch with the exit
	jump := func(cc byte) {
		g.buf = append(g.buf, 0x0f, cc, 0, 0, 0, 0)
		exits = append(exits, len(g.buf)-4)
	}
	const (
		jb  = 0x82 // below, or unordered
		jae = 0x83
		ja  = 0x87
		jp  = 0x8a // unordered
		// The update's registers, beside x'_i and g_i.
		xAbs, xMask = 14, 15
	)
	g.inLoop = true
	g.buf = append(g.buf, 0x31, 0xc9) // xor ecx, ecx: k
	// lea rax / rbx / rsi / rdx / r8, [r9 + disp32]
	for _, r := range []struct {
		rex, modrm byte
		place      int
	}{{0x49, 0x81, blockX}, {0x49, 0x99, blockX + n}, {0x49, 0xb1, blockX + 2*n}, {0x49, 0x91, blockX + 3*n}, {0x4d, 0x81, blockX + 4*n}} {
		g.buf = append(g.buf, r.rex, 0x8d, r.modrm)
		g.buf = binary.LittleEndian.AppendUint32(g.buf, uint32(at(r.place)))
	}
	if n <= maxGradRegs {
		g.gradRegs = n
		g.usable = valueRegs - n
		for i := range n {
			g.mem(prefixSD, opMovLoad, gradReg(i), rBX, at(i))
		}
	}
	top := len(g.buf)
	g.mem(prefixSD, opMovLoad, 0, r9, at(blockGmax))
	g.mem(prefixPD, opUcomisd, 0, r9, at(blockEps))
	jump(jb)
	g.buf = append(g.buf, 0x4c, 0x39, 0xd1) // cmp rcx, r10
	jump(jae)
	g.mem(prefixSD, opMovLoad, xMask, r9, at(blockAbs))
	for i := range n {
		x := int8(xAbs)
		if i < g.usable && g.firstRead[i] != never {
			x = xmm(i)
		}
		if i < g.gradRegs {
			g.sse(prefixPD, opMovapd, x, operand{x: gradReg(i)})
		} else {
			g.mem(prefixSD, opMovLoad, x, rBX, at(i))
		}
		g.mem(prefixSD, opMulsd, x, r9, at(blockStep))
		g.mem(prefixSD, opAddsd, x, rAX, at(i))
		g.mem(prefixSD, opMovSt, x, rSI, at(i))
		if x != xAbs {
			g.sse(prefixPD, opMovapd, xAbs, operand{x: x})
			g.held[x], g.xmm[i], g.next[x], g.dirty[x] = int32(i), x, g.firstRead[i], false
		}
		g.sse(prefixPD, opAndpd, xAbs, operand{x: xMask})
		g.mem(prefixPD, opUcomisd, xAbs, r9, at(blockBound))
		jump(ja) // |x'_i| > bound, or +Inf: with x and g finite, never NaN
	}
	g.body(0, len(g.p.code), true)
	g.sse(prefixPD, opMovapd, xTmp, operand{x: xAcc})
	g.sse(prefixSD, opSubsd, xTmp, operand{x: xTmp})
	g.sse(prefixPD, opUcomisd, xTmp, operand{x: xTmp})
	jump(jp)
	// X4–X7: Σg'², max|g'|, g'·g, |x' − x|²; X2 the mask.
	for x := int8(4); x <= 7; x++ {
		g.sse(prefixPD, opXorpd, x, operand{x: x})
	}
	g.mem(prefixSD, opMovLoad, 2, r9, at(blockAbs))
	for i := range n {
		v := operand{x: 0}
		if i < g.gradRegs {
			v.x = gradReg(i)
		} else {
			g.mem(prefixSD, opMovLoad, 0, rDX, at(i))
		}
		g.sse(prefixPD, opMovapd, 8, v)
		g.mem(prefixSD, opMulsd, 8, rBX, at(i))
		g.sse(prefixSD, opAddsd, 6, operand{x: 8})
		g.sse(prefixPD, opMovapd, 8, v)
		g.sse(prefixSD, opMulsd, 8, v)
		g.sse(prefixSD, opAddsd, 4, operand{x: 8})
		g.sse(prefixPD, opMovapd, 8, v)
		g.sse(prefixPD, opAndpd, 8, operand{x: 2})
		g.sse(prefixSD, opMaxsd, 5, operand{x: 8})
		g.mem(prefixSD, opMovLoad, 9, rSI, at(i))
		g.mem(prefixSD, opSubsd, 9, rAX, at(i))
		g.sse(prefixSD, opMulsd, 9, operand{x: 9})
		g.sse(prefixSD, opAddsd, 7, operand{x: 9})
	}
	g.mem(prefixSD, opMovLoad, 0, r8, 0)
	g.mem(prefixSD, opMovSt, 0, r9, at(blockF))
	g.mem(prefixSD, opMovSt, 5, r9, at(blockGmax))
	for k, x := range []int8{4, 5, 6, 7} {
		g.mem(prefixSD, opMovSt, x, r11, at(k))
	}
	g.buf = append(g.buf,
		0x49, 0x83, 0xc3, 0x20, // add r11, 32
		0x48, 0xff, 0xc1, // inc rcx
		0x48, 0x96, // xchg rax, rsi
		0x48, 0x87, 0xd3, // xchg rbx, rdx
		0xe9, 0, 0, 0, 0) // jmp top
	g.patch(len(g.buf)-4, top)
	g.buf = append(g.buf, 0xc3) // ret
	for _, place := range exits {
		g.patch(place, len(g.buf)-1)
	}
}

// patch makes the rel32 of a jump at place go to target, which must be an
// instruction of the function being emitted.
func (g *gen) patch(place, target int) {
	check(g.start <= target && target < len(g.buf) && g.start <= place && place+4 <= len(g.buf),
		"a jump at %d to %d, outside the function at [%d, %d)", place, target, g.start, len(g.buf))
	binary.LittleEndian.PutUint32(g.buf[place:], uint32(int32(target-(place+4))))
}
