package optimize

import (
	"context"
	"math"
	"testing"
)

// fnDef makes a function of one variable that is undefined where g gives a
// value that is not finite, as a compiled program reports it.
func fnDef(g func(float64) float64) func(float64) (float64, error) {
	return func(x float64) (float64, error) {
		v := g(x)
		if v-v != 0 {
			return v, errUndefined
		}
		return v, nil
	}
}

// x^(2/3) as fprime evaluates it today: undefined for x < 0.
func twoThirds(x float64) float64 {
	if x < 0 {
		return math.NaN()
	}
	return math.Cbrt(x * x)
}

// TestExtremaPartlyUndefined: issue 9, section 4. The search works on the
// stretches where f is defined; their ends are candidates; the gaps are
// reported; a pole makes f unbounded, and the result says where.
func TestExtremaPartlyUndefined(t *testing.T) {
	sq := func(x float64) float64 { return math.Sqrt(1 - x*x) }
	tests := []struct {
		name         string
		f, df        func(float64) float64
		a, b         float64
		edges        []wantExt // the ends of the stretches where f is defined
		min, max     float64   // x of the least and greatest values
		minF         float64
		gaps         []Gap
		noMin, noMax bool
		near         float64 // where f has no least or greatest value
		limit        float64 // the value it approaches there (0: a pole)
	}{
		{name: "sqrt(x) on [-1, 1]", f: math.Sqrt, df: func(x float64) float64 { return 1 / (2 * math.Sqrt(x)) },
			a: -1, b: 1, edges: []wantExt{{0, Minimum}}, min: 0, minF: 0, max: 1,
			gaps: []Gap{{Lo: -1, Hi: 0, LoIn: true}}},
		{name: "sqrt(1-x^2) on [-2, 2]", f: sq, df: func(x float64) float64 { return -x / sq(x) },
			a: -2, b: 2, edges: []wantExt{{-1, Minimum}, {1, Minimum}}, min: -1, minF: 0, max: 0,
			gaps: []Gap{{Lo: -2, Hi: -1, LoIn: true}, {Lo: 1, Hi: 2, HiIn: true}}},
		{name: "x^(2/3) on [-1, 1], undefined for x < 0", f: twoThirds,
			df: func(x float64) float64 { return 2 / (3 * math.Cbrt(x)) },
			a:  -1, b: 1, edges: []wantExt{{0, Minimum}}, min: 0, minF: 0, max: 1,
			gaps: []Gap{{Lo: -1, Hi: 0, LoIn: true}}},
		{name: "1/x^2 on [-1, 1]: a pole", f: func(x float64) float64 { return 1 / (x * x) },
			df: func(x float64) float64 { return -2 / (x * x * x) },
			a:  -1, b: 1, min: -1, minF: 1, noMax: true, near: 0,
			gaps: []Gap{{Lo: 0, Hi: 0, LoIn: true, HiIn: true, Pole: true}}},
		{name: "ln(x) on [-1, 1]: unbounded below", f: math.Log, df: func(x float64) float64 { return 1 / x },
			a: -1, b: 1, max: 1, noMin: true, near: 0,
			gaps: []Gap{{Lo: -1, Hi: 0, LoIn: true, HiIn: true, Pole: true}}},
		{name: "ln(1-x) on [0, 2]: undefined from 1 on, 1 included", f: func(x float64) float64 { return math.Log(1 - x) },
			df: func(x float64) float64 { return -1 / (1 - x) },
			a:  0, b: 2, max: 0, noMin: true, near: 1,
			gaps: []Gap{{Lo: 1, Hi: 2, LoIn: true, HiIn: true, Pole: true}}},
		{name: "1/x on [0, 1]: a pole at an end", f: func(x float64) float64 { return 1 / x },
			df: func(x float64) float64 { return -1 / (x * x) },
			a:  0, b: 1, min: 1, minF: 1, noMax: true, near: 0,
			gaps: []Gap{{Lo: 0, Hi: 0, LoIn: true, HiIn: true, Pole: true}}},
		// (x − x^3)/x: 1 − x^2 but at 0, where the 1 it approaches is no
		// greatest value.
		{name: "(x - x^3)/x on [-1, 1]: a supremum not reached", f: func(x float64) float64 { return (x - x*x*x) / x },
			df: func(x float64) float64 { return -2 * x / (x / x) },
			a:  -1, b: 1, min: -1, minF: 0, noMax: true, near: 0, limit: 1,
			gaps: []Gap{{Lo: 0, Hi: 0, LoIn: true, HiIn: true}}},
		{name: "1/x on [-1, 1]: unbounded both ways", f: func(x float64) float64 { return 1 / x },
			df: func(x float64) float64 { return -1 / (x * x) },
			a:  -1, b: 1, noMin: true, noMax: true, near: 0,
			gaps: []Gap{{Lo: 0, Hi: 0, LoIn: true, HiIn: true, Pole: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Extrema1D(context.Background(), fnDef(tt.f), fnDef(tt.df), nil, tt.a, tt.b)
			if err != nil {
				t.Fatal(err)
			}
			var edges []wantExt
			for _, p := range e.Points {
				if p.Edge {
					edges = append(edges, wantExt{p.X, p.Kind})
				}
			}
			if len(edges) != len(tt.edges) {
				t.Fatalf("edges %v, want %v: %s", edges, tt.edges, describe(e))
			}
			for i, w := range tt.edges {
				if math.Abs(edges[i].x-w.x) > 1e-12 || edges[i].kind != w.kind {
					t.Errorf("edge %d: %v, want %v", i, edges[i], w)
				}
			}
			if len(e.Undefined) != len(tt.gaps) {
				t.Fatalf("gaps %+v, want %+v", e.Undefined, tt.gaps)
			}
			for i, g := range tt.gaps {
				if e.Undefined[i] != g {
					t.Errorf("gap %d: %+v, want %+v", i, e.Undefined[i], g)
				}
			}
			if e.NoMin != tt.noMin || e.NoMax != tt.noMax || e.Partial {
				t.Fatalf("no min %v, no max %v, partial %v; want %v, %v, false", e.NoMin, e.NoMax, e.Partial, tt.noMin, tt.noMax)
			}
			if !tt.noMin && (e.Min.X != tt.min || e.Min.F != tt.minF) {
				t.Errorf("least value f(%v) = %v, want f(%v) = %v", e.Min.X, e.Min.F, tt.min, tt.minF)
			}
			if !tt.noMax && e.Max.X != tt.max {
				t.Errorf("greatest value at %v, want %v", e.Max.X, tt.max)
			}
			pole := tt.limit == 0
			if tt.noMin && (e.MinPole != pole || e.MinNear != tt.near || !pole && e.MinLimit != tt.limit) ||
				tt.noMax && (e.MaxPole != pole || e.MaxNear != tt.near || !pole && e.MaxLimit != tt.limit) {
				t.Errorf("no least value near %v (pole %v, limit %v), no greatest near %v (pole %v, limit %v); want near %v, limit %v",
					e.MinNear, e.MinPole, e.MinLimit, e.MaxNear, e.MaxPole, e.MaxLimit, tt.near, tt.limit)
			}
		})
	}
}

// TestExtremaFastOscillation: issue 9, section 4. Every extremum where the
// budget allows (sin(1/x): 3,183; sin(500x): 15,915), and where it does
// not, a result marked Partial that says where, never a partial list
// passed off as complete.
func TestExtremaFastOscillation(t *testing.T) {
	skipWhenShort(t)
	sinInv := fn1(func(x float64) float64 { return math.Sin(1 / x) })
	dsinInv := fn1(func(x float64) float64 { return -math.Cos(1/x) / (x * x) })
	d2sinInv := fn1(func(x float64) float64 { return (2*x*math.Cos(1/x) - math.Sin(1/x)) / (x * x * x * x) })
	sin500 := fn1(func(x float64) float64 { return math.Sin(500 * x) })
	dsin500 := fn1(func(x float64) float64 { return 500 * math.Cos(500*x) })
	d2sin500 := fn1(func(x float64) float64 { return -250000 * math.Sin(500*x) })
	tests := []struct {
		name      string
		f, df, d2 func(float64) (float64, error)
		a, b      float64
		// count: the exact number of extrema inside, or for a partial
		// search, the least that must be found (0: any).
		count   int
		partial bool
	}{
		{"sin(1/x) on [0.0001, 1]", sinInv, dsinInv, d2sinInv, 0.0001, 1, 3183, false},
		{"sin(1/x) on [0.0001, 1] without f''", sinInv, dsinInv, nil, 0.0001, 1, 3183, false},
		{"sin(500x) on [0, 100]", sin500, dsin500, d2sin500, 0, 100, 15915, false},
		{"sin(x) on [-1e300, 1e300]", fn1(math.Sin), fn1(math.Cos), fn1(func(x float64) float64 { return -math.Sin(x) }), -1e300, 1e300, 0, true},
		{"sin(1/x) on [1e-6, 1]", sinInv, dsinInv, d2sinInv, 1e-6, 1, 3183, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Extrema1D(context.Background(), tt.f, tt.df, tt.d2, tt.a, tt.b)
			if err != nil {
				t.Fatal(err)
			}
			if e.Partial != tt.partial {
				t.Fatalf("partial %v (unresolved %v), want %v; %d extrema", e.Partial, e.Unresolved, tt.partial, len(e.Points))
			}
			if !tt.partial && len(e.Points) != tt.count || tt.partial && len(e.Points) < tt.count {
				t.Errorf("%d extrema, want %d", len(e.Points), tt.count)
			}
			if tt.partial && (len(e.Unresolved) == 0 || e.NoMin || e.NoMax) {
				t.Errorf("a partial search: unresolved %v, no min %v, no max %v", e.Unresolved, e.NoMin, e.NoMax)
			}
			// Whatever is listed is an extremum of sin: ±1, and, in a
			// complete list, minima and maxima alternate.
			for i, p := range e.Points {
				if math.Abs(math.Abs(p.F)-1) > 1e-9 || !tt.partial && i > 0 && p.Kind == e.Points[i-1].Kind {
					t.Fatalf("extremum %d: %+v after %+v", i, p, e.Points[max(i-1, 0)])
				}
			}
		})
	}
}

// TestExtremaRoundingInSecondDerivative: fprime's f″ of abs(x) is
// 1/abs(x) − x^2/abs(x)^3, zero give or take rounding; noise in f″ alone
// must not keep the search halving cells until its budget runs out.
func TestExtremaRoundingInSecondDerivative(t *testing.T) {
	d2 := func(x float64) (float64, error) {
		if x == 0 {
			return 0, errUndefined
		}
		a := math.Abs(x)
		return 1/a - x*x/(a*a*a), nil
	}
	e, err := Extrema1D(context.Background(), fn1(math.Abs), absDeriv, d2, -1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if e.Partial || len(e.Points) != 1 || e.Points[0].X != 0 || !e.Points[0].Corner {
		t.Errorf("partial %v (%d stretches), %s", e.Partial, len(e.Unresolved), describe(e))
	}
}

// TestJumpNearOnePoint: tan on [0, 4] has no least or greatest value, and
// both are said near its pole, π/2, not at the grid points on either side
// of it (1.570 and 1.572).
func TestJumpNearOnePoint(t *testing.T) {
	e, err := Extrema1D(context.Background(), fn1(math.Tan), fn1(func(x float64) float64 { return 1 / (math.Cos(x) * math.Cos(x)) }), nil, 0, 4)
	if err != nil {
		t.Fatal(err)
	}
	if !e.NoMin || !e.NoMax || math.Abs(e.MinNear-math.Pi/2) > 1e-9 || math.Abs(e.MaxNear-math.Pi/2) > 1e-9 {
		t.Errorf("no min %v near %v, no max %v near %v; want both near π/2", e.NoMin, e.MinNear, e.NoMax, e.MaxNear)
	}
}
