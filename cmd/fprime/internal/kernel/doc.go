// Package kernel is fprime as a Jupyter kernel: the messaging protocol 5.3
// over ZeroMQ, every message signed with HMAC-SHA256, and one session whose
// statements each notebook cell runs as a script.
//
// The smallest use, after reading a connection file:
//
//	k, err := kernel.New(conn, kernel.Config{Session: session.New(), Version: "1.0"})
//	if err != nil { … }
//	err = k.Serve(ctx) // until shutdown_request or ctx ends
package kernel
