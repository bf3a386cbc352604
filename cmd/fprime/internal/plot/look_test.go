package plot

import (
	"flag"
	"fmt"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var look = flag.String("look", "", "write every test figure as PNG, SVG and GIF (and frames of each GIF as PNG) to this directory, to look at")

// TestLook writes the pictures for a person to look at:
// go test ./cmd/fprime/internal/plot -run Look -look /tmp/look
func TestLook(t *testing.T) {
	dir := *look
	if dir == "" {
		t.Skip("no -look directory")
	}
	fs := figures()
	for name, fig := range fs {
		for _, ext := range []string{".png", ".svg"} {
			if err := WriteFile(dir+"/"+name+ext, fig); err != nil {
				t.Fatal(err)
			}
		}
		if len(fig.Path) > 0 {
			if err := WriteFile(dir+"/"+name+".gif", fig); err != nil {
				t.Fatal(err)
			}
			r, _ := os.Open(dir + "/" + name + ".gif")
			g, err := gif.DecodeAll(r)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range []int{1, len(g.Image) / 2, len(g.Image) - 1} {
				w, _ := os.Create(fmt.Sprintf("%s/%s-frame%d.png", dir, name, k))
				png.Encode(w, composite(g, k))
				w.Close()
			}
		}
	}
}

var docs = flag.String("docs", "", "write the example pictures of the README to this directory (docs/)")

// TestDocs writes the README's pictures:
// go test ./cmd/fprime/internal/plot -run Docs -docs $PWD/docs
func TestDocs(t *testing.T) {
	if *docs == "" {
		t.Skip("no -docs directory")
	}
	// min f x0=0 eta=0.1 overshoots: each step crosses the minimum, and
	// the steps shrink by a factor 0.8.
	zigzag := Figure{Title: "min f x0=0 eta=0.1", Curves: []Curve{{"f(x) = 9x^2 - 72x", quad}},
		Path: descend1(dquad, 0, 0.1, 40), Slope: dquad}
	contour := figures()["himmelblau"]
	contour.Title = "g(x, y) = (x^2 + y - 7)^2 + (x + y^2 - 11)^2;  min g x0=(-0.5, -0.5) eta=0.01"
	tangent := figures()["tangent"]
	tangent.Title = "plot f, tangent f at 2 in [-1, 9]"
	for name, fig := range map[string]Figure{
		"tangent.png":         tangent,
		"descent.png":         zigzag,
		"descent.gif":         zigzag,
		"contour-descent.png": contour,
	} {
		if err := WriteFile(filepath.Join(*docs, name), fig); err != nil {
			t.Fatal(err)
		}
	}
}
