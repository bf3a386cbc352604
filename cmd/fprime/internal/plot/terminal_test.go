package plot

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func terminal(t testing.TB, fig Figure, w, h int, color bool) string {
	t.Helper()
	var b bytes.Buffer
	if err := Terminal(&b, fig, TerminalOptions{Width: w, Height: h, Color: color}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestTerminalGolden pins each figure at 80×24, with and without colour
// (go test -update rewrites the files).
func TestTerminalGolden(t *testing.T) {
	for name, fig := range figures() {
		for _, color := range []bool{false, true} {
			file := name + ".txt"
			if color {
				file = name + ".color.txt"
			}
			t.Run(file, func(t *testing.T) {
				got := terminal(t, fig, 80, 24, color)
				lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
				if len(lines) > 24 {
					t.Errorf("%d lines, more than the 24 of the terminal", len(lines))
				}
				for _, l := range lines {
					if n := visibleLen(l); n > 80 {
						t.Errorf("a line of %d cells, wider than the 80 of the terminal: %q", n, l)
					}
				}
				if strings.Contains(got, "\x1b") != color {
					t.Errorf("colour codes present: %v, want %v", !color, color)
				}
				compareGolden(t, filepath.Join("testdata", file), got)
			})
		}
	}
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/fprime/internal/plot -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it); got:\n%s", path, got)
	}
}

// TestNoLineAcrossPoles: a curve across a pole breaks there. Joining the
// samples on both sides would draw a stroke from the top of the frame to
// the bottom; no column of the plot may hold dots in most of its rows.
func TestNoLineAcrossPoles(t *testing.T) {
	for _, fig := range []Figure{figures()["tan"], figures()["recip"],
		{XMin: -1.3, XMax: 1.7, Curves: []Curve{{"1/x", recip}}}} {
		const rows = 40
		out := terminal(t, fig, 100, rows+4, false)
		lines := strings.Split(out, "\n")[:rows]
		count := map[int]int{}
		for _, l := range lines {
			for i, r := range []rune(l) {
				if r > 0x2800 && r <= 0x28ff {
					count[i]++
				}
			}
		}
		for col, n := range count {
			if n > rows/2 {
				t.Errorf("%s: column %d has dots in %d of %d rows: a line across a pole\n%s", fig.Curves[0].Label, col, n, rows, out)
			}
		}
	}
}

// TestLnFromTheEdge: ln drawn from -1 starts at x = 0, where it is first
// defined, and goes down to the bottom of the frame there.
func TestLnFromTheEdge(t *testing.T) {
	out := terminal(t, figures()["ln"], 80, 24, false)
	lines := strings.Split(out, "\n")
	bottom := []rune(lines[len(lines)-6])    // the last row of the plot
	axis := strings.LastIndex(lines[0], "│") // the frame's, then x = 0's
	axis = len([]rune(lines[0][:axis]))
	found := false
	for i, r := range bottom {
		if r > 0x2800 && r <= 0x28ff {
			found = true
			if i <= axis || i > axis+2 {
				t.Errorf("ln reaches the bottom at column %d, not beside x = 0 (column %d)\n%s", i, axis, out)
			}
		}
	}
	if !found {
		t.Errorf("ln does not reach the bottom row\n%s", out)
	}
}

// TestMarksWithoutColour: without colour every curve has a mark of its
// own, named in the legend.
func TestMarksWithoutColour(t *testing.T) {
	out := terminal(t, figures()["sin-quad"], 80, 24, false)
	if !strings.Contains(out, "⣿ sin(x)") || !strings.Contains(out, "• x^2/4") {
		t.Errorf("legend does not give each curve its mark:\n%s", out)
	}
	if strings.Count(out, "•") < 20 {
		t.Errorf("the second curve is not drawn with its mark:\n%s", out)
	}
}

func TestClippedNote(t *testing.T) {
	for name, want := range map[string]string{"tan": "y is cut to [", "recip": "y is cut to [",
		"ln": "values below y = -1.997 are not shown", "sin-quad": "", "tangent": ""} {
		out := terminal(t, figures()[name], 80, 24, false)
		if got := strings.Contains(out, "not shown"); got != (want != "") || !strings.Contains(out, want) {
			t.Errorf("%s: want a note %q\n%s", name, want, out)
		}
	}
}

// TestLongLabels: a title, legend or label wider than the terminal is cut
// to its width.
func TestLongLabels(t *testing.T) {
	long := strings.Repeat("sin(x) + ", 20)
	fig := Figure{Title: long, XMin: -1, XMax: 1, Curves: []Curve{{long, sin}, {"x^2/4", quarterSq}},
		Path: [][]float64{{0.5}, {0.25}}, PathLabel: "ascent"}
	for _, color := range []bool{false, true} {
		out := terminal(t, fig, 60, 20, color)
		for _, l := range strings.Split(out, "\n") {
			if visibleLen(l) > 60 {
				t.Errorf("a line of %d cells: %q", visibleLen(l), l)
			}
		}
		if !strings.Contains(out, "…") || !strings.Contains(out, "ascent: 2 iterates") {
			t.Errorf("no cut label or no ascent:\n%s", out)
		}
	}
}

func TestUndefinedEverywhere(t *testing.T) {
	fig := Figure{XMin: -2, XMax: -1, Curves: []Curve{{"ln(x)", ln}, {"sin(x)", sin}}}
	out := terminal(t, fig, 80, 24, false)
	if !strings.Contains(out, "ln(x) is undefined at every point drawn") || strings.Contains(out, "sin(x) is undefined") {
		t.Errorf("no note, or a wrong one:\n%s", out)
	}
	var b bytes.Buffer
	if err := Encode(&b, SVG, fig, 640, 480); err != nil || !strings.Contains(b.String(), "ln(x) (undefined at every point drawn)") {
		t.Errorf("SVG: %v, no note in the legend", err)
	}
}

func TestTerminalErrors(t *testing.T) {
	for _, c := range []struct {
		fig  Figure
		w, h int
		want string
	}{
		{Figure{}, 80, 24, "nothing to plot"},
		{Figure{XMin: 1, XMax: 1, Curves: []Curve{{"sin", sin}}}, 80, 24, "not an interval"},
		{Figure{XMin: 2, XMax: 1, Curves: []Curve{{"sin", sin}}}, 80, 24, "not an interval"},
		{Figure{XMin: 0, XMax: 1, Curves: []Curve{{"sin", sin}}}, 10, 5, "too small"},
		{Figure{XMin: 0, XMax: 1, Curves: []Curve{{"sin", sin}}, Path: [][]float64{{1, 2}}}, 80, 24, "coordinates"},
		{Figure{XMin: 0, XMax: 1, Surface: &Surface{"g", himmelblau}}, 80, 24, "y range"},
	} {
		err := Terminal(&bytes.Buffer{}, c.fig, TerminalOptions{Width: c.w, Height: c.h})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one saying %q", err, c.want)
		}
	}
}

func TestTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		n      int
		want   string
	}{
		{-5, 5, 4, "-4 -2 0 2 4"},
		{-0.31, 0.31, 3, "-0.2 0.0 0.2"},
		{0.1, 0.7, 6, "0.1 0.2 0.3 0.4 0.5 0.6 0.7"},
		{-160, 110, 5, "-150 -100 -50 0 50 100"},
		{-3e-300, 3e-300, 3, "-2e-300 0 2e-300"},
		{1e15, 1e15 + 3e7, 3, "1e+15 1.00000001e+15 1.00000002e+15 1.00000003e+15"},
	} {
		_, ls := ticks(c.lo, c.hi, c.n)
		if got := strings.Join(ls, " "); got != c.want {
			t.Errorf("ticks(%g, %g, %d) = %s, want %s", c.lo, c.hi, c.n, got, c.want)
		}
	}
}

func TestYRange(t *testing.T) {
	var v []float64
	for i := range 100 {
		v = append(v, float64(i))
	}
	if lo, hi, clipped := yRange(v); clipped != (cut{}) || lo > 0 || hi < 99 || lo < -10 || hi > 109 {
		t.Errorf("0..99: [%g, %g] clipped %v", lo, hi, clipped)
	}
	v[50] = 1e9 // one value near a pole
	if lo, hi, clipped := yRange(v); clipped != (cut{above: true}) || hi > 200 || lo > 0 {
		t.Errorf("0..99 and 1e9: [%g, %g] clipped %v", lo, hi, clipped)
	}
}

// TestExtremes: odd ranges and values give a picture or an error, never a
// panic or a hang.
func TestExtremes(t *testing.T) {
	huge := func(x float64) (float64, error) { return 1e308 * x, nil }
	inf := func(x float64) (float64, error) { return math.Inf(1), nil }
	spike := func(x float64) (float64, error) {
		if math.Abs(x) < 0.01 {
			return 1e6, nil
		}
		return 3, nil
	}
	for _, c := range []struct {
		fig  Figure
		want string // in the error, or "" for a picture
	}{
		{Figure{XMin: -1e308, XMax: 1e308, Curves: []Curve{{"sin", sin}}}, "too wide"},
		{Figure{XMin: 1, XMax: 1 + 1e-15, Curves: []Curve{{"sin", sin}}}, "too narrow"},
		{Figure{XMin: -10, XMax: 10, Curves: []Curve{{"1e308x", huge}}}, ""},
		{Figure{XMin: -10, XMax: 10, Curves: []Curve{{"inf", inf}}}, ""},
		{Figure{XMin: -1, XMax: 1, Curves: []Curve{{"spike", spike}}}, ""},
		{Figure{XMin: 1e15, XMax: 1e15 + 1e7, Curves: []Curve{{"sin", sin}}}, ""},
		{Figure{XMin: -1e-300, XMax: 1e-300, Curves: []Curve{{"sin", sin}}}, ""},
		{Figure{Curves: []Curve{{"sin", sin}}, Path: [][]float64{{1e200}, {math.NaN()}}}, "no iterate is finite"},
	} {
		for _, f := range []func() error{
			func() error { return Terminal(&bytes.Buffer{}, c.fig, TerminalOptions{Width: 80, Height: 24}) },
			func() error { return Encode(io.Discard, PNG, c.fig, 320, 240) },
		} {
			err := f()
			if (c.want == "" && err != nil) || (c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want))) {
				t.Errorf("%s on [%g, %g]: %v, want %q", c.fig.Curves[0].Label, c.fig.XMin, c.fig.XMax, err, c.want)
			}
		}
	}
}

func TestOptionsFromEnv(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		tty  bool
		want TerminalOptions
	}{
		{map[string]string{}, true, TerminalOptions{80, 24, true}},
		{map[string]string{"COLUMNS": "200", "LINES": "60"}, false, TerminalOptions{200, 60, false}},
		{map[string]string{"COLUMNS": "wide", "LINES": "-3", "NO_COLOR": "1"}, true, TerminalOptions{80, 24, false}},
		{map[string]string{"NO_COLOR": ""}, true, TerminalOptions{80, 24, true}},
	} {
		got := OptionsFromEnv(func(k string) string { return c.env[k] }, c.tty)
		if got != c.want {
			t.Errorf("%v, terminal %v: %+v, want %+v", c.env, c.tty, got, c.want)
		}
	}
}

// TestPathLegendCounts: a thinned path says how many of the run's iterates
// it shows; a whole one, how many there are.
func TestPathLegendCounts(t *testing.T) {
	sq := func(x float64) (float64, error) { return x * x, nil }
	for _, c := range []struct {
		iterates int
		want     string
	}{{0, "descent: 3 iterates"}, {3, "descent: 3 iterates"}, {5765, "descent: 3 of 5765 iterates drawn"}} {
		fig := Figure{Curves: []Curve{{Label: "f", F: sq}}, Path: [][]float64{{1}, {0.5}, {0.25}}, Iterates: c.iterates}
		if got := terminal(t, fig, 60, 12, false); !strings.Contains(got, c.want) {
			t.Errorf("Iterates %d: legend %q, want %q", c.iterates, got, c.want)
		}
	}
}

// TestBlankCurveSaysWhy: a curve with no value to draw says whether it is
// undefined or too large for a float64 (±Inf with no error) there.
func TestBlankCurveSaysWhy(t *testing.T) {
	huge := func(x float64) (float64, error) { return math.Inf(1), nil }
	none := func(x float64) (float64, error) { return 0, errors.New("undefined") }
	mixed := func(x float64) (float64, error) {
		if x < 0 {
			return huge(x)
		}
		return none(x)
	}
	sq := func(x float64) (float64, error) { return x * x, nil }
	for _, c := range []struct {
		f    Func
		want string
	}{{huge, "f is too large for a float64 at every point drawn"}, {none, "f is undefined at every point drawn"},
		{mixed, "f is undefined or too large for a float64 at every point drawn"}} {
		fig := Figure{Curves: []Curve{{Label: "f", F: c.f}, {Label: "g", F: sq}}, XMin: -1, XMax: 1}
		if got := terminal(t, fig, 100, 12, false); !strings.Contains(got, c.want) {
			t.Errorf("%q, want %q", got, c.want)
		}
	}
}
