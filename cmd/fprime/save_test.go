package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSaveLoad saves a session and loads it in a new process: the same
// definitions and settings come back, and no temporary file is left.
func TestSaveLoad(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "my session.fp")
	session := `f(x) = 9x^2 - 72x; a = 2.5; k(x) = a x^2 + f(x); e = 3; g(x, y) = x y + e; set eta=0.3 maxiter=77 x0=(1, 2)`
	out, errOut, code := fprime(t, "", "-e", session+`; save "`+file+`"; defs; set`)
	if code != 0 {
		t.Fatalf("save: exit %d: %s", code, errOut)
	}
	again, errOut, code := fprime(t, "", "-e", `load "`+file+`"; defs; set`)
	if code != 0 {
		t.Fatalf("load: exit %d: %s", code, errOut)
	}
	if again != out {
		t.Errorf("after load:\n%s\nbefore save:\n%s", again, out)
	}
	// fprime FILE reads a saved session too.
	if _, errOut, code := fprime(t, "", file); code != 0 {
		t.Errorf("fprime FILE: exit %d: %s", code, errOut)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the directory holds %d files after save, want only the saved one", len(entries))
	}
}

// TestLoadFailsPartWay keeps what the file defined before its error, and
// names FILE:LINE:COL.
func TestLoadFailsPartWay(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bad.fp")
	os.WriteFile(file, []byte("f(x) = x^2\nf'\ng(x) = x +\nh(x) = 1\n"), 0o644)
	var out, errOut bytes.Buffer
	sc := newScript(&out, &errOut, false)
	err := sc.run(context.Background(), "-e", strings.NewReader("load "+file))
	if err == nil {
		t.Fatal("load of a bad file succeeded")
	}
	if want := file + ":3:11: expected an expression after \"+\""; !strings.Contains(errOut.String(), want) {
		t.Errorf("error %q does not name %s", errOut.String(), want)
	}
	if s := sc.sess.Script(); !strings.Contains(s, "f(x) = x^2") || strings.Contains(s, "h(x)") {
		t.Errorf("after the failed load the session is:\n%s", s)
	}
	if out.String() != "f'(x) = 2x\n" {
		t.Errorf("load printed %q, want what its statements print", out.String())
	}
	// In --json the error object names the file its line and column
	// are in; an error of the script itself names none.
	out.Reset()
	sc = newScript(&out, &errOut, true)
	sc.run(context.Background(), "-e", strings.NewReader("load "+file))
	b, _ := json.Marshal(file)
	if !strings.HasSuffix(out.String(), `{"error":"expected an expression after \"+\"","line":3,"col":11,"file":`+string(b)+"}\n") {
		t.Errorf("--json: %q does not name the file", out.String())
	}
	out.Reset()
	sc.run(context.Background(), "-e", strings.NewReader("1/0"))
	if out.String() != `{"error":"1/0 is undefined (division by zero)","line":1,"col":2}`+"\n" {
		t.Errorf("--json: %q", out.String())
	}
}

// TestLoadItself stops a file that loads itself.
func TestLoadItself(t *testing.T) {
	file := filepath.Join(t.TempDir(), "loop.fp")
	os.WriteFile(file, []byte("load "+file+"\n"), 0o644)
	_, errOut, code := fprime(t, "", file)
	if code != 1 || !strings.Contains(errOut, "nested more than") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// TestStdinAndFlags covers the ways to start fprime without a terminal.
func TestStdinAndFlags(t *testing.T) {
	if out, _, code := fprime(t, "f(x) = x^2\nf'(3)\n"); code != 0 || out != "6\n" {
		t.Errorf("stdin: %q, exit %d", out, code)
	}
	if out, _, code := fprime(t, "", "--version"); code != 0 || !strings.HasPrefix(out, "fprime ") {
		t.Errorf("--version: %q, exit %d", out, code)
	}
	if out, _, code := fprime(t, "", "--help"); code != 0 || !strings.Contains(out, "Usage:") {
		t.Errorf("--help: %q, exit %d", out, code)
	}
	if _, errOut, code := fprime(t, "", "--nonsense"); code != 2 || !strings.Contains(errOut, "Usage:") {
		t.Errorf("--nonsense: %q, exit %d", errOut, code)
	}
	if _, errOut, code := fprime(t, "", "/nonexistent.fp"); code != 1 || !strings.Contains(errOut, "no such file") {
		t.Errorf("missing file: %q, exit %d", errOut, code)
	}
	// With --json, a usage error is on stdout too, as JSON (exit 2).
	if out, _, code := fprime(t, "", "--json", "--bogus"); code != 2 || out != `{"error":"flag provided but not defined: -bogus","line":0,"col":0}`+"\n" {
		t.Errorf("--json --bogus: %q, exit %d", out, code)
	}
	if out, _, code := fprime(t, "", "--json", "a.fp", "b.fp"); code != 2 || out != `{"error":"one FILE at a time, not 2","line":0,"col":0}`+"\n" {
		t.Errorf("--json with two files: %q, exit %d", out, code)
	}
	if out, errOut, code := fprime(t, "", "--json", t.TempDir()); code != 1 || !strings.Contains(errOut, "is a directory") || !strings.Contains(out, `"line":0,"col":0,"file":`) {
		t.Errorf("--json with a directory: %q, %q, exit %d", out, errOut, code)
	}
	// With --json, stdout carries the error too, as JSON, at line 0.
	want := `{"error":"open /nonexistent.fp: no such file or directory","line":0,"col":0,"file":"/nonexistent.fp"}` + "\n"
	if out, _, code := fprime(t, "", "--json", "/nonexistent.fp"); code != 1 || out != want {
		t.Errorf("missing file with --json: %q, exit %d", out, code)
	}
	// Each -e is a line of one script: none is dropped.
	if out, errOut, code := fprime(t, "", "-e", "f(x) = x^2", "-e", "f'", "-e", "1/0"); code != 1 || out != "f'(x) = 2x\n" || !strings.HasPrefix(errOut, "-e:3:") {
		t.Errorf("-e three times: %q, %q, exit %d", out, errOut, code)
	}
	if out, _, code := fprime(t, "", "-e", "1+1; quit; 2+2"); code != 0 || out != "2\n" {
		t.Errorf("quit in a script: %q, exit %d", out, code)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"x.fp", "-e", "1+1"}, "fprime: give a FILE or -e TEXT, not both"},
		{[]string{"a.fp", "--json", "b.fp"}, "fprime: one FILE at a time, not 2"},
		{[]string{"-e", "1", "x.fp"}, "fprime: give a FILE or -e TEXT, not both"},
		{[]string{"a.fp", "b.fp"}, "fprime: one FILE at a time, not 2"},
	} {
		if _, errOut, code := fprime(t, "", c.args...); code != 2 || !strings.HasPrefix(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%q: %q, exit %d", c.args, errOut, code)
		}
	}
	// A byte order mark before the first statement, as some editors
	// write one, is not read as a character of it.
	if out, errOut, code := fprime(t, "\ufefff(x) = x^2\nf'(3); 1/0\n"); code != 1 || out != "6\n" || errOut != "<stdin>:2:9: 1/0 is undefined (division by zero)\n" {
		t.Errorf("a byte order mark: %q, stderr %q, exit %d", out, errOut, code)
	}
	dir := t.TempDir()
	// Options may follow FILE, as most commands allow: fprime x.fp --json.
	file := filepath.Join(dir, "x.fp")
	os.WriteFile(file, []byte("f(x) = 9x^2 - 72x\nf'(4)\n"), 0o644)
	for _, args := range [][]string{{"--json", file}, {file, "--json"}} {
		if out, errOut, code := fprime(t, "", args...); code != 0 || out != "{\"value\":0}\n" || errOut != "" {
			t.Errorf("%q: %q, stderr %q, exit %d", args, out, errOut, code)
		}
	}
	if _, errOut, code := fprime(t, "", "-e", "save "+dir+"/missing/x.fp"); code != 1 || !strings.Contains(errOut, dir+"/missing/x.fp: no such file") || strings.Contains(errOut, ".x.fp.tmp") {
		t.Errorf("save into a missing directory: %q, exit %d", errOut, code)
	}
	out, _, code := fprime(t, "", "--json", "-e", "1/2x; f(x) = x^2; f(1/0)")
	if code != 1 || out != "{\"expr\":\"x/2\"}\n{\"error\":\"1/0 is undefined (division by zero)\",\"line\":1,\"col\":22}\n" {
		t.Errorf("--json: %q, exit %d", out, code)
	}
}
