// Package plot draws fprime's pictures: curves of one variable, the path of a
// descent on a curve or across the contour map of a function of two
// variables, in the terminal (Unicode braille) and in files (PNG and SVG with
// gonum.org/v1/plot, an animated GIF of a descent with image/gif).
//
// It knows nothing of parsing or symbols: functions are plain Go functions
// that return an error where they are undefined, and a descent is the list of
// its iterates. The smallest use:
//
//	sin := func(x float64) (float64, error) { return math.Sin(x), nil }
//	fig := plot.Figure{XMin: -3, XMax: 3, Curves: []plot.Curve{{Label: "sin(x)", F: sin}}}
//	err := plot.Terminal(os.Stdout, fig, plot.TerminalOptions{Width: 80, Height: 24})
//	err = plot.WriteFile("sin.png", fig)
package plot
