package symbolic

// Smooth reports whether e has derivatives of every order wherever it is
// defined, with respect to any of its variables: it is built of sums,
// products, whole powers, powers of a positive number (or e, or pi), and
// functions smooth on their open domains. A corner or a cusp can come
// only from abs, sgn, cbrt, a power that is not whole (x^(2/3) at 0, x^x
// at 0), or an inverse function at an end of its domain (asin at 1).
func Smooth(e Expr) bool {
	smooth := true
	walkOnce(e, func(n Expr) bool {
		switch n := n.(type) {
		case *Call:
			switch n.fn {
			case fnAbs, fnSgn, fnCbrt, fnAsin, fnAcos, fnAsec, fnAcsc, fnAcosh, fnAsech:
				smooth = false
			}
		case *Power:
			smooth = isInteger(n.exp) || positiveConstant(n.base)
		}
		return smooth
	})
	return smooth
}

// positiveConstant reports whether e is a positive number, e or pi.
func positiveConstant(e Expr) bool {
	switch e := e.(type) {
	case *Num:
		return e.r.Sign() > 0
	case *Constant:
		return true
	}
	return false
}
