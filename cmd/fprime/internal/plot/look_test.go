package plot

import (
	"flag"
	"fmt"
	"image/gif"
	"image/png"
	"os"
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
