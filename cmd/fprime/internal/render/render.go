// Package render turns session results into what people read (text) and
// what programs read (one JSON object a line).
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/fprime/fprime/optimize"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/fprime/fprime/cmd/fprime/internal/plot"
	"github.com/fprime/fprime/cmd/fprime/internal/session"
	"github.com/fprime/fprime/symbolic"
)

// Style says how expressions print: see symbolic.Options.
type Style struct {
	Options symbolic.Options
	// Plot is the size of a terminal plot, and whether it has colour.
	Plot plot.TerminalOptions
	// Digits is set digits: the significant digits of printed numbers.
	Digits int
}

// plotOptions are st.Plot, or 80×24 without colour when unset.
func (st Style) plotOptions() plot.TerminalOptions {
	if st.Plot.Width == 0 {
		return plot.TerminalOptions{Width: 80, Height: 24}
	}
	return st.Plot
}

func (st Style) expr(e symbolic.Expr) string { return symbolic.Format(e, st.Options) }

func (st Style) exprs(es []symbolic.Expr) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = st.expr(e)
	}
	return out
}

// Text writes r for a person. Definitions print nothing.
func Text(w io.Writer, r session.Result, st Style) {
	switch r := r.(type) {
	case session.Number:
		fmt.Fprintln(w, st.num(r.Value))
	case session.Expression:
		if r.Name != "" {
			fmt.Fprintf(w, "%s(%s) = %s\n", r.Name, strings.Join(r.Params, ", "), st.expr(r.Expr))
		} else {
			fmt.Fprintln(w, st.expr(r.Expr))
		}
	case session.Vector:
		fmt.Fprintf(w, "%s(%s) = (%s)\n", r.Name, strings.Join(r.Params, ", "), strings.Join(st.exprs(r.Exprs), ", "))
	case session.Matrix:
		fmt.Fprintf(w, "%s(%s) =\n", r.Name, strings.Join(r.Params, ", "))
		matrix(w, r.Rows, st)
	case session.CheckResult:
		check(w, r, st)
	case session.SettingsShown:
		s := r.Settings
		fmt.Fprintf(w, "eta     = %s\neps     = %s\nmaxiter = %d\nx0      = %s\n",
			session.FormatNumber(s.Eta), session.FormatNumber(s.Eps), s.MaxIter, point(s.X0))
		if s.Digits > 0 {
			fmt.Fprintf(w, "digits  = %d\n", s.Digits)
		}
	case session.Definitions:
		if len(r.Lines) == 0 {
			fmt.Fprintln(w, "nothing is defined yet")
		}
		for _, l := range r.Lines {
			fmt.Fprintln(w, l)
		}
	case session.HelpText:
		fmt.Fprintln(w, r.Text)
	case session.Descent:
		descent(w, r, st)
	case session.ExtremaReport:
		extrema(w, r, st)
	case session.LaTeXText:
		fmt.Fprintln(w, r.Text)
	case session.TangentLine:
		fmt.Fprintf(w, "tangent to %s at x = %s: y = %s\n", r.Name, st.expr(r.X), st.expr(r.Line))
		digits := 6
		if st.Digits > 0 {
			digits = st.Digits
		}
		if a := r.Approx(digits); a != "" {
			fmt.Fprintf(w, "  y ≈ %s\n", a)
		}
	case session.NumDiffResult:
		numdiff(w, r)
	case session.Derivation:
		derivation(w, r, st)
	case session.Picture:
		if err := plot.Terminal(w, r.Figure, st.plotOptions()); err != nil {
			fmt.Fprintf(w, "cannot draw it: %v\n", err)
		}
		for _, n := range r.Notes {
			fmt.Fprintln(w, n)
		}
	case session.FileWritten:
		fmt.Fprintf(w, "wrote %s\n", r.Path)
	case session.Many:
		for _, x := range r {
			Text(w, x, st)
		}
	}
}

// derivation writes one line a rule, the inner derivatives indented under
// the rule that needs them and the rules' names in a column, then the
// simplification and the result as f' prints it.
func derivation(w io.Writer, r session.Derivation, st Style) {
	if r.Before != "" {
		fmt.Fprintln(w, r.Before)
	}
	lines := make([]string, len(r.Steps))
	width := 0
	for i, s := range r.Steps {
		lines[i] = strings.Repeat("  ", s.Depth) + "d/d" + r.Var + " " + session.Operand(st.expr(s.Of)) + " = " + st.expr(s.Result)
		if n := utf8.RuneCountInString(lines[i]); n <= 64 {
			width = max(width, n)
		}
	}
	for i, s := range r.Steps {
		pad := max(width-utf8.RuneCountInString(lines[i]), 0)
		fmt.Fprintf(w, "%s%s   %s\n", lines[i], strings.Repeat(" ", pad), s.Rule)
	}
	raw, result := r.Result, st.expr(r.Result)
	if len(r.Steps) > 0 {
		raw = r.Steps[0].Result // what the rules gave, before Simplify
	}
	if st.expr(raw) != result {
		fmt.Fprintf(w, "simplified: %s\n", result)
	}
	fmt.Fprintf(w, "%s = %s\n", r.Label, result)
}

// numdiff sets the symbolic value above the central difference, aligned.
func numdiff(w io.Writer, r session.NumDiffResult) {
	for _, row := range r.Rows {
		fmt.Fprintf(w, "%s:\n", row.Label)
		fmt.Fprintf(w, "  symbolic                       %s\n", session.FormatNumber(row.Symbolic))
		fmt.Fprintf(w, "  central difference, h = %-6s %s\n", session.FormatNumber(r.H), session.FormatNumber(row.Central))
		fmt.Fprintf(w, "  gap                            %s\n", session.FormatNumber(math.Abs(row.Central-row.Symbolic)))
		if row.Across {
			fmt.Fprintf(w, "  the step crosses a corner, jump or pole of %s: the central difference estimates nothing here\n", r.Name)
		}
	}
	if len(r.Table) == 0 {
		return
	}
	fmt.Fprintf(w, "  %-7s %-24s %s\n", "h", "central difference", "gap")
	for _, s := range r.Table {
		fmt.Fprintf(w, "  %-7s %-24s %.3g\n", session.FormatNumber(s.H), session.FormatNumber(s.Central), s.Gap)
	}
	fmt.Fprintf(w, "  %s\n", r.Note)
}

func point(x []float64) string {
	parts := make([]string, len(x))
	for i, v := range x {
		parts[i] = session.FormatNumber(v)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// matrix lays out rows in aligned columns between brackets.
func matrix(w io.Writer, rows [][]symbolic.Expr, st Style) {
	width := map[int]int{}
	for _, row := range rows {
		for j, e := range row {
			width[j] = max(width[j], utf8.RuneCountInString(st.expr(e)))
		}
	}
	for _, row := range rows {
		cells := make([]string, len(row))
		for j, e := range row {
			s := st.expr(e)
			cells[j] = s + strings.Repeat(" ", width[j]-utf8.RuneCountInString(s))
		}
		fmt.Fprintf(w, "  [ %s ]\n", strings.Join(cells, "   "))
	}
}

func check(w io.Writer, r session.CheckResult, st Style) {
	switch {
	case r.OK:
		fmt.Fprintf(w, "✓ %s = %s\n", r.Label, r.Answer)
		if r.Proved {
			fmt.Fprintf(w, "  proved: %s\n", r.Proof)
		} else {
			fmt.Fprintf(w, "  agrees at %d points (not a proof)\n", r.Points)
		}
	case r.Undecided:
		fmt.Fprintf(w, "? %s = %s\n", r.Label, r.Answer)
	default:
		fmt.Fprintf(w, "✗ %s ≠ %s\n", r.Label, r.Answer)
		at := make([]string, len(r.Vars))
		for i, v := range r.Vars {
			at[i] = v + " = " + session.FormatNumber(r.At[i])
		}
		fmt.Fprintf(w, "  at %s: the derivative is %s, your answer gives %s\n",
			strings.Join(at, ", "), session.FormatNumber(r.Left), session.FormatNumber(r.Right))
		if r.Diff != nil {
			fmt.Fprintf(w, "  derivative - answer = %s\n", st.expr(r.Diff))
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  %s\n", n)
	}
}

// checkJSON is a check: ok, and for ✗ at, left and right as PRODUCT.md
// gives them; then how it was decided and check's notes.
type checkJSON struct {
	OK        bool     `json:"ok"`
	At        []jnum   `json:"at,omitempty"`
	Left      *jnum    `json:"left,omitempty"`
	Right     *jnum    `json:"right,omitempty"`
	Proved    bool     `json:"proved"`
	Proof     string   `json:"proof,omitempty"`
	Points    int      `json:"points,omitempty"`
	Diff      string   `json:"diff,omitempty"`
	Undecided bool     `json:"undecided,omitempty"`
	Notes     []string `json:"notes,omitempty"`
}

func checkToJSON(r session.CheckResult, st Style) checkJSON {
	c := checkJSON{OK: r.OK, Proved: r.Proved, Proof: r.Proof, Points: r.Points, Undecided: r.Undecided, Notes: r.Notes}
	if !r.OK && !r.Undecided {
		l, rt := jnum(r.Left), jnum(r.Right)
		c.At, c.Left, c.Right = jnums(r.At), &l, &rt
		if r.Diff != nil {
			c.Diff = st.expr(r.Diff)
		}
	}
	return c
}

// JSON writes r as one JSON object on its own line; definitions write
// nothing. An error means the result could not be written: the caller
// reports it, as a failed statement.
func JSON(w io.Writer, r session.Result, st Style) error {
	var v any
	switch r := r.(type) {
	case session.Number:
		v = struct {
			Value jnum `json:"value"`
		}{jnum(r.Value)}
	case session.Expression:
		v = struct {
			Name   string   `json:"name,omitempty"`
			Params []string `json:"params,omitempty"`
			Expr   string   `json:"expr"`
		}{r.Name, r.Params, st.expr(r.Expr)}
	case session.Vector:
		v = struct {
			Name   string   `json:"name"`
			Params []string `json:"params"`
			Exprs  []string `json:"exprs"`
		}{r.Name, r.Params, st.exprs(r.Exprs)}
	case session.Matrix:
		rows := make([][]string, len(r.Rows))
		for i, row := range r.Rows {
			rows[i] = st.exprs(row)
		}
		v = struct {
			Name   string     `json:"name"`
			Params []string   `json:"params"`
			Matrix [][]string `json:"matrix"`
		}{r.Name, r.Params, rows}
	case session.CheckResult:
		v = checkToJSON(r, st)
	case session.SettingsShown:
		v = struct {
			Eta     jnum   `json:"eta"`
			Eps     jnum   `json:"eps"`
			MaxIter int    `json:"maxiter"`
			X0      []jnum `json:"x0"`
		}{jnum(r.Settings.Eta), jnum(r.Settings.Eps), r.Settings.MaxIter, jnums(r.Settings.X0)}
	case session.Definitions:
		v = struct {
			Defs []string `json:"defs"`
		}{append([]string{}, r.Lines...)}
	case session.HelpText:
		v = struct {
			Help string `json:"help"`
		}{r.Text}
	case session.Descent:
		v = descentJSON(r)
	case session.ExtremaReport:
		v = extremaJSON(r)
	case session.LaTeXText:
		v = struct {
			LaTeX string `json:"latex"`
		}{r.Text}
	case session.TangentLine:
		v = struct {
			Name    string `json:"name"`
			At      string `json:"at"`
			Tangent string `json:"tangent"`
			Value   jnum   `json:"value"`
			Slope   jnum   `json:"slope"`
		}{r.Name, st.expr(r.X), st.expr(r.Line), jnum(r.Value), jnum(r.Slope)}
	case session.NumDiffResult:
		v = numdiffJSON(r)
	case session.Picture:
		opts := st.plotOptions()
		opts.Color = false
		var b bytes.Buffer
		if err := plot.Terminal(&b, r.Figure, opts); err != nil {
			return err
		}
		v = struct {
			Plot  []string `json:"plot"`
			Notes []string `json:"notes,omitempty"`
		}{strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n"), r.Notes}
	case session.FileWritten:
		v = struct {
			File   string `json:"file"`
			Format string `json:"format"`
		}{r.Path, r.Format}
	case session.Derivation:
		type stepJSON struct {
			Depth  int    `json:"depth"`
			Of     string `json:"of"`
			Result string `json:"result"`
			Rule   string `json:"rule"`
		}
		steps := make([]stepJSON, len(r.Steps))
		for i, s := range r.Steps {
			steps[i] = stepJSON{s.Depth, st.expr(s.Of), st.expr(s.Result), s.Rule}
		}
		v = struct {
			Label  string     `json:"name,omitempty"`
			Before string     `json:"before,omitempty"`
			Steps  []stepJSON `json:"steps"`
			Expr   string     `json:"expr"`
		}{r.Label, r.Before, steps, st.expr(r.Result)}
	case session.Many:
		for _, x := range r {
			if err := JSON(w, x, st); err != nil {
				return err
			}
		}
		return nil
	default:
		return nil
	}
	return writeJSON(w, v)
}

// JSONError writes an error object: {"error": "...", "line": 1, "col": 14}.
// file, where not "", names the file that line and col are in (one that
// the script loads).
func JSONError(w io.Writer, msg string, line, col int, file string) {
	_ = writeJSON(w, struct { // strings and ints always encode
		Error string `json:"error"`
		Line  int    `json:"line"`
		Col   int    `json:"col"`
		File  string `json:"file,omitempty"`
	}{msg, line, col, file})
}

// writeJSON writes v whole or not at all.
func writeJSON(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// jnum is a number in JSON written as fprime prints it (strconv's
// shortest form: -8.418249427677438e-05), which reads back exactly; JSON
// has no NaN or infinity, so a value that is not finite is null.
type jnum float64

func (n jnum) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(n)) || math.IsInf(float64(n), 0) {
		return []byte("null"), nil
	}
	// As the text prints it: 0, not -0, for a zero that came out negative
	// (a partial of x^2 - y^2 at y = 0, say).
	return []byte(session.FormatNumber(float64(n))), nil
}

func jnums(v []float64) []jnum {
	out := make([]jnum, len(v))
	for i, x := range v {
		out[i] = jnum(x)
	}
	return out
}

// finite is a number for JSON: null where it is not finite.
func finite(v float64) *jnum {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	n := jnum(v)
	return &n
}

func finites(v []float64) []*jnum {
	out := make([]*jnum, len(v))
	for i, x := range v {
		out[i] = finite(x)
	}
	return out
}

type traceRowJSON struct {
	K    int     `json:"k"`
	X    []*jnum `json:"x"`
	F    *jnum   `json:"f"`
	Grad []*jnum `json:"grad"`
}

// cornerJSON is the corner an oscillating run circles: where f' jumps,
// f there, its kind, and f' just left and right of it.
type cornerJSON struct {
	X     jnum    `json:"x"`
	F     *jnum   `json:"f"`
	Kind  string  `json:"kind"`
	Slope [2]jnum `json:"slopes"`
}

// circledJSON is the point a run circles (optimize.Diagnosis.Circled),
// with the eta below which a run settles there, where f curves there as
// at a point of the run's kind.
type circledJSON struct {
	X         []jnum `json:"x"`
	StableEta *jnum  `json:"stable_eta,omitempty"`
}

func descentJSON(d session.Descent) any {
	r := d.Result
	out := struct {
		Status     string         `json:"status"`
		X          []*jnum        `json:"x"`
		F          *jnum          `json:"f"`
		Grad       []*jnum        `json:"grad"`
		Iterations int            `json:"iterations"`
		Point      string         `json:"point,omitempty"`
		StableEta  *jnum          `json:"stable_eta,omitempty"`
		Trace      []traceRowJSON `json:"trace,omitempty"`
		Omitted    int            `json:"trace_omitted,omitempty"`
		Corner     *cornerJSON    `json:"corner,omitempty"`
		Circled    *circledJSON   `json:"circled,omitempty"`
	}{Status: r.Status.String(), X: finites(r.X), F: finite(r.F), Grad: finites(r.Grad), Iterations: r.Iterations}
	if g := r.Diagnosis; g.Oscillating && len(g.CircledEigenvalues) > 0 {
		out.Circled = &circledJSON{X: jnums(g.Circled)}
		if bound, settles, _ := circledBound(d); settles {
			out.Circled.StableEta = finite(bound)
		}
	}
	if k := d.Corner; k != nil {
		out.Corner = &cornerJSON{jnum(k.X), finite(k.F), k.Kind.String(), [2]jnum{jnum(k.Left), jnum(k.Right)}}
	}
	if r.Status == optimize.Converged {
		out.Point = r.Diagnosis.Point.String()
	}
	if r.Status == optimize.Diverged || r.Diagnosis.Oscillating {
		out.StableEta = finite(r.Diagnosis.StableEta)
	}
	if d.Trace != nil {
		for _, t := range append(d.Trace.Head(), d.Trace.Tail()...) {
			out.Trace = append(out.Trace, traceRowJSON{t.K, finites(t.X), finite(t.F), finites(t.Grad)})
		}
		out.Omitted = d.Trace.Omitted()
	}
	return out
}

type extremumJSON struct {
	X      jnum   `json:"x"`
	F      *jnum  `json:"f"`
	Kind   string `json:"kind"`
	Corner bool   `json:"corner,omitempty"`
	Edge   bool   `json:"edge,omitempty"`
	// Flat is the stretch on which f has this value, where it is constant.
	Flat *[2]jnum `json:"flat,omitempty"`
}

// gapJSON is a stretch where f is undefined: from and to, each included
// when from_in (to_in) is set; pole when f is unbounded towards it.
type gapJSON struct {
	From   jnum `json:"from"`
	To     jnum `json:"to"`
	FromIn bool `json:"from_in"`
	ToIn   bool `json:"to_in"`
	Pole   bool `json:"pole,omitempty"`
}

func extremaJSON(e session.ExtremaReport) any {
	ex := func(x optimize.Extremum) *extremumJSON {
		kind := x.Kind.String()
		if math.IsNaN(x.F) {
			kind = "undefined"
		}
		out := &extremumJSON{X: jnum(x.X), F: finite(x.F), Kind: kind, Corner: x.Corner, Edge: x.Edge}
		if x.Flat {
			out.Flat = &[2]jnum{jnum(x.FlatLo), jnum(x.FlatHi)}
		}
		return out
	}
	points := []*extremumJSON{}
	for _, p := range e.Points {
		points = append(points, ex(p))
	}
	var gaps []gapJSON
	for _, g := range e.Undefined {
		gaps = append(gaps, gapJSON{jnum(g.Lo), jnum(g.Hi), g.LoIn, g.HiIn, g.Pole})
	}
	var unresolved [][2]jnum
	for _, u := range e.Unresolved {
		unresolved = append(unresolved, [2]jnum{jnum(u[0]), jnum(u[1])})
	}
	// min and max are null where f has none, with where (no_min_near)
	// and, where f approaches a value without reaching it, that value
	// (infimum); with partial, they are the least and greatest values
	// found.
	least, greatest := ex(e.Min), ex(e.Max)
	if e.NoMin {
		least = nil
	}
	if e.NoMax {
		greatest = nil
	}
	return struct {
		Name        string           `json:"name"`
		Interval    [2]jnum          `json:"interval"`
		Extrema     []*extremumJSON  `json:"extrema"`
		Ends        [2]*extremumJSON `json:"ends"`
		Min         *extremumJSON    `json:"min"`
		Max         *extremumJSON    `json:"max"`
		MinNear     *jnum            `json:"no_min_near,omitempty"`
		MaxNear     *jnum            `json:"no_max_near,omitempty"`
		Infimum     *jnum            `json:"infimum,omitempty"`
		Supremum    *jnum            `json:"supremum,omitempty"`
		Inflections []jnum           `json:"inflections,omitempty"`
		Undefined   []gapJSON        `json:"undefined,omitempty"`
		Partial     bool             `json:"partial,omitempty"`
		Unresolved  [][2]jnum        `json:"unresolved,omitempty"`
		Constant    bool             `json:"constant,omitempty"`
	}{e.Name, [2]jnum{jnum(e.A), jnum(e.B)}, points, [2]*extremumJSON{ex(e.Ends[0]), ex(e.Ends[1])}, least, greatest,
		nearJSON(e.NoMin, e.MinNear), nearJSON(e.NoMax, e.MaxNear), nearJSON(e.NoMin, e.MinLimit), nearJSON(e.NoMax, e.MaxLimit), jnums(e.Inflections), gaps, e.Partial, unresolved, e.Constant}
}

func nearJSON(no bool, near float64) *jnum {
	if !no {
		return nil
	}
	return finite(near)
}

type numdiffRowJSON struct {
	Label    string `json:"label"`
	Symbolic jnum   `json:"symbolic"`
	Central  jnum   `json:"central"`
	Gap      jnum   `json:"gap"`
	Across   bool   `json:"across,omitempty"`
}

type numdiffStepJSON struct {
	H       float64 `json:"h"`
	Central jnum    `json:"central"`
	Gap     jnum    `json:"gap"`
}

func numdiffJSON(r session.NumDiffResult) any {
	v := struct {
		Name  string            `json:"name"`
		At    []jnum            `json:"at"`
		H     float64           `json:"h"`
		Rows  []numdiffRowJSON  `json:"numdiff"`
		Table []numdiffStepJSON `json:"table,omitempty"`
		Best  float64           `json:"best_h,omitempty"`
		Note  string            `json:"note,omitempty"`
	}{Name: r.Name, At: jnums(r.At), H: r.H, Best: r.Best, Note: r.Note}
	for _, row := range r.Rows {
		v.Rows = append(v.Rows, numdiffRowJSON{row.Label, jnum(row.Symbolic), jnum(row.Central), jnum(math.Abs(row.Central - row.Symbolic)), row.Across})
	}
	for _, s := range r.Table {
		v.Table = append(v.Table, numdiffStepJSON{s.H, jnum(s.Central), jnum(s.Gap)})
	}
	return v
}
