package symbolic

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

var latex = &notation{
	paren: func(s string) string { return `\left(` + s + `\right)` },
	frac: func(num, den string, _ int) string {
		return `\frac{` + num + `}{` + den + `}`
	},
	power: func(base, exp string, _ bool) string { return base + "^{" + exp + "}" },
	sqrt:  func(s string) string { return `\sqrt{` + s + `}` },
	call:  func(fn *Func, arg string) string { return fn.LaTeX(arg) },
	symbol: func(name string) string {
		if utf8.RuneCountInString(name) > 1 {
			return `\mathrm{` + strings.ReplaceAll(name, "_", `\_`) + `}`
		}
		return name
	},
	constant: func(c *Constant) string { return c.latex },
	fracPart: func(sum string) string { return sum },
	number: func(digits string) string {
		m, k, ok := strings.Cut(digits, "e")
		switch {
		case !ok:
			return digits
		case m == "1":
			return "10^{" + k + "}"
		}
		return m + ` \cdot 10^{` + k + "}"
	},
	juxt: func(left, right string, _, _, _ bool) string {
		r, _ := utf8.DecodeRuneInString(right)
		switch {
		case r >= '0' && r <= '9' || r == '.':
			return left + ` \cdot ` + right
		case r == '\\' || strings.HasSuffix(left, "}") || endsInControlWord(left):
			return left + " " + right
		}
		return left + right
	},
}

// endsInControlWord reports whether s ends with a command such as \pi,
// which a following letter would lengthen.
func endsInControlWord(s string) bool {
	t := strings.TrimRightFunc(s, unicode.IsLetter)
	return len(t) < len(s) && strings.HasSuffix(t, `\`)
}

// LaTeX prints e as LaTeX, ready to paste: \frac, \sqrt, \sin, \left( … \right).
func LaTeX(e Expr) string { return format(latex, e) }
