package render

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fprime/fprime/cmd/fprime/internal/session"
	"github.com/fprime/fprime/optimize"
	"github.com/fprime/fprime/symbolic"
)

// num prints a value of a report, "undefined" where it is not finite.
func num(v float64) string { return Style{}.num(v) }

// num prints a result's number: to st.Digits significant digits where
// set digits asks for them (never what is computed), else in the shortest
// form that reads back the same.
func (st Style) num(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "undefined"
	case st.Digits > 0 && v != 0:
		return strconv.FormatFloat(v, 'g', st.Digits, 64)
	}
	return session.FormatNumber(v)
}

func nums(v []float64) string { return Style{}.nums(v) }

func (st Style) nums(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = st.num(x)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// aligned writes label = value lines with the = signs in one column.
func aligned(w io.Writer, rows [][2]string) {
	width := 0
	for _, r := range rows {
		width = max(width, utf8.RuneCountInString(r[0]))
	}
	for _, r := range rows {
		fmt.Fprintf(w, "  %s%s = %s\n", r[0], strings.Repeat(" ", width-utf8.RuneCountInString(r[0])), r[1])
	}
}

func descent(w io.Writer, d session.Descent, st Style) {
	r := d.Result
	kind := "minimum"
	if d.Max {
		kind = "maximum"
	}
	status := strings.ReplaceAll(r.Status.String(), "_", " ")
	method := ""
	if d.Method != "gd" {
		method = " (" + d.Method + ")"
	}
	fmt.Fprintf(w, "%s of %s%s: %s after %d iteration%s\n", kind, d.Name, method, status, r.Iterations, plural(r.Iterations))
	if d.Trace != nil {
		trace(w, d, st)
	}
	star := make([]string, len(d.Params))
	for i, p := range d.Params {
		star[i] = p + "*"
	}
	at := strings.Join(star, ", ")
	if len(d.Params) == 1 {
		aligned(w, [][2]string{
			{d.Params[0] + "*", st.nums(r.X)},
			{d.Name + "(" + at + ")", st.num(r.F)},
			{d.Name + "'(" + at + ")", st.nums(r.Grad)},
		})
	} else {
		aligned(w, [][2]string{
			{"(" + strings.Join(d.Params, ", ") + ")*", st.nums(r.X)},
			{d.Name + "(" + at + ")", st.num(r.F)},
			{"∇" + d.Name + "(" + at + ")", st.nums(r.Grad)},
		})
	}
	for _, line := range explain(d) {
		fmt.Fprintln(w, "  "+line)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// explain phrases the diagnosis of a run.
func explain(d session.Descent) []string {
	r, g := d.Result, d.Result.Diagnosis
	var lines []string
	grad := d.Name + "'"
	two := "2"
	if d.Method == "momentum" {
		two = "2(1+beta)"
	}
	curvature := two + "/|" + d.Name + "''(x0)|"
	if len(d.Params) > 1 {
		grad = "∇" + d.Name
		curvature = two + "/λmax of the Hessian at x0"
	}
	advice := func() string {
		if math.IsNaN(g.StableEta) || math.IsInf(g.StableEta, 0) {
			return "try a smaller eta"
		}
		s := fmt.Sprintf("near x0, eta must stay below %s ≈ %s", curvature, short(g.StableEta))
		if !math.IsNaN(g.SuggestedEta) && g.SuggestedEta > 0 {
			s += fmt.Sprintf("; try eta=%s", short(g.SuggestedEta))
		}
		return s
	}
	switch r.Status {
	case optimize.Diverged:
		why := "a value stopped being a finite number"
		if r.Cause != nil {
			why = r.Cause.Error()
		} else if r.PastBound {
			why = "x ran past 1e100"
		}
		switch {
		case r.Iterations == 0:
			lines = append(lines, "x0 is no place to start: "+why)
			return lines
		case d.Method == "newton":
			// Its step is f'/f'', whatever eta: no smaller eta mends an
			// overshoot where f'' is small or of the wrong sign.
			lines = append(lines, "the run diverged: "+why)
			lines = append(lines, fmt.Sprintf("Newton's method steps by %s, which overshoots where f curves little or the wrong way, whatever eta; try another x0, or method=gd", map[bool]string{true: "f'/f''", false: "the inverse Hessian times the gradient"}[len(d.Params) == 1]))
		case d.Eta >= g.StableEta:
			lines = append(lines, "the run diverged: "+why)
			lines = append(lines, "eta="+short(d.Eta)+" is too large: "+advice())
		case r.Cause != nil && !symbolic.Overflowed(r.Cause):
			// Toward an edge where f falls without end (ln) or is least
			// (sqrt), no eta helps: said as may, beside the advice.
			lines = append(lines, "the run diverged: it left the region where "+d.Name+" is defined: "+why)
			lines = append(lines, fmt.Sprintf("%s may have no %s inside that region, or have it at its edge; if it has one inside, try a smaller eta, below %s, or another x0", d.Name, kindWord(d), short(d.Eta)))
		default:
			kind := "minimum"
			if d.Max {
				kind = "maximum"
			}
			lines = append(lines, "the run diverged: "+why+"; "+d.Name+" may have no "+kind+" that way")
			lines = append(lines, "if it has one, try a smaller eta, below "+short(d.Eta)+", or another x0")
		}
		if g.RunawayFrom >= 0 {
			lines = append(lines, fmt.Sprintf("the steps grew about ×%s each from iteration %d on", short(g.Growth), g.RunawayFrom))
		}
	case optimize.NotConverged, optimize.Interrupted:
		switch {
		case d.Corner != nil:
			k := d.Corner
			lines = append(lines, fmt.Sprintf("%s jumps from %s to %s at x = %s, a corner of %s:", grad, short(k.Left), short(k.Right), num(k.X), d.Name))
			lines = append(lines, fmt.Sprintf("a local %s there, %s = %s; %s is never 0 at a corner,", k.Kind, d.Name, num(k.F), grad))
			lines = append(lines, fmt.Sprintf("so a fixed eta circles it and %s never falls below eps", grad))
		case g.Oscillating && d.Eta < g.StableEta:
			lines = append(lines, unstableNearX(d, grad)...)
		case g.Oscillating && g.OscillationFactor > 1.001:
			// x^2 from 1 with eta = 1.01: x grows ×1.02 an update, to
			// 1e86 after 10,000, never past 1e100 to be called diverged.
			// Growth seen over a window is no proof of divergence:
			// Rosenbrock just above its limit grows into a bounded cycle.
			lines = append(lines, fmt.Sprintf("%s kept changing sign and grew about ×%s an iteration over the last %d: the run is diverging, or widening into a larger cycle; %s", grad, short(g.OscillationFactor), g.Window, advice()))
		case g.Oscillating:
			lines = append(lines, fmt.Sprintf("%s kept changing sign without shrinking: the run oscillates; %s", grad, advice()))
		case g.Slow:
			going := "descending"
			if d.Max {
				going = "ascending"
			}
			s := fmt.Sprintf("still %s: the largest partial reached %s, not yet below eps", going, short(g.GradMax))
			// A rate measured while the gradient is dominated by a slow
			// direction says nothing of a fast one that eta overshoots:
			// Rosenbrock at eta = 0.002 shrinks for 10,000 updates, then
			// oscillates around (1, 1), where 2/λmax is 0.001997.
			local, where := boundAtX(d)
			switch {
			case d.Method == "gd" && d.Eta > local*(1+1e-9):
				lines = append(lines, s+",",
					fmt.Sprintf("but eta=%s is above %s ≈ %s, and no run settles where eta is above that: expect it to oscillate there; try eta=%s",
						short(d.Eta), where, short(local), short(optimize.RoundDown1(local/2))))
				return lines
			case g.MoreIterations > 0 && g.Slowing:
				s += fmt.Sprintf("; at least %d more iterations, as the rate is still slowing", g.MoreIterations)
			case g.MoreIterations > 0:
				s += fmt.Sprintf("; about %d more iterations at this rate", g.MoreIterations)
			}
			lines = append(lines, s)
		case !math.IsNaN(g.GradMax) && r.Iterations > 0:
			s := fmt.Sprintf("the largest partial reached %s, not yet below eps, with no steady shrinking over the last %d iterations", short(g.GradMax), g.Window)
			if g.Window < 10 {
				s = fmt.Sprintf("the largest partial reached %s, not yet below eps: %d iteration%s too few to tell where the run is going", short(g.GradMax), r.Iterations, map[bool]string{true: " is", false: "s are"}[r.Iterations == 1])
			}
			lines = append(lines, s)
		}
	case optimize.Converged:
		lines = append(lines, pointKind(d))
	}
	return lines
}

// unstableNearX explains a run that oscillates though eta is stable at x0:
// by the curvature at x*, where it is larger; where it is not (or the
// Hessian there is undefined) and the gradient does not shrink at all, by
// f perhaps not being smooth near x*: a smooth f can circle too, where it
// curves more sharply between the iterates than at them (a 2-cycle of
// gradient descent has f″ = 2/eta somewhere between its points).
func unstableNearX(d session.Descent, grad string) []string {
	if lines := circling(d, grad); lines != nil {
		return lines
	}
	g := d.Result.Diagnosis
	local, where := boundAtX(d)
	switch {
	case d.Eta >= 0.99*local:
		// At a cone's tip the curvature grows without bound: a smaller
		// eta only circles closer, so none is suggested.
		if local < g.StableEta/10 && !math.IsInf(g.StableEta, 1) && !d.Smooth {
			return []string{fmt.Sprintf("%s kept changing sign without shrinking: near x*, eta must stay below %s ≈ %s", grad, where, short(local)),
				fmt.Sprintf("the curvature grew more than tenfold from x0 to x*: %s may not be smooth at its %s (a corner, or a cone's tip), where no fixed eta settles", d.Name, kindWord(d))}
		}
		return []string{fmt.Sprintf("%s kept changing sign without shrinking: near x*, eta must stay below %s ≈ %s; try eta=%s",
			grad, where, short(local), short(optimize.RoundDown1(local/2)))}
	case g.OscillationFactor >= 1:
		atX0 := fmt.Sprintf("eta is stable at x0 (below ≈ %s)", short(g.StableEta))
		if math.IsInf(g.StableEta, 1) {
			atX0 = "the curvature at x0 sets no bound on eta"
		}
		var bound string
		switch {
		case math.IsInf(g.StableEta, 1) && math.IsInf(local, 1):
			bound = "the curvature sets no bound on eta, at x0 or at x*"
		case math.IsNaN(local) && len(g.Eigenvalues) > 0:
			bound = fmt.Sprintf("%s, and at x* %s curves the other way", atX0, d.Name)
		case math.IsNaN(local):
			bound = fmt.Sprintf("%s, and at x* the Hessian is undefined", atX0)
		case math.IsInf(g.StableEta, 1):
			bound = fmt.Sprintf("%s, and eta is stable at x* (below ≈ %s)", atX0, short(local))
		default:
			bound = atX0 + " and at x*"
		}
		why := fmt.Sprintf("%s may not be smooth near x* (a corner, or a cone's tip), or curves more sharply between the iterates than at either: a fixed eta circles it", d.Name)
		if d.Smooth {
			why = fmt.Sprintf("%s is smooth, so it curves more sharply between the iterates than at either: a fixed eta circles it; try a smaller eta", d.Name)
		}
		return []string{fmt.Sprintf("%s kept changing sign without shrinking at all, though %s:", grad, bound), why}
	}
	return []string{fmt.Sprintf("%s kept changing sign without shrinking: the run oscillates; try a smaller eta", grad)}
}

// boundAtX is the eta below which a run of plain gradient descent can
// settle near x*, by the Hessian there, and how to name it; NaN where
// there is none. A bound holds where f curves up (down, for max) or not
// at all in every direction (a cone's tip curves in all but one): where
// it curves the other way no eta keeps a run there.
func boundAtX(d session.Descent) (float64, string) {
	g := d.Result.Diagnosis
	where := "2/|" + d.Name + "''(x*)|"
	if len(d.Params) > 1 {
		where = "2/λmax of the Hessian at x*"
	}
	if n := len(g.Eigenvalues); n > 0 {
		top := math.Max(math.Abs(g.Eigenvalues[0]), math.Abs(g.Eigenvalues[n-1]))
		if !d.Max && g.Eigenvalues[0] >= -1e-6*top || d.Max && g.Eigenvalues[n-1] <= 1e-6*top {
			return 2 / top, where
		}
	}
	return math.NaN(), where
}

// circling explains a run of one variable by the point it circles
// (Diagnosis.Circled): where f″ > 0 there (< 0, for max), eta must stay
// below 2/|f″| there for the run to settle, whatever the curvature at x*;
// where not, f has no such point there for any eta to settle on. It
// returns nil where the run circles no point, or eta is already below
// that bound.
func circling(d session.Descent, grad string) []string {
	g := d.Result.Diagnosis
	bound, settles, decided := circledBound(d)
	if !decided {
		return nil
	}
	at := formatXs(d.Params, g.Circled)
	switch {
	case !settles:
		return []string{fmt.Sprintf("%s kept changing sign without shrinking: the run circles %s, where %s'' = %s there; %s has no %s there for any eta to settle on",
			grad, at, d.Name, short(g.CircledEigenvalues[0]), d.Name, kindWord(d))}
	case d.Eta < 0.99*bound:
		return nil
	case d.Eta < bound && !(g.OscillationFactor < 1):
		return []string{fmt.Sprintf("%s kept changing sign without shrinking: the run circles %s, a %s of %s; eta is below 2/|%s''| ≈ %s there, but the cycle is too wide for that bound to hold (%s curves more sharply between the iterates); try eta=%s",
			grad, at, kindWord(d), d.Name, d.Name, short(bound), d.Name, short(optimize.RoundDown1(bound/2)))}
	case d.Eta < bound:
		// x^2 from 1 with eta = 0.999: |f'| shrinks ×0.998 an update,
		// and the run converges after 7,248.
		return []string{fmt.Sprintf("%s kept changing sign, shrinking only slowly: the run circles %s, a %s of %s, where eta is just below 2/|%s''| ≈ %s: it settles there, slowly; eta=%s would settle faster",
			grad, at, kindWord(d), d.Name, d.Name, short(bound), short(optimize.RoundDown1(bound/2)))}
	}
	return []string{fmt.Sprintf("%s kept changing sign without shrinking: the run circles %s, a %s of %s, where eta must stay below 2/|%s''| ≈ %s for the run to settle; try eta=%s",
		grad, at, kindWord(d), d.Name, d.Name, short(bound), short(optimize.RoundDown1(bound/2)))}
}

// circledBound is the eta below which a run settles at the point it
// circles, where f curves there as at a point of the run's kind (up for a
// minimum); settles is false where f curves the other way there. decided
// is false where f″ there is 0 within a millionth of the slope of f'
// across the cycle, f'(x*)/(x* - c): then neither is said.
func circledBound(d session.Descent) (bound float64, settles, decided bool) {
	g := d.Result.Diagnosis
	if len(g.CircledEigenvalues) != 1 || len(d.Result.X) != 1 {
		return math.NaN(), false, false
	}
	curv := g.CircledEigenvalues[0]
	if d.Max {
		curv = -curv
	}
	if scale := math.Abs(d.Result.Grad[0] / (d.Result.X[0] - g.Circled[0])); !(math.Abs(curv) > 1e-6*scale) {
		return math.NaN(), false, false
	}
	return 2 / math.Abs(curv), curv > 0, true
}

func kindWord(d session.Descent) string {
	if d.Max {
		return "maximum"
	}
	return "minimum"
}

// pointKind says what kind of point a converged run reached, and on what
// evidence: never more certain than the test that decided it.
func pointKind(d session.Descent) string {
	g := d.Result.Diagnosis
	want := optimize.Minimum
	if d.Max {
		want = optimize.Maximum
	}
	var what string
	switch g.Point {
	case optimize.Undecided:
		what = "the test is inconclusive"
	case optimize.Inflection:
		what = "an inflection point, not an extremum"
	case optimize.Saddle:
		what = "a saddle point, not a " + want.String()
	case want:
		what = "a " + want.String()
	default:
		what = "a " + g.Point.String() + " (not a " + want.String() + ")"
	}
	ev := make([]string, len(g.Eigenvalues))
	for i, v := range g.Eigenvalues {
		ev[i] = short(v + 0) // + 0: no "-0"
	}
	if g.Test == optimize.NoTest {
		// x^(4/3) at 0: f' is 0 there, f'' = 4/(9x^(2/3)) has no value.
		if d.Degree2 {
			return fmt.Sprintf("%s: %s''(%s*) is undefined", what, d.Name, d.Params[0])
		}
		return fmt.Sprintf("%s: the Hessian is undefined there", what)
	}
	if !d.Degree2 || len(g.Eigenvalues) != 1 {
		if g.Test == optimize.Degenerate {
			return fmt.Sprintf("%s: an eigenvalue of the Hessian there is zero within its error (%s)", what, strings.Join(ev, ", "))
		}
		return fmt.Sprintf("%s: the eigenvalues of the Hessian there are %s", what, strings.Join(ev, ", "))
	}
	x := d.Params[0]
	f2 := fmt.Sprintf("%s''(%s*) = %s", d.Name, x, ev[0])
	if g.Test == optimize.SecondOrder {
		sign := "> 0"
		if g.Eigenvalues[0] < 0 {
			sign = "< 0"
		}
		return fmt.Sprintf("%s: %s %s", what, f2, sign)
	}
	// f'' at x* did not keep its sign and half its size up to where the
	// critical point may lie: f'' may be 0 there (x^3 from 1, f''(x*) =
	// 0.003464), or change (x|x| + x^2, f''(x*) = 4 and 0 left of 0).
	zero := f2
	switch {
	case g.Eigenvalues[0] != 0 && g.Radius > 0:
		zero += fmt.Sprintf(", but %s'' may be 0 at the critical point, up to %s from %s*", d.Name, short(g.Radius), x)
	case g.Eigenvalues[0] != 0:
		zero += " is zero within its error"
	case g.Radius > 0:
		zero += fmt.Sprintf(" (the critical point may lie up to %s from %s*)", short(g.Radius), x)
	}
	switch g.Test {
	case optimize.SignChange:
		from, to := "−", "+"
		if g.Point == optimize.Maximum {
			from, to = "+", "−"
		}
		return fmt.Sprintf("%s: %s, and %s' goes from %s to %s across %s* ± %s", what, zero, d.Name, from, to, x, short(g.Radius))
	case optimize.HigherOrder:
		parity, sign := "odd", ""
		if g.Order%2 == 0 {
			parity, sign = "even", " > 0"
			if g.OrderValue < 0 {
				sign = " < 0"
			}
		}
		return fmt.Sprintf("%s: %s; the first derivative that cannot be 0 there, %s = %s%s, has %s order",
			what, zero, nth(d.Name, x, g.Order), short(g.OrderValue), sign, parity)
	}
	return fmt.Sprintf("%s: %s, and neither the sign of %s' nearby nor the derivatives up to order %d decide", what, zero, d.Name, g.Order)
}

// nth names the k-th derivative of f at x*: f‴(x*), the 4th derivative
// of f at x*.
func nth(f, x string, k int) string {
	if k <= 3 {
		return f + strings.Repeat("'", k) + "(" + x + "*)"
	}
	return fmt.Sprintf("the %dth derivative of %s at %s*", k, f, x)
}

// short prints a figure of advice to four significant digits.
func short(v float64) string { return fmt.Sprintf("%.4g", v) }

// formatXs names a point to four digits: x = 1.14, (x, y) = (1, 2.5).
func formatXs(params []string, x []float64) string {
	vs := make([]string, len(x))
	for i, v := range x {
		vs[i] = short(v)
	}
	if len(params) == 1 {
		return params[0] + " = " + vs[0]
	}
	return "(" + strings.Join(params, ", ") + ") = (" + strings.Join(vs, ", ") + ")"
}

// trace writes the iterates a Trace kept as an aligned table.
func trace(w io.Writer, d session.Descent, st Style) {
	vars := strings.Join(d.Params, ", ")
	x, last := vars, d.Name+"'("+vars+")"
	if len(d.Params) > 1 {
		x, last = "("+vars+")", "|∇"+d.Name+"|"
	}
	rows := [][]string{{"k", x, d.Name + "(" + vars + ")", last}}
	add := func(r optimize.TraceRow) {
		g := r.GradNorm
		if len(r.Grad) == 1 {
			g = r.Grad[0]
		}
		rows = append(rows, []string{fmt.Sprint(r.K), st.nums(r.X), st.num(r.F), st.num(g)})
	}
	for _, r := range d.Trace.Head() {
		add(r)
	}
	gap := len(rows)
	for _, r := range d.Trace.Tail() {
		add(r)
	}
	width := make([]int, 4)
	for _, r := range rows {
		for j, c := range r {
			width[j] = max(width[j], utf8.RuneCountInString(c))
		}
	}
	for i, r := range rows {
		if i == gap && d.Trace.Omitted() > 0 {
			fmt.Fprintf(w, "  … %d iterations left out …\n", d.Trace.Omitted())
		}
		var b strings.Builder
		for j, c := range r {
			b.WriteString(c + strings.Repeat(" ", width[j]-utf8.RuneCountInString(c)+3))
		}
		fmt.Fprintln(w, "  "+strings.TrimRight(b.String(), " "))
	}
}

func extrema(w io.Writer, e session.ExtremaReport, st Style) {
	fmt.Fprintf(w, "extrema of %s on [%s, %s]:\n", e.Name, st.num(e.A), st.num(e.B))
	if e.Constant {
		fmt.Fprintf(w, "  %s is constant there: %s = %s\n", e.Name, e.Name, st.num(e.Min.F))
		return
	}
	var rows [][]string
	row := func(x optimize.Extremum, what string) {
		if math.IsNaN(x.F) {
			rows = append(rows, []string{what, e.Var + " = " + st.num(x.X), e.Name + " undefined", ""})
			return
		}
		kind := "local " + x.Kind.String()
		if x.Kind == optimize.Undecided {
			// An end where f' is 0 wherever the search looked: f is
			// constant beside it, so it is neither above nor below.
			kind = e.Name + " is constant beside it"
		}
		switch {
		case x.Corner:
			kind += " (a corner: " + e.Name + "' does not exist)"
		case x.Edge:
			kind += " (an end of where " + e.Name + " is defined)"
		case x.Flat:
			kind += fmt.Sprintf(" (%s = %s on all of [%s, %s])", e.Name, st.num(x.F), st.num(x.FlatLo), st.num(x.FlatHi))
		}
		rows = append(rows, []string{what, e.Var + " = " + st.num(x.X), e.Name + " = " + st.num(x.F), kind})
	}
	row(e.Ends[0], "end")
	for _, p := range e.Points {
		row(p, "")
	}
	row(e.Ends[1], "end")
	width := make([]int, 4)
	for _, r := range rows {
		for j, c := range r {
			width[j] = max(width[j], utf8.RuneCountInString(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for j, c := range r {
			b.WriteString(c + strings.Repeat(" ", width[j]-utf8.RuneCountInString(c)+3))
		}
		fmt.Fprintln(w, "  "+strings.TrimRight(b.String(), " "))
	}
	if len(e.Undefined) > 0 {
		parts := make([]string, len(e.Undefined))
		for i, g := range e.Undefined {
			parts[i] = gap(e, g)
		}
		fmt.Fprintf(w, "  %s is undefined %s\n", e.Name, strings.Join(parts, " and "))
	}
	switch {
	case e.Partial && len(e.Points) > 0:
		fmt.Fprintf(w, "  at least %d local extrema (not all are listed): %s' changes sign faster than the search can follow %s\n",
			len(e.Points), e.Name, stretches(e))
	case e.Partial:
		fmt.Fprintf(w, "  no local extremum found, but there may be many: %s' changes sign faster than the search can follow %s\n",
			e.Name, stretches(e))
	case len(e.Points) == 0:
		fmt.Fprintf(w, "  no local extremum inside the interval\n")
	}
	for _, x := range e.Inflections {
		fmt.Fprintf(w, "  %s' is 0 at %s = %s without changing sign: not an extremum\n", e.Name, e.Var, st.num(x))
	}
	found := ""
	if e.Partial {
		found = " found"
	}
	least := "least value" + found + ": " + e.Name + "(" + st.num(e.Min.X) + ") = " + st.num(e.Min.F)
	greatest := "greatest value" + found + ": " + e.Name + "(" + st.num(e.Max.X) + ") = " + st.num(e.Max.F)
	if e.NoMin {
		least = "no least value (" + unbounded(e, "below", e.MinPole, e.MinNear, e.MinLimit) + ")"
	}
	if e.NoMax {
		greatest = "no greatest value (" + unbounded(e, "above", e.MaxPole, e.MaxNear, e.MaxLimit) + ")"
	}
	fmt.Fprintf(w, "  %s; %s\n", least, greatest)
}

// gap writes where f is undefined: "at x = 0", "on [-1, 0)".
func gap(e session.ExtremaReport, g optimize.Gap) string {
	if g.Lo == g.Hi {
		return "at " + e.Var + " = " + num(g.Lo)
	}
	lo, hi := "(", ")"
	if g.LoIn {
		lo = "["
	}
	if g.HiIn {
		hi = "]"
	}
	return "on " + lo + num(g.Lo) + ", " + num(g.Hi) + hi
}

// stretches writes where the search could not follow f', the first three
// stretches, to four digits: "near x = 0.0001" for one whose ends agree to
// them, "on [1e-06, 0.0005]" for a wider one.
func stretches(e session.ExtremaReport) string {
	var parts []string
	for i, s := range e.Unresolved {
		lo, hi := short(s[0]), short(s[1])
		switch {
		case i == 3:
			parts = append(parts, fmt.Sprintf("and on %d more stretches", len(e.Unresolved)-3))
		case lo == hi:
			parts = append(parts, "near "+e.Var+" = "+lo)
		default:
			parts = append(parts, "on ["+lo+", "+hi+"]")
		}
		if i == 3 {
			break
		}
	}
	return strings.Join(parts, ", ")
}

// unbounded says why f has no least or greatest value.
func unbounded(e session.ExtremaReport, way string, pole bool, near, limit float64) string {
	switch {
	case pole:
		return fmt.Sprintf("%s is unbounded %s near %s = %s, where it is undefined", e.Name, way, e.Var, num(near))
	case math.IsNaN(near):
		return fmt.Sprintf("%s has a value at no end and at no local extremum", e.Name)
	case !math.IsNaN(limit):
		return fmt.Sprintf("%s approaches %s near %s = %s without reaching it: it is undefined there", e.Name, num(limit), e.Var, num(near))
	}
	return fmt.Sprintf("%s is unbounded %s, or jumps, near %s = %s", e.Name, way, e.Var, short(near))
}
