package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/chzyer/readline"

	"github.com/fprime/fprime/cmd/fprime/internal/plot"
	"github.com/fprime/fprime/cmd/fprime/internal/render"
	"github.com/fprime/fprime/cmd/fprime/internal/session"
	"github.com/fprime/fprime/parser"
)

// script runs statements from a reader: no prompt, results to stdout, the
// first error to stderr as FILE:LINE:COL: message, which stops the run.
type script struct {
	sess   *session.Session
	out    io.Writer
	errOut io.Writer
	json   bool
	depth  int // of nested loads
	plot   plot.TerminalOptions
	// termSize measures the terminal out writes to; nil when it is none.
	termSize func() (width, height int, err error)
}

// maxLoadDepth bounds load inside load, so a file that loads itself stops.
const maxLoadDepth = 16

func newScript(out, errOut io.Writer, json bool) *script {
	sc := &script{sess: session.New(), out: out, errOut: errOut, json: json}
	sc.sess.Load = sc.load
	// A plot fills the terminal, measured at each plot so that it follows
	// a resized window; elsewhere COLUMNS×LINES, 80×24 when they are not
	// set. Colour only on a terminal.
	f, isFile := out.(*os.File)
	tty := isFile && readline.IsTerminal(int(f.Fd()))
	sc.plot = plot.OptionsFromEnv(os.Getenv, tty)
	if tty {
		sc.termSize = func() (int, int, error) { return readline.GetSize(int(f.Fd())) }
	}
	return sc
}

// located is an error at FILE:LINE:COL.
type located struct {
	file      string
	line, col int
	msg       string
}

func (e *located) Error() string { return fmt.Sprintf("%s:%d:%d: %s", e.file, e.line, e.col, e.msg) }

// errQuit ends a script early and well.
var errQuit = errors.New("quit")

// run executes every statement of src in order, stopping at the first
// error, which it returns after reporting it.
func (sc *script) run(ctx context.Context, name string, src io.Reader) error {
	err := sc.each(ctx, name, src, sc.print)
	if err != nil && !errors.Is(err, errQuit) {
		sc.report(name, err)
	}
	return err
}

func (sc *script) exit(err error) int {
	if err != nil && !errors.Is(err, errQuit) {
		return 1
	}
	return 0
}

// print writes a result; an error is a result that could not be written,
// which fails its statement rather than vanish.
func (sc *script) print(r session.Result) error {
	if sc.json {
		if err := render.JSON(sc.out, r, sc.style()); err != nil {
			return fmt.Errorf("internal error: the result cannot be written as JSON: %v", err)
		}
		return nil
	}
	render.Text(sc.out, r, sc.style())
	return nil
}

func (sc *script) style() render.Style {
	opts := sc.plot
	if sc.termSize != nil {
		if w, h, err := sc.termSize(); err == nil && w > 0 && h > 0 {
			opts.Width, opts.Height = w, h
		}
	}
	return render.Style{Options: sc.sess.PrintOptions(), Plot: opts, Digits: sc.sess.Settings().Digits}
}

// report writes the error that stopped the script called name; in
// --json an error inside a file that it loads names that file, as its
// line and column are that file's.
func (sc *script) report(name string, err error) {
	var loc *located
	if !errors.As(err, &loc) {
		loc = &located{file: "fprime", line: 1, col: 1, msg: err.Error()}
	}
	fmt.Fprintln(sc.errOut, loc.Error())
	if sc.json {
		file := ""
		if loc.file != name {
			file = loc.file
		}
		render.JSONError(sc.out, loc.msg, loc.line, loc.col, file)
	}
}

// each runs the statements of src, handing each result to emit.
func (sc *script) each(ctx context.Context, name string, src io.Reader, emit func(session.Result) error) error {
	br := bufio.NewReader(src)
	for lineNo := 1; ; lineNo++ {
		line, readErr := br.ReadString('\n')
		if readErr != nil && readErr != io.EOF {
			return &located{name, lineNo, 1, readErr.Error()}
		}
		if len(line) > parser.MaxInputBytes {
			return &located{name, lineNo, 1, fmt.Sprintf("line too long: over %d bytes", parser.MaxInputBytes)}
		}
		if lineNo == 1 {
			// A byte order mark, as some editors begin a UTF-8 file
			// with, is no part of the first statement.
			line = strings.TrimPrefix(line, "\ufeff")
		}
		for _, c := range parser.Split(trimEOL(line), lineNo) {
			r, err := sc.sess.Run(ctx, c)
			if err != nil {
				if r != nil {
					if err := emit(r); err != nil { // what a load printed before it failed
						return locate(name, c, err)
					}
				}
				return locate(name, c, err)
			}
			if _, quit := r.(session.Quit); quit {
				return errQuit
			}
			if err := emit(r); err != nil {
				return locate(name, c, err)
			}
		}
		if readErr == io.EOF {
			return nil
		}
	}
}

func trimEOL(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r') {
		s = s[:len(s)-1]
	}
	return s
}

// locate places an error in its file: a parse or session error has its
// own column; anything else is put at the statement.
func locate(name string, c parser.Chunk, err error) error {
	var loc *located
	if errors.As(err, &loc) {
		return err
	}
	var perr *parser.Error
	if errors.As(err, &perr) {
		return &located{name, perr.Line, perr.Col, perr.Msg}
	}
	if errors.Is(err, context.Canceled) {
		return &located{name, c.Line, c.Col, "interrupted"}
	}
	return &located{name, c.Line, c.Col, err.Error()}
}

// load runs a file into the session: what it defines stays even if a later
// statement fails, and the error names FILE:LINE:COL.
func (sc *script) load(ctx context.Context, path string) ([]session.Result, error) {
	if sc.depth >= maxLoadDepth {
		return nil, fmt.Errorf("load is nested more than %d deep (does %s load itself?)", maxLoadDepth, filepath.Base(path))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot load: %v", err)
	}
	defer f.Close()
	sc.depth++
	defer func() { sc.depth-- }()
	var results []session.Result
	err = sc.each(ctx, path, f, func(r session.Result) error {
		results = append(results, r)
		return nil
	})
	if errors.Is(err, errQuit) {
		err = nil
	}
	return results, err
}
