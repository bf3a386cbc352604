package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chzyer/readline"

	"github.com/fprime/fprime/cmd/fprime/internal/render"
	"github.com/fprime/fprime/cmd/fprime/internal/session"
	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

const prompt = "> "

// repl is the interactive loop: line editing, history kept between runs,
// Tab completion, a caret under errors, and Ctrl-C that clears the line or
// stops the running statement but never leaves.
func repl(stdin *os.File, stdout, stderr io.Writer) int {
	sc := newScript(stdout, stderr, false)
	color := os.Getenv("NO_COLOR") == "" && isTerminal(stdout.(io.Reader))
	rl, err := readline.NewEx(&readline.Config{
		Prompt:          prompt,
		HistoryFile:     historyFile(),
		AutoComplete:    &completer{sess: sc.sess},
		InterruptPrompt: "^C",
		EOFPrompt:       "",
		Stdin:           stdin,
		Stdout:          stdout,
		Stderr:          stderr,
	})
	if err != nil {
		fmt.Fprintf(stderr, "fprime: %v\n", err)
		return 1
	}
	defer closeSoon(rl)
	fmt.Fprintln(stdout, "fprime "+version+": type help for help, quit or Ctrl-D to leave.")
	for lineNo := 1; ; lineNo++ {
		line, err := rl.Readline()
		switch {
		case errors.Is(err, readline.ErrInterrupt):
			continue // Ctrl-C clears the line
		case errors.Is(err, io.EOF):
			return 0
		case err != nil:
			fmt.Fprintf(stderr, "fprime: %v\n", err)
			return 1
		}
		for _, c := range parser.Split(line, 1) {
			r, err := runInterruptibly(stdout, sc.sess, c)
			if err != nil {
				if r != nil {
					render.Text(stdout, r, sc.style()) // what a load printed before it failed
				}
				showError(stderr, line, err, color)
				break
			}
			if _, quit := r.(session.Quit); quit {
				return 0
			}
			showReading(stdout, r, color)
			render.Text(stdout, r, sc.style())
			showDoubt(stdout, r, color)
		}
	}
}

// runInterruptibly runs one statement with Ctrl-C (SIGINT, since the
// terminal is not in raw mode while a statement runs) cancelling it.
func runInterruptibly(w io.Writer, sess *session.Session, c parser.Chunk) (session.Result, error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	pr := &progress{w: os.Stderr, start: time.Now()}
	sess.Progress = pr.show
	defer func() { sess.Progress = nil; pr.clear() }()
	r, err := sess.Run(ctx, c)
	if ctx.Err() != nil {
		fmt.Fprintln(w) // past the ^C the terminal echoed
	}
	return r, err
}

// progress shows a run of min or max that takes over a second, on one line
// of the terminal redrawn at most ten times a second, and clears it when the
// run ends; scripts and --json never show it.
type progress struct {
	w           io.Writer
	start, last time.Time
	drawn       bool
}

func (p *progress) show(k int, f, gradNorm float64) {
	now := time.Now()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last, p.drawn = now, true
	fmt.Fprintf(p.w, "\r\x1b[K  iteration %d   f = %.6g   |∇f| = %.3g   (Ctrl-C stops it)", k, f, gradNorm)
}

func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// closeSoon closes readline without waiting long: its Close can block on
// a pending read of the terminal.
func closeSoon(rl *readline.Instance) {
	done := make(chan struct{})
	go func() { rl.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(200 * time.Millisecond):
	}
}

// historyFile is $XDG_STATE_HOME/fprime/history, or under ~/.local/state.
func historyFile() string {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".local", "state")
	}
	dir = filepath.Join(dir, "fprime")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return ""
	}
	return filepath.Join(dir, "history")
}

func paint(s, code string, color bool) string {
	if !color {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// showError draws a caret under the column that went wrong.
func showError(w io.Writer, line string, err error, color bool) {
	var perr *parser.Error
	if !errors.As(err, &perr) {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(w, paint("interrupted", "33", color))
			return
		}
		fmt.Fprintln(w, paint("error: "+err.Error(), "31", color))
		return
	}
	col := min(perr.Col, len([]rune(line))+1)
	fmt.Fprintln(w, strings.Repeat(" ", len(prompt)+col-1)+paint("^", "31", color))
	fmt.Fprintln(w, paint("error: "+perr.Msg, "31", color))
}

// showDoubt says how much of a number rounding may have spoiled, where
// that is more than its last few digits: (1 - cos(x))/x^2 at 1e-8 is 0 in
// floats (and 1/2).
func showDoubt(w io.Writer, r session.Result, color bool) {
	n, ok := r.(session.Number)
	if ok && n.Cancelled {
		fmt.Fprintln(w, paint(fmt.Sprintf("0 to %d digits, and not proved to be 0", symbolic.PreciseDigits), "2", color))
	}
	if !ok || n.Doubt == 0 {
		return
	}
	msg := fmt.Sprintf("rounding error may reach %.2g: no digit of this is certain", n.Doubt)
	if rel := n.Doubt / math.Abs(n.Value); rel < 0.1 {
		msg = fmt.Sprintf("rounding error may reach %.2g: about %d digits of this are certain", n.Doubt, int(-math.Log10(rel)))
	}
	fmt.Fprintln(w, paint(msg, "2", color))
}

// showReading echoes how implicit products and paren-less calls were read
// when that could surprise: 1/2x is read as (1/2)·x.
func showReading(w io.Writer, r session.Result, color bool) {
	var reading string
	switch r := r.(type) {
	case session.Defined:
		reading = r.Reading
	case session.Number:
		reading = r.Reading
	case session.Expression:
		reading = r.Reading
	}
	if reading != "" {
		fmt.Fprintln(w, paint("read as "+reading, "2", color))
	}
}

// completer completes at the cursor what may stand there: after min, max,
// grad, hessian, extrema, steps, plot, latex or check a function's name; after
// min f or max f an option; after method= a method; after load or save a
// file; after help a topic; elsewhere statement words, built-in functions
// and the session's names.
type completer struct{ sess *session.Session }

func (c *completer) Do(line []rune, pos int) ([][]rune, int) {
	before := string(line[:pos])
	if i := strings.LastIndex(before, ";"); i >= 0 {
		before = before[i+1:]
	}
	fields := strings.Fields(before)
	fresh := before == "" || strings.HasSuffix(before, " ") || strings.HasSuffix(before, "\t")
	first := ""
	if len(fields) > 0 {
		first = fields[0]
	}
	if (first == "load" || first == "save") && (len(fields) == 2 && !fresh || len(fields) == 1 && fresh) {
		word := ""
		if !fresh {
			word = fields[1]
		}
		return completeFile(word)
	}
	start := pos
	for start > 0 && isWordRune(line[start-1]) {
		start--
	}
	word := string(line[start:pos])
	// The place of the word in its statement: 0 for the first.
	place := len(fields)
	if !fresh {
		place--
	}
	var names []string
	switch {
	case place == 1 && slices.Contains([]string{"min", "max", "grad", "hessian", "extrema", "steps", "plot", "latex"}, first):
		names = c.sess.FunctionNames()
	case place == 1 && first == "check":
		names = append(c.sess.FunctionNames(), "grad", "diff")
	case place == 1 && first == "help":
		names = session.HelpTopics()
	case place >= 2 && (first == "min" || first == "max" || first == "set"):
		if strings.HasSuffix(strings.TrimSuffix(before, word), "method=") {
			names = []string{"gd", "momentum", "newton"}
		} else if !strings.Contains(fields[len(fields)-1], "=") || fresh {
			names = []string{"x0=", "eta=", "eps=", "maxiter=", "trace", "method=", "beta="}
		}
	case word == "":
		return nil, 0
	default:
		names = append(append(slices.Clone(parser.Keywords), symbolic.BuiltinNames()...), c.sess.Names()...)
		names = append(names, "pi", "quit", "exit")
	}
	slices.Sort(names)
	names = slices.Compact(names)
	var out [][]rune
	for _, n := range names {
		if strings.HasPrefix(n, word) && n != word {
			out = append(out, []rune(n[len(word):]))
		}
	}
	return out, len([]rune(word))
}

// completeFile completes a path: the entries of its directory that start
// with its last part, with / after a directory.
func completeFile(word string) ([][]rune, int) {
	dir, base := filepath.Split(word)
	list := dir
	if list == "" {
		list = "."
	}
	entries, err := os.ReadDir(list)
	if err != nil {
		return nil, 0
	}
	var out [][]rune
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, base) || n == base || strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".") {
			continue
		}
		if e.IsDir() {
			n += "/"
		}
		out = append(out, []rune(n[len(base):]))
	}
	return out, len([]rune(base))
}

func isWordRune(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}
