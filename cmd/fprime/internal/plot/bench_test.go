package plot

import (
	"bytes"
	"io"
	"math"
	"testing"
)

// BenchmarkTerminal: three curves, one with poles, at 200×60 cells (goal:
// under 20 ms).
func BenchmarkTerminal(b *testing.B) {
	fig := Figure{XMin: -5, XMax: 5, Curves: []Curve{{"tan(x)", tan}, {"sin(x)", sin}, {"x^2/4", quarterSq}}}
	for b.Loop() {
		if err := Terminal(io.Discard, fig, TerminalOptions{Width: 200, Height: 60, Color: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPNG: f and f' at 640×480 (goal: under 200 ms).
func BenchmarkPNG(b *testing.B) {
	fig := Figure{XMin: -1, XMax: 9, Curves: []Curve{{"f", quad}, {"f'", dquad}}}
	for b.Loop() {
		if err := Encode(io.Discard, PNG, fig, FileWidth, FileHeight); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGIF: a descent across Himmelblau's function of 2,000 iterates,
// 300 frames at 640×480 (goals: under 3 s and 5 MB).
func BenchmarkGIF(b *testing.B) {
	fig := figures()["himmelblau"]
	fig.Path = descendHimmelblau(-0.5, 4.5, 0.0005, 1999)
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := Encode(&buf, GIF, fig, FileWidth, FileHeight); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(math.Round(float64(size)/1e3), "kB")
}
