package optimize

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSymEigenvalues(t *testing.T) {
	s2 := math.Sqrt2
	tests := []struct {
		a    []float64
		n    int
		want []float64
	}{
		{[]float64{}, 0, []float64{}},
		{[]float64{-7}, 1, []float64{-7}},
		{[]float64{3, 0, 0, -1}, 2, []float64{-1, 3}},
		{[]float64{2, 1, 1, 2}, 2, []float64{1, 3}},
		{[]float64{0, 1, 1, 0}, 2, []float64{-1, 1}},
		{[]float64{2, -1, 0, -1, 2, -1, 0, -1, 2}, 3, []float64{2 - s2, 2, 2 + s2}},
		{[]float64{1e-20, 1, 1, 1e20}, 2, []float64{-1e-20, 1e20}},
	}
	for _, tt := range tests {
		got, err := SymEigenvalues(tt.a, tt.n)
		if err != nil {
			t.Fatal(err)
		}
		for i := range tt.want {
			if math.Abs(got[i]-tt.want[i]) > 1e-15*math.Max(1, math.Abs(tt.want[len(tt.want)-1])) {
				t.Errorf("%v: %v, want %v", tt.a, got, tt.want)
				break
			}
		}
	}
	if _, err := SymEigenvalues([]float64{1, 2, 3}, 2); err == nil {
		t.Error("a 2×2 matrix of 3 elements: no error")
	}
	if eig, _ := SymEigenvalues([]float64{1, math.NaN(), math.NaN(), 1}, 2); !math.IsNaN(eig[0]) {
		t.Errorf("NaN matrix: %v", eig)
	}
}

// TestSymEigenvaluesRandom builds QDQᵀ from random rotations and checks
// that the eigenvalues come back as D.
func TestSymEigenvaluesRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 7))
	for trial := 0; trial < 100; trial++ {
		n := 1 + rng.IntN(8)
		d := make([]float64, n)
		for i := range d {
			d[i] = (rng.Float64()*2 - 1) * math.Pow(10, float64(rng.IntN(5)))
		}
		a := make([]float64, n*n)
		for i := range d {
			a[i*n+i] = d[i]
		}
		for r := 0; r < 3*n*n; r++ {
			p, q := rng.IntN(n), rng.IntN(n)
			if p == q {
				continue
			}
			th := rng.Float64() * 2 * math.Pi
			c, s := math.Cos(th), math.Sin(th)
			for k := 0; k < n; k++ { // A ← GᵀAG
				akp, akq := a[k*n+p], a[k*n+q]
				a[k*n+p], a[k*n+q] = c*akp-s*akq, s*akp+c*akq
			}
			for k := 0; k < n; k++ {
				apk, aqk := a[p*n+k], a[q*n+k]
				a[p*n+k], a[q*n+k] = c*apk-s*aqk, s*apk+c*aqk
			}
		}
		got, err := SymEigenvalues(a, n)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(d)
		scale := math.Max(math.Abs(d[0]), math.Abs(d[n-1]))
		for i := range d {
			if math.Abs(got[i]-d[i]) > 1e-12*scale {
				t.Errorf("trial %d: %v, want %v", trial, got, d)
				break
			}
		}
	}
}

func TestClassifyPoint(t *testing.T) {
	quad := func(a, b float64) Problem { // a x^2 + b y^2
		return Problem{
			Func: func(v []float64) (float64, error) { return a*v[0]*v[0] + b*v[1]*v[1], nil },
			Grad: func(g, v []float64) error { g[0], g[1] = 2*a*v[0], 2*b*v[1]; return nil },
		}
	}
	quartic := oneVar(func(x float64) float64 { return x * x * x * x }, func(x float64) float64 { return 4 * x * x * x })
	tests := []struct {
		name string
		p    Problem
		x    []float64
		want PointKind
	}{
		{"x^2 + y^2", quad(1, 1), []float64{0, 0}, Minimum},
		{"-x^2 - 3y^2", quad(-1, -3), []float64{0, 0}, Maximum},
		{"x^2 - y^2", quad(1, -1), []float64{0, 0}, Saddle},
		{"x^2 + 0y^2", quad(1, 0), []float64{0, 0}, Undecided},
		{"x^4 at 0", quartic, []float64{0}, Undecided},
		{"x^2+5sin(x)", sinBowl, []float64{-1.1105105035}, Minimum},
		{"x^2+5sin(x)^2+3cos(x)", sinHill, []float64{1.5885592373}, Maximum},
		{"g", twoVar, []float64{-3, -2}, Minimum},
	}
	for _, tt := range tests {
		got, eig, err := ClassifyPoint(tt.p, tt.x)
		if err != nil || got != tt.want {
			t.Errorf("%s: %v (eigenvalues %v, %v), want %v", tt.name, got, eig, err, tt.want)
		}
	}
	// The point reached by a run is classified the same way: a saddle is
	// where gradient descent stops when it starts on the ridge.
	saddle := quad(1, -1)
	r, _ := Minimize(context.Background(), saddle, []float64{1, 0}, nil, nil)
	if r.Status != Converged || r.Diagnosis.Point != Saddle {
		t.Errorf("descent along the ridge of x^2 - y^2: %v at %v, %v", r.Status, r.X, r.Diagnosis.Point)
	}
	if _, _, err := ClassifyPoint(Problem{}, []float64{0}); err == nil {
		t.Error("no gradient: no error")
	}
}

func TestTrace(t *testing.T) {
	tr := NewTrace(3, 3)
	r, _ := Minimize(context.Background(), quadratic, []float64{5}, &Settings{Eta: 0.1, Eps: 1e-4, MaxIter: 10000, Recorder: tr}, nil)
	if tr.Total() != 56 || tr.Omitted() != 50 {
		t.Fatalf("total %d, omitted %d; want 56 and 50", tr.Total(), tr.Omitted())
	}
	var ks []int
	for _, row := range append(tr.Head(), tr.Tail()...) {
		ks = append(ks, row.K)
	}
	if !slices.Equal(ks, []int{0, 1, 2, 53, 54, 55}) {
		t.Errorf("rows %v", ks)
	}
	first, last := tr.Head()[0], tr.Tail()[2]
	if first.X[0] != 5 || first.F != -135 || first.Grad[0] != 18 || first.GradNorm != 18 {
		t.Errorf("first row %+v", first)
	}
	if last.X[0] != r.X[0] || last.F != r.F || last.Grad[0] != r.Grad[0] || last.GradNorm != math.Abs(r.Grad[0]) {
		t.Errorf("last row %+v, result %v %v %v", last, r.X, r.F, r.Grad)
	}
	// x_1 = 5 − 0.1·18 = 3.2.
	if tr.Head()[1].X[0] != 3.2 {
		t.Errorf("x_1 = %v", tr.Head()[1].X[0])
	}

	// A short run keeps every row and omits none.
	tr = NewTrace(3, 3)
	Minimize(context.Background(), quadratic, []float64{5}, &Settings{Eta: 0.1, Eps: 1e-4, MaxIter: 4, Recorder: tr}, nil)
	if len(tr.Head()) != 3 || len(tr.Tail()) != 2 || tr.Omitted() != 0 || tr.Tail()[1].K != 4 {
		t.Errorf("short run: head %d, tail %d, omitted %d", len(tr.Head()), len(tr.Tail()), tr.Omitted())
	}

	// A diverging run's last row is the point that ran away, with f there,
	// a number: 9x^2 - 72x at -1.02e100.
	tr = NewTrace(2, 2)
	r, _ = Minimize(context.Background(), quadratic, []float64{5}, &Settings{Eta: 0.2, Eps: 1e-4, MaxIter: 10000, Recorder: tr}, nil)
	end := tr.Tail()[1]
	if end.K != r.Iterations || !(math.Abs(end.X[0]) > Bound) || math.IsNaN(end.F) || tr.Tail()[0].X[0] != r.X[0] {
		t.Errorf("diverged: last rows %+v, result at %v", tr.Tail(), r.X)
	}
}
