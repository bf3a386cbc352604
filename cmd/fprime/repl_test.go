package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/creack/pty"

	"github.com/fprime/fprime/cmd/fprime/internal/session"
)

// terminal drives the real binary through a pseudo-terminal: keys in,
// screen out.
type terminal struct {
	t    *testing.T
	cmd  *exec.Cmd
	f    *os.File
	mu   sync.Mutex
	out  bytes.Buffer // what no expect has passed yet
	all  bytes.Buffer // everything shown
	done chan error
}

func startTerminal(t *testing.T, state string, env ...string) *terminal {
	t.Helper()
	cmd := exec.Command(binary)
	if env == nil {
		env = []string{"NO_COLOR=1"}
	}
	cmd.Env = append(append(os.Environ(), "XDG_STATE_HOME="+state, "TERM=xterm"), env...)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, cmd: cmd, f: f, done: make(chan error, 1)}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			term.mu.Lock()
			term.out.Write(buf[:n])
			term.all.Write(buf[:n])
			term.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() { term.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		f.Close()
	})
	term.expect("> ")
	return term
}

func (term *terminal) send(keys string) {
	term.t.Helper()
	if _, err := term.f.Write([]byte(keys)); err != nil {
		term.t.Fatal(err)
	}
}

// expect waits until the screen has shown s since the last expect.
func (term *terminal) expect(s string) {
	term.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		term.mu.Lock()
		got := term.out.String()
		if i := strings.Index(got, s); i >= 0 {
			term.out.Next(i + len(s))
			term.mu.Unlock()
			return
		}
		term.mu.Unlock()
		time.Sleep(10 * time.Millisecond)
	}
	term.mu.Lock()
	defer term.mu.Unlock()
	term.t.Fatalf("the screen never showed %q; it shows:\n%s", s, term.out.String())
}

func (term *terminal) exitCode() int {
	term.t.Helper()
	select {
	case err := <-term.done:
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		if err != nil {
			term.t.Fatal(err)
		}
		return 0
	case <-time.After(5 * time.Second):
		term.t.Fatal("fprime did not exit")
	}
	return -1
}

func TestREPL(t *testing.T) {
	state := t.TempDir()
	term := startTerminal(t, state)

	term.send("f(x) = x^2 + 5sin(x)\r")
	term.expect("> ")
	term.send("f'\r")
	term.expect("f'(x) = 2x + 5cos(x)")
	term.expect("> ")

	// Up-arrow recalls the last line.
	term.send("\x1b[A\r")
	term.expect("f'(x) = 2x + 5cos(x)")
	term.expect("> ")

	// Tab completes a defined name.
	term.send("velocity(t) = 3t^2\r")
	term.expect("> ")
	term.send("velo\t")
	term.expect("velocity")
	term.send("'(2)\r")
	term.expect("12")
	term.expect("> ")

	// An error shows a caret under its column and the session goes on.
	term.send("f(2) +\r")
	term.expect("^")
	term.expect("expected an expression after \"+\"")
	term.expect("> ")

	// Ctrl-C clears the line being typed, and does not leave.
	term.send("this is half typed")
	term.send("\x03")
	term.expect("^C")
	term.send("f(0)\r")
	term.expect("f(0)\r\n0\r\n") // the answer, not the 0 of the echoed line
	term.expect("> ")

	// Ctrl-C stops a long run, which reports where it got to, and the
	// session goes on.
	// A run past a second shows its progress on one line.
	term.send("min f x0=1 eta=1e-12 eps=1e-300 maxiter=1000000000000\r")
	term.expect("  iteration ")
	term.expect("(Ctrl-C stops it)")
	term.send("\x03")
	term.expect("minimum of f: interrupted after")
	term.expect("> ")
	term.send("f(0)\r")
	term.expect("f(0)\r\n0\r\n") // the answer, not the 0 of the echoed line
	term.expect("> ")

	// A 0 that is one only as far as can be told says so.
	term.send("sqrt(2)sqrt(3) - sqrt(6)\r")
	term.expect("0 to 54 digits, and not proved to be 0")
	term.expect("> ")

	// The reading of implicit multiplication is echoed.
	term.send("1/2x\r")
	term.expect("read as (1/2)·x")
	term.expect("> ")

	// Ctrl-D leaves with status 0.
	term.send("\x04")
	if code := term.exitCode(); code != 0 {
		t.Fatalf("Ctrl-D: exit %d, want 0", code)
	}

	// History survives a restart.
	term = startTerminal(t, state)
	term.send("\x1b[A")
	term.expect("1/2x")
	term.send("\r")
	term.expect("x/2")
	term.send("quit\r")
	if code := term.exitCode(); code != 0 {
		t.Fatalf("quit: exit %d, want 0", code)
	}
	if b, err := os.ReadFile(state + "/fprime/history"); err != nil || !strings.Contains(string(b), "velocity(t) = 3t^2") {
		t.Errorf("history file: %q, %v", b, err)
	}
}

// TestColour: errors are coloured on a terminal, and not with NO_COLOR.
func TestColour(t *testing.T) {
	term := startTerminal(t, t.TempDir(), "NO_COLOR=")
	term.send("1/0\r")
	term.expect("\x1b[31merror: 1/0 is undefined (division by zero)")
	term.send("quit\r")
	term.exitCode()

	term = startTerminal(t, t.TempDir())
	term.send("1/0\r")
	term.expect("error: 1/0 is undefined (division by zero)")
	term.mu.Lock()
	defer term.mu.Unlock()
	if strings.Contains(term.all.String(), "\x1b[31m") {
		t.Error("colour with NO_COLOR set")
	}
}

// TestNoHistoryFromScripts: statements from a pipe or a file leave no
// history; only the REPL on a terminal keeps one.
func TestNoHistoryFromScripts(t *testing.T) {
	state := t.TempDir()
	cmd := exec.Command(binary)
	cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+state)
	cmd.Stdin = strings.NewReader("f(x) = x^2\nf'\n")
	if out, err := cmd.Output(); err != nil || string(out) != "f'(x) = 2x\n" {
		t.Fatalf("%q, %v", out, err)
	}
	if _, err := os.Stat(state + "/fprime/history"); err == nil {
		t.Error("a script wrote the history file")
	}
}

// TestPlotFollowsTerminalSize: a plot fills the terminal as it is at the
// plot, after a resize too, whatever COLUMNS says.
func TestPlotFollowsTerminalSize(t *testing.T) {
	term := startTerminal(t, t.TempDir(), "NO_COLOR=1", "COLUMNS=200", "LINES=60")
	widest := func() int {
		term.t.Helper()
		term.send("plot sin(x) in [0, 6]\r")
		term.expect("⣿ sin(x)")
		term.mu.Lock()
		defer term.mu.Unlock()
		shown := term.all.String()
		term.all.Reset()
		n := 0
		for _, line := range strings.Split(shown, "\n") {
			if strings.Contains(line, "└") {
				n = max(n, utf8.RuneCountInString(strings.TrimRight(line, "\r ")))
			}
		}
		return n
	}
	if w := widest(); w < 110 || w > 120 {
		t.Errorf("in a terminal of 120 columns, the plot's axis is %d wide", w)
	}
	if err := pty.Setsize(term.f, &pty.Winsize{Rows: 30, Cols: 90}); err != nil {
		t.Fatal(err)
	}
	if w := widest(); w < 80 || w > 90 {
		t.Errorf("resized to 90 columns, the plot's axis is %d wide", w)
	}
	term.send("quit\r")
	term.exitCode()
}

// TestShowDoubt: under a number, how much of it rounding may have spoiled
// where even the precise evaluation could not tell it, and the note under a
// 0 that is one only as far as can be told.
func TestShowDoubt(t *testing.T) {
	for _, c := range []struct {
		n    session.Number
		want string
	}{
		{session.Number{Value: -0.5, Doubt: 2}, "rounding error may reach 2: no digit of this is certain\n"},
		{session.Number{Value: 1000, Doubt: 0.001}, "rounding error may reach 0.001: about 6 digits of this are certain\n"},
		{session.Number{Cancelled: true}, "0 to 54 digits, and not proved to be 0\n"},
		{session.Number{Value: 1}, ""},
	} {
		var b strings.Builder
		showDoubt(&b, c.n, false)
		if b.String() != c.want {
			t.Errorf("%+v: %q, want %q", c.n, b.String(), c.want)
		}
	}
}
