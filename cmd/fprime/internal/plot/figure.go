package plot

import (
	"errors"
	"fmt"
	"math"
)

// Func is a function of one variable; it returns an error where it is
// undefined (ln left of 0, tan at its poles), and ±Inf with no error where
// its value is too large for a float64 (x^2 at 1e200).
type Func func(x float64) (float64, error)

// Func2 is a function of two variables, with an error where it is undefined.
type Func2 func(x, y float64) (float64, error)

// Curve is one function drawn over the figure's x range.
type Curve struct {
	Label string
	F     Func
}

// Surface is a function of two variables drawn as a contour map.
type Surface struct {
	Label string
	F     Func2
}

// Figure is one picture: curves of one variable, or the contour map of a
// function of two; either with the path of a descent on it.
type Figure struct {
	Title          string
	XLabel, YLabel string // "x" and "y" when empty

	// XMin, XMax is the x range. When they are equal and there is a Path,
	// the range is chosen around the path.
	XMin, XMax float64
	// YMin, YMax is the y range of a contour map, chosen like the x range
	// when they are equal. For curves the y range is always chosen from
	// their values.
	YMin, YMax float64

	Curves []Curve
	// Surface, when set, makes the figure a contour map; Curves are then
	// not drawn.
	Surface *Surface

	// Path holds the iterates of a descent, x0 first: one coordinate each
	// for a descent on Curves[0], two for one across Surface.
	Path [][]float64
	// PathLabel names the path in the legend: "descent" when empty
	// ("ascent" for max).
	PathLabel string
	// Iterates is how many iterates the run made, x0 included, where Path
	// holds only some of them (a long run is thinned); 0 when it holds all.
	Iterates int
	// Slope is the derivative of Curves[0]; an animation of a descent in
	// one variable draws the tangent at each iterate with it.
	Slope Func
}

func (fig *Figure) xLabel() string {
	if fig.XLabel == "" {
		return "x"
	}
	return fig.XLabel
}

func (fig *Figure) yLabel() string {
	if fig.YLabel == "" {
		return "y"
	}
	return fig.YLabel
}

func (fig *Figure) pathLabel() string {
	if fig.PathLabel == "" {
		return "descent"
	}
	return fig.PathLabel
}

// pathLegend is the path's entry in a legend: its name and how many
// iterates it shows, of how many.
func (fig *Figure) pathLegend(drawn int) string {
	if fig.Iterates > drawn {
		return fmt.Sprintf("%s: %d of %d iterates drawn", fig.pathLabel(), drawn, fig.Iterates)
	}
	return fmt.Sprintf("%s: %d iterates", fig.pathLabel(), drawn)
}

// ErrNoDescent is the error (within WriteFile's) for a GIF of a figure
// without a path: only a descent is animated.
var ErrNoDescent = errors.New("an animation needs a descent (plot min f … to FILE.gif)")

// dims is how many coordinates each iterate of the path must have.
func (fig *Figure) dims() int {
	if fig.Surface != nil {
		return 2
	}
	return 1
}

// Check reports what makes fig impossible to draw (a range too narrow for
// float64 to tell its points apart, say), before any drawing is asked.
func (fig Figure) Check() error {
	_, err := fig.resolve()
	return err
}

// resolve checks fig and returns a copy with its ranges chosen.
func (fig Figure) resolve() (Figure, error) {
	if fig.Surface == nil && len(fig.Curves) == 0 {
		return fig, errors.New("nothing to plot")
	}
	if fig.Surface != nil && fig.Surface.F == nil {
		return fig, errors.New("the contour map has no function")
	}
	for i, c := range fig.Curves {
		if c.F == nil {
			return fig, fmt.Errorf("curve %d has no function", i+1)
		}
	}
	n := fig.dims()
	for k, p := range fig.Path {
		if len(p) != n {
			return fig, fmt.Errorf("iterate %d has %d coordinates, not %d", k, len(p), n)
		}
	}
	var err error
	if fig.XMin, fig.XMax, err = axisRange(fig.XMin, fig.XMax, fig.Path, 0); err != nil {
		return fig, fmt.Errorf("x range: %w", err)
	}
	if n == 2 {
		if fig.YMin, fig.YMax, err = axisRange(fig.YMin, fig.YMax, fig.Path, 1); err != nil {
			return fig, fmt.Errorf("y range: %w", err)
		}
	}
	return fig, nil
}

// axisRange returns [lo, hi] if it is a proper interval, or else the
// extent of coordinate i of the path's finite iterates, widened by a fifth of it on
// each side so that the start and end are not on the frame.
func axisRange(lo, hi float64, path [][]float64, i int) (float64, float64, error) {
	if lo != hi || len(path) == 0 {
		if !(lo < hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
			return lo, hi, fmt.Errorf("[%g, %g] is not an interval", lo, hi)
		}
		return lo, hi, checkWidth(lo, hi)
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range path {
		if v := p[i]; !math.IsNaN(v) && !math.IsInf(v, 0) && math.Abs(v) < 1e100 {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo > hi {
		return lo, hi, errors.New("no iterate is finite")
	}
	pad := (hi - lo) / 5
	if pad == 0 {
		pad = math.Max(math.Abs(lo)/10, 1)
	}
	return lo - pad, hi + pad, checkWidth(lo-pad, hi+pad)
}

// checkWidth refuses an interval whose width overflows, or that is too
// narrow for its points to be told apart in float64 across a picture.
func checkWidth(lo, hi float64) error {
	switch w := hi - lo; {
	case math.IsInf(w, 0):
		return fmt.Errorf("[%g, %g] is too wide to draw", lo, hi)
	case w < 1e-9*math.Max(math.Abs(lo), math.Abs(hi)):
		return fmt.Errorf("[%g, %g] is too narrow to draw", lo, hi)
	}
	return nil
}
