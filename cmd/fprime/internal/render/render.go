// Package render turns session results into what people read (text) and
// what programs read (one JSON object a line).
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/fprime/fprime/cmd/fprime/internal/session"
	"github.com/fprime/fprime/symbolic"
)

// Text writes r for a person. Definitions print nothing.
func Text(w io.Writer, r session.Result) {
	switch r := r.(type) {
	case session.Number:
		fmt.Fprintln(w, session.FormatNumber(r.Value))
	case session.Expression:
		if r.Name != "" {
			fmt.Fprintf(w, "%s(%s) = %v\n", r.Name, strings.Join(r.Params, ", "), r.Expr)
		} else {
			fmt.Fprintln(w, r.Expr)
		}
	case session.Vector:
		fmt.Fprintf(w, "%s(%s) = (%s)\n", r.Name, strings.Join(r.Params, ", "), strings.Join(strs(r.Exprs), ", "))
	case session.Matrix:
		fmt.Fprintf(w, "%s(%s) =\n", r.Name, strings.Join(r.Params, ", "))
		matrix(w, r.Rows)
	case session.CheckResult:
		check(w, r)
	case session.SettingsShown:
		s := r.Settings
		fmt.Fprintf(w, "eta     = %s\neps     = %s\nmaxiter = %d\nx0      = %s\n",
			session.FormatNumber(s.Eta), session.FormatNumber(s.Eps), s.MaxIter, point(s.X0))
	case session.Definitions:
		if len(r.Lines) == 0 {
			fmt.Fprintln(w, "nothing is defined yet")
		}
		for _, l := range r.Lines {
			fmt.Fprintln(w, l)
		}
	case session.HelpText:
		fmt.Fprintln(w, r.Text)
	case session.Many:
		for _, x := range r {
			Text(w, x)
		}
	}
}

func strs(es []symbolic.Expr) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.String()
	}
	return out
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
func matrix(w io.Writer, rows [][]symbolic.Expr) {
	width := map[int]int{}
	for _, row := range rows {
		for j, e := range row {
			width[j] = max(width[j], utf8.RuneCountInString(e.String()))
		}
	}
	for _, row := range rows {
		cells := make([]string, len(row))
		for j, e := range row {
			s := e.String()
			cells[j] = s + strings.Repeat(" ", width[j]-utf8.RuneCountInString(s))
		}
		fmt.Fprintf(w, "  [ %s ]\n", strings.Join(cells, "   "))
	}
}

func check(w io.Writer, r session.CheckResult) {
	switch {
	case r.OK:
		fmt.Fprintf(w, "✓ %s = %s\n", r.Label, r.Answer)
		if r.Note != "" {
			fmt.Fprintf(w, "  %s\n", r.Note)
		}
		return
	case r.Undecided:
		fmt.Fprintf(w, "? %s = %s\n  %s\n", r.Label, r.Answer, r.Note)
		return
	}
	fmt.Fprintf(w, "✗ %s ≠ %s\n", r.Label, r.Answer)
	at := make([]string, len(r.Vars))
	for i, v := range r.Vars {
		at[i] = v + " = " + session.FormatNumber(r.At[i])
	}
	fmt.Fprintf(w, "  at %s: the derivative is %s, your answer gives %s\n",
		strings.Join(at, ", "), session.FormatNumber(r.Left), session.FormatNumber(r.Right))
	if r.Diff != nil {
		fmt.Fprintf(w, "  derivative - answer = %v\n", r.Diff)
	}
	if r.Note != "" {
		fmt.Fprintf(w, "  %s\n", r.Note)
	}
}

// JSON writes r as one JSON object on its own line; definitions write
// nothing.
func JSON(w io.Writer, r session.Result) {
	var v any
	switch r := r.(type) {
	case session.Number:
		v = struct {
			Value float64 `json:"value"`
		}{r.Value}
	case session.Expression:
		v = struct {
			Name   string   `json:"name,omitempty"`
			Params []string `json:"params,omitempty"`
			Expr   string   `json:"expr"`
		}{r.Name, r.Params, r.Expr.String()}
	case session.Vector:
		v = struct {
			Name   string   `json:"name"`
			Params []string `json:"params"`
			Exprs  []string `json:"exprs"`
		}{r.Name, r.Params, strs(r.Exprs)}
	case session.Matrix:
		rows := make([][]string, len(r.Rows))
		for i, row := range r.Rows {
			rows[i] = strs(row)
		}
		v = struct {
			Name   string     `json:"name"`
			Params []string   `json:"params"`
			Matrix [][]string `json:"matrix"`
		}{r.Name, r.Params, rows}
	case session.CheckResult:
		if r.OK {
			v = struct {
				OK bool `json:"ok"`
			}{true}
		} else if r.Undecided {
			v = struct {
				OK   bool   `json:"ok"`
				Note string `json:"note"`
			}{false, r.Note}
		} else {
			v = struct {
				OK    bool      `json:"ok"`
				At    []float64 `json:"at"`
				Left  float64   `json:"left"`
				Right float64   `json:"right"`
			}{false, r.At, r.Left, r.Right}
		}
	case session.SettingsShown:
		v = struct {
			Eta     float64   `json:"eta"`
			Eps     float64   `json:"eps"`
			MaxIter int       `json:"maxiter"`
			X0      []float64 `json:"x0"`
		}{r.Settings.Eta, r.Settings.Eps, r.Settings.MaxIter, r.Settings.X0}
	case session.Definitions:
		v = struct {
			Defs []string `json:"defs"`
		}{append([]string{}, r.Lines...)}
	case session.HelpText:
		v = struct {
			Help string `json:"help"`
		}{r.Text}
	case session.Many:
		for _, x := range r {
			JSON(w, x)
		}
		return
	default:
		return
	}
	writeJSON(w, v)
}

// JSONError writes an error object: {"error": "...", "line": 1, "col": 14}.
func JSONError(w io.Writer, msg string, line, col int) {
	writeJSON(w, struct {
		Error string `json:"error"`
		Line  int    `json:"line"`
		Col   int    `json:"col"`
	}{msg, line, col})
}

func writeJSON(w io.Writer, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(w, "{\"error\": %q}\n", err.Error())
		return
	}
	w.Write(b.Bytes())
}
