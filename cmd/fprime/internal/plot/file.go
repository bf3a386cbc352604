package plot

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/fprime/fprime/cmd/fprime/internal/safefile"
)

// Format is a kind of picture file.
type Format string

const (
	PNG Format = "png"
	SVG Format = "svg"
	GIF Format = "gif" // an animation of a descent
)

// The size of a picture written by WriteFile, in pixels.
const (
	FileWidth  = 640
	FileHeight = 480
)

// dpi is the resolution at which sizes in pixels become gonum's lengths
// (points of 1/72 inch).
const dpi = 96

// FormatError reports a file name whose extension names no picture format
// that fprime writes. The session puts it at the file name's position.
type FormatError struct {
	Path string
	Ext  string // as written, with its dot; empty when there is none
}

func (e *FormatError) Error() string {
	if e.Ext == "" {
		return fmt.Sprintf("%s: no extension to tell the picture format by (.png, .svg or .gif)", e.Path)
	}
	return fmt.Sprintf("%s: fprime writes pictures as .png, .svg or .gif, not %s", e.Path, e.Ext)
}

// FormatOf returns the format that path's extension names, in any case.
func FormatOf(path string) (Format, error) {
	ext := filepath.Ext(path)
	switch f := Format(strings.ToLower(strings.TrimPrefix(ext, "."))); f {
	case PNG, SVG, GIF:
		return f, nil
	}
	return "", &FormatError{Path: path, Ext: ext}
}

// WriteFile writes fig to path, FileWidth×FileHeight pixels, in the format
// its extension names: PNG or SVG, or for a descent an animated GIF. It
// writes a temporary file beside path and renames it, so that a failure
// never leaves a half-written file; errors name path, never the temporary
// file.
func WriteFile(path string, fig Figure) error {
	format, err := FormatOf(path)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := Encode(&b, format, fig, FileWidth, FileHeight); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return safefile.Write(path, b.Bytes())
}

// Encode writes fig to w as a picture of width×height pixels.
func Encode(w io.Writer, format Format, fig Figure, width, height int) error {
	if width < 100 || height < 100 || width > 10000 || height > 10000 {
		return fmt.Errorf("a picture of %d×%d pixels is outside 100 to 10000 on a side", width, height)
	}
	fig, err := fig.resolve()
	if err != nil {
		return err
	}
	switch format {
	case GIF:
		return encodeGIF(w, fig, width, height)
	case PNG, SVG:
		g := newGonumFigure(fig, width, height, true)
		var c interface {
			vg.CanvasSizer
			io.WriterTo
		}
		if format == PNG {
			c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(g.w, g.h), vgimg.UseDPI(dpi))}
		} else {
			c = vgsvg.New(g.w, g.h)
		}
		g.p.Draw(draw.New(c))
		_, err = c.WriteTo(w)
		return err
	}
	return fmt.Errorf("unknown picture format %q", format)
}

// Colours of the file pictures: curves (Okabe and Ito's colours, told
// apart by people who do not see red and green), the descent's path, and
// the tangent in an animation.
var (
	fileCurveColors = []color.RGBA{{0, 114, 178, 255}, {230, 159, 0, 255}, {0, 158, 115, 255},
		{204, 121, 167, 255}, {86, 180, 233, 255}, {0, 0, 0, 255}}
	filePathColor    = color.RGBA{213, 40, 0, 255}
	fileTangentColor = color.RGBA{0, 158, 115, 255}
)

// gonumFigure is fig as a gonum plot, with the size it is drawn at.
type gonumFigure struct {
	p      *plot.Plot
	w, h   vg.Length
	x0, x1 float64
	y0, y1 float64
}

// newGonumFigure builds the plot of fig; withPath adds the descent's path
// (an animation draws it frame by frame instead).
func newGonumFigure(fig Figure, width, height int, withPath bool) *gonumFigure {
	g := &gonumFigure{p: plot.New(), w: vg.Length(width) * 72 / dpi, h: vg.Length(height) * 72 / dpi,
		x0: fig.XMin, x1: fig.XMax}
	p := g.p
	p.Title.Text = fig.Title
	p.X.Label.Text = fig.xLabel()
	p.Legend.Top = true
	if fig.Surface != nil {
		g.y0, g.y1 = fig.YMin, fig.YMax
		p.Y.Label.Text = fig.yLabel()
		g.contour(fig.Surface, width, height)
	} else {
		g.curves(fig, width, height)
	}
	if withPath && len(fig.Path) > 0 {
		g.path(fig.pathPoints(), fig.pathLegend(len(fig.Path)))
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = g.x0, g.x1, g.y0, g.y1
	p.X.Tick.Marker, p.Y.Tick.Marker = roundTicks(g.x0, g.x1, 8), roundTicks(g.y0, g.y1, 6)
	return g
}

// roundTicks labels the axes as the terminal does (gonum's own ticks
// print 7.50 and 0.00).
func roundTicks(lo, hi float64, n int) plot.ConstantTicks {
	vs, ls := ticks(lo, hi, n)
	out := make(plot.ConstantTicks, len(vs))
	for i := range vs {
		out[i] = plot.Tick{Value: vs[i], Label: ls[i]}
	}
	return out
}

func (g *gonumFigure) curves(fig Figure, width, height int) {
	var all []float64
	var ss []samples
	for _, c := range fig.Curves {
		s := sample(c.F, fig.XMin, fig.XMax, 2*width)
		ss = append(ss, s)
		all = append(all, s.ys...)
	}
	for _, pt := range fig.pathPoints() {
		all = append(all, pt.y)
	}
	var clipped cut
	g.y0, g.y1, clipped = yRange(all)
	g.p.Y.Label.Text = "y"
	if n := clipped.note(g.y0, g.y1); n != "" {
		g.p.X.Label.Text += "     (" + n + ")"
	}
	tol := (g.y1 - g.y0) / float64(height)
	// Room at the top for the legend, which gonum draws over the data.
	g.y1 += (g.y1 - g.y0) * 0.07 * float64(len(fig.Curves)+min(len(fig.Path), 1))
	g.zeroAxes()
	for i, s := range ss {
		style := draw.LineStyle{Color: fileCurveColors[i%len(fileCurveColors)], Width: vg.Points(1.5)}
		if i > 0 {
			// Dashes as well as colours, so that the curves stay apart in
			// grey.
			style.Dashes = []vg.Length{vg.Points(float64(2 + 2*i)), vg.Points(3)}
		}
		for k, pc := range s.pieces(tol, g.y0, g.y1) {
			l, err := plotter.NewLine(xys(pc))
			if err != nil {
				continue // a piece with no finite point
			}
			l.LineStyle = style
			g.p.Add(l)
			if k == 0 {
				g.p.Legend.Add(fig.Curves[i].Label, l)
			}
		}
		if why := s.blank(); why != "" {
			g.p.Legend.Add(fig.Curves[i].Label+" ("+why+")", &plotter.Line{LineStyle: style})
		}
	}
}

// zeroAxes draws the lines x = 0 and y = 0 where they are inside the
// picture, beneath the curves.
func (g *gonumFigure) zeroAxes() {
	style := draw.LineStyle{Color: color.Gray{200}, Width: vg.Points(0.8)}
	for _, seg := range [][2]point{{{g.x0, 0}, {g.x1, 0}}, {{0, g.y0}, {0, g.y1}}} {
		if seg[0].x <= 0 && seg[1].x >= 0 && seg[0].y <= 0 && seg[1].y >= 0 {
			if l, err := plotter.NewLine(xys(seg[:])); err == nil {
				l.LineStyle = style
				g.p.Add(l)
			}
		}
	}
}

func xys(pts []point) plotter.XYs {
	out := make(plotter.XYs, len(pts))
	for i, p := range pts {
		out[i].X, out[i].Y = p.x, p.y
	}
	return out
}

// gridXYZ shows a field to gonum, transformed by z.
type gridXYZ struct {
	f field
	z func(float64) float64
}

func (g gridXYZ) Dims() (int, int)   { return g.f.nx, g.f.ny }
func (g gridXYZ) Z(c, r int) float64 { return g.z(g.f.z[r*g.f.nx+c]) }
func (g gridXYZ) X(c int) float64    { return g.f.x0 + float64(c)*g.f.dx }
func (g gridXYZ) Y(r int) float64    { return g.f.y0 + float64(r)*g.f.dy }

// fileContourLevels is how many contour lines a file picture draws.
const fileContourLevels = 12

// contour draws the surface as bands between its contour levels, in light
// colours from blue (low) to yellow (high), with the lines over them.
func (g *gonumFigure) contour(s *Surface, width, height int) {
	f := evalField(s.F, min(width/3, 240), min(height/3, 240), g.x0, g.x1, g.y0, g.y1)
	lv := levels(f.z, fileContourLevels)
	n := len(lv)
	bands := gridXYZ{f, func(v float64) float64 {
		if math.IsNaN(v) {
			return v
		}
		return float64(band(lv, v)) / float64(max(n, 1))
	}}
	h := plotter.NewHeatMap(bands, bandPalette(n+1))
	h.Min, h.Max = 0, 1
	h.Rasterized = true
	h.NaN = color.White // where g is undefined
	g.p.Add(h)
	lines := plotter.NewContour(gridXYZ{f, func(v float64) float64 { return v }}, lv, nil)
	lines.LineStyles = []draw.LineStyle{{Color: color.Gray{90}, Width: vg.Points(0.6)}}
	g.p.Add(lines)
	g.p.Legend.Add(s.Label+" = "+levelsText(lv), &plotter.Line{LineStyle: lines.LineStyles[0]})
}

// bandPalette runs from light blue through light green to light yellow:
// pale enough for the path and lines to show over it.
type bandPalette int

func (n bandPalette) Colors() []color.Color {
	out := make([]color.Color, n)
	for i := range out {
		t := float64(i) / math.Max(float64(n-1), 1)
		out[i] = color.RGBA{uint8(150 + 105*t), uint8(190 + 55*t), uint8(240 - 110*t), 255}
	}
	return out
}

// path draws the iterates joined, with the start and the end labelled.
func (g *gonumFigure) path(pts []point, legend string) {
	var ok []point
	for _, p := range pts {
		if finite(p) {
			ok = append(ok, p)
		}
	}
	if len(ok) == 0 {
		return
	}
	line, scatter, err := plotter.NewLinePoints(xys(ok))
	if err != nil {
		return
	}
	line.Color, line.Width = filePathColor, vg.Points(1.2)
	scatter.Color, scatter.Shape, scatter.Radius = filePathColor, draw.CircleGlyph{}, vg.Points(2)
	g.p.Add(line, scatter)
	g.p.Legend.Add(legend, line, scatter)
	ends := plotter.XYLabels{XYs: xys([]point{ok[0], ok[len(ok)-1]}), Labels: []string{" start", " end"}}
	if l, err := plotter.NewLabels(ends); err == nil {
		for i := range l.TextStyle {
			l.TextStyle[i].Color = filePathColor
		}
		g.p.Add(l)
	}
	end, err := plotter.NewScatter(ends.XYs)
	if err == nil {
		end.Color, end.Shape, end.Radius = filePathColor, draw.RingGlyph{}, vg.Points(4)
		g.p.Add(end)
	}
}
