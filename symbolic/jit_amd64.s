//go:build linux

#include "textflag.h"

// func jitCall(code unsafe.Pointer, regs, in, rest, first *float64) (sum float64)
//
// The machine code takes the registers' address in DI, the inputs' in SI
// and the outputs' in R8 (the first) and DX (the others), uses no stack
// and may change any register but SP and BP: ABI0 lets a function do
// that, and Go's wrapper around this function restores what Go's own ABI
// keeps.
TEXT ·jitCall(SB), NOSPLIT, $0-48
	MOVQ code+0(FP), AX
	MOVQ regs+8(FP), DI
	MOVQ in+16(FP), SI
	MOVQ rest+24(FP), DX
	MOVQ first+32(FP), R8
	CALL AX
	MOVSD X15, sum+40(FP)
	RET

// func jitDescend(code unsafe.Pointer, regs, block, ups *float64, max int) int
TEXT ·jitDescend(SB), NOSPLIT, $0-48
	MOVQ code+0(FP), AX
	MOVQ regs+8(FP), DI
	MOVQ block+16(FP), R9
	MOVQ ups+24(FP), R11
	MOVQ max+32(FP), R10
	CALL AX
	MOVQ CX, ret+40(FP)
	RET
