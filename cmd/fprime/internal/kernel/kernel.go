package kernel

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/fprime/fprime/cmd/fprime/internal/session"
)

// Config is what the kernel needs from the program around it.
type Config struct {
	Session *session.Session
	Version string // fprime's
	// Complete is the REPL's completer: the endings that may follow the
	// word before pos in line, and the length of that word.
	Complete func(line []rune, pos int) ([][]rune, int)
	Log      io.Writer // for what goes wrong outside a cell: bad signatures
}

// Kernel serves one connection file's sockets.
type Kernel struct {
	cfg     Config
	sign    signer
	id      string // the kernel's session id, in every header it sends
	shell   zmq4.Socket
	control zmq4.Socket
	stdin   zmq4.Socket
	iopub   zmq4.Socket
	hb      zmq4.Socket
	sockets []zmq4.Socket

	ctx  context.Context
	stop context.CancelFunc

	iopubMu sync.Mutex         // iopub is written by the shell and control loops
	mu      sync.Mutex         // guards cancel, which interrupts come to from outside
	cancel  context.CancelFunc // of the running cell, nil between cells

	// The shell loop's own.
	count int // execution_count: cells run
	// failedAt is when a cell last failed: a cell sent before it, queued
	// behind the failure by Run All, is aborted, as IPython does.
	failedAt time.Time
}

// New binds the sockets the connection file names.
func New(conn Connection, cfg Config) (*Kernel, error) {
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	ctx, stop := context.WithCancel(context.Background())
	k := &Kernel{cfg: cfg, sign: signer{[]byte(conn.Key)}, id: newID(), ctx: ctx, stop: stop}
	k.shell = zmq4.NewRouter(ctx)
	k.control = zmq4.NewRouter(ctx)
	k.stdin = zmq4.NewRouter(ctx)
	k.iopub = zmq4.NewPub(ctx)
	k.hb = zmq4.NewRep(ctx)
	k.sockets = []zmq4.Socket{k.shell, k.control, k.stdin, k.iopub, k.hb}
	ports := []int{conn.ShellPort, conn.ControlPort, conn.StdinPort, conn.IOPubPort, conn.HBPort}
	for i, s := range k.sockets {
		if err := s.Listen(conn.endpoint(ports[i])); err != nil {
			k.close()
			return nil, fmt.Errorf("cannot listen on %s: %v", conn.endpoint(ports[i]), err)
		}
	}
	return k, nil
}

func (k *Kernel) close() {
	k.stop()
	for _, s := range k.sockets {
		s.Close()
	}
}

// Serve answers requests until a shutdown_request or the end of ctx.
func (k *Kernel) Serve(ctx context.Context) error {
	go func() {
		select {
		case <-ctx.Done():
			k.stop()
		case <-k.ctx.Done():
		}
	}()
	k.publish("status", nil, map[string]string{"execution_state": "starting"})
	var wg sync.WaitGroup
	wg.Add(4)
	go func() { defer wg.Done(); k.serve(k.shell, k.handleShell) }()
	go func() { defer wg.Done(); k.serve(k.control, k.handleControl) }()
	go func() { defer wg.Done(); k.drain(k.stdin) }()
	go func() { defer wg.Done(); k.echo() }()
	<-k.ctx.Done()
	k.close() // ends the loops' Recv
	wg.Wait()
	return nil
}

// Interrupt cancels the running statement, if any: the cell ends with an
// "interrupted" error and the definitions made before stay.
func (k *Kernel) Interrupt() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.cancel != nil {
		k.cancel()
	}
}

// serve reads requests from a ROUTER socket and handles them one at a
// time, each between a busy and an idle status.
func (k *Kernel) serve(s zmq4.Socket, handle func(s zmq4.Socket, m *Message)) {
	for {
		raw, err := s.Recv()
		if err != nil {
			if k.ctx.Err() == nil {
				fmt.Fprintf(k.cfg.Log, "fprime kernel: %v\n", err)
				k.stop()
			}
			return
		}
		m, err := k.sign.decode(raw.Frames)
		if err != nil {
			fmt.Fprintf(k.cfg.Log, "fprime kernel: message dropped: %v\n", err)
			continue
		}
		k.publish("status", &m, map[string]string{"execution_state": "busy"})
		handle(s, &m)
		k.publish("status", &m, map[string]string{"execution_state": "idle"})
	}
}

// drain reads the stdin channel: fprime never asks for input, so anything
// there is no answer to a question.
func (k *Kernel) drain(s zmq4.Socket) {
	for {
		if _, err := s.Recv(); err != nil {
			return
		}
	}
}

// echo is the heartbeat: every ping comes back as it came.
func (k *Kernel) echo() {
	for {
		m, err := k.hb.Recv()
		if err != nil {
			return
		}
		if err := k.hb.Send(m); err != nil {
			return
		}
	}
}

// reply answers m on the socket it came by.
func (k *Kernel) reply(s zmq4.Socket, m *Message, msgType string, content any) {
	frames, err := k.sign.encode(k.id, m.Identities, msgType, m, content)
	if err == nil {
		err = s.Send(zmq4.NewMsgFrom(frames...))
	}
	if err != nil {
		fmt.Fprintf(k.cfg.Log, "fprime kernel: cannot send %s: %v\n", msgType, err)
	}
}

// publish sends a message on iopub, its topic the message type.
func (k *Kernel) publish(msgType string, parent *Message, content any) {
	frames, err := k.sign.encode(k.id, [][]byte{[]byte("kernel." + k.id + "." + msgType)}, msgType, parent, content)
	if err == nil {
		k.iopubMu.Lock()
		err = k.iopub.Send(zmq4.NewMsgFrom(frames...))
		k.iopubMu.Unlock()
	}
	if err != nil {
		fmt.Fprintf(k.cfg.Log, "fprime kernel: cannot publish %s: %v\n", msgType, err)
	}
}

func (k *Kernel) handleControl(s zmq4.Socket, m *Message) {
	switch m.Header.MsgType {
	case "kernel_info_request", "shutdown_request", "interrupt_request":
		k.handleShell(s, m)
	default:
		fmt.Fprintf(k.cfg.Log, "fprime kernel: %s on the control channel: ignored\n", m.Header.MsgType)
	}
}

func (k *Kernel) handleShell(s zmq4.Socket, m *Message) {
	switch m.Header.MsgType {
	case "kernel_info_request":
		k.reply(s, m, "kernel_info_reply", k.info())
	case "execute_request":
		k.execute(s, m)
	case "complete_request":
		k.complete(s, m)
	case "inspect_request":
		k.inspect(s, m)
	case "is_complete_request":
		k.isComplete(s, m)
	case "history_request":
		k.reply(s, m, "history_reply", map[string]any{"status": "ok", "history": []any{}})
	case "comm_info_request":
		k.reply(s, m, "comm_info_reply", map[string]any{"status": "ok", "comms": map[string]any{}})
	case "interrupt_request":
		k.Interrupt()
		k.reply(s, m, "interrupt_reply", map[string]any{"status": "ok"})
	case "shutdown_request":
		var c struct {
			Restart bool `json:"restart"`
		}
		json.Unmarshal(m.Content, &c)
		k.Interrupt()
		k.reply(s, m, "shutdown_reply", map[string]any{"status": "ok", "restart": c.Restart})
		k.stop()
	default:
		fmt.Fprintf(k.cfg.Log, "fprime kernel: %s: not a request fprime answers\n", m.Header.MsgType)
	}
}

func (k *Kernel) info() map[string]any {
	return map[string]any{
		"status":                 "ok",
		"protocol_version":       protocolVersion,
		"implementation":         "fprime",
		"implementation_version": k.cfg.Version,
		"language_info": map[string]any{
			"name":           "fprime",
			"version":        k.cfg.Version,
			"mimetype":       "text/x-fprime",
			"file_extension": ".fp",
		},
		"banner":     "fprime " + k.cfg.Version + ": a calculus workbench. help shows the statements.",
		"help_links": []any{},
	}
}
