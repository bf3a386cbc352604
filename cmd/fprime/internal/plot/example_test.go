package plot_test

import (
	"math"
	"os"

	"github.com/fprime/fprime/cmd/fprime/internal/plot"
)

func ExampleTerminal() {
	ln := func(x float64) (float64, error) {
		if x <= 0 {
			return 0, os.ErrInvalid // undefined: the curve starts at x = 0
		}
		return math.Log(x), nil
	}
	fig := plot.Figure{XMin: -1, XMax: 3, Curves: []plot.Curve{{Label: "ln(x)", F: ln}}}
	plot.Terminal(os.Stdout, fig, plot.TerminalOptions{Width: 40, Height: 12})
	// Output:
	// │         │                    ⢀⣀⣀⡠⠤⠤⠔
	//   │         │            ⣀⣀⠤⠤⠒⠒⠉⠉⠁
	//  0┤─────────┼───────⣀⡠⠔⠒⠉───────────────
	//   │         │    ⢀⠔⠉
	//   │         │  ⡠⠊⠁
	//   │         │ ⡰⠁
	// -2┤         │⢰⠁
	//   │         │⡇
	//   └─────────┬─────────────────┬─────────
	//             0                 2
	// ⣿ ln(x)
	// values below y = -2.548 are not shown
}
