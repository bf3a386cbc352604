package safefile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.fp")
	if err := Write(path, []byte("f(x) = x^2\n")); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	fi, _ := os.Stat(path)
	if err != nil || string(b) != "f(x) = x^2\n" || fi.Mode().Perm() != 0o644 {
		t.Errorf("wrote %q, %v, mode %v", b, err, fi.Mode())
	}
	// A failure names the file asked for, and leaves nothing behind.
	err = Write(filepath.Join(dir, "missing", "s.fp"), []byte("x"))
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "missing", "s.fp")) || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("into a missing directory: %v", err)
	}
	if err := os.Mkdir(filepath.Join(dir, "d.fp"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(filepath.Join(dir, "d.fp"), []byte("x")); err == nil {
		t.Errorf("a directory was written over")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("left behind: %v", entries)
	}
}
