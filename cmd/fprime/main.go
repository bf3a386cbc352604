// Command fprime is a calculus workbench: a REPL when stdin is a terminal,
// and a script runner otherwise (fprime FILE, fprime -e TEXT, or
// statements on stdin). See ../shared/PRODUCT.md for the language.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/chzyer/readline"

	"github.com/fprime/fprime/cmd/fprime/internal/render"
)

const version = "0.2.0"

const usage = `fprime: a calculus workbench for the terminal.

Usage:
  fprime                  the interactive REPL (when stdin is a terminal)
  fprime FILE             run the statements in FILE
  fprime -e 'STATEMENTS'  run the given statements (; separates them)
  fprime < FILE           run statements from stdin
  fprime kernel install   install the Jupyter kernel (fprime kernel --help)

Options:
  --json      print each result as one JSON object a line
  -e TEXT     run TEXT instead of a file (each -e a line of it)
  --version   print the version
  --help      print this help

Example:
  fprime -e "f(x) = 9x^2 - 72x; f'; f'(4)"
`

// lines is the value of -e: each -e given is a line of the script, so
// that fprime -e 'f(x) = x^2' -e "f'" runs both.
type lines []string

func (l *lines) String() string     { return strings.Join(*l, "\n") }
func (l *lines) Set(s string) error { *l = append(*l, s); return nil }

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program, with its streams, so tests can drive it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// kernel is a command of its own; a script named kernel runs as ./kernel.
	if len(args) > 0 && args[0] == "kernel" {
		return kernelCommand(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("fprime", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	jsonOut := fs.Bool("json", false, "")
	var texts lines
	fs.Var(&texts, "e", "")
	showVersion := fs.Bool("version", false, "")
	// Options may come before or after FILE (fprime x.fp --json), as
	// most commands take them; Go's flag package stops at the first
	// argument that is not one, so the rest is read again after it.
	var files []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if err == flag.ErrHelp {
				fmt.Fprint(stdout, usage)
				return 0
			}
			if *jsonOut {
				render.JSONError(stdout, err.Error(), 0, 0, "")
			}
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if *showVersion {
		fmt.Fprintln(stdout, "fprime", version)
		return 0
	}
	exprGiven := false
	fs.Visit(func(f *flag.Flag) { exprGiven = exprGiven || f.Name == "e" })
	if msg := argsProblem(files, exprGiven); msg != "" {
		fmt.Fprintf(stderr, "fprime: %s (fprime --help shows the usage)\n", msg)
		if *jsonOut {
			render.JSONError(stdout, msg, 0, 0, "")
		}
		return 2
	}
	sc := newScript(stdout, stderr, *jsonOut)
	ctx := context.Background()
	switch {
	case exprGiven:
		return sc.exit(sc.run(ctx, "-e", strings.NewReader(strings.Join(texts, "\n"))))
	case len(files) == 1:
		f, err := os.Open(files[0])
		if err == nil {
			if fi, serr := f.Stat(); serr == nil && fi.IsDir() {
				f.Close()
				err = fmt.Errorf("%s is a directory, not a file of statements", files[0])
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "fprime: %v\n", err)
			if *jsonOut {
				// No line of it was read: line and col are 0.
				render.JSONError(stdout, err.Error(), 0, 0, files[0])
			}
			return 1
		}
		defer f.Close()
		return sc.exit(sc.run(ctx, files[0], f))
	case isTerminal(stdin) && !*jsonOut:
		return repl(stdin.(*os.File), stdout, stderr)
	}
	return sc.exit(sc.run(ctx, "<stdin>", stdin))
}

// argsProblem says what is wrong with the arguments left after the
// options, or "".
func argsProblem(args []string, exprGiven bool) string {
	switch {
	case len(args) == 1 && exprGiven:
		return "give a FILE or -e TEXT, not both"
	case len(args) > 1:
		return fmt.Sprintf("one FILE at a time, not %d", len(args))
	}
	return ""
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && readline.IsTerminal(int(f.Fd()))
}
