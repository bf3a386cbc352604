package session

import (
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlotStatements: what plot draws, and where it writes.
func TestPlotStatements(t *testing.T) {
	s := New()
	run(t, s, "f(x) = x^2 + 5sin(x); g(x, y) = x^2 + y^2")
	pic := run(t, s, "plot f, f', sin(x)/x, tangent f at 2 in [-5, 5]").(Picture)
	if n := len(pic.Figure.Curves); n != 4 || pic.Figure.XMin != -5 || pic.Figure.XMax != 5 {
		t.Errorf("plot f, f', …: %d curves on [%v, %v]", n, pic.Figure.XMin, pic.Figure.XMax)
	}
	labels := []string{}
	for _, c := range pic.Figure.Curves {
		labels = append(labels, c.Label)
	}
	if strings.Join(labels, "; ") != "f; f'; sin(x)/x; tangent at 2" {
		t.Errorf("labels %q", labels)
	}
	if v, err := pic.Figure.Curves[1].F(0); err != nil || v != 5 {
		t.Errorf("f'(0) as drawn = %v, %v; want 5", v, err)
	}
	if _, err := pic.Figure.Curves[2].F(0); err == nil {
		t.Errorf("sin(x)/x is drawn at 0, where it is undefined")
	}
	if len(pic.Notes) != 1 || !strings.HasPrefix(pic.Notes[0], "tangent to f at x = 2: y = ") {
		t.Errorf("notes %q", pic.Notes)
	}
	contour := run(t, s, "plot g in [-2, 2]").(Picture)
	if contour.Figure.Surface == nil || contour.Figure.YMin != -2 {
		t.Errorf("plot g: %+v", contour.Figure)
	}
	d := run(t, s, "plot min f x0=4 eta=0.1").(Picture)
	if n := len(d.Figure.Path); n != 36 || d.Figure.Path[0][0] != 4 || d.Figure.Slope == nil {
		t.Errorf("plot min f: a path of %d iterates from %v", n, d.Figure.Path[0])
	}
	long := run(t, s, "plot min f x0=4 eta=1e-5 maxiter=100000").(Picture)
	if n := len(long.Figure.Path); n > maxPath+1 || n < maxPath/2 {
		t.Errorf("a run of 100,000 updates keeps %d iterates", n)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "f.png")
	w := run(t, s, "plot f, f' in [-5, 5] to "+file).(FileWritten)
	fh, err := os.Open(file)
	if err != nil || w.Format != "png" {
		t.Fatalf("%+v: %v", w, err)
	}
	defer fh.Close()
	if img, err := png.Decode(fh); err != nil || img.Bounds().Dx() < 100 {
		t.Errorf("the PNG: %v", err)
	}
	gifPath := filepath.Join(dir, "d.gif")
	if w := run(t, s, "plot min f x0=4 eta=0.1 to "+gifPath).(FileWritten); w.Format != "gif" {
		t.Errorf("plot min … to d.gif: %+v", w)
	}
	gf, err := os.Open(gifPath)
	if err != nil {
		t.Fatal(err)
	}
	defer gf.Close()
	if anim, err := gif.DecodeAll(gf); err != nil || len(anim.Image) < 10 {
		t.Errorf("the descent's GIF: %v", err)
	}
	for _, bad := range []struct{ st, want string }{
		{"plot f in [5, -5]", "is empty"},
		{"plot f, g in [0, 1]", "g has 2 variables"},
		{"plot x y in [0, 1]", "more than one variable"},
		{"plot f in [0, 1] to " + filepath.Join(dir, "f.txt"), "1:21: "},
		{"plot f in [0, 1] to " + filepath.Join(dir, "f.gif"), "only a descent is animated"},
		{"plot f in [0, 1] to " + filepath.Join(dir, "missing", "f.png"), "missing/f.png"},
		{"plot f", "plot needs what to draw and where"},
		{"plot f in 0, 1", "expected an interval"},
		{"plot min h", "unknown function"},
	} {
		if err := runErr(t, s, bad.st); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: %v, want %q", bad.st, err, bad.want)
		}
	}
}

// TestPlotTooNarrow: a range floats cannot spread across a picture is an
// error of the statement, with its place, not a line of output (in --json
// it was an internal error).
func TestPlotTooNarrow(t *testing.T) {
	s := New()
	run(t, s, "f(x) = x^2")
	err := runErr(t, s, "plot f in [1, 1 + 1e-15]")
	if err == nil || err.Error() != "1:1: cannot draw it: x range: [1, 1.000000000000001] is too narrow to draw" {
		t.Errorf("%v", err)
	}
}
