package plot

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// field is a function of two variables evaluated on a grid: z[j*nx+i] at
// x = x0 + i·dx, y = y0 + j·dy; NaN where it is undefined.
type field struct {
	nx, ny         int
	x0, y0, dx, dy float64
	z              []float64
}

func evalField(f Func2, nx, ny int, x0, x1, y0, y1 float64) field {
	fd := field{nx: nx, ny: ny, x0: x0, y0: y0,
		dx: (x1 - x0) / float64(nx-1), dy: (y1 - y0) / float64(ny-1),
		z: make([]float64, nx*ny)}
	for j := range ny {
		y := y0 + float64(j)*fd.dy
		for i := range nx {
			v, err := f(x0+float64(i)*fd.dx, y)
			if err != nil || math.IsInf(v, 0) {
				v = math.NaN()
			}
			fd.z[j*nx+i] = v
		}
	}
	return fd
}

// levels chooses n contour levels between the 1% and 98% quantiles of the
// finite values (so that a corner rising to thousands does not decide
// them): evenly spaced, or evenly spaced in the logarithm of the height
// above the least value when those heights span more than a factor of ten. With even spacing every line of Himmelblau's function, which
// rises to hundreds while its four basins lie below 1, would crowd its
// steep walls; on a log scale each basin gets rings of its own.
func levels(z []float64, n int) []float64 {
	v := make([]float64, 0, len(z))
	for _, x := range z {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return nil
	}
	slices.Sort(v)
	q := func(p float64) float64 { return v[int(p*float64(len(v)-1))] }
	least, lo, hi := v[0], q(0.01), q(0.98)
	if hi == lo {
		return []float64{lo}
	}
	out := make([]float64, 0, n)
	a, b := lo-least, hi-least
	logScale := a > 0 && b > 10*a
	for k := range n {
		t := (float64(k) + 0.5) / float64(n)
		if logScale {
			out = append(out, least+a*math.Pow(b/a, t))
		} else {
			out = append(out, lo+(hi-lo)*t)
		}
	}
	return out
}

// band is the number of levels at or below v: the region between two
// contour lines that v lies in.
func band(lv []float64, v float64) int {
	i, _ := slices.BinarySearch(lv, v)
	for i < len(lv) && lv[i] <= v {
		i++
	}
	return i
}

// levelsText lists the levels briefly: all of them when there are few,
// else the first, the last and how they are spaced.
func levelsText(lv []float64) string {
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', 3, 64) }
	if len(lv) <= 4 {
		s := make([]string, len(lv))
		for i, l := range lv {
			s[i] = g(l)
		}
		return strings.Join(s, ", ")
	}
	spacing := "evenly spaced"
	if a, b, c := lv[0], lv[1], lv[2]; math.Abs((c-b)-(b-a)) > 1e-9*math.Abs(c) {
		spacing = "log scale"
	}
	return fmt.Sprintf("%s to %s (%d levels, %s)", g(lv[0]), g(lv[len(lv)-1]), len(lv), spacing)
}
