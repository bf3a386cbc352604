package plot

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// TerminalOptions says how big a terminal plot is and whether it may use
// colour.
type TerminalOptions struct {
	// Width and Height are in character cells: the plot, its tick labels,
	// legend and notes take at most Height lines of at most Width cells.
	// Callers pass COLUMNS and LINES, or 80×24 when not at a terminal.
	Width, Height int
	// Color allows ANSI colours. Without it (NO_COLOR, not a terminal)
	// the first curve is drawn in braille and each other curve, and the
	// path of a descent, with a glyph of its own, so that they can be
	// told apart in plain text.
	Color bool
}

// Colours (ANSI SGR parameters): curves, the descent's path, the frame and
// axes, and the contour levels from low (blue) to high (yellow).
var (
	curveColors   = []string{"94", "92", "95", "96", "93", "34"}
	pathColor     = "1;91"
	frameColor    = "90"
	contourColors = []string{"38;5;21", "38;5;27", "38;5;33", "38;5;39", "38;5;44",
		"38;5;48", "38;5;82", "38;5;118", "38;5;154", "38;5;190", "38;5;220", "38;5;214"}
)

// curveGlyphs mark the curves after the first without colour.
var curveGlyphs = []rune{'•', '+', '×', '*', '#', '%'}

// contourLevels is how many contour lines a terminal plot draws.
const contourLevels = 9

// The marks of a descent's path: joins, iterates (not any curve's mark),
// start and end.
const (
	joinGlyph  = '·'
	iterGlyph  = 'o'
	startGlyph = '○'
	endGlyph   = '●'
)

// pen is how a curve is drawn: braille dots (glyph 0) or a glyph in every
// cell it crosses, in a colour (empty: none).
type pen struct {
	glyph rune
	color string
}

type cell struct {
	dots  uint8
	glyph rune
	axis  rune
	color string
}

// canvas is the plot area: cols×rows cells of 2×4 braille dots each.
type canvas struct {
	cols, rows     int
	cells          []cell
	x0, x1, y0, y1 float64
}

func (c *canvas) at(col, row int) *cell { return &c.cells[row*c.cols+col] }

// dot coordinates: x from 0 (left) to 2·cols−1, y from 0 (top) to 4·rows−1.
func (c *canvas) dotX(x float64) float64 {
	return (x - c.x0) / (c.x1 - c.x0) * float64(2*c.cols-1)
}
func (c *canvas) dotY(y float64) float64 {
	return (c.y1 - y) / (c.y1 - c.y0) * float64(4*c.rows-1)
}

// brailleBit is the bit of the dot at (column, row) of a braille cell.
var brailleBit = [4][2]uint8{{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}}

func (c *canvas) plot(dx, dy int, p pen) {
	if dx < 0 || dy < 0 || dx >= 2*c.cols || dy >= 4*c.rows {
		return
	}
	cl := c.at(dx/2, dy/4)
	if p.glyph != 0 {
		cl.glyph = p.glyph
	} else {
		cl.dots |= brailleBit[dy%4][dx%2]
		cl.glyph = 0 // drawn on top of what was there
	}
	cl.color = p.color
}

// line draws the segment from a to b (data coordinates), clipped to the
// canvas.
func (c *canvas) line(a, b point, p pen) {
	if !finite(a) || !finite(b) {
		return
	}
	ax, ay, bx, by := c.dotX(a.x), c.dotY(a.y), c.dotX(b.x), c.dotY(b.y)
	w, h := float64(2*c.cols)-0.5, float64(4*c.rows)-0.5
	var ok bool
	if ax, ay, bx, by, ok = clip(ax, ay, bx, by, -0.5, -0.5, w, h); !ok {
		return
	}
	n := int(math.Max(math.Abs(bx-ax), math.Abs(by-ay))) + 1
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		c.plot(int(math.Round(ax+(bx-ax)*t)), int(math.Round(ay+(by-ay)*t)), p)
	}
}

// clip cuts the segment to the rectangle [x0, x1]×[y0, y1] (Liang–Barsky);
// ok is false when nothing of it is inside.
func clip(ax, ay, bx, by, x0, y0, x1, y1 float64) (float64, float64, float64, float64, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := bx-ax, by-ay
	for _, e := range [4][2]float64{{-dx, ax - x0}, {dx, x1 - ax}, {-dy, ay - y0}, {dy, y1 - ay}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = math.Max(t0, r)
		} else {
			t1 = math.Min(t1, r)
		}
	}
	if t0 > t1 {
		return 0, 0, 0, 0, false
	}
	return ax + t0*dx, ay + t0*dy, ax + t1*dx, ay + t1*dy, true
}

// mark puts a glyph in the cell holding the point, if it is visible, and
// returns the cell.
func (c *canvas) mark(pt point, g rune, color string) (col, row int, ok bool) {
	if !(pt.x >= c.x0 && pt.x <= c.x1 && pt.y >= c.y0 && pt.y <= c.y1) { // NaN too
		return 0, 0, false
	}
	col, row = int(math.Round(c.dotX(pt.x)))/2, int(math.Round(c.dotY(pt.y)))/4
	cl := c.at(col, row)
	cl.glyph, cl.color = g, color
	return col, row, true
}

func finite(p point) bool {
	return !math.IsNaN(p.x+p.y) && !math.IsInf(p.x, 0) && !math.IsInf(p.y, 0)
}

func (cl *cell) blank() bool { return cl.dots == 0 && cl.glyph == 0 }

// label writes text beside the cell (col, row), right of it or else left
// of it, over blank cells only; where neither side has room it is left out
// (the legend says what the mark is).
func (c *canvas) label(col, row int, text, color string) {
	n := utf8.RuneCountInString(text)
	for _, start := range []int{col + 2, col - 1 - n} {
		if start < 0 || start+n > c.cols {
			continue
		}
		free := true
		for i := start; i < start+n; i++ {
			free = free && c.at(i, row).blank()
		}
		if !free {
			continue
		}
		i := start
		for _, r := range text {
			cl := c.at(i, row)
			cl.glyph, cl.color = r, color
			i++
		}
		return
	}
}

// Terminal draws fig with braille dots at the size opts gives. Curves break
// where they are undefined and at poles; when a few values lie far beyond
// the others, the y range is chosen from the rest and a note says so.
func Terminal(w io.Writer, fig Figure, opts TerminalOptions) error {
	fig, err := fig.resolve()
	if err != nil {
		return err
	}
	if opts.Width < 20 || opts.Height < 8 {
		return fmt.Errorf("a terminal of %d×%d is too small for a plot (at least 20×8)", opts.Width, opts.Height)
	}
	t := &termPlot{fig: fig, opts: opts}
	t.layout()
	if t.c.rows < 3 || t.c.cols < 8 {
		return errors.New("the terminal is too small for this plot and its legend")
	}
	if fig.Surface != nil {
		t.drawContour()
	} else {
		t.drawCurves()
	}
	t.drawPath()
	_, err = io.WriteString(w, t.render())
	return err
}

// termPlot holds a terminal plot as it is laid out and drawn.
type termPlot struct {
	fig  Figure
	opts TerminalOptions

	curves  []samples
	c       canvas
	yTicks  []float64
	yLabels []string
	labelW  int
	legend  []string // entries, each already coloured
	notes   []string
	lv      []float64 // contour levels
}

func (t *termPlot) color(c string) string {
	if !t.opts.Color {
		return ""
	}
	return c
}

// paint wraps s in colour c when colour is on.
func (t *termPlot) paint(s, c string) string {
	if !t.opts.Color || c == "" {
		return s
	}
	return "\x1b[" + c + "m" + s + "\x1b[0m"
}

func (t *termPlot) curvePen(i int) pen {
	if t.opts.Color {
		return pen{color: curveColors[i%len(curveColors)]}
	}
	if i == 0 {
		return pen{}
	}
	return pen{glyph: curveGlyphs[(i-1)%len(curveGlyphs)]}
}

func (t *termPlot) layout() {
	fig := &t.fig
	W, H := t.opts.Width, t.opts.Height
	c := &t.c
	c.x0, c.x1 = fig.XMin, fig.XMax
	if fig.Surface != nil {
		c.y0, c.y1 = fig.YMin, fig.YMax
		// Levels from a coarse grid, so that the legend can list them
		// before the size of the canvas is known.
		t.lv = levels(evalField(fig.Surface.F, 64, 64, c.x0, c.x1, c.y0, c.y1).z, contourLevels)
		t.legend = append(t.legend, t.paint("⣿", t.color(contourColors[len(contourColors)/2]))+
			" "+fig.Surface.Label+" = "+levelsText(t.lv))
	} else {
		// Sample finely enough for any width the labels leave.
		var all []float64
		for i, cv := range fig.Curves {
			s := sample(cv.F, fig.XMin, fig.XMax, 2*W)
			t.curves = append(t.curves, s)
			all = append(all, s.ys...)
			p := t.curvePen(i)
			sym := "⣿"
			if p.glyph != 0 {
				sym = string(p.glyph)
			}
			t.legend = append(t.legend, t.paint(sym, p.color)+" "+cv.Label)
		}
		for i, s := range t.curves {
			if why := s.blank(); why != "" {
				t.notes = append(t.notes, fmt.Sprintf("%s is %s", fig.Curves[i].Label, why))
			}
		}
		var clipped cut
		c.y0, c.y1, clipped = yRange(append(all, t.pathValues()...))
		if n := clipped.note(c.y0, c.y1); n != "" {
			t.notes = append(t.notes, n)
		}
	}
	if len(fig.Path) > 0 {
		first, last := fig.Path[0], fig.Path[len(fig.Path)-1]
		t.legend = append(t.legend,
			t.paint(string(iterGlyph), t.color(pathColor))+" "+fig.pathLegend(len(fig.Path)),
			t.paint(string(startGlyph), t.color(pathColor))+" start "+coords(first),
			t.paint(string(endGlyph), t.color(pathColor))+" end "+coords(last))
		if n := t.outside(); n > 0 {
			t.notes = append(t.notes, fmt.Sprintf("%d of the %d iterates lie outside the picture", n, len(fig.Path)))
		}
	}
	var notes []string
	for _, n := range t.notes {
		notes = append(notes, wrap(n, W)...)
	}
	t.notes = notes
	legendLines := len(pack(t.legend, W))
	title := 0
	if fig.Title != "" {
		title = 1
	}
	c.rows = H - title - 2 - legendLines - len(t.notes)
	if c.rows < 1 {
		c.rows = 1
	}
	t.yTicks, t.yLabels = ticks(c.y0, c.y1, max(2, c.rows/3))
	for _, l := range t.yLabels {
		t.labelW = max(t.labelW, len(l))
	}
	c.cols = W - t.labelW - 1
	if c.cols < 1 {
		c.cols = 1
	}
	c.cells = make([]cell, c.cols*c.rows)
	t.drawAxes()
}

// pathValues are the values of f at the iterates of a descent in one
// variable, so that the y range shows the path.
func (t *termPlot) pathValues() []float64 {
	if t.fig.Surface != nil || len(t.fig.Path) == 0 {
		return nil
	}
	var v []float64
	for _, p := range t.fig.Path {
		v = append(v, eval(t.fig.Curves[0].F, p[0]))
	}
	return v
}

// pathPoints are the iterates as points of the picture.
func (fig *Figure) pathPoints() []point {
	pts := make([]point, len(fig.Path))
	for k, p := range fig.Path {
		if fig.Surface != nil {
			pts[k] = point{p[0], p[1]}
		} else {
			pts[k] = point{p[0], eval(fig.Curves[0].F, p[0])}
		}
	}
	return pts
}

func (t *termPlot) outside() int {
	n := 0
	for _, p := range t.fig.pathPoints() {
		if !(p.x >= t.c.x0 && p.x <= t.c.x1) || (t.fig.Surface != nil && !(p.y >= t.c.y0 && p.y <= t.c.y1)) {
			n++
		}
	}
	return n
}

// drawAxes draws the lines y = 0 and x = 0 where they are inside the
// picture, beneath everything else.
func (t *termPlot) drawAxes() {
	c := &t.c
	row, col := -1, -1
	if c.y0 < 0 && c.y1 > 0 {
		row = int(math.Round(c.dotY(0))) / 4
	}
	if c.x0 < 0 && c.x1 > 0 {
		col = int(math.Round(c.dotX(0))) / 2
	}
	if row >= 0 {
		for i := range c.cols {
			c.at(i, row).axis = '─'
		}
	}
	if col >= 0 {
		for j := range c.rows {
			c.at(col, j).axis = '│'
		}
	}
	if row >= 0 && col >= 0 {
		c.at(col, row).axis = '┼'
	}
}

func (t *termPlot) drawCurves() {
	c := &t.c
	tol := (c.y1 - c.y0) / float64(4*c.rows)
	for i, s := range t.curves {
		p := t.curvePen(i)
		for _, pc := range s.pieces(tol, c.y0, c.y1) {
			if len(pc) == 1 {
				c.line(pc[0], pc[0], p)
			}
			for k := 1; k < len(pc); k++ {
				c.line(pc[k-1], pc[k], p)
			}
		}
	}
}

// drawContour draws the contour lines of the surface in braille: a dot
// is on a line where the band of its value differs from that of the dot to
// its right or below it.
func (t *termPlot) drawContour() {
	c := &t.c
	nx, ny := 2*c.cols, 4*c.rows
	fd := evalField(t.fig.Surface.F, nx, ny, c.x0, c.x1, c.y1, c.y0)
	bands := make([]int, len(fd.z))
	for i, v := range fd.z {
		bands[i] = -1
		if !math.IsNaN(v) {
			bands[i] = band(t.lv, v)
		}
	}
	for j := range ny {
		for i := range nx {
			b := bands[j*nx+i]
			if b < 0 {
				continue
			}
			for _, n := range [2][2]int{{i + 1, j}, {i, j + 1}} {
				if n[0] >= nx || n[1] >= ny {
					continue
				}
				if o := bands[n[1]*nx+n[0]]; o >= 0 && o != b {
					lvl := min(b, o) // the level crossed between them
					col := contourColors[lvl*len(contourColors)/max(1, len(t.lv))]
					c.plot(i, j, pen{color: t.color(col)})
					break
				}
			}
		}
	}
}

// drawPath joins the iterates, marks each, and marks and labels the start
// and the end.
func (t *termPlot) drawPath() {
	if len(t.fig.Path) == 0 {
		return
	}
	c := &t.c
	pts := t.fig.pathPoints()
	join := pen{glyph: joinGlyph, color: t.color(pathColor)}
	for k := 1; k < len(pts); k++ {
		if !math.IsNaN(pts[k-1].y) && !math.IsNaN(pts[k].y) {
			c.line(pts[k-1], pts[k], join)
		}
	}
	for _, p := range pts {
		c.mark(p, iterGlyph, t.color(pathColor))
	}
	if col, row, ok := c.mark(pts[0], startGlyph, t.color(pathColor)); ok {
		c.label(col, row, "start", t.color(pathColor))
	}
	if col, row, ok := c.mark(pts[len(pts)-1], endGlyph, t.color(pathColor)); ok {
		c.label(col, row, "end", t.color(pathColor))
	}
}

func (t *termPlot) render() string {
	var b strings.Builder
	c := &t.c
	W := t.opts.Width
	if t.fig.Title != "" {
		title := truncate(t.fig.Title, W)
		pad := max(0, (W-utf8.RuneCountInString(title))/2)
		b.WriteString(strings.Repeat(" ", pad) + title + "\n")
	}
	tickRow := map[int]string{}
	for i, v := range t.yTicks {
		tickRow[int(math.Round(c.dotY(v)))/4] = t.yLabels[i]
	}
	for j := range c.rows {
		var line strings.Builder
		l, tick := tickRow[j]
		line.WriteString(strings.Repeat(" ", t.labelW-len(l)) + l)
		frame := "│"
		if tick {
			frame = "┤"
		}
		line.WriteString(t.paint(frame, frameColor))
		t.renderRow(&line, j)
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	// The frame's bottom edge with a tick under each x tick, then the labels.
	xt, xl := ticks(c.x0, c.x1, max(2, c.cols/12))
	edge := []rune(strings.Repeat("─", c.cols))
	labels := []rune(strings.Repeat(" ", c.cols+t.labelW+1))
	end := -1
	for i, v := range xt {
		col := int(math.Round(c.dotX(v))) / 2
		edge[col] = '┬'
		n := len(xl[i])
		start := min(max(t.labelW+1+col-n/2, 0), len(labels)-n)
		if start <= end {
			continue
		}
		copy(labels[start:], []rune(xl[i]))
		end = start + n
	}
	b.WriteString(strings.Repeat(" ", t.labelW) + t.paint("└"+string(edge), frameColor) + "\n")
	b.WriteString(strings.TrimRight(string(labels), " ") + "\n")
	for _, l := range pack(t.legend, W) {
		b.WriteString(truncate(l, W) + "\n")
	}
	for _, n := range t.notes {
		b.WriteString(n + "\n")
	}
	return b.String()
}

// renderRow writes row j of the canvas, changing colour only where it
// changes, with trailing blanks left out.
func (t *termPlot) renderRow(b *strings.Builder, j int) {
	c := &t.c
	last := -1
	for i := range c.cols {
		if cl := c.at(i, j); !cl.blank() || cl.axis != 0 {
			last = i
		}
	}
	cur := ""
	for i := 0; i <= last; i++ {
		cl := c.at(i, j)
		r, col := ' ', cl.color
		switch {
		case cl.glyph != 0:
			r = cl.glyph
		case cl.dots != 0:
			r = rune(0x2800 + int(cl.dots))
		case cl.axis != 0:
			r, col = cl.axis, frameColor
		}
		if !t.opts.Color {
			col = ""
		}
		if col != cur {
			if cur != "" {
				b.WriteString("\x1b[0m")
			}
			if col != "" {
				b.WriteString("\x1b[" + col + "m")
			}
			cur = col
		}
		b.WriteRune(r)
	}
	if cur != "" {
		b.WriteString("\x1b[0m")
	}
}

// pack puts legend entries on as few lines of width w as it can, three
// spaces apart.
func pack(entries []string, w int) []string {
	var lines []string
	cur, n := "", 0
	for _, e := range entries {
		en := visibleLen(e)
		if n > 0 && n+3+en > w {
			lines = append(lines, cur)
			cur, n = "", 0
		}
		if n > 0 {
			cur += "   "
			n += 3
		}
		cur += e
		n += en
	}
	if n > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// wrap breaks a note (plain text) into lines of at most w cells at spaces.
func wrap(s string, w int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > w {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	return append(lines, truncate(line, w))
}

// truncate cuts s to w cells, ending in … when it was longer. Colour codes
// take no cells; any cut one is closed.
func truncate(s string, w int) string {
	if visibleLen(s) <= w {
		return s
	}
	var b strings.Builder
	n, esc := 0, false
	for _, r := range s {
		switch {
		case r == '\x1b':
			esc = true
		case esc:
			esc = r != 'm'
		default:
			if n == w-1 {
				b.WriteRune('…')
				if strings.Contains(s, "\x1b") {
					b.WriteString("\x1b[0m")
				}
				return b.String()
			}
			n++
		}
		b.WriteRune(r)
	}
	return b.String()
}

// visibleLen counts the cells s takes, without its colour codes.
func visibleLen(s string) int {
	n, esc := 0, false
	for _, r := range s {
		switch {
		case r == '\x1b':
			esc = true
		case esc:
			esc = r != 'm'
		default:
			n++
		}
	}
	return n
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) }

// coords writes an iterate as x = … or (x, y) = (…, …).
func coords(p []float64) string {
	if len(p) == 1 {
		return "x = " + strconv.FormatFloat(p[0], 'g', 6, 64)
	}
	s := make([]string, len(p))
	for i, v := range p {
		s[i] = strconv.FormatFloat(v, 'g', 6, 64)
	}
	return "(x, y) = (" + strings.Join(s, ", ") + ")"
}

// OptionsFromEnv gives the options of a terminal plot from the environment
// (getenv is os.Getenv in the program, a map in tests): the size from
// COLUMNS and LINES, 80×24 where they are unset or not numbers, and colour
// when the output is a terminal and NO_COLOR is unset or empty
// (no-color.org).
func OptionsFromEnv(getenv func(string) string, isTerminal bool) TerminalOptions {
	size := func(name string, def int) int {
		if n, err := strconv.Atoi(strings.TrimSpace(getenv(name))); err == nil && n > 0 {
			return n
		}
		return def
	}
	return TerminalOptions{Width: size("COLUMNS", 80), Height: size("LINES", 24),
		Color: isTerminal && getenv("NO_COLOR") == ""}
}
