// Package safefile writes a file whole or not at all: save's session scripts
// and plot's pictures.
package safefile

import (
	"errors"
	"os"
	"path/filepath"
)

// Write writes data to a temporary file beside path and renames it over
// path, so that a failure never leaves a half-written file. An error names
// path, never the temporary file.
func Write(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return named(err, path)
	}
	_, werr := tmp.Write(data)
	if werr == nil {
		werr = tmp.Chmod(0o644) // CreateTemp's 0600 is for secrets, not scripts and pictures
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
	}
	return named(werr, path)
}

// named reports a failure with the file the person named.
func named(err error, path string) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return &os.PathError{Op: pe.Op, Path: path, Err: pe.Err}
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return &os.PathError{Op: "write", Path: path, Err: le.Err}
	}
	return err
}
