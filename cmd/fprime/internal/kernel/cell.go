package kernel

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/fprime/fprime/cmd/fprime/internal/plot"
	"github.com/fprime/fprime/cmd/fprime/internal/render"
	"github.com/fprime/fprime/cmd/fprime/internal/session"
	"github.com/fprime/fprime/parser"
)

// cellError is where a cell stopped and why.
type cellError struct {
	line, col int
	msg       string
	source    string // the line, for the caret
}

func (e *cellError) evalue() string {
	return fmt.Sprintf("line %d, column %d: %s", e.line, e.col, e.msg)
}

// traceback shows the line and a caret under the column, then the message.
func (e *cellError) traceback() []string {
	col := min(e.col, len([]rune(e.source))+1)
	return []string{e.source, strings.Repeat(" ", col-1) + "^", "error: " + e.msg}
}

func (k *Kernel) execute(s zmq4.Socket, m *Message) {
	req := struct {
		Code        string `json:"code"`
		Silent      bool   `json:"silent"`
		StopOnError bool   `json:"stop_on_error"`
	}{StopOnError: true}
	if err := json.Unmarshal(m.Content, &req); err != nil {
		fmt.Fprintf(k.cfg.Log, "fprime kernel: execute_request: %v\n", err)
		return
	}
	if k.sentBeforeFailure(m) {
		k.reply(s, m, "execute_reply", map[string]any{"status": "aborted", "execution_count": k.count})
		return
	}
	// The cell can be interrupted before anyone hears it has started: an
	// interrupt sent on its execute_input was lost in the gap, and the
	// cell ran on (CI saw a descent of 10^12 updates never stop).
	ctx, cancel := context.WithCancel(k.ctx)
	k.mu.Lock()
	k.cancel = cancel
	k.mu.Unlock()
	if !req.Silent {
		k.count++
		k.publish("execute_input", m, map[string]any{"code": req.Code, "execution_count": k.count})
	}
	cerr := k.runCell(ctx, req.Code, func(r session.Result) {
		if !req.Silent {
			k.show(m, r)
		}
	})
	k.mu.Lock()
	k.cancel = nil
	k.mu.Unlock()
	cancel()
	if cerr != nil {
		e := map[string]any{"ename": "fprime", "evalue": cerr.evalue(), "traceback": cerr.traceback()}
		if !req.Silent {
			k.publish("error", m, e)
		}
		e["status"], e["execution_count"] = "error", k.count
		if req.StopOnError {
			k.failedAt = time.Now()
		}
		k.reply(s, m, "execute_reply", e)
		return
	}
	k.reply(s, m, "execute_reply", map[string]any{
		"status": "ok", "execution_count": k.count, "user_expressions": map[string]any{}, "payload": []any{},
	})
}

// sentBeforeFailure says whether m was sent before the last failed cell
// ended. A date in whole seconds cannot say so: a cell sent just after a
// failure would be aborted with the ones queued before it.
func (k *Kernel) sentBeforeFailure(m *Message) bool {
	sent, err := time.Parse(time.RFC3339Nano, m.Header.Date)
	return err == nil && strings.Contains(m.Header.Date, ".") && sent.Before(k.failedAt)
}

// runCell runs the statements of code in order, as a script runs a file,
// and stops at the first error; what was defined before it stays.
func (k *Kernel) runCell(ctx context.Context, code string, show func(session.Result)) *cellError {
	for i, line := range strings.Split(code, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if len(line) > parser.MaxInputBytes {
			return &cellError{i + 1, 1, fmt.Sprintf("line too long: over %d bytes", parser.MaxInputBytes), line}
		}
		for _, c := range parser.Split(line, i+1) {
			// An interrupt between statements ends the cell too, even before
			// one that would not notice it.
			if ctx.Err() != nil {
				return &cellError{c.Line, c.Col, "interrupted", line}
			}
			r, err := k.cfg.Session.Run(ctx, c)
			if r != nil {
				show(r) // with an error: what a load printed before it failed
			}
			if err != nil {
				return locate(c, line, err)
			}
			// A descent stopped by the interrupt reports where it got to, and
			// the cell ends there.
			if ctx.Err() != nil {
				return &cellError{c.Line, c.Col, "interrupted", line}
			}
			if _, quit := r.(session.Quit); quit {
				return nil
			}
		}
	}
	return nil
}

// locate places an error: a parse or session error has its own column;
// anything else is put at the statement.
func locate(c parser.Chunk, line string, err error) *cellError {
	var perr *parser.Error
	switch {
	case errors.As(err, &perr):
		return &cellError{perr.Line, perr.Col, perr.Msg, line}
	case errors.Is(err, context.Canceled):
		return &cellError{c.Line, c.Col, "interrupted", line}
	}
	return &cellError{c.Line, c.Col, err.Error(), line}
}

// show publishes a result: text as the REPL prints it, LaTeX where latex
// prints it, a picture as PNG and SVG, and --json's object.
func (k *Kernel) show(m *Message, r session.Result) {
	if many, ok := r.(session.Many); ok {
		for _, x := range many {
			k.show(m, x)
		}
		return
	}
	if _, quiet := r.(session.Defined); quiet {
		return
	}
	if _, quit := r.(session.Quit); quit {
		return
	}
	data := k.bundle(r)
	if _, ok := r.(session.Picture); ok {
		k.publish("display_data", m, map[string]any{"data": data, "metadata": map[string]any{}, "transient": map[string]any{}})
		return
	}
	k.publish("execute_result", m, map[string]any{"execution_count": k.count, "data": data, "metadata": map[string]any{}})
}

// bundle is r in every form a notebook may show.
func (k *Kernel) bundle(r session.Result) map[string]any {
	// The REPL's plot size, without colour: a notebook shows no escapes.
	st := render.Style{Options: k.cfg.Session.PrintOptions(), Plot: plot.TerminalOptions{Width: 80, Height: 24}}
	var text bytes.Buffer
	render.Text(&text, r, st)
	data := map[string]any{"text/plain": strings.TrimSuffix(text.String(), "\n")}
	switch r.(type) {
	case session.Number, session.Expression, session.Vector, session.Matrix:
		if t, ok := k.cfg.Session.LaTeXOf(r); ok {
			data["text/latex"] = "$" + t.Text + "$"
		}
	}
	var j bytes.Buffer
	if err := render.JSON(&j, r, st); err == nil {
		data["application/json"] = json.RawMessage(bytes.TrimSpace(j.Bytes()))
	}
	if p, ok := r.(session.Picture); ok {
		var png, svg bytes.Buffer
		if err := plot.Encode(&png, plot.PNG, p.Figure, plot.FileWidth, plot.FileHeight); err == nil {
			data["image/png"] = base64.StdEncoding.EncodeToString(png.Bytes())
		}
		if err := plot.Encode(&svg, plot.SVG, p.Figure, plot.FileWidth, plot.FileHeight); err == nil {
			data["image/svg+xml"] = svg.String()
		}
	}
	return data
}

// cursor is a request's code and cursor_pos, counted in Unicode code
// points as the protocol says.
type cursor struct {
	Code string `json:"code"`
	Pos  int    `json:"cursor_pos"`
}

// line is the line of the cursor as runes, and the cursor's place in it.
func (c cursor) line() (runes []rune, pos, start int) {
	all := []rune(c.Code)
	p := max(0, min(c.Pos, len(all)))
	start = p
	for start > 0 && all[start-1] != '\n' {
		start--
	}
	end := p
	for end < len(all) && all[end] != '\n' {
		end++
	}
	return all[start:end], p - start, start
}

func (k *Kernel) complete(s zmq4.Socket, m *Message) {
	var c cursor
	json.Unmarshal(m.Content, &c)
	line, pos, start := c.line()
	matches := []string{}
	n := 0
	if k.cfg.Complete != nil {
		var endings [][]rune
		endings, n = k.cfg.Complete(line, pos)
		word := string(line[pos-n : pos])
		for _, e := range endings {
			matches = append(matches, word+string(e))
		}
	}
	k.reply(s, m, "complete_reply", map[string]any{
		"status": "ok", "matches": matches, "cursor_start": start + pos - n, "cursor_end": start + pos, "metadata": map[string]any{},
	})
}

// inspect answers with help on the word under the cursor, or with its
// definition when the session defines it.
func (k *Kernel) inspect(s zmq4.Socket, m *Message) {
	var c cursor
	json.Unmarshal(m.Content, &c)
	line, pos, _ := c.line()
	a, b := pos, pos
	for a > 0 && isWordRune(line[a-1]) {
		a--
	}
	for b < len(line) && isWordRune(line[b]) {
		b++
	}
	reply := map[string]any{"status": "ok", "found": false, "data": map[string]any{}, "metadata": map[string]any{}}
	if a < b {
		word := string(line[a:b])
		if d := k.definition(word); d != "" {
			reply["found"], reply["data"] = true, map[string]any{"text/plain": d}
		} else if r, err := k.cfg.Session.Run(k.ctx, parser.Chunk{Text: "help " + word, Line: 1, Col: 1}); err == nil {
			if h, ok := r.(session.HelpText); ok {
				reply["found"], reply["data"] = true, map[string]any{"text/plain": h.Text}
			}
		}
	}
	k.reply(s, m, "inspect_reply", reply)
}

// definition is name's line of defs, or "".
func (k *Kernel) definition(name string) string {
	r, err := k.cfg.Session.Run(k.ctx, parser.Chunk{Text: "defs", Line: 1, Col: 1})
	if d, ok := r.(session.Definitions); ok && err == nil {
		for _, l := range d.Lines {
			if strings.HasPrefix(l, name+"(") || strings.HasPrefix(l, name+" =") {
				return l
			}
		}
	}
	return ""
}

func isWordRune(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// isComplete says a cell is incomplete while a bracket is open: a console
// then reads another line.
func (k *Kernel) isComplete(s zmq4.Socket, m *Message) {
	var req struct {
		Code string `json:"code"`
	}
	json.Unmarshal(m.Content, &req)
	status := "complete"
	if openBrackets(req.Code) > 0 {
		status = "incomplete"
	}
	k.reply(s, m, "is_complete_reply", map[string]any{"status": status, "indent": ""})
}

// openBrackets counts the brackets opened and not closed in code, outside
// comments and quoted file names.
func openBrackets(code string) int {
	depth := 0
	for i, line := range strings.Split(code, "\n") {
		for _, c := range parser.Split(line, i+1) {
			quoted := false
			for _, r := range c.Text {
				switch {
				case r == '"':
					quoted = !quoted
				case quoted:
				case r == '(' || r == '[' || r == '{':
					depth++
				case r == ')' || r == ']' || r == '}':
					depth--
				}
			}
		}
	}
	return depth
}
