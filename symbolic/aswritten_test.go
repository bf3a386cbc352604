package symbolic_test

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// The corpus as written. The derivative oracle differentiates numerically
// the expression the parser built, and the constructors rewrite as they
// build, so a wrong rewrite changes f and f' together and the oracle cannot
// see it. This test reads each corpus line a second time with a small reader
// of its own that calls Go's math package directly, using neither the
// parser nor symbolic, and compares that value of the text with the value
// of the compiled expression, and of its Simplify, at every point of the
// oracle's pool.

// asWrittenTol is the relative tolerance between the two values, relative
// to the larger of them and of the scale of the rounding error of the
// text's evaluation (see textVal). Two evaluations of one function in
// different forms differ by a few rounding errors of that scale; a wrong
// rewrite is off by O(1).
const asWrittenTol = 1e-9

// asWrittenPoints are the oracle's generic points and the simple numbers
// the corpus is built from, where parts vanish and a rewrite that drops a
// part must keep its domain: (x^3 - 8)/(x - 2) has no value at 2.
var asWrittenPoints = append([]float64{0, 1, -1, 2, -2, 0.5, -0.5, 0.25, 1.5, 3, -3, 4, 5, 1.0 / 3, 12.5, -9.3, 31.7, -47.1, 703.3, -801.9}, oraclePool...)

// Where exactly one of the two has a value, the test fails; there is no
// list of exceptions. The only deliberate differences are where floats
// lose the text's value and the rewritten expression keeps it: ln(e^x) is
// x also at x = -801.9, where e^x underflows to 0; cosh(x)^2 - sinh(x)^2
// is 1 at 703.3, where the text is Inf - Inf; 1/(1 + e^(-x)) is about 0 at
// -801.9. The reader marks such values lost (see textVal), and those
// points are skipped, counted in the log.

// textVal is a value of the text with the scale of its rounding error: the
// sum of the magnitudes that went into it, weighted by how much each
// moves the result, so that cancelling terms (sec(x)^2 - tan(x)^2) are
// compared at the size of the terms.
//
// undef marks a value that does not exist: a division by zero, a pole of a
// function (ln(0), cot(0)), a point outside a domain (NaN), or anything
// made from one, even where Go's math gives a number (atan(1/0) is pi/2
// and 1^NaN is 1). lost marks a value that exists but that floats lost on
// the way, by overflow (cosh(800)^2 - sinh(800)^2 is Inf - Inf) or
// underflow (ln(e^x) at x = -800 is ln(0)): the text cannot judge the
// expression there, which may well have the value (x, for ln(e^x)).
//
// exact marks a value that is exactly the number the text means, so that
// a domain edge it lies on is truly there: asin(x/2) at x = 2 is asin(1),
// while asin(1/(sqrt(2)sqrt(x))) at x = 1/2 is asin(1 - 2e-16) or
// asin(1 + 2e-16) depending on the form.
//
// onEdge marks a value made from a part exactly on the edge of a domain,
// by a route the expression may take inexactly: asin(sqrt(2x)) at x = 1/2
// is asin(1), and sqrt(2)sqrt(x) there is 1 + 2e-16. Where the text has a
// value and the expression has none, that is the last bit, not a wrong
// domain. So is a pole at 0 reached through a root or a function, where
// the text has no value and the expression may have a huge one:
// ln(sqrt(x/2) - x) at x = 1/2 is ln(0), and ln(sqrt(1/2)sqrt(x) - x) is
// ln(1.1e-16).
//
// rational marks a value made from x and numbers by + - * / and whole
// powers: the expression's domain guards reproduce exactly where such a
// value is 0, so a pole there is judged: (x - 1)/(x - 1) at 1.
type textVal struct {
	v, scale                             float64
	undef, lost, exact, onEdge, rational bool
	varies                               bool // x is in it: 1/x is no written fraction
}

// pole is the value at a pole whose argument, 0 or ±1, is arg.
func pole(arg textVal, ops ...textVal) textVal {
	r := textVal{v: math.NaN(), undef: true, onEdge: !arg.exact || !arg.rational}
	for _, o := range append(ops, arg) {
		r.lost = r.lost || o.lost
		r.onEdge = r.onEdge || o.onEdge
	}
	return r
}

// underflowed marks r lost where a product, quotient, power or exponential
// of nonzero operands came out 0.
func underflowed(r textVal, ops ...textVal) textVal {
	if r.v != 0 {
		return r
	}
	for _, o := range ops {
		if o.v == 0 {
			return r
		}
	}
	r.lost = true
	return r
}

// lit is a number that is exact: x, a whole number, 1/2.
func lit(v float64) textVal { return textVal{v: v, scale: math.Abs(v), exact: true, rational: true} }

// exactSum, exactProduct and exactQuotient report whether a + b, a·b and
// a/b are exact in floats, by the error terms of TwoSum and of a fused
// multiply-add.
func exactSum(a, b textVal, s float64) bool {
	bb := s - a.v
	return a.exact && b.exact && (a.v-(s-bb))+(b.v-bb) == 0
}

func exactProduct(a, b textVal, p float64) bool {
	return a.exact && b.exact && math.FMA(a.v, b.v, -p) == 0
}

func exactQuotient(a, b textVal, q float64) bool {
	return a.exact && b.exact && math.FMA(q, b.v, -a.v) == 0
}

// result is the value v computed from the operands ops, with its scale.
func result(v, scale float64, ops ...textVal) textVal {
	r := textVal{v: v, scale: scale}
	for _, o := range ops {
		r.varies = r.varies || o.varies
		r.undef = r.undef || o.undef
		r.lost = r.lost || o.lost
		r.onEdge = r.onEdge || o.onEdge
	}
	switch {
	case math.IsNaN(v):
		r.undef = true
	case math.IsInf(v, 0) && !r.undef:
		r.lost = true // from finite operands: an overflow
	case v != 0 && math.Abs(v) < 0x1p-1022:
		r.lost = true // subnormal: most digits gone
	}
	if math.IsNaN(r.scale) {
		r.scale = math.Abs(v) // 0·Inf in a scale: a point where a part is singular
	}
	return r
}

// textReader reads an expression in fprime's notation, as the language
// reference describes it, and evaluates it at x.
type textReader struct {
	toks []textTok
	i    int
	x    float64
}

type textTok struct {
	kind  byte // 'n' number, 'i' name, 's' superscript, or the operator or bracket itself
	text  string
	num   float64
	exact bool // the number is a float exactly: 0.25, not 0.1
}

// evalText evaluates src at x; ok is false where it has no finite value.
func evalText(src string, x float64) (v textVal, ok bool, err error) {
	toks, err := lexText(src)
	if err != nil {
		return textVal{}, false, err
	}
	r := &textReader{toks: toks, x: x}
	v, err = r.sum()
	if err != nil {
		return textVal{}, false, err
	}
	if r.i != len(r.toks) {
		return textVal{}, false, fmt.Errorf("unexpected %q", r.toks[r.i].text)
	}
	return v, !v.undef && !v.lost && !math.IsNaN(v.v) && !math.IsInf(v.v, 0), nil
}

var textOperators = map[rune]byte{
	'+': '+', '-': '-', '−': '-', '–': '-', '*': '*', '×': '*', '·': '*', '⋅': '*', '∙': '*',
	'/': '/', '÷': '/', '^': '^', '(': '(', ')': ')', ',': ',', '√': 'r',
}

var superDigitValue = map[rune]rune{
	'⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-', '⁺': '+',
}

func lexText(src string) ([]textTok, error) {
	var toks []textTok
	rs := []rune(src)
	for i := 0; i < len(rs); {
		c := rs[i]
		switch {
		case c == ' ':
			i++
		case c == '*' && i+1 < len(rs) && rs[i+1] == '*':
			toks = append(toks, textTok{kind: '^', text: "**"})
			i += 2
		case c >= '0' && c <= '9' || c == '.':
			j := i
			for j < len(rs) && (rs[j] >= '0' && rs[j] <= '9' || rs[j] == '.') {
				j++
			}
			// An exponent only when digits follow: 2e^x is 2·e^x.
			if j < len(rs) && (rs[j] == 'e' || rs[j] == 'E') {
				k := j + 1
				if k < len(rs) && (rs[k] == '+' || rs[k] == '-') {
					k++
				}
				if k < len(rs) && rs[k] >= '0' && rs[k] <= '9' {
					for j = k; j < len(rs) && rs[j] >= '0' && rs[j] <= '9'; j++ {
					}
				}
			}
			v, err := strconv.ParseFloat(string(rs[i:j]), 64)
			if err != nil {
				return nil, err
			}
			b, _, err := big.ParseFloat(string(rs[i:j]), 10, 2000, big.ToNearestEven)
			toks = append(toks, textTok{kind: 'n', text: string(rs[i:j]), num: v, exact: err == nil && b.Cmp(big.NewFloat(v)) == 0})
			i = j
		case c == 'π':
			toks = append(toks, textTok{kind: 'i', text: "pi"})
			i++
		case unicode.IsLetter(c) || c == '_':
			j := i
			for j < len(rs) && rs[j] != 'π' && (unicode.IsLetter(rs[j]) || rs[j] == '_' || rs[j] >= '0' && rs[j] <= '9') {
				j++
			}
			toks = append(toks, textTok{kind: 'i', text: string(rs[i:j])})
			i = j
		case superDigitValue[c] != 0:
			j := i
			var b strings.Builder
			for j < len(rs) && superDigitValue[rs[j]] != 0 {
				b.WriteRune(superDigitValue[rs[j]])
				j++
			}
			v, err := strconv.ParseFloat(b.String(), 64)
			if err != nil {
				return nil, err
			}
			toks = append(toks, textTok{kind: 's', text: string(rs[i:j]), num: v})
			i = j
		case textOperators[c] != 0:
			toks = append(toks, textTok{kind: textOperators[c], text: string(c)})
			i++
		default:
			return nil, fmt.Errorf("unexpected character %q", c)
		}
	}
	return toks, nil
}

func (r *textReader) peek() byte {
	if r.i < len(r.toks) {
		return r.toks[r.i].kind
	}
	return 0
}

func (r *textReader) next() textTok {
	t := r.toks[r.i]
	r.i++
	return t
}

func (r *textReader) expect(k byte) error {
	if r.peek() != k {
		return fmt.Errorf("want %q at token %d", k, r.i)
	}
	r.i++
	return nil
}

// sum = term {("+" | "-") term}.
func (r *textReader) sum() (textVal, error) {
	v, err := r.term()
	if err != nil {
		return v, err
	}
	for r.peek() == '+' || r.peek() == '-' {
		op := r.next().kind
		w, err := r.term()
		if err != nil {
			return v, err
		}
		if op == '-' {
			w.v = -w.v
		}
		sum := result(v.v+w.v, v.scale+w.scale, v, w)
		sum.exact = exactSum(v, w, sum.v)
		sum.rational = v.rational && w.rational
		v = sum
	}
	return v, nil
}

// smallFraction finds the fraction p/q, q at most 64, that a rational
// exponent written in the text stands for: 1/3 is 0.333… in floats.
func smallFraction(e textVal) (p, q int64, ok bool) {
	if !e.rational || e.varies || e.v == math.Trunc(e.v) {
		return 0, 0, false
	}
	for q = 2; q <= 64; q++ {
		p := math.Round(e.v * float64(q))
		if math.Abs(p/float64(q)-e.v) <= 1e-12*max(1, math.Abs(e.v)) {
			return int64(p), q, true
		}
	}
	return 0, 0, false
}

// startsFactor reports whether the next token can begin a factor written
// beside the one before it: 2x, x y, 2(x + 1), 2√x.
func (r *textReader) startsFactor() bool {
	k := r.peek()
	return k == 'n' || k == 'i' || k == '(' || k == 'r'
}

// term = signed {("*" | "/" | nothing) signed}: a product read from the
// left, so 1/2x is (1/2)·x.
func (r *textReader) term() (textVal, error) {
	v, err := r.signed()
	if err != nil {
		return v, err
	}
	for {
		op := byte('*')
		switch {
		case r.peek() == '*' || r.peek() == '/':
			op = r.next().kind
		case r.startsFactor():
		default:
			return v, nil
		}
		w, err := r.signed()
		if err != nil {
			return v, err
		}
		switch {
		case op == '*':
			p := underflowed(result(v.v*w.v, v.scale*math.Abs(w.v)+math.Abs(v.v)*w.scale, v, w), v, w)
			p.exact = exactProduct(v, w, p.v)
			p.rational = v.rational && w.rational
			v = p
		case w.v == 0:
			v = pole(w, v)
		default:
			q := underflowed(result(v.v/w.v, v.scale/math.Abs(w.v)+math.Abs(v.v)*w.scale/(w.v*w.v), v, w), v, w)
			q.exact = exactQuotient(v, w, q.v)
			q.rational = v.rational && w.rational
			v = q
		}
	}
}

// signed = {"-"} rooted: the minus binds looser than ^, so -x^2 is -(x^2).
func (r *textReader) signed() (textVal, error) {
	neg := false
	for r.peek() == '-' {
		r.next()
		neg = !neg
	}
	v, err := r.rooted()
	if neg {
		v.v = -v.v
	}
	return v, err
}

// rooted = {"√"} power: √x^2 is sqrt(x^2).
func (r *textReader) rooted() (textVal, error) {
	if r.peek() == 'r' {
		r.next()
		v, err := r.rooted()
		return powVal(v, lit(0.5)), err
	}
	return r.power()
}

// power = atom [superscript] ["^" signed-exponent]: right associative, and
// the exponent may carry its own minus and √: 2^-x^2 is 2^(-(x^2)).
func (r *textReader) power() (textVal, error) {
	if r.peek() == 'i' && isTextFunc(r.toks[r.i].text) && !(r.i+1 < len(r.toks) && r.toks[r.i+1].kind == '(') {
		return r.bareCall()
	}
	b, err := r.atom()
	if err != nil {
		return b, err
	}
	if r.peek() == 's' {
		b = powVal(b, lit(r.next().num))
	}
	if r.peek() != '^' {
		return b, nil
	}
	r.next()
	e, err := r.signed()
	if err != nil {
		return b, err
	}
	return powVal(b, e), nil
}

func powVal(b, e textVal) textVal {
	if b.v == 0 && e.v < 0 {
		return pole(b, e) // 0 to a negative power divides by zero
	}
	v := math.Pow(b.v, e.v)
	if p, q, ok := smallFraction(e); ok && b.v < 0 && q%2 == 1 {
		// A rational power with an odd denominator is real for a
		// negative base, as books use it: (-8)^(2/3) is 4.
		v = math.Pow(-b.v, e.v)
		if p%2 != 0 {
			v = -v
		}
	}
	s := math.Abs(v)
	if b.v != 0 {
		s += math.Abs(e.v*v/b.v)*b.scale + math.Abs(v*math.Log(math.Abs(b.v)))*e.scale
	}
	r := underflowed(result(v, s, b, e), b)
	r.exact = exactPow(b, e, v)
	r.rational = b.rational && e.exact && e.rational && e.v == math.Trunc(e.v)
	whole := e.v == math.Trunc(e.v)
	switch {
	case b.v < 0 && !e.exact && math.Abs(e.v-math.Round(e.v)) <= edge*max(1, e.scale):
		// A negative base and an exponent within rounding of a whole
		// number: whether there is a value hangs on the last bit
		// ((-1/2)^((0.5^x)^2) at x = -1/2 has an exponent of 2 + 4e-16).
		r.lost = true
	case !whole && !b.exact && b.v != 0 && math.Abs(b.v) <= edge*b.scale:
		r.lost = true // a root of a base within rounding of 0, either side
	case b.v < 0 && whole && e.scale > math.Abs(e.v):
		r.onEdge = true // a whole exponent that was worked out: (-1/2)^sqrt(2x) at x = 1/2
	case !whole && b.v == 0 && b.scale > 0:
		r.onEdge = true // a root of 0 that was worked out: sqrt(x - 1/2) at 1/2
	}
	return r
}

// exactPow reports whether v = b^e is exact: a whole power up to 64 whose
// every product is exact, or a square root whose square is b.
func exactPow(b, e textVal, v float64) bool {
	if !b.exact || !e.exact || math.IsNaN(v) || math.IsInf(v, 0) {
		return false
	}
	if e.v == 0.5 {
		return math.FMA(v, v, -b.v) == 0
	}
	n := e.v
	if n != math.Trunc(n) || math.Abs(n) > 64 {
		return false
	}
	p := lit(1)
	for range int(math.Abs(n)) {
		q := p.v * b.v
		if !exactProduct(p, b, q) {
			return false
		}
		p = lit(q)
	}
	if n < 0 {
		return p.v != 0 && exactQuotient(lit(1), p, 1/p.v)
	}
	return true
}

// edge is the relative rounding error within which a value is taken to be
// on the edge of a domain, where its sign or wholeness is a matter of the
// last bits: sqrt(ln(x^-x 2^-x)/ln(10)) at x = 1/2 is the root of 0 or of
// -9.6e-17, depending on the form.
const edge = 1e-12

// bareCall is a function written without parentheses, as books do: its
// argument is the product of the numbers and names that follow it, each
// maybe to a power, so sin 2x is sin(2x), ln x^2 is ln(x^2) and
// sin x cos x is sin(x)·cos(x); sin^2 x and sin² x are sin(x)^2, and
// sin²(x) too.
func (r *textReader) bareCall() (textVal, error) {
	name := r.next().text
	var pow *textVal
	switch r.peek() {
	case 's':
		p := lit(r.next().num)
		pow = &p
	case '^':
		r.next()
		p, err := r.atom()
		if err != nil {
			return p, err
		}
		pow = &p
	}
	var arg textVal
	if pow != nil && r.peek() == '(' {
		var err error
		if arg, err = r.atom(); err != nil {
			return arg, err
		}
	} else {
		n := 0
		for r.peek() == 'n' || r.peek() == 'i' && !isTextFunc(r.toks[r.i].text) {
			b, err := r.atomNoCall()
			if err != nil {
				return b, err
			}
			if r.peek() == 's' {
				b = powVal(b, lit(r.next().num))
			}
			if r.peek() == '^' {
				r.next()
				e, err := r.signed()
				if err != nil {
					return b, err
				}
				b = powVal(b, e)
			}
			if n == 0 {
				arg = b
			} else {
				p := result(arg.v*b.v, arg.scale*math.Abs(b.v)+math.Abs(arg.v)*b.scale, arg, b)
				p.exact = exactProduct(arg, b, p.v)
				p.rational = arg.rational && b.rational
				arg = p
			}
			n++
		}
		if n == 0 {
			return arg, fmt.Errorf("%s without an argument", name)
		}
	}
	v, err := callText(name, []textVal{arg})
	if pow != nil {
		v = powVal(v, *pow)
	}
	return v, err
}

// atomNoCall is a number or a name that is not applied to brackets here:
// in sin x(x + 1), the x alone.
func (r *textReader) atomNoCall() (textVal, error) {
	t := r.next()
	if t.kind == 'n' {
		return number(t), nil
	}
	return r.name(t.text)
}

func number(t textTok) textVal {
	v := lit(t.num)
	v.exact = t.exact
	v.rational = true
	return v
}

func (r *textReader) name(id string) (textVal, error) {
	switch id {
	case "x":
		x := lit(r.x)
		x.varies = true
		return x, nil
	case "pi":
		return textVal{v: math.Pi, scale: math.Pi}, nil
	case "e":
		return textVal{v: math.E, scale: math.E}, nil
	}
	return textVal{}, fmt.Errorf("unknown name %q", id)
}

// atom = number | name | name "(" args ")" | "(" sum ")". A variable or
// constant before a bracket multiplies it: x(x + 1); the product is left
// to term, as juxtaposition.
func (r *textReader) atom() (textVal, error) {
	switch r.peek() {
	case 'n':
		return number(r.next()), nil
	case '(':
		r.next()
		v, err := r.sum()
		if err != nil {
			return v, err
		}
		return v, r.expect(')')
	case 'i':
		t := r.next()
		if !isTextFunc(t.text) {
			return r.name(t.text)
		}
		if err := r.expect('('); err != nil {
			return textVal{}, err
		}
		var args []textVal
		for {
			a, err := r.sum()
			if err != nil {
				return a, err
			}
			args = append(args, a)
			if r.peek() != ',' {
				break
			}
			r.next()
		}
		if err := r.expect(')'); err != nil {
			return textVal{}, err
		}
		return callText(t.text, args)
	}
	if r.i < len(r.toks) {
		return textVal{}, fmt.Errorf("unexpected %q", r.toks[r.i].text)
	}
	return textVal{}, fmt.Errorf("unexpected end")
}

// textFuncs are the built-in functions, each as Go's math package
// computes it.
var textFuncs = map[string]func(float64) float64{
	"sin": math.Sin, "cos": math.Cos, "tan": math.Tan,
	"cot":  func(x float64) float64 { return 1 / math.Tan(x) },
	"sec":  func(x float64) float64 { return 1 / math.Cos(x) },
	"csc":  func(x float64) float64 { return 1 / math.Sin(x) },
	"asin": math.Asin, "acos": math.Acos, "atan": math.Atan,
	"arcsin": math.Asin, "arccos": math.Acos, "arctan": math.Atan,
	"sinh": math.Sinh, "cosh": math.Cosh, "tanh": math.Tanh,
	"coth":  func(x float64) float64 { return 1 / math.Tanh(x) },
	"sech":  func(x float64) float64 { return 1 / math.Cosh(x) },
	"csch":  func(x float64) float64 { return 1 / math.Sinh(x) },
	"asinh": math.Asinh, "acosh": math.Acosh, "atanh": math.Atanh,
	"ln": math.Log, "log2": math.Log2, "log10": math.Log10,
	"exp": math.Exp, "sqrt": math.Sqrt, "cbrt": math.Cbrt, "abs": math.Abs,
}

func isTextFunc(name string) bool { return textFuncs[name] != nil || name == "log" }

// callText applies a function; the scale grows by |f'(u)| times the
// argument's, found by a difference quotient.
func callText(name string, args []textVal) (textVal, error) {
	if name == "log" {
		switch len(args) {
		case 1:
			name = "ln"
		case 2: // log(b, x) is ln(x)/ln(b)
			b, x := args[0], args[1]
			lb, err := callText("ln", []textVal{b})
			if err != nil {
				return lb, err
			}
			lx, _ := callText("ln", []textVal{x})
			if lb.v == 0 {
				return pole(lb, lx), nil // base 1
			}
			return result(lx.v/lb.v, lx.scale/math.Abs(lb.v)+math.Abs(lx.v)*lb.scale/(lb.v*lb.v), lx, lb), nil
		default:
			return textVal{}, fmt.Errorf("log of %d arguments", len(args))
		}
	}
	if len(args) != 1 {
		return textVal{}, fmt.Errorf("%s of %d arguments", name, len(args))
	}
	f, u := textFuncs[name], args[0]
	v := f(u.v)
	// How far the value moves when the argument moves by its rounding
	// error (1e-15 of its scale), in units of that error: |f'(u)|·scale
	// where f is smooth, and more near asin(1) or sqrt(0), where f'
	// is infinite.
	const rel = 1e-15
	s := math.Abs(v)
	if d := rel * u.scale; d > 0 {
		move := 0.0
		for _, w := range []float64{f(u.v + d), f(u.v - d)} {
			if m := math.Abs(w - v); !math.IsNaN(m) && !math.IsInf(m, 0) {
				move = max(move, m)
			}
		}
		s += move / rel
	}
	r := result(v, s, u)
	// Functions whose value at an exact argument is exact where a book
	// says so: abs always, and sin(0), cos(0), ln(1), acos(1), acosh(1),
	// cbrt(8), … .
	r.exact = u.exact && (name == "abs" || v == math.Trunc(v) && math.Abs(v) <= 1 && (u.v == 0 || u.v == 1) ||
		name == "cbrt" && v*v*v == u.v)
	if d := edge * u.scale; d > 0 && (math.IsNaN(f(u.v-d)) != math.IsNaN(v) || math.IsNaN(f(u.v+d)) != math.IsNaN(v)) {
		if u.exact {
			r.onEdge = true // exactly at the edge: asin(1)
		} else {
			r.lost = true // within rounding of the edge: acosh(1 - 2e-16)
		}
	}
	switch name {
	case "exp":
		r = underflowed(r)
	case "sin", "cos", "tan", "cot", "sec", "csc":
		// An argument whose rounding error is beyond 1e-6 (e^x at 31.7
		// is 5.8e13, give or take 0.01) leaves nothing of the phase.
		if 1e-16*u.scale > 1e-6 {
			r.lost = true
		}
	}
	if math.IsInf(v, 0) && math.Abs(u.v) <= 1 {
		// Infinite at a small argument: a pole (ln(0), atanh(1), cot(0)),
		// not an overflow.
		r = pole(u)
	}
	return r, nil
}

// rewriteProbes are expressions written to set off each rewrite of the
// constructors and of Simplify once, beside the corpus, which holds few
// numbers inside functions: ln(1/2) is -ln(2), e^(n ln(u)) is u^n, (2x)^3 is
// 8x^3, (4x)^(1/2) is 2x^(1/2), the parity of each function, -(a + b),
// like terms, a common denominator, a cancelled factor, and the identities
// of trig.go. Each is compared with its text as the corpus lines are.
var rewriteProbes = []string{
	// A pole in a denominator, 0 to a negative power, once evaluated as an
	// overflow whose quotient is 0.
	"1/sqrt((x - 1)^(-x))", "1/(1 + (x - 1)^(-x))",
	// numbers and powers of numbers
	"ln(1/2) x", "ln(3/4) + x", "log(0.5, x)", "log(x, 0.25)", "ln(e) x", "ln(e^x)", "ln(e^(2x))",
	"8^(2/3) x", "(1/8)^(-2/3) x", "(4/9)^(1/2) + x", "(-8)^(1/3) + x", "(-8)^2 x", "2^-3 x", "0^2 + x", "0^x",
	"(2x)^3", "(-2x)^3", "(4x)^(1/2)", "(-4x)^(1/2)", "(3x^2)^(-2)", "(2x)^x", "log2(((x/4)^2)^(3^(x^2)))",
	// powers of powers
	"(x^2)^(1/2)", "(x^2)^3", "(x^(1/2))^4", "(x^3)^(1/3)", "(x^(1/3))^3", "(x^(2/3))^(3/2)", "(x^-2)^(1/2)",
	"((x^2)^(1/2))^2", "(x^(1/4))^2", "(e^x)^2", "(e^x)^(1/2)", "(2^x)^(1/2)", "((-2)^x)^(1/2)", "((-x)^(1/2))^2", "(x^(3/2))^x",
	"e^(2ln(x))", "e^(-3ln(x))", "e^(ln(x)/2)", "e^ln(x^2 + 1)", "2^(ln(x)/ln(2))",
	// products and quotients of like bases
	"x x^-1", "x^2 x^-3", "x^(1/2) x^(1/2)", "x^(1/2) x^(3/2)", "x^(1/3) x^(2/3)", "x^x x^2", "x^(1/2) x^x",
	"sin(x)/sin(x)^2", "(x + 1)^2/(x + 1)^3", "e^x e^-x", "e^x e^(2x)", "2^x 3^x", "2^x/2^(x + 1)",
	// parts dropped with their domain kept
	"0*(1/x) + x", "0 ln(x) + x", "(x - x)/x", "0/x", "(1/x)^0 + x", "ln(x)^0 x", "x/x", "(x - 1)/(x - 1) + x",
	"ln(x) - ln(x) + x", "sqrt(x) - sqrt(x)", "sqrt(x)^2", "e^ln(x)", "acosh(x) - acosh(x) + x", "1^ln(x)",
	// signs and sums
	"-(x - 2)", "-(x + 1)(x - 1)", "-(-x)", "--x", "x - (x - 1)", "2(x + 1) - (x + 1)", "3(x - 1) - 2(x - 1) + x",
	"x + 1 - 2(x + 1)", "-(x^2 - 3x + 1)/2", "1 - (1 - x)^2", "(1 - x) - (x - 1)",
	// functions of negatives
	"sin(-x)", "cos(-2x)", "tan(-x/2)", "cot(-x)", "sec(-x)", "csc(-x)", "asin(-x/5)", "acos(-x/5)",
	"atan(-x)", "sinh(-x)", "cosh(-x)", "tanh(-x)", "asinh(-x)", "acosh(-x)", "atanh(-x/5)", "ln(-x)",
	"cbrt(-x)", "abs(-x)", "abs(-2x)", "abs(abs(x) - 1)", "abs(abs(x))", "abs(-abs(x))", "abs(e^x)", "abs(x^2)", "cbrt(-8x)", "cbrt(8x^3)",
	"sin(-1/2) x", "cos(-1/2) x", "cosh(-2) x", "sec(-7/10) x", "abs(-3/2) x", "cbrt(-1/8) x", "cbrt(-27) + x",
	// Simplify's forms
	"1/(x + 1) - x/(x + 1)^2", "x e^x + e^x", "(x^2 - 1)/(x - 1)", "(x^3 - 8)/(x - 2)", "2x^3 cos(x) + 6x^2 sin(x)",
	"sin(x)^2/cos(x)^2", "sin(x)/cos(x)", "cos(x)/sin(x)", "2sin(x)cos(x)", "1/cos(x)^2", "1/sin(x)^3",
	"sinh(x)/cosh(x)", "cosh(x)/sinh(x)", "sin(x)^2 + cos(x)^2", "cosh(x)^2 - sinh(x)^2", "1 - sin(x)^2",
	"sec(x)^2 - tan(x)^2", "cos(x)^2 - sin(x)^2", "3cos(2x)^2 - 3sin(2x)^2", "tan(x)^2 + 1", "sec(x)^2 - 1", "3sec(x)^2 - 3", "x sec(x)^2 - x", "5tan(x)^2 + 5",
	"cosh(x)^2 - 1", "2cosh(x)^2 - 2", "1 - cos(x)^2", "x sin(x)^2 + x cos(x)^2", "2 - 2sin(x)^2", "sin(x)^3/cos(x)^3", "x cos(x)^2/sin(x)^2", "4(1 - x^2/4)", "(x^2 + 2x + 1)/(x + 1)", "x/(x^2 + x)",
}

// tiny is the size below which values are compared as 0: a rewritten form
// may underflow on the way where the text does not (25^(x^2 + 1)(1/x^2)^(x^2
// + 1) is 0 at x = 12.5, for ((5/x)^2)^(x^2 + 1) = 7e-126).
const tiny = 1e-100

// compareAsWritten evaluates p and the text src at x, and describes how they
// disagree, or returns "". judged is false where floats lost the value:
// the text's (see textVal), or the program's by an overflow (then msg is
// "overflow").
func compareAsWritten(p *symbolic.Program, src string, x float64) (msg string, judged bool) {
	want, wantOK, _ := evalText(src, x)
	if want.lost {
		return "", false
	}
	got, err := p.Eval(x)
	var ee *symbolic.EvalError
	if errors.As(err, &ee) && ee.Reason == "it overflows" && wantOK {
		// A rewritten form may pass 1.8e308 on its way to a value the
		// text reaches directly: (x + 1)e^x/ln(x) at x = 703.3, or
		// (1/16)^(3^(x^2))(x^2)^(3^(x^2)) for ((x/4)^2)^(3^(x^2)) at 4.
		// That is a limit of floats, reported as one, not a wrong value.
		return "overflow", false
	}
	gotOK := err == nil && !math.IsNaN(got) && !math.IsInf(got, 0)
	if gotOK != wantOK && want.onEdge {
		return "", false
	}
	switch {
	case gotOK != wantOK && err != nil:
		return fmt.Sprintf("has no value (%v), but the text as written is %.17g", err, want.v), true
	case gotOK != wantOK && wantOK:
		return fmt.Sprintf("is %v, but the text as written is %.17g", got, want.v), true
	case gotOK != wantOK:
		return fmt.Sprintf("is %.17g, but the text as written has no value (%v)", got, want.v), true
	case !gotOK, got == want.v:
		return "", true
	case !(math.Abs(got-want.v) <= asWrittenTol*max(math.Abs(got), math.Abs(want.v), want.scale)+tiny):
		return fmt.Sprintf("is %.17g, but the text as written is %.17g", got, want.v), true
	}
	return "", true
}

// knownAsWritten are lines on which the library is known to disagree with
// the text, with the reason; as with knownFailures, their disagreements are
// logged, and a line here that agrees is an error.
var knownAsWritten = map[string]string{}

// TestCorpusAsWritten compares every corpus line's (and probe's, as line 0)
// compiled value, and that
// of its Simplify, with the value of its text at each point of the oracle's
// pool: both must have a value or neither, and the values must agree.
func TestCorpusAsWritten(t *testing.T) {
	lines := readCorpus(t)
	for _, p := range rewriteProbes {
		lines = append(lines, corpusLine{0, p})
	}
	for p := range knownAsWritten {
		lines = append(lines, corpusLine{0, p})
	}
	read, compared, lost := 0, 0, 0
	for _, l := range lines {
		_, known := knownAsWritten[l.src]
		errorf := t.Errorf
		if known {
			errorf = t.Logf
		}
		failed := false
		if _, _, err := evalText(l.src, 0.5); err != nil {
			t.Errorf("line %d: the test's reader cannot read %q: %v", l.line, l.src, err)
			continue
		}
		read++
		e, err := parser.ParseExpr(l.src)
		if err != nil {
			t.Errorf("line %d: parse %q: %v", l.line, l.src, err)
			continue
		}
		for _, form := range []struct {
			what string
			e    symbolic.Expr
		}{{"as parsed", e}, {"simplified", symbolic.Simplify(e)}} {
			p, err := symbolic.Compile(form.e, "x")
			if err != nil {
				t.Errorf("line %d: compile %q %s (%v): %v", l.line, l.src, form.what, form.e, err)
				continue
			}
			bad := 0
			for _, x := range asWrittenPoints {
				msg, judged := compareAsWritten(p, l.src, x)
				if !judged {
					lost++ // floats lost the value: nothing to judge by
					if msg == "overflow" {
						t.Logf("line %d: %q %s overflows at x = %v, where the text has a value", l.line, l.src, form.what, x)
					}
					continue
				}
				compared++
				if msg == "" {
					continue
				}
				failed = true
				if bad++; bad <= 2 {
					errorf("line %d: %q at x = %v: %s %s\n\t%s = %v", l.line, l.src, x, form.what, msg, form.what, form.e)
				}
			}
			if bad > 2 {
				errorf("line %d: %q %s: and %d more points disagree", l.line, l.src, form.what, bad-2)
			}
		}
		switch {
		case known && !failed:
			t.Errorf("%q is in knownAsWritten but agrees with its text: remove it", l.src)
		case known:
			t.Logf("known: %s", knownAsWritten[l.src])
		}
	}
	t.Logf("%d of %d corpus lines and rewrite probes read as written, %d values compared, %d points where floats lost the text's value", read, len(lines), compared, lost)
}

// TestTextReader pins the test's own reader to the notation: each text
// with its value as a book reads it, or no value.
func TestTextReader(t *testing.T) {
	nan, lost := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		src  string
		x    float64
		want float64
	}{
		{"1/2x", 4, 2},
		{"-x^2", 3, -9},
		{"−x² + 4", 3, -5},
		{"2^-x^2", 1, 0.5},
		{"x^x^2", 2, 16},
		{"2^3^x", 1, 8},
		{"x**3 - 2x**2", 3, 9},
		{"e^-x", 1, 1 / math.E},
		{"3e^-x + x", 1, 3/math.E + 1},
		{"2.5E1x^2 + 0.1", 2, 100.1},
		{".25x^4 - 1e-3x", 2, 4 - 0.002},
		{"x(x + 1)", 2, 6},
		{"(x + 1)(x - 1)", 3, 8},
		{"2(x + 1)^3", 1, 16},
		{"x^2 (x + 1)^3", 2, 108},
		{"π x²", 2, 4 * math.Pi},
		{"2pi x", 2, 4 * math.Pi},
		{"e x", 2, 2 * math.E},
		{"x⁻¹ + x²", 2, 4.5},
		{"√x · ln x", 4, 2 * math.Log(4)},
		{"√(x² + 1)", 2, math.Sqrt(5)},
		{"2·x³ × sin(x)", 2, 16 * math.Sin(2)},
		{"sin x", 0.3, math.Sin(0.3)},
		{"sin 2x", 0.3, math.Sin(0.6)},
		{"sin x cos x", 0.3, math.Sin(0.3) * math.Cos(0.3)},
		{"sin x + 1", 0.3, math.Sin(0.3) + 1},
		{"sin x^2", 0.3, math.Sin(0.09)},
		{"sin^2 x + cos^2 x", 0.3, 1},
		{"sin² x", 0.3, math.Sin(0.3) * math.Sin(0.3)},
		{"ln x^2", 3, math.Log(9)},
		{"sinh x^-2", 2, math.Sinh(0.25)},
		{"sin x/2", 1, math.Sin(1) / 2},
		{"3x²·cos x", 2, 12 * math.Cos(2)},
		{"csc x * x/exp(x^x)", 2, 2 / math.Sin(2) / math.Exp(4)},
		{"log(2, x)", 8, 3},
		{"log(x, 10)", 10, 1},
		{"log(x)", math.E, 1},
		{"log10(x)", 100, 2},
		{"arccos(x/2)", 1, math.Acos(0.5)},
		// No value: a pole, a domain, a negative number to a fractional
		// power, and a value made from none, even where math has one.
		{"1/x", 0, nan},
		{"atan(1/x)", 0, nan},
		{"ln(x)", 0, nan},
		{"x^(1/2)", -1, nan},
		{"1^ln(x)", -1, nan},
		{"0*ln(x)", -1, nan},
		{"x^-1", 0, nan},
		{"cot(x)", 0, nan},
		// Floats lose the value (+Inf here): an overflow, an underflow,
		// the phase of a huge argument.
		{"x/exp(x^x)", 5, lost},
		{"exp(x^x)", 5, lost},
		{"ln(exp(x))", -800, lost},
		{"cosh(x)^2 - sinh(x)^2", 800, lost},
		{"sin(exp(x))", 40, lost},
		// At the edge of a domain, a value counts only when it is exact.
		{"asin(x/2)", 2, math.Pi / 2},
		{"sqrt(1 - x^2)", 1, 0},
		{"acosh((x + x)^(-1/2))", 0.5, lost},
		{"(-x)^(x^2)", 2, 16},
		{"x^((0.5^x)^2)", -0.5, lost},
	} {
		v, ok, err := evalText(c.src, c.x)
		switch {
		case err != nil:
			t.Errorf("%s: %v", c.src, err)
		case math.IsInf(c.want, 1):
			if !v.lost {
				t.Errorf("%s at %v = %v (ok %v), want the value lost to floats", c.src, c.x, v.v, ok)
			}
		case v.lost:
			t.Errorf("%s at %v: the value is lost to floats", c.src, c.x)
		case math.IsNaN(c.want):
			if ok {
				t.Errorf("%s at %v = %v, want no value", c.src, c.x, v.v)
			}
		case !ok || math.Abs(v.v-c.want) > 1e-14*max(1, math.Abs(c.want)):
			t.Errorf("%s at %v = %v (ok %v), want %v", c.src, c.x, v.v, ok, c.want)
		}
	}
}

// TestGeneratedAsWritten compares random expressions from the corpus
// generator (a fixed seed, so a failure repeats) with their text as
// written, as TestCorpusAsWritten does with the corpus: many more
// combinations of the constructors' rewrites than the corpus holds, at no
// cost of differentiation.
func TestGeneratedAsWritten(t *testing.T) {
	skipWhenShort(t)
	const n = 3000
	g := &exprGen{r: rand.New(rand.NewPCG(20261202, 7))}
	seen, compared, lost, overflows, failed := 0, 0, 0, 0, 0
	for seen < n && failed < 20 {
		tree := g.tree(3 + g.r.IntN(3))
		if tree.silly() || !tree.hasX() {
			continue
		}
		src := g.text(tree)
		e, err := parser.ParseExpr(src)
		if err != nil {
			continue // a mistake the parser reports, as 2 3
		}
		seen++
		if _, _, err := evalText(src, 0.5); err != nil {
			t.Errorf("the test's reader cannot read %q: %v", src, err)
			failed++
			continue
		}
		for _, form := range []struct {
			what string
			e    symbolic.Expr
		}{{"as parsed", e}, {"simplified", symbolic.Simplify(e)}} {
			p, err := symbolic.Compile(form.e, "x")
			if err != nil {
				continue // a number too large for a float64
			}
			for _, x := range asWrittenPoints {
				msg, judged := compareAsWritten(p, src, x)
				if !judged {
					lost++
					if msg == "overflow" {
						overflows++
					}
					continue
				}
				compared++
				if msg != "" {
					t.Errorf("%q at x = %v: %s %s\n\t%s = %v", src, x, form.what, msg, form.what, form.e)
					failed++
					break
				}
			}
		}
	}
	t.Logf("%d generated expressions, %d values compared, %d points where floats lost the value (%d where the expression overflows and the text does not)", seen, compared, lost, overflows)
}
