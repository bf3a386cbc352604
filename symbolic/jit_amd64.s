//go:build linux

#include "textflag.h"

// func jitCall(code unsafe.Pointer, regs, in, out *float64)
//
// The machine code takes the registers' address in DI, the inputs' in SI
// and the outputs' in DX, uses no stack and may change any register but
// SP and BP: ABI0 lets a function do that, and Go's wrapper around this
// function restores what Go's own ABI keeps.
TEXT ·jitCall(SB), NOSPLIT, $0-32
	MOVQ code+0(FP), AX
	MOVQ regs+8(FP), DI
	MOVQ in+16(FP), SI
	MOVQ out+24(FP), DX
	CALL AX
	RET
