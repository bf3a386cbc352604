package kernel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"runtime"
)

// Spec is a kernelspec's kernel.json.
type Spec struct {
	Argv          []string `json:"argv"`
	DisplayName   string   `json:"display_name"`
	Language      string   `json:"language"`
	InterruptMode string   `json:"interrupt_mode"`
}

// interruptMode is how Jupyter is to interrupt the kernel: with SIGINT,
// which cancels the running statement; on Windows, where no signal reaches
// another process, with an interrupt_request on the control channel.
func interruptMode() string {
	if runtime.GOOS == "windows" {
		return "message"
	}
	return "signal"
}

// Install writes the kernelspec of the fprime at executable (an absolute
// path) into the Jupyter data directory dataDir, and returns its folder.
func Install(dataDir, executable string) (string, error) {
	dir := filepath.Join(dataDir, "kernels", "fprime")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	spec, err := json.MarshalIndent(Spec{
		Argv:          []string{executable, "kernel", "{connection_file}"},
		DisplayName:   "fprime",
		Language:      "fprime",
		InterruptMode: interruptMode(),
	}, "", "  ")
	if err != nil {
		return "", err
	}
	files := map[string][]byte{"kernel.json": append(spec, '\n')}
	for _, n := range []int{32, 64} {
		var b bytes.Buffer
		if err := png.Encode(&b, Logo(n)); err != nil {
			return "", err
		}
		files[fmt.Sprintf("logo-%dx%d.png", n, n)] = b.Bytes()
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// PrefixDataDir is the Jupyter data directory under an installation prefix.
func PrefixDataDir(prefix string) string { return filepath.Join(prefix, "share", "jupyter") }

// UserDataDir is the user's Jupyter data directory, where jupyter_client
// looks: $JUPYTER_DATA_DIR, or the platform's place.
func UserDataDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter"), nil
	case "windows":
		if d := os.Getenv("APPDATA"); d != "" {
			return filepath.Join(d, "jupyter"), nil
		}
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "jupyter"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// Logo is fprime's n×n logo: a parabola and its tangent on a blue disc,
// drawn with 4×4 samples a pixel so that its edges are smooth.
func Logo(n int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	blue := [3]float64{0, 114, 178}
	white := [3]float64{255, 255, 255}
	orange := [3]float64{230, 159, 0}
	const ss = 4
	for py := 0; py < n; py++ {
		for px := 0; px < n; px++ {
			var sum [3]float64
			alpha := 0.0
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					// u, v in [-1, 1], v upwards.
					u := (float64(px)+(float64(sx)+0.5)/ss)/float64(n)*2 - 1
					v := 1 - (float64(py)+(float64(sy)+0.5)/ss)/float64(n)*2
					if u*u+v*v > 1 {
						continue
					}
					c := blue
					// The tangent to v = 1.2u² − 0.5 at u = 0.4: slope 0.96.
					if math.Abs(v-(0.96*(u-0.4)+1.2*0.16-0.5))/math.Hypot(1, 0.96) < 0.06 {
						c = orange
					}
					if math.Abs(v-(1.2*u*u-0.5))/math.Hypot(1, 2.4*u) < 0.08 {
						c = white
					}
					for i := range sum {
						sum[i] += c[i]
					}
					alpha++
				}
			}
			if alpha > 0 {
				img.SetNRGBA(px, py, color.NRGBA{uint8(sum[0] / alpha), uint8(sum[1] / alpha), uint8(sum[2] / alpha), uint8(alpha / ss / ss * 255)})
			}
		}
	}
	return img
}
