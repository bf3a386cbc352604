package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/fprime/fprime/cmd/fprime/internal/kernel"
)

const kernelUsage = `Usage:
  fprime kernel install [--user | --prefix DIR]   install the Jupyter kernelspec
                                                 (--user, the default: your Jupyter data directory)
  fprime kernel CONNECTION_FILE                  the kernel, as Jupyter starts it
`

// kernelCommand is fprime kernel ….
func kernelCommand(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "install" {
		return installKernel(args[1:], stdout, stderr)
	}
	if len(args) == 1 && (args[0] == "--help" || args[0] == "-h") {
		fmt.Fprint(stdout, kernelUsage)
		return 0
	}
	if len(args) != 1 || len(args[0]) > 0 && args[0][0] == '-' {
		fmt.Fprint(stderr, kernelUsage)
		return 2
	}
	conn, err := kernel.ReadConnection(args[0])
	if err != nil {
		fmt.Fprintf(stderr, "fprime kernel: %v\n", err)
		return 1
	}
	sc := newScript(io.Discard, io.Discard, false)
	k, err := kernel.New(conn, kernel.Config{
		Session:  sc.sess,
		Version:  version,
		Complete: (&completer{sess: sc.sess}).Do,
		Log:      stderr,
	})
	if err != nil {
		fmt.Fprintf(stderr, "fprime kernel: %v\n", err)
		return 1
	}
	// Jupyter interrupts a kernel whose interrupt_mode is signal with SIGINT.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	go func() {
		for range sigs {
			k.Interrupt()
		}
	}()
	if err := k.Serve(context.Background()); err != nil {
		fmt.Fprintf(stderr, "fprime kernel: %v\n", err)
		return 1
	}
	return 0
}

func installKernel(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fprime kernel install", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, kernelUsage) }
	user := fs.Bool("user", false, "")
	prefix := fs.String("prefix", "", "")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || *user && *prefix != "" {
		fmt.Fprint(stderr, kernelUsage)
		return 2
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "fprime kernel install: cannot tell where this fprime is: %v\n", err)
		return 1
	}
	dataDir := kernel.PrefixDataDir(*prefix)
	if *prefix == "" {
		if dataDir, err = kernel.UserDataDir(); err != nil {
			fmt.Fprintf(stderr, "fprime kernel install: %v\n", err)
			return 1
		}
	}
	dir, err := kernel.Install(dataDir, exe)
	if err != nil {
		fmt.Fprintf(stderr, "fprime kernel install: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "installed the fprime kernelspec in %s\n", dir)
	return 0
}
