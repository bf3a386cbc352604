package symbolic_test

import (
	"errors"
	"math"
	"math/rand"
	"testing"
	"time"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// TestEvalPreciseKnown: values worked out independently, in Python's
// decimal at 420 digits (π by Machin's formula, sin, cos and atan by
// their series), rounded to float64. Each is Certain, and equal to the
// reference, or within 2 ulp.
func TestEvalPreciseKnown(t *testing.T) {
	for _, c := range []struct {
		src  string
		want float64
	}{
		{"sin(10^23)", 0.7011406398610784},
		{"cos(10^300)", -0.16821444437424507},
		{"sin(2^1000)", -0.15920170308624243},
		{"3.141592653589793 - pi", -2.384626433832795e-16},
		{"exp(pi sqrt(163)) - 640320^3 - 744", -7.499274028018143e-13},
		{"tan(pi/2 + 1e-30)", -1e+30},
		{"cosh(20)^2 - sinh(20)^2", 1.0},
		{"cosh(800)/cosh(799)", 2.718281828459045},
		{"sin(1) + cos(2) - tan(3)", 0.5678706913350319},
		{"atan(7)/atan(1/7)", 10.06997133363191},
		{"asin(1/3) + acos(-2/3)", 2.640360892475985},
		{"sinh(0.5) cosh(1.5) tanh(2.5)", 1.2094210174637972},
		{"asinh(3) - acosh(3) + atanh(0.3)", 0.3652188893960925},
		{"ln(17) - ln(5)", 1.2237754316221157},
		{"2^sqrt(2)", 2.665144142690225},
		{"(-27)^(1/3) + cbrt(10)", -0.8455653099681163},
		{"e^(-50)", 1.9287498479639178e-22},
		{"pi^20 - e^60", -1.1420073898156842e+26},
		{"sin(1e-20)/1e-20 - 1", -1.6666666666666665e-41},
		{"(1 - cos(1e-8))/1e-16", 0.5},
		{"sqrt(10^30 + 1) - 10^15", 5e-16},
		{"atan(10^20) - pi/2", -1e-20},
		{"sin(355)", -3.014435335948845e-05},
		{"tan(355/226)", -7497258.185325587},
		{"ln(1 + 1e-30)", 1e-30},
		{"exp(1e-30) - 1", 1e-30},
		{"1/(ln(2) - 0.6931471805599453)", 1.0618831383813853e+17},
		{"sec(1) + csc(2) + cot(3)", -4.064686663458992},
		{"exp(700)", 1.0142320547350045e+304},
		// Found by an audit: a cancelled part no longer spoils what holds it,
		// and 200 bits lost to cancellation are made up at 1,024.
		{"1 + 1e10(sqrt(2)sqrt(3) - sqrt(6))", 1.0},
		{"(exp(1e-60)-1)*1e60", 1.0},
		{"(1-cos(1e-100))/1e-200", 0.5},
		{"acosh(1+1e-60)", 1.414213562373095e-30},
		{"atanh(1-1e-70)", 80.93705184507157},
		{"ln(2exp(-46000))", -45999.30685281944},
		{"csch(1e-80) - 1e80", -1.6666666666666668e-81},
		{"sin(exp(700))", -0.510431874791482},
		{"(1+10^-60)^(10^60)", 2.718281828459045},
		{"sin(10^300 e)", -0.9068567935435212},
		{"(-2)^(2/3)", 1.5874010519681996},
		{"(-5)^(1/3)", -1.709975946676697},
		{"acot(2)", 0.4636476090008061},
		{"acot(-3)", 2.819842099193151},
		{"sin(4) + 2cos(4)", -2.064089737035152},
		{"sin(5) + 2cos(5)", -0.39159990373668596},
		{"sin(-2) + 2cos(-2)", -1.7415910999199664},
		{"asec(3) + acsc(-3) + acoth(2)", 1.4404286522207075},
	} {
		e, err := parser.ParseExpr(c.src)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		p, err := symbolic.EvalPrecise(e)
		if err != nil || !p.Certain || p.Zero {
			t.Errorf("%s: %+v, %v; want certain", c.src, p, err)
			continue
		}
		if p.Value != c.want && math.Abs(p.Value-c.want) > 2*ulp(c.want) {
			t.Errorf("%s = %v, want %v", c.src, p.Value, c.want)
		}
	}
}

func ulp(v float64) float64 {
	return math.Nextafter(math.Abs(v), math.Inf(1)) - math.Abs(v)
}

// TestEvalPreciseUnknown: a part that cancels to all the digits worked out
// is 0 as far as can be told, not a number, and a divisor, ln or root of
// it has no value that can be told; a divisor exactly 0 has none at all.
func TestEvalPreciseUnknown(t *testing.T) {
	// The parser refuses these whole (it asks EvalPrecise): they are
	// put together here from parts it reads.
	call := func(name string) func(symbolic.Expr) symbolic.Expr {
		return func(e symbolic.Expr) symbolic.Expr {
			b, _ := symbolic.LookupBuiltin(name)
			r, err := b.Apply(e)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
	}
	same := func(e symbolic.Expr) symbolic.Expr { return e }
	for _, c := range []struct {
		src  string
		wrap func(symbolic.Expr) symbolic.Expr
		near string // the part named, "" for no error
		zero bool
	}{
		{"sqrt(2)sqrt(3) - sqrt(6)", same, "", true},
		{"4atan(1) - pi", same, "", true},
		{"2^log2(3) - 3", same, "", true},
		// Not 0 in floats: a residue of 1e-116 at 384 bits.
		{"atan(1/2) + atan(1/3) - pi/4", same, "", true},
		// Not a sum, but shrinking with the precision as rounding does.
		{"ln(cosh(20)^2 - sinh(20)^2)", same, "", true},
		// Within 2^-992 of the end of atanh's domain, or past it.
		{"sqrt(35)/(sqrt(5)sqrt(7))", call("atanh"), "sqrt(35)/(sqrt(5) sqrt(7)) - 1", false},
		{"sqrt(10)/(sqrt(2)sqrt(5))", call("asin"), "sqrt(10)/(sqrt(2) sqrt(5)) - 1", false},
		// Known at no precision up to 4,096 bits, and no smaller at the
		// higher of a pair.
		{"sin(10^1230 e)", same, "", false},
		{"7(sqrt(2)sqrt(3) - sqrt(6))", same, "", true},
		{"sqrt(2)sqrt(3) - sqrt(6)", func(e symbolic.Expr) symbolic.Expr { return symbolic.Pow(e, symbolic.Int(-1)) }, "sqrt(2) sqrt(3) - sqrt(6)", false},
		{"sqrt(2)sqrt(3) - sqrt(6)", call("ln"), "sqrt(2) sqrt(3) - sqrt(6)", false},
		{"sqrt(2)sqrt(3) - sqrt(6)", call("sqrt"), "sqrt(2) sqrt(3) - sqrt(6)", false},
		{"4atan(1) - pi", func(e symbolic.Expr) symbolic.Expr { return symbolic.Pow(e, symbolic.Int(-2)) }, "4atan(1) - pi", false},
		{"2atan(1) + pi/2", call("tan"), "cos(pi/2 + 2atan(1))", false},
		{"4atan(1)", call("csc"), "sin(4atan(1))", false},
	} {
		e, err := parser.ParseExpr(c.src)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		e = c.wrap(e)
		p, err := symbolic.EvalPrecise(e)
		var nz *symbolic.NearZeroError
		switch {
		case c.near == "" && (err != nil || p.Certain || p.Zero != c.zero):
			t.Errorf("%s: %+v, %v; want uncertain, zero %v", c.src, p, err, c.zero)
		case c.near != "" && (!errors.As(err, &nz) || nz.Expr.String() != c.near):
			t.Errorf("%s: %+v, %v; want %s near zero", c.src, p, err, c.near)
		}
	}
}

// TestEvalPreciseAgreesWithFloats: over random expressions that floats
// work out well (no sum that loses more than half its digits), the value
// is Certain and the same as float64's to 1e-12.
func TestEvalPreciseAgreesWithFloats(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	fns := []string{"sin", "cos", "atan", "exp", "sqrt", "ln", "sinh", "cosh", "tanh", "asinh", "cbrt", "abs"}
	var gen func(depth int) string
	gen = func(depth int) string {
		if depth == 0 || r.Intn(3) == 0 {
			return []string{"2", "3", "0.7", "1.3", "pi", "e", "5/7", "1.1"}[r.Intn(8)]
		}
		switch r.Intn(4) {
		case 0:
			return "(" + gen(depth-1) + " + " + gen(depth-1) + ")"
		case 1:
			return "(" + gen(depth-1) + " " + gen(depth-1) + ")"
		case 2:
			return "(" + gen(depth-1) + ")^" + []string{"2", "3", "(1/2)", "(-1)"}[r.Intn(4)]
		}
		return fns[r.Intn(len(fns))] + "(" + gen(depth-1) + ")"
	}
	checked := 0
	for checked < 300 {
		src := gen(4)
		e, err := parser.ParseExpr(src)
		if err != nil {
			continue
		}
		prog, err := symbolic.Compile(e)
		if err != nil {
			continue
		}
		f, err := prog.Eval()
		if err != nil || math.Abs(f) > 1e100 || math.Abs(f) < 1e-100 {
			continue
		}
		p, err := symbolic.EvalPrecise(e)
		if err != nil || !p.Certain {
			t.Errorf("%s: %+v, %v", src, p, err)
			continue
		}
		if math.Abs(p.Value-f) > 1e-12*math.Abs(f) {
			t.Errorf("%s = %v precisely, %v in floats", src, p.Value, f)
		}
		checked++
	}
}

// TestEvalPreciseKeepsDomain: the parts a simplification dropped must
// have values too: x/x is 1 where x is not 0, and at 0 has none.
func TestEvalPreciseKeepsDomain(t *testing.T) {
	for _, src := range []string{"x/x", "sin(x)/x", "(x^2 - 1)/(x - 1) - x"} {
		e, err := parser.ParseExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		at := map[string]symbolic.Expr{"x": symbolic.Int(0)}
		if src == "(x^2 - 1)/(x - 1) - x" {
			at["x"] = symbolic.Int(1)
		}
		var ee *symbolic.EvalError
		if p, err := symbolic.EvalPrecise(symbolic.Substitute(e, at)); !errors.As(err, &ee) {
			t.Errorf("%s at %v: %+v, %v; want undefined", src, at["x"], p, err)
		}
	}
}

// TestEvalPreciseExtremes: numbers far beyond float64 give an answer or an
// error, quickly, never a panic (math/big panics on Inf − Inf).
func TestEvalPreciseExtremes(t *testing.T) {
	for _, src := range []string{"sin(10^2000)", "cos(10^1300) + 1", "exp(10^10)", "exp(-(10^10))", "(10^300)^(2^20)",
		"ln(10^-300)", "exp(10^10) - exp(10^10)", "tan(10^1000)", "(10^300)^(2^20) - (10^300)^(2^20)", "1/((10^300)^(2^20))",
		"sqrt(10^(-2000))", "atan(10^3000)", "sinh(10^9)/cosh(10^9)", "cbrt(-(10^3000))"} {
		e, err := parser.ParseExpr(src)
		if err != nil {
			continue // refused as a number too large: nothing to evaluate
		}
		start := time.Now()
		p, err := symbolic.EvalPrecise(e)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s took %v (%+v, %v)", src, d, p, err)
		}
	}
}

// TestExpNearOverflow: e^x, sinh and cosh are finite up to where their
// values pass the largest float64, though Go's math.Exp on amd64 gives
// +Inf from x ≈ 709.436; within 2 ulp of the precise values.
func TestExpNearOverflow(t *testing.T) {
	// Arguments that floats hold exactly: the values are then of the same x.
	for _, src := range []string{"exp(709.5)", "exp(709.75)", "e^709.78125", "cosh(710)", "sinh(-710.25)", "sech(710)", "exp(709)", "exp(708.875)"} {
		e, err := parser.ParseExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		p, err := symbolic.Compile(e)
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.Eval()
		want, perr := symbolic.EvalPrecise(e)
		if err != nil || perr != nil || math.IsInf(got, 0) || math.Abs(got-want.Value) > 2*ulp(want.Value) {
			t.Errorf("%s = %v, %v; want %v", src, got, err, want.Value)
		}
	}
}
