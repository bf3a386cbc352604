package plot

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// composite plays an animation up to frame k: each frame drawn over the
// ones before it (they all keep what they cover), as a viewer shows it.
func composite(g *gif.GIF, k int) *image.RGBA {
	canvas := image.NewRGBA(image.Rect(0, 0, g.Config.Width, g.Config.Height))
	for _, f := range g.Image[:k+1] {
		b := f.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if c := f.Palette[f.ColorIndexAt(x, y)]; !isTransparent(c) {
					canvas.Set(x, y, c)
				}
			}
		}
	}
	return canvas
}

func isTransparent(c color.Color) bool {
	_, _, _, a := c.RGBA()
	return a == 0
}

// count counts the pixels of img inside r that match.
func count(img image.Image, r image.Rectangle, match func(color.RGBA) bool) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if match(color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)) {
				n++
			}
		}
	}
	return n
}

func near(want color.RGBA) func(color.RGBA) bool {
	return func(c color.RGBA) bool {
		d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
		return d(c.R, want.R)+d(c.G, want.G)+d(c.B, want.B) < 40
	}
}

func notWhite(c color.RGBA) bool { return c.R < 240 || c.G < 240 || c.B < 240 }

// plotArea is well inside the axes of a 640×480 picture.
var plotArea = image.Rect(120, 60, 600, 400)

func encode(t testing.TB, f Format, fig Figure) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, f, fig, FileWidth, FileHeight); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPNG(t *testing.T) {
	for _, c := range []struct {
		name  string
		color color.RGBA // drawn in the plot area
		least int        // pixels of it, at least
	}{
		{"sin-quad", fileCurveColors[0], 500},
		{"sin-quad", fileCurveColors[1], 300},
		{"tangent", fileCurveColors[1], 300},
		{"descent", filePathColor, 300},
		{"himmelblau", filePathColor, 300},
	} {
		img, err := png.Decode(bytes.NewReader(encode(t, PNG, figures()[c.name])))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != FileWidth || b.Dy() != FileHeight {
			t.Errorf("%s: %v, want %d×%d", c.name, b, FileWidth, FileHeight)
		}
		if n := count(img, plotArea, near(c.color)); n < c.least {
			t.Errorf("%s: %d pixels of %v in the plot area, want at least %d", c.name, n, c.color, c.least)
		}
	}
	img, _ := png.Decode(bytes.NewReader(encode(t, PNG, figures()["himmelblau"])))
	if n := count(img, plotArea, notWhite); n < plotArea.Dx()*plotArea.Dy()*9/10 {
		t.Errorf("himmelblau: the contour map covers %d pixels of the plot area's %d", n, plotArea.Dx()*plotArea.Dy())
	}
}

func TestSVG(t *testing.T) {
	for name, wantStroke := range map[string][]string{
		"sin-quad":   {"#0072B2", "#E69F00"},
		"ln":         {"#0072B2"},
		"himmelblau": {"#D52800"},
	} {
		out := encode(t, SVG, figures()[name])
		d := xml.NewDecoder(bytes.NewReader(out))
		var root string
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed XML: %v", name, err)
			}
			if se, ok := tok.(xml.StartElement); ok && root == "" {
				root = se.Name.Local
				for _, a := range se.Attr {
					if (a.Name.Local == "width" && a.Value != "480pt") || (a.Name.Local == "height" && a.Value != "360pt") {
						t.Errorf("%s: %s=%s, want 640×480 pixels (480×360 pt)", name, a.Name.Local, a.Value)
					}
				}
			}
		}
		if root != "svg" {
			t.Errorf("%s: root element %q", name, root)
		}
		for _, s := range wantStroke {
			if !bytes.Contains(out, []byte("stroke:"+s)) {
				t.Errorf("%s: no stroke in %s", name, s)
			}
		}
	}
}

// TestPieces: a curve is split where it is undefined and at poles and
// jumps, and nowhere else.
func TestPieces(t *testing.T) {
	step := func(x float64) (float64, error) {
		if x < 0.3 {
			return -1, nil
		}
		return 1, nil
	}
	cube := func(x float64) (float64, error) { return 1000 * x * x * x, nil }
	for _, c := range []struct {
		name   string
		f      Func
		x0, x1 float64
		pieces int
	}{
		{"tan", tan, -5, 5, 5}, // poles at ±π/2, ±3π/2
		{"1/x", recip, -2, 2, 2},
		{"ln", ln, -1, 5, 1},
		{"step", step, -1, 1, 2},
		{"1000x^3", cube, -1, 1, 1},
		{"sin", sin, -10, 10, 1},
	} {
		s := sample(c.f, c.x0, c.x1, 400)
		lo, hi, _ := yRange(s.ys)
		ps := s.pieces((hi-lo)/400, lo, hi)
		if len(ps) != c.pieces {
			t.Errorf("%s on [%g, %g]: %d pieces, want %d", c.name, c.x0, c.x1, len(ps), c.pieces)
		}
		if c.name == "ln" && (ps[0][0].x > 1e-9 || ps[0][0].y > -20) {
			t.Errorf("ln starts at (%g, %g), not at the edge of its domain", ps[0][0].x, ps[0][0].y)
		}
	}
}

func TestGIF(t *testing.T) {
	skipWhenShort(t)
	long := figures()["himmelblau"]
	long.Path = descendHimmelblau(-0.5, -0.5, 0.001, 999) // 1000 iterates
	for _, c := range []struct {
		name          string
		fig           Figure
		width, height int
		frames        int
	}{
		{"descent", figures()["descent"], 640, 480, 21},
		{"himmelblau", figures()["himmelblau"], 640, 480, 101},
		{"himmelblau, 1000 iterates", long, 320, 240, maxFrames},
	} {
		var out bytes.Buffer
		if err := Encode(&out, GIF, c.fig, c.width, c.height); err != nil {
			t.Fatal(err)
		}
		// Each frame after the first stores only what changed.
		if perFrame := out.Len() / c.frames; perFrame > 5000 && c.frames > 100 {
			t.Errorf("%s: %d bytes a frame", c.name, perFrame)
		}
		g, err := gif.DecodeAll(&out)
		if err != nil {
			t.Fatal(err)
		}
		if g.Config.Width != c.width || g.Config.Height != c.height {
			t.Errorf("%s: %d×%d, want %d×%d", c.name, g.Config.Width, g.Config.Height, c.width, c.height)
		}
		area := image.Rect(c.width/5, c.height/8, c.width*15/16, c.height*5/6)
		if len(g.Image) != c.frames || len(g.Delay) != c.frames {
			t.Fatalf("%s: %d frames, %d delays, want %d", c.name, len(g.Image), len(g.Delay), c.frames)
		}
		for i, d := range g.Delay {
			want := min(max(600/c.frames, 4), 50)
			if i == c.frames-1 {
				want = heldDelay
			}
			if d != want {
				t.Errorf("%s: frame %d waits %d/100 s, want %d", c.name, i, d, want)
			}
		}
		first, last := composite(g, 0), composite(g, len(g.Image)-1)
		if n := count(last, area, notWhite); n < 1000 {
			t.Errorf("%s: only %d pixels drawn in the plot area of the last frame", c.name, n)
		}
		// The path grows: the last frame holds more of it than the first.
		a, b := count(first, area, near(filePathColor)), count(last, area, near(filePathColor))
		if b <= a || b < 100 {
			t.Errorf("%s: path pixels %d in the first frame, %d in the last", c.name, a, b)
		}
	}
}

func TestFrameIndices(t *testing.T) {
	for _, n := range []int{1, 2, 21, 300, 301, 10001} {
		idx := frameIndices(n)
		if len(idx) != min(n, maxFrames) || idx[0] != 0 || idx[len(idx)-1] != n-1 {
			t.Errorf("n=%d: %d frames from %d to %d", n, len(idx), idx[0], idx[len(idx)-1])
		}
		for i := 1; i < len(idx); i++ {
			if idx[i] <= idx[i-1] {
				t.Errorf("n=%d: frame %d shows iterate %d after %d", n, i, idx[i], idx[i-1])
			}
		}
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	fig := figures()["sin-quad"]
	for _, ext := range []string{".png", ".SVG"} {
		path := filepath.Join(dir, "p"+ext)
		if err := WriteFile(path, fig); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(path); err != nil || st.Size() < 1000 || st.Mode().Perm() != 0o644 {
			t.Errorf("%s: %v, %v", path, st, err)
		}
	}
	for _, name := range []string{"p.jpg", "p", "p.png.txt"} {
		var fe *FormatError
		err := WriteFile(filepath.Join(dir, name), fig)
		if !errors.As(err, &fe) || fe.Ext != filepath.Ext(name) || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v, want a FormatError naming the file and %q", name, err, filepath.Ext(name))
		}
	}
	// A picture that cannot be made leaves nothing behind, not even over
	// an older file of that name.
	old := filepath.Join(dir, "p.png")
	before, _ := os.ReadFile(old)
	bad := fig
	bad.XMin = math.NaN()
	if err := WriteFile(old, bad); err == nil || !strings.Contains(err.Error(), old) {
		t.Errorf("bad range: %v", err)
	}
	if err := WriteFile(filepath.Join(dir, "q.gif"), fig); !errors.Is(err, ErrNoDescent) {
		t.Errorf("a GIF without a descent: %v", err)
	}
	if err := WriteFile(filepath.Join(dir, "nodir", "p.png"), fig); err == nil ||
		!strings.Contains(err.Error(), filepath.Join(dir, "nodir", "p.png")) || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("missing directory: %v, want the target's name and never the temporary one", err)
	}
	after, _ := os.ReadFile(old)
	if !bytes.Equal(before, after) {
		t.Errorf("a failed write changed %s", old)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "p.SVG p.png" {
		t.Errorf("files left: %s", got)
	}
}

// TestDivergedPath: a descent that ran off to 1e300 and then to NaN and
// Inf is drawn as far as it is finite, in every format, with a note in
// the terminal.
func TestDivergedPath(t *testing.T) {
	skipWhenShort(t)
	one := figures()["descent"]
	one.Path = append(one.Path[:5:5], []float64{1e300}, []float64{math.Inf(1)}, []float64{math.NaN()})
	two := figures()["himmelblau"]
	two.Path = append(two.Path[:5:5], []float64{1e300, -1e300}, []float64{math.NaN(), 1})
	for _, fig := range []Figure{one, two} {
		out := terminal(t, fig, 80, 24, false)
		if !strings.Contains(out, "3 of the 8 iterates lie outside the picture") &&
			!strings.Contains(out, "2 of the 7 iterates lie outside the picture") {
			t.Errorf("no note on the iterates outside:\n%s", out)
		}
		for _, f := range []Format{PNG, SVG, GIF} {
			encode(t, f, fig)
		}
	}
}
