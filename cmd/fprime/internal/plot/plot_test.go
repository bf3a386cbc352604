package plot

import (
	"errors"
	"flag"
	"math"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var errUndefined = errors.New("undefined")

// The functions the tests draw, as the session would hand them over: an
// error where they are undefined.
func tan(x float64) (float64, error) {
	if math.Abs(math.Cos(x)) < 1e-300 {
		return 0, errUndefined
	}
	return math.Tan(x), nil
}

func ln(x float64) (float64, error) {
	if x <= 0 {
		return 0, errUndefined
	}
	return math.Log(x), nil
}

func recip(x float64) (float64, error) {
	if x == 0 {
		return 0, errUndefined
	}
	return 1 / x, nil
}

func sin(x float64) (float64, error)       { return math.Sin(x), nil }
func quarterSq(x float64) (float64, error) { return x * x / 4, nil }

// f(x) = 9x^2 - 72x, PRODUCT.md's first example, and f'.
func quad(x float64) (float64, error)  { return 9*x*x - 72*x, nil }
func dquad(x float64) (float64, error) { return 18*x - 72, nil }

// himmelblau is Himmelblau's function with x and y swapped, as the issue
// writes it: four minima, at (2, 3), (3.13, -2.81), (-3.28, -3.78) and
// (-1.85, 3.58).
func himmelblau(x, y float64) (float64, error) {
	a, b := x*x+y-7, x+y*y-11
	return a*a + b*b, nil
}

// descend1 is plain gradient descent on f with derivative df.
func descend1(df Func, x, eta float64, n int) [][]float64 {
	p := [][]float64{{x}}
	for range n {
		d, _ := df(x)
		x -= eta * d
		p = append(p, []float64{x})
	}
	return p
}

// descendHimmelblau is plain gradient descent on himmelblau.
func descendHimmelblau(x, y, eta float64, n int) [][]float64 {
	p := [][]float64{{x, y}}
	for range n {
		a, b := x*x+y-7, x+y*y-11
		x, y = x-eta*(4*x*a+2*b), y-eta*(2*a+4*y*b)
		p = append(p, []float64{x, y})
	}
	return p
}

// tangentAt is the tangent line of f at a.
func tangentAt(f, df Func, a float64) Func {
	fa, _ := f(a)
	s, _ := df(a)
	return func(x float64) (float64, error) { return fa + s*(x-a), nil }
}

// figures are the pictures the golden tests pin, by name.
func figures() map[string]Figure {
	return map[string]Figure{
		"tan":      {XMin: -5, XMax: 5, Curves: []Curve{{"tan(x)", tan}}},
		"recip":    {XMin: -2, XMax: 2, Curves: []Curve{{"1/x", recip}}},
		"ln":       {XMin: -1, XMax: 5, Curves: []Curve{{"ln(x)", ln}}},
		"sin-quad": {XMin: -3, XMax: 3, Curves: []Curve{{"sin(x)", sin}, {"x^2/4", quarterSq}}},
		"tangent": {XMin: -1, XMax: 9, Curves: []Curve{{"f(x) = 9x^2 - 72x", quad},
			{"tangent at 2: y = -108 - 36(x - 2)", tangentAt(quad, dquad, 2)}}},
		"descent": {Title: "min f x0=0 eta=0.05", Curves: []Curve{{"f(x) = 9x^2 - 72x", quad}},
			Path: descend1(dquad, 0, 0.05, 20), Slope: dquad},
		"himmelblau": {XMin: -5, XMax: 5, YMin: -5, YMax: 5,
			Surface: &Surface{"g(x, y)", himmelblau}, Path: descendHimmelblau(-0.5, -0.5, 0.01, 100)},
	}
}
