package session

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/fprime/fprime/cmd/fprime/internal/plot"
	"github.com/fprime/fprime/optimize"
	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// Picture is plot's answer at a terminal: the figure to draw, and lines to
// write under it (a tangent's equation, a descent's status).
type Picture struct {
	Figure plot.Figure
	Notes  []string
}

// FileWritten is plot's answer with to FILE.
type FileWritten struct {
	Path   string
	Format string
}

func (Picture) result()     {}
func (FileWritten) result() {}

// maxPath is how many iterates a plot of a descent keeps: every k-th of a
// longer run, k doubling as it goes.
const maxPath = 4096

// pathRecorder keeps the iterates of a run for a picture, evenly thinned.
type pathRecorder struct {
	path        [][]float64
	stride, seq int
	last        []float64
}

func (r *pathRecorder) Record(loc *optimize.Location) {
	r.last = append(r.last[:0], loc.X...)
	if r.seq++; (r.seq-1)%r.stride != 0 {
		return
	}
	r.path = append(r.path, append([]float64(nil), loc.X...))
	if len(r.path) == maxPath {
		kept := r.path[:0]
		for i := 0; i < len(r.path); i += 2 {
			kept = append(kept, r.path[i])
		}
		r.path, r.stride = kept, 2*r.stride
	}
}

// points is the path with the last iterate, which thinning may have left out.
func (r *pathRecorder) points() [][]float64 {
	if r.last != nil && (len(r.path) == 0 || !slices.Equal(r.path[len(r.path)-1], r.last)) {
		return append(r.path, r.last)
	}
	return r.path
}

// recorders sends each iterate to several recorders.
type recorders []optimize.Recorder

func (rs recorders) Record(loc *optimize.Location) {
	for _, r := range rs {
		r.Record(loc)
	}
}

func (s *Session) plot(ctx context.Context, st *parser.Plot) (Result, error) {
	var fig plot.Figure
	var notes []string
	if st.File != "" {
		if _, err := plot.FormatOf(st.File); err != nil {
			return nil, errAt(st.FileAt, "%v", err)
		}
	}
	if st.Descent != nil {
		d, path, err := s.descentPath(ctx, st.Descent)
		if err != nil {
			return nil, err
		}
		f := s.funcs[d.Name]
		if fig, err = s.descentFigure(ctx, st, f, path); err != nil {
			return nil, err
		}
		if st.Descent.Max {
			fig.PathLabel = "ascent"
		}
		fig.Iterates = d.Result.Iterations + 1
		notes = append(notes, fmt.Sprintf("%s: %s after %d iterations", fig.Title, strings.ReplaceAll(d.Result.Status.String(), "_", " "), d.Result.Iterations))
	} else {
		var err error
		if fig, notes, err = s.curvesFigure(ctx, st); err != nil {
			return nil, err
		}
	}
	// An error of the statement, not of the printing: positioned, and
	// in --json an error like any other.
	if err := fig.Check(); err != nil {
		return nil, errAt(st.At, "cannot draw it: %v", err)
	}
	if st.File != "" {
		if err := plot.WriteFile(st.File, fig); err != nil {
			if errors.Is(err, plot.ErrNoDescent) {
				return nil, errAt(st.FileAt, "only a descent is animated: plot min f … to %s", st.File)
			}
			return nil, errAt(st.FileAt, "cannot write the picture: %v", err)
		}
		format, _ := plot.FormatOf(st.File)
		return FileWritten{Path: st.File, Format: string(format)}, nil
	}
	return Picture{Figure: fig, Notes: notes}, nil
}

// curvesFigure draws functions, derivatives, expressions and tangents over
// [From, To]; a function of two variables alone is a contour map.
func (s *Session) curvesFigure(ctx context.Context, st *parser.Plot) (plot.Figure, []string, error) {
	a, err := s.number(st.At, st.From)
	if err != nil {
		return plot.Figure{}, nil, err
	}
	b, err := s.number(st.At, st.To)
	if err != nil {
		return plot.Figure{}, nil, err
	}
	if !(a < b) {
		return plot.Figure{}, nil, errAt(st.At, "the interval [%s, %s] is empty: its left end must be below its right", formatNumber(a), formatNumber(b))
	}
	fig := plot.Figure{XMin: a, XMax: b}
	var notes []string
	for _, it := range st.Items {
		var e symbolic.Expr
		var x string
		label := it.Text
		switch {
		case it.Tangent != nil:
			r, err := s.tangent(ctx, it.Tangent)
			if err != nil {
				return fig, nil, err
			}
			t := r.(TangentLine)
			e, x = t.Line, s.funcs[t.Name].Params[0]
			label = "tangent at " + s.format(t.X)
			note := fmt.Sprintf("tangent to %s at x = %s: y = %s", t.Name, s.format(t.X), s.format(t.Line))
			if a := t.Approx(6); a != "" {
				note += " ≈ " + a
			}
			notes = append(notes, note)
		case it.Name != "":
			f := s.funcs[it.Name]
			if len(f.Params) == 2 {
				g, err := symbolic.Compile(s.bind(f.Body, f.Params...), f.Params...)
				if err != nil {
					return fig, nil, errAt(it.At, "%v", err)
				}
				fig.Surface = &plot.Surface{Label: it.Name, F: func(x, y float64) (float64, error) { return g.Eval(x, y) }}
				fig.YMin, fig.YMax = a, b
				fig.Title, fig.XLabel, fig.YLabel = it.Name, f.Params[0], f.Params[1]
				return fig, nil, nil
			}
			x = f.Params[0]
			if e, err = symbolic.Diff(ctx, s.bind(f.Body, x), x, it.Order); err != nil {
				return fig, nil, errAt(it.At, "%v", err)
			}
		default:
			e, x = s.bind(it.Expr), "x"
			if vars := symbolic.Symbols(e); len(vars) == 1 {
				x = vars[0]
			}
		}
		p, err := symbolic.Compile(e, x)
		if err != nil {
			return fig, nil, errAt(it.At, "%v", err)
		}
		fig.Curves = append(fig.Curves, plot.Curve{Label: label, F: curve(p)})
	}
	return fig, notes, nil
}

// curve is p as a plot.Func: a value too large for a float64 is +Inf,
// which plot tells from undefined.
func curve(p *symbolic.Program) plot.Func {
	return func(x float64) (float64, error) {
		v, err := p.Eval(x)
		if symbolic.Overflowed(err) {
			return math.Inf(1), nil
		}
		return v, err
	}
}

// descentPath runs min or max as the statement would, keeping its iterates.
func (s *Session) descentPath(ctx context.Context, st *parser.Descent) (Descent, [][]float64, error) {
	rec := &pathRecorder{stride: 1}
	r, err := s.runDescent(ctx, st, rec)
	if err != nil {
		return Descent{}, nil, err
	}
	return r, rec.points(), nil
}

// descentFigure is f with the path across it: a curve in one variable, a
// contour map in two.
func (s *Session) descentFigure(ctx context.Context, st *parser.Plot, f *Function, path [][]float64) (plot.Figure, error) {
	body := s.bind(f.Body, f.Params...)
	p, err := symbolic.Compile(body, f.Params...)
	if err != nil {
		return plot.Figure{}, errAt(st.At, "%v", err)
	}
	word := "minimum"
	if st.Descent.Max {
		word = "maximum"
	}
	fig := plot.Figure{Title: word + " of " + f.Name, Path: path}
	switch len(f.Params) {
	case 1:
		d, err := symbolic.Diff(ctx, body, f.Params[0], 1)
		if err != nil {
			return fig, errAt(st.At, "%v", err)
		}
		pd, err := symbolic.Compile(d, f.Params...)
		if err != nil {
			return fig, errAt(st.At, "%v", err)
		}
		fig.Curves = []plot.Curve{{Label: f.Name, F: curve(p)}}
		fig.Slope = func(x float64) (float64, error) { return pd.Eval(x) }
		fig.XLabel = f.Params[0]
	case 2:
		fig.Surface = &plot.Surface{Label: f.Name, F: func(x, y float64) (float64, error) { return p.Eval(x, y) }}
		fig.XLabel, fig.YLabel = f.Params[0], f.Params[1]
	default:
		return fig, errAt(st.At, "%s has %d variables: a picture shows one or two", f.Name, len(f.Params))
	}
	return fig, nil
}
