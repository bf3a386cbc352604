package plot

import (
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	stddraw "image/draw"
	"image/gif"
	"io"
	"math"
	"strconv"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// bannerHeight is the height in pixels of the strip above the plot that
// holds the iteration number and f.
const bannerHeight = 18

// maxFrames bounds an animation: a longer descent is sampled evenly.
const maxFrames = 300

// heldDelay is how long the last frame stays, in hundredths of a second,
// before the animation starts again.
const heldDelay = 300

// gifPalette is the fixed palette of every animation: the web-safe colour
// cube, the colours of the overlays and of the contour bands exactly (the
// cube's nearest to those pale colours are garish), a grey ramp for antialiased
// lines and text, and a transparent entry that lets a frame keep the
// pixels of the one before (so that each frame stores only what changed).
var gifPalette = func() color.Palette {
	p := append(color.Palette{}, palette.WebSafe...)
	p = append(p, filePathColor, fileTangentColor)
	p = append(p, bandPalette(fileContourLevels+1).Colors()...)
	for _, c := range fileCurveColors {
		p = append(p, c)
	}
	for i := range 16 {
		p = append(p, color.Gray{uint8(i * 17)})
	}
	return append(p, color.RGBA{})
}()

var transparent = uint8(len(gifPalette) - 1)

// frameIndices picks the iterates shown: every one, or maxFrames of them
// evenly spaced, the first and the last always.
func frameIndices(n int) []int {
	m := min(n, maxFrames)
	idx := make([]int, m)
	for i := range idx {
		if m > 1 {
			idx[i] = int(math.Round(float64(i) * float64(n-1) / float64(m-1)))
		}
	}
	return idx
}

// animation draws the frames of a descent over a background drawn once.
type animation struct {
	fig     Figure
	pts     []point
	bg      *image.Paletted
	rect    image.Rectangle // the data area, in pixels
	toPx    func(point) (float64, float64)
	path    uint8 // palette indices
	tangent uint8
	ink     uint8
	white   uint8
	drawnTo int // the persistent layer holds the path up to this iterate
}

func encodeGIF(w io.Writer, fig Figure, width, height int) error {
	if len(fig.Path) == 0 {
		return ErrNoDescent
	}
	g := newGonumFigure(fig, width, height, false)
	c := vgimg.NewWith(vgimg.UseWH(g.w, g.h), vgimg.UseDPI(dpi))
	// The plot leaves a strip at the top for the line that says where the
	// descent is, so that it covers neither the legend nor the path.
	dc := draw.Crop(draw.New(c), 0, 0, 0, -vg.Length(bannerHeight)*72/dpi)
	g.p.Draw(dc)
	data := g.p.DataCanvas(dc)
	tx, ty := g.p.Transforms(&data)
	scale := float64(dpi) / 72
	a := &animation{fig: fig, pts: fig.pathPoints(),
		bg: quantize(c.Image(), gifPalette),
		toPx: func(p point) (float64, float64) {
			return float64(tx(p.x)) * scale, float64(height) - float64(ty(p.y))*scale
		},
		rect: image.Rect(int(float64(data.Min.X)*scale), height-int(float64(data.Max.Y)*scale),
			int(float64(data.Max.X)*scale)+1, height-int(float64(data.Min.Y)*scale)+1),
		path:    uint8(gifPalette.Index(filePathColor)),
		tangent: uint8(gifPalette.Index(fileTangentColor)),
		ink:     uint8(gifPalette.Index(color.Black)),
		white:   uint8(gifPalette.Index(color.White)),
	}
	return a.encode(w)
}

// quantize maps each pixel to the nearest colour of p, remembering the
// answer for each colour met (a plot has few).
func quantize(img image.Image, p color.Palette) *image.Paletted {
	b := img.Bounds()
	out := image.NewPaletted(b, p)
	cache := map[color.RGBA]uint8{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			i, ok := cache[c]
			if !ok {
				i = uint8(p[:len(p)-1].Index(c)) // never the transparent entry
				cache[c] = i
			}
			out.SetColorIndex(x, y, i)
		}
	}
	return out
}

func (a *animation) encode(w io.Writer) error {
	layer := clonePaletted(a.bg)
	a.drawRing(layer, a.pts[0], 5, a.path)
	a.text(layer, a.pts[0], " start", a.path)
	idx := frameIndices(len(a.pts))
	delay := min(max(600/len(idx), 4), 50) // about six seconds in all
	out := &gif.GIF{Config: image.Config{ColorModel: gifPalette, Width: a.bg.Rect.Dx(), Height: a.bg.Rect.Dy()}}
	// Two frames, the one shown before and the one being drawn, swapped
	// each time; what goes into the GIF is the difference.
	cur, prev := clonePaletted(layer), clonePaletted(layer)
	for i, k := range idx {
		for j := a.drawnTo + 1; j <= k; j++ {
			a.segment(layer, a.pts[j-1], a.pts[j], 1, a.path)
			a.dot(layer, a.pts[j], 2, a.path)
		}
		a.drawnTo = max(a.drawnTo, k)
		copy(cur.Pix, layer.Pix)
		a.transient(cur, k, i == len(idx)-1)
		d := delay
		if i == len(idx)-1 {
			d = heldDelay
		}
		var img *image.Paletted
		if i == 0 {
			img = clonePaletted(cur)
		} else {
			img = delta(prev, cur)
		}
		out.Image = append(out.Image, img)
		out.Delay = append(out.Delay, d)
		out.Disposal = append(out.Disposal, gif.DisposalNone)
		prev, cur = cur, prev
	}
	return gif.EncodeAll(w, out)
}

// transient draws what belongs to iterate k alone: for one variable the
// tangent there and the step to the next iterate; the current point; the
// iteration number and f.
func (a *animation) transient(frame *image.Paletted, k int, last bool) {
	p := a.pts[k]
	x := a.fig.Path[k]
	if a.fig.Surface == nil && a.fig.Slope != nil && !math.IsNaN(p.y) {
		if s, err := a.fig.Slope(p.x); err == nil && !math.IsInf(s, 0) {
			l, r := a.fig.XMin, a.fig.XMax
			a.segment(frame, point{l, p.y + s*(l-p.x)}, point{r, p.y + s*(r-p.x)}, 1, a.tangent)
		}
	}
	if k+1 < len(a.pts) {
		a.segment(frame, p, a.pts[k+1], 2, a.ink)
	}
	a.drawRing(frame, p, 6, a.ink)
	if last {
		a.text(frame, p, " end", a.path)
	}
	var fv float64
	if a.fig.Surface != nil {
		fv, _ = a.fig.Surface.F(x[0], x[1])
	} else {
		fv = p.y
	}
	label := fmt.Sprintf("iteration %d of %d   %s   f = %s", k, len(a.pts)-1, coords(x),
		strconv.FormatFloat(fv, 'g', 8, 64))
	a.banner(frame, label)
}

// delta is frame as the GIF stores it after prev: the smallest rectangle
// holding every change, with unchanged pixels transparent.
func delta(prev, frame *image.Paletted) *image.Paletted {
	b := frame.Rect
	box := image.Rectangle{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := (y - b.Min.Y) * frame.Stride
		for x := 0; x < b.Dx(); x++ {
			if frame.Pix[row+x] != prev.Pix[row+x] {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if box.Empty() {
		box = image.Rect(0, 0, 1, 1) // a frame must hold a pixel
	}
	out := image.NewPaletted(box, gifPalette)
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			i := frame.ColorIndexAt(x, y)
			if i == prev.ColorIndexAt(x, y) {
				i = transparent
			}
			out.SetColorIndex(x, y, i)
		}
	}
	return out
}

func clonePaletted(p *image.Paletted) *image.Paletted {
	c := *p
	c.Pix = append([]uint8(nil), p.Pix...)
	return &c
}

// set colours one pixel inside the data area.
func (a *animation) set(img *image.Paletted, x, y int, i uint8) {
	if image.Pt(x, y).In(a.rect) {
		img.SetColorIndex(x, y, i)
	}
}

// segment draws a line r pixels either side of its centre, clipped to the
// data area.
func (a *animation) segment(img *image.Paletted, p, q point, r int, i uint8) {
	if !finite(p) || !finite(q) {
		return
	}
	ax, ay := a.toPx(p)
	bx, by := a.toPx(q)
	rc := a.rect
	var ok bool
	if ax, ay, bx, by, ok = clip(ax, ay, bx, by, float64(rc.Min.X), float64(rc.Min.Y),
		float64(rc.Max.X), float64(rc.Max.Y)); !ok {
		return
	}
	n := int(math.Max(math.Abs(bx-ax), math.Abs(by-ay))) + 1
	for s := 0; s <= n; s++ {
		t := float64(s) / float64(n)
		cx, cy := int(math.Round(ax+(bx-ax)*t)), int(math.Round(ay+(by-ay)*t))
		for dy := -r / 2; dy <= r-r/2; dy++ {
			for dx := -r / 2; dx <= r-r/2; dx++ {
				a.set(img, cx+dx, cy+dy, i)
			}
		}
	}
}

// dot fills a disc of radius r at p.
func (a *animation) dot(img *image.Paletted, p point, r int, i uint8) {
	a.disc(img, p, r, -1, i)
}

// drawRing draws a ring of radius r at p, two pixels wide.
func (a *animation) drawRing(img *image.Paletted, p point, r int, i uint8) {
	a.disc(img, p, r, r-2, i)
}

// disc colours the pixels whose distance from p lies in (inner, r].
func (a *animation) disc(img *image.Paletted, p point, r, inner int, i uint8) {
	if !finite(p) || math.Abs(p.x) > 1e15 || math.Abs(p.y) > 1e15 {
		return // off the picture; its pixel coordinates would overflow an int
	}
	fx, fy := a.toPx(p)
	cx, cy := int(math.Round(fx)), int(math.Round(fy))
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			if d := dx*dx + dy*dy; d <= r*r && (inner < 0 || d > inner*inner) {
				a.set(img, cx+dx, cy+dy, i)
			}
		}
	}
}

// text writes s beside p, on the image wherever it falls.
func (a *animation) text(img *image.Paletted, p point, s string, i uint8) {
	if !finite(p) || math.Abs(p.x) > 1e15 || math.Abs(p.y) > 1e15 {
		return
	}
	x, y := a.toPx(p)
	a.write(img, int(x)+6, int(y)+4, s, i)
}

// banner writes s in the strip above the plot.
func (a *animation) banner(img *image.Paletted, s string) {
	box := image.Rect(0, 0, img.Rect.Dx(), bannerHeight)
	stddraw.Draw(img, box, image.NewUniform(gifPalette[a.white]), image.Point{}, stddraw.Src)
	a.write(img, a.rect.Min.X, bannerHeight-4, s, a.ink)
}

func (a *animation) write(img *image.Paletted, x, y int, s string, i uint8) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(gifPalette[i]), Face: basicfont.Face7x13,
		Dot: fixed.P(x, y)}
	d.DrawString(s)
}
