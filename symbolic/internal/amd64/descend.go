package amd64

import "encoding/binary"

// Plain gradient descent as one loop of machine code around the whole
// program: through a Go function of the point a step of descent costs at
// least twice what a loop written in Go costs (the values go through
// memory and a call each way); here the loop stays in machine code for
// hundreds of updates.

// The block the loop works in, in float64 places: the step, ε, the bound,
// a mask for |v|, f and max|g_i| at x, then x, g, the next x, its g and f
// (x and g, and the next x and g, swap places at each update).
const (
	BlockStep = iota
	BlockEps
	BlockBound
	BlockAbs
	BlockF
	BlockGmax
	BlockX
)

// maxGradRegs is how many partial derivatives at most descend keeps in
// XMM registers: each takes one from the body.
const maxGradRegs = 4

// descend translates the loop, which runs the whole program as its body:
//
//	top:  if max|g| < ε or k = max, return k
//	      x' = x + step·g, returning k if some |x'_i| > bound
//	      f', g' = the program at x'; return k if a watched value is not finite
//	      note Σg'², max|g'|, g'·g, |x' − x|² in ups[k]
//	      f = f'; swap x with x' and g with g'; k++; go to top
//
// in the order of operations of optimize's loop, so the bits are its own.
// The entry takes the registers' address in DI, the block's in R9, where
// to record the updates (4 float64s each) in R11 and the most updates in
// R10, and returns the updates made in CX. AX and BX address x and g, SI and DX x' and g' (where the body reads its
// inputs and writes the gradient), R8 f'. The first x'_i stay in XMM
// registers for the body and, for up to maxGradRegs variables, g' stays
// in XMM registers for the next update, so that the values go round the
// loop without going through memory.
func (g *gen) descend() {
	n := g.p.Vars
	at := func(i int) int { return 8 * i }
	g.start = len(g.buf)
	// The block; x, g, x' and g'; f'; the update records.
	g.room[r9] = at(BlockX + 4*n + 1)
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
	}{{0x49, 0x81, BlockX}, {0x49, 0x99, BlockX + n}, {0x49, 0xb1, BlockX + 2*n}, {0x49, 0x91, BlockX + 3*n}, {0x4d, 0x81, BlockX + 4*n}} {
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
	g.mem(prefixSD, opMovLoad, 0, r9, at(BlockGmax))
	g.mem(prefixPD, opUcomisd, 0, r9, at(BlockEps))
	jump(jb)
	g.buf = append(g.buf, 0x4c, 0x39, 0xd1) // cmp rcx, r10
	jump(jae)
	g.mem(prefixSD, opMovLoad, xMask, r9, at(BlockAbs))
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
		g.mem(prefixSD, opMulsd, x, r9, at(BlockStep))
		g.mem(prefixSD, opAddsd, x, rAX, at(i))
		g.mem(prefixSD, opMovSt, x, rSI, at(i))
		if x != xAbs {
			g.sse(prefixPD, opMovapd, xAbs, operand{x: x})
			g.held[x], g.xmm[i], g.next[x], g.dirty[x] = int32(i), x, g.firstRead[i], false
		}
		g.sse(prefixPD, opAndpd, xAbs, operand{x: xMask})
		g.mem(prefixPD, opUcomisd, xAbs, r9, at(BlockBound))
		jump(ja) // |x'_i| > bound, or +Inf: with x and g finite, never NaN
	}
	g.body(0, len(g.p.Steps), true)
	g.sse(prefixPD, opMovapd, xTmp, operand{x: xAcc})
	g.sse(prefixSD, opSubsd, xTmp, operand{x: xTmp})
	g.sse(prefixPD, opUcomisd, xTmp, operand{x: xTmp})
	jump(jp)
	// X4–X7: Σg'², max|g'|, g'·g, |x' − x|²; X2 the mask.
	for x := int8(4); x <= 7; x++ {
		g.sse(prefixPD, opXorpd, x, operand{x: x})
	}
	g.mem(prefixSD, opMovLoad, 2, r9, at(BlockAbs))
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
	g.mem(prefixSD, opMovSt, 0, r9, at(BlockF))
	g.mem(prefixSD, opMovSt, 5, r9, at(BlockGmax))
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
