package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// binary is fprime built once for the tests that drive the real program.
var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "fprime-test")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "fprime")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		os.RemoveAll(dir)
		panic("building fprime: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fprime runs the built binary with stdin and returns what it printed.
func fprime(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "COLUMNS=", "LINES=") // plots at 80×24
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

// TestGoldenScripts runs every script under testdata/scripts as a file, in
// text and in --json, against its golden output: stdout, then stderr and
// the exit status.
func TestGoldenScripts(t *testing.T) {
	scripts, _ := filepath.Glob("testdata/scripts/*.fp")
	if len(scripts) == 0 {
		t.Fatal("no scripts")
	}
	for _, script := range scripts {
		for _, mode := range []string{"text", "json"} {
			name := strings.TrimSuffix(filepath.Base(script), ".fp")
			t.Run(name+"/"+mode, func(t *testing.T) {
				args := []string{script}
				golden := strings.TrimSuffix(script, ".fp") + ".out"
				if mode == "json" {
					args = []string{"--json", script}
					golden = strings.TrimSuffix(script, ".fp") + ".json.out"
				}
				stdout, stderr, code := fprime(t, "", args...)
				got := stdout + "--- stderr ---\n" + stderr + "--- exit " + strconv.Itoa(code) + " ---\n"
				compareGolden(t, golden, got)
			})
		}
	}
}

// TestHelpGrammar pins what help grammar prints: the grammar as participle
// renders it from the parser's structs, so a change to the grammar shows in
// the diff of its golden file.
func TestHelpGrammar(t *testing.T) {
	stdout, stderr, code := fprime(t, "", "-e", "help grammar")
	if stderr != "" || code != 0 {
		t.Fatalf("stderr %q, exit %d", stderr, code)
	}
	compareGolden(t, "testdata/help_grammar.out", stdout)
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/fprime -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

// BenchmarkStartup runs the built binary on 1+1: the time a script or a
// shell pipeline waits for fprime, start-up included.
func BenchmarkStartup(b *testing.B) {
	for i := 0; i < b.N; i++ {
		out, err := exec.Command(binary, "-e", "1+1").Output()
		if err != nil || string(out) != "2\n" {
			b.Fatalf("%q, %v", out, err)
		}
	}
}

// BenchmarkStartupBaseline runs /bin/true the same way, for the cost of
// starting any process here.
func BenchmarkStartupBaseline(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if err := exec.Command("/bin/true").Run(); err != nil {
			b.Fatal(err)
		}
	}
}
