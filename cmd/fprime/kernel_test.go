package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

// The tests below drive fprime kernel CONNECTION_FILE as a Jupyter
// frontend would, through go-zeromq, on loopback. The frontend signs and
// checks messages with its own HMAC code, not the kernel's.

// wait bounds every wait for the kernel: generous, only so that a broken
// kernel fails the test rather than hanging it.
const wait = 20 * time.Second

type frontMsg struct {
	Header   map[string]any
	Parent   map[string]any
	Content  map[string]any
	MsgType  string
	ParentID string
}

type frontend struct {
	t              testing.TB
	key            []byte
	session        string
	shell, control zmq4.Socket
	hb             zmq4.Socket
	iopub          chan frontMsg
	seq            int
	done           chan int // the kernel command's exit code
}

func freePorts(t testing.TB, n int) []int {
	var ports []int
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

// startKernel runs fprime kernel in this process with a fresh connection
// file and connects a frontend to it.
func startKernel(t testing.TB) *frontend { return startKernelWith(t, nil) }

// startKernelWith starts the kernel through start, given the connection
// file, when it is not nil; start returns the kernel's exit code.
func startKernelWith(t testing.TB, start func(path string, stderr io.Writer) int) *frontend {
	t.Helper()
	ports := freePorts(t, 5)
	key := "a0436f6c-1916-498b-8eb9-e81ab9368e84"
	conn := map[string]any{
		"transport": "tcp", "ip": "127.0.0.1", "signature_scheme": "hmac-sha256", "key": key,
		"shell_port": ports[0], "control_port": ports[1], "stdin_port": ports[2], "iopub_port": ports[3], "hb_port": ports[4],
	}
	data, _ := json.Marshal(conn)
	path := filepath.Join(t.TempDir(), "kernel.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	fe := &frontend{t: t, key: []byte(key), session: "test-session", iopub: make(chan frontMsg, 1000), done: make(chan int, 1)}
	var stderr bytes.Buffer
	if start == nil {
		start = func(path string, stderr io.Writer) int { return kernelCommand([]string{path}, io.Discard, stderr) }
	}
	go func() { fe.done <- start(path, &stderr) }()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	ep := func(i int) string { return fmt.Sprintf("tcp://127.0.0.1:%d", ports[i]) }
	// Dialling retries until the kernel listens, for as long as wait.
	retry := []zmq4.Option{zmq4.WithDialerRetry(20 * time.Millisecond), zmq4.WithDialerMaxRetries(int(wait / (20 * time.Millisecond)))}
	fe.shell = zmq4.NewDealer(ctx, retry...)
	fe.control = zmq4.NewDealer(ctx, retry...)
	fe.hb = zmq4.NewReq(ctx, retry...)
	sub := zmq4.NewSub(ctx, retry...)
	for i, s := range map[int]zmq4.Socket{0: fe.shell, 1: fe.control, 3: sub, 4: fe.hb} {
		if err := s.Dial(ep(i)); err != nil {
			t.Fatalf("dial %s: %v", ep(i), err)
		}
		t.Cleanup(func() { s.Close() })
	}
	if err := sub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			m, err := sub.Recv()
			if err != nil {
				return
			}
			fm, err := fe.decode(m.Frames)
			if err != nil {
				t.Errorf("iopub: %v", err)
				return
			}
			fe.iopub <- fm
		}
	}()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("kernel's stderr:\n%s", stderr.String())
		}
	})
	// A subscription takes a moment to reach the publisher: ask for
	// kernel_info until its status arrives on iopub, as jupyter_client does.
	for deadline := time.Now().Add(wait); ; {
		id := fe.send(fe.shell, "kernel_info_request", map[string]any{}, nil)
		fe.reply(fe.shell, "kernel_info_reply")
		if fe.idleWithin(id, 300*time.Millisecond) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no status on iopub")
		}
	}
	return fe
}

func (fe *frontend) sign(parts ...[]byte) string {
	m := hmac.New(sha256.New, fe.key)
	for _, p := range parts {
		m.Write(p)
	}
	return hex.EncodeToString(m.Sum(nil))
}

// send sends a request and returns its msg_id; tamper, when not nil,
// changes the signature.
func (fe *frontend) send(s zmq4.Socket, msgType string, content any, tamper func(string) string) string {
	fe.t.Helper()
	fe.seq++
	id := fmt.Sprintf("msg-%d", fe.seq)
	h, _ := json.Marshal(map[string]any{"msg_id": id, "session": fe.session, "username": "test", "date": time.Now().UTC().Format(time.RFC3339Nano), "msg_type": msgType, "version": "5.3"})
	c, _ := json.Marshal(content)
	parts := [][]byte{h, []byte("{}"), []byte("{}"), c}
	sig := fe.sign(parts...)
	if tamper != nil {
		sig = tamper(sig)
	}
	frames := append([][]byte{[]byte("<IDS|MSG>"), []byte(sig)}, parts...)
	if err := s.Send(zmq4.NewMsgFrom(frames...)); err != nil {
		fe.t.Fatalf("send %s: %v", msgType, err)
	}
	return id
}

func (fe *frontend) decode(frames [][]byte) (frontMsg, error) {
	var m frontMsg
	i := 0
	for i < len(frames) && string(frames[i]) != "<IDS|MSG>" {
		i++
	}
	if len(frames) < i+6 {
		return m, fmt.Errorf("%d frames", len(frames))
	}
	if got, want := string(frames[i+1]), fe.sign(frames[i+2:i+6]...); got != want {
		return m, fmt.Errorf("the kernel's signature %q is not %q", got, want)
	}
	for j, v := range []*map[string]any{&m.Header, &m.Parent, nil, &m.Content} {
		if v != nil {
			if err := json.Unmarshal(frames[i+2+j], v); err != nil {
				return m, err
			}
		}
	}
	m.MsgType, _ = m.Header["msg_type"].(string)
	m.ParentID, _ = m.Parent["msg_id"].(string)
	return m, nil
}

// reply is the next message on s, which must be of type want.
func (fe *frontend) reply(s zmq4.Socket, want string) frontMsg {
	fe.t.Helper()
	got := make(chan zmq4.Msg, 1)
	errc := make(chan error, 1)
	go func() {
		m, err := s.Recv()
		if err != nil {
			errc <- err
			return
		}
		got <- m
	}()
	select {
	case m := <-got:
		fm, err := fe.decode(m.Frames)
		if err != nil {
			fe.t.Fatal(err)
		}
		if fm.MsgType != want {
			fe.t.Fatalf("got %s (%v), want %s", fm.MsgType, fm.Content, want)
		}
		return fm
	case err := <-errc:
		fe.t.Fatalf("waiting for %s: %v", want, err)
	case <-time.After(wait):
		fe.t.Fatalf("no %s", want)
	}
	return frontMsg{}
}

func (fe *frontend) idleWithin(id string, d time.Duration) bool {
	timeout := time.After(d)
	for {
		select {
		case m := <-fe.iopub:
			if m.ParentID == id && m.MsgType == "status" && m.Content["execution_state"] == "idle" {
				return true
			}
		case <-timeout:
			return false
		}
	}
}

// outputs are the iopub messages for request id, from busy to idle.
func (fe *frontend) outputs(id string) []frontMsg {
	fe.t.Helper()
	var out []frontMsg
	timeout := time.After(wait)
	for {
		select {
		case m := <-fe.iopub:
			if m.ParentID != id {
				continue
			}
			if m.MsgType == "status" && m.Content["execution_state"] == "idle" {
				return out
			}
			out = append(out, m)
		case <-timeout:
			fe.t.Fatalf("no idle status for %s; so far %v", id, out)
		}
	}
}

// execute runs a cell and returns its reply and outputs.
func (fe *frontend) execute(code string) (frontMsg, []frontMsg) {
	fe.t.Helper()
	id := fe.send(fe.shell, "execute_request", map[string]any{"code": code, "silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": false}, nil)
	r := fe.reply(fe.shell, "execute_reply")
	return r, fe.outputs(id)
}

// results are the data of a cell's execute_result and display_data.
func results(out []frontMsg) []map[string]any {
	var ds []map[string]any
	for _, m := range out {
		if m.MsgType == "execute_result" || m.MsgType == "display_data" {
			ds = append(ds, m.Content["data"].(map[string]any))
		}
	}
	return ds
}

func (fe *frontend) shutdown() {
	fe.t.Helper()
	fe.send(fe.control, "shutdown_request", map[string]any{"restart": false}, nil)
	fe.reply(fe.control, "shutdown_reply")
	select {
	case code := <-fe.done:
		if code != 0 {
			fe.t.Errorf("fprime kernel exited with %d", code)
		}
	case <-time.After(wait):
		fe.t.Fatal("the kernel did not stop after shutdown_request")
	}
}

func TestKernelInfoAndHeartbeat(t *testing.T) {
	fe := startKernel(t)
	fe.send(fe.control, "kernel_info_request", map[string]any{}, nil)
	r := fe.reply(fe.control, "kernel_info_reply")
	li := r.Content["language_info"].(map[string]any)
	if r.Content["protocol_version"] != "5.3" || li["name"] != "fprime" || li["version"] != version ||
		li["mimetype"] != "text/x-fprime" || li["file_extension"] != ".fp" {
		t.Errorf("kernel_info_reply: %v", r.Content)
	}
	if err := fe.hb.Send(zmq4.NewMsgString("ping")); err != nil {
		t.Fatal(err)
	}
	if m, err := fe.hb.Recv(); err != nil || string(m.Bytes()) != "ping" {
		t.Errorf("heartbeat: %q, %v", m.Bytes(), err)
	}
	fe.shutdown()
}

func TestKernelExecuteOutputs(t *testing.T) {
	fe := startKernel(t)
	r, out := fe.execute("f(x) = 9x^2 - 72x\nf'")
	if r.Content["status"] != "ok" || r.Content["execution_count"] != 1.0 {
		t.Fatalf("execute_reply: %v", r.Content)
	}
	if out[0].MsgType != "status" || out[0].Content["execution_state"] != "busy" || out[1].MsgType != "execute_input" || out[1].Content["code"] != "f(x) = 9x^2 - 72x\nf'" {
		t.Errorf("busy, then execute_input: %v", out[:2])
	}
	ds := results(out)
	if len(ds) != 1 {
		t.Fatalf("one result for f', got %v", ds)
	}
	if ds[0]["text/plain"] != "f'(x) = 18x - 72" || ds[0]["text/latex"] != `$f'\left(x\right) = 18x - 72$` {
		t.Errorf("f': %v", ds[0])
	}
	if j, _ := ds[0]["application/json"].(map[string]any); j["expr"] != "18x - 72" || j["name"] != "f'" {
		t.Errorf("f' as JSON: %v", ds[0]["application/json"])
	}

	r, out = fe.execute("g(x, y) = (x^2 + y - 7)^2 + (x - y + 1)^2\ngrad g\nhessian g\nf'(2)")
	ds = results(out)
	if r.Content["execution_count"] != 2.0 || len(ds) != 3 {
		t.Fatalf("second cell: %v, %v", r.Content, ds)
	}
	for i, want := range []string{`$\nabla g\left(x, y\right) = \left(`, `$H_{g}\left(x, y\right) = \begin{pmatrix}`, "$-36$"} {
		if tex, _ := ds[i]["text/latex"].(string); !strings.HasPrefix(tex, want) || !strings.HasSuffix(tex, "$") {
			t.Errorf("result %d as LaTeX: %q, want it to start %q", i, tex, want)
		}
	}

	_, out = fe.execute("min f x0=5\ncheck f' = 18x - 70\nextrema f in [-10, 10]")
	ds = results(out)
	if len(ds) != 3 {
		t.Fatalf("descent, check, extrema: %v", ds)
	}
	for i, want := range []string{"minimum of f: converged", "✗ f'(x) ≠ 18x - 70", "extrema of f on [-10, 10]"} {
		if text, _ := ds[i]["text/plain"].(string); !strings.HasPrefix(text, want) {
			t.Errorf("result %d: %q, want it to start %q", i, text, want)
		}
		if _, ok := ds[i]["text/latex"]; ok {
			t.Errorf("result %d has LaTeX", i)
		}
		if _, ok := ds[i]["application/json"].(map[string]any); !ok {
			t.Errorf("result %d has no JSON object: %v", i, ds[i]["application/json"])
		}
	}

	_, out = fe.execute("plot f in [-1, 9]")
	if len(out) != 3 || out[2].MsgType != "display_data" {
		t.Fatalf("a plot is display_data: %v", out)
	}
	d := out[2].Content["data"].(map[string]any)
	raw, err := base64.StdEncoding.DecodeString(d["image/png"].(string))
	if err != nil {
		t.Fatal(err)
	}
	if cfg, err := png.DecodeConfig(bytes.NewReader(raw)); err != nil || cfg.Width < 100 {
		t.Errorf("image/png: %v, %v", cfg, err)
	}
	if svg, _ := d["image/svg+xml"].(string); !strings.Contains(svg, "<svg") {
		t.Errorf("image/svg+xml: %.100q", svg)
	}
	if text, _ := d["text/plain"].(string); text == "" {
		t.Error("a plot without text/plain")
	}
	fe.shutdown()
}

func TestKernelError(t *testing.T) {
	fe := startKernel(t)
	r, out := fe.execute("a = 2\nb = a + (1 *\nc = 3")
	want := map[string]any{"status": "error", "ename": "fprime", "execution_count": 1.0}
	for k, v := range want {
		if r.Content[k] != v {
			t.Errorf("execute_reply %s = %v, want %v", k, r.Content[k], v)
		}
	}
	evalue, _ := r.Content["evalue"].(string)
	if !strings.HasPrefix(evalue, "line 2, column ") {
		t.Errorf("evalue %q", evalue)
	}
	tb := r.Content["traceback"].([]any)
	if len(tb) != 3 || tb[0] != "b = a + (1 *" || !strings.HasSuffix(tb[1].(string), "^") || !strings.HasPrefix(tb[2].(string), "error: ") {
		t.Errorf("traceback %q", tb)
	}
	var col int
	fmt.Sscanf(evalue, "line 2, column %d", &col)
	if len(tb[1].(string)) != col {
		t.Errorf("caret at %d, evalue says column %d", len(tb[1].(string)), col)
	}
	if last := out[len(out)-1]; last.MsgType != "error" || last.Content["evalue"] != evalue {
		t.Errorf("no error on iopub: %v", out)
	}
	// a stays; c was never defined: the error ended the cell.
	_, out = fe.execute("a")
	if ds := results(out); len(ds) != 1 || ds[0]["text/plain"] != "2" {
		t.Errorf("a after the error: %v", ds)
	}
	r, out = fe.execute("defs")
	if ds := results(out); r.Content["execution_count"] != 3.0 || len(ds) != 1 || strings.Contains(ds[0]["text/plain"].(string), "c = 3") {
		t.Errorf("c was defined after the error: %v, %v", r.Content, ds)
	}
	fe.shutdown()
}

func TestKernelCompleteInspectIsComplete(t *testing.T) {
	fe := startKernel(t)
	fe.execute("force(x) = x^2")
	// é and ′ are one code point each, though more bytes.
	code := "# é′\nfor"
	fe.send(fe.shell, "complete_request", map[string]any{"code": code, "cursor_pos": 8}, nil)
	r := fe.reply(fe.shell, "complete_reply")
	if r.Content["cursor_start"] != 5.0 || r.Content["cursor_end"] != 8.0 || fmt.Sprint(r.Content["matches"]) != "[force]" {
		t.Errorf("complete_reply: %v", r.Content)
	}
	fe.send(fe.shell, "complete_request", map[string]any{"code": "min ", "cursor_pos": 4}, nil)
	if r := fe.reply(fe.shell, "complete_reply"); fmt.Sprint(r.Content["matches"]) != "[force]" {
		t.Errorf("after min: %v", r.Content)
	}

	fe.send(fe.shell, "inspect_request", map[string]any{"code": "tangent f at 2", "cursor_pos": 3, "detail_level": 0}, nil)
	r = fe.reply(fe.shell, "inspect_reply")
	text, _ := r.Content["data"].(map[string]any)["text/plain"].(string)
	if r.Content["found"] != true || !strings.Contains(text, "tangent") {
		t.Errorf("inspect_reply: %v", r.Content)
	}
	fe.send(fe.shell, "inspect_request", map[string]any{"code": "min force", "cursor_pos": 9, "detail_level": 0}, nil)
	r = fe.reply(fe.shell, "inspect_reply")
	if text, _ := r.Content["data"].(map[string]any)["text/plain"].(string); r.Content["found"] != true || text != "force(x) = x^2" {
		t.Errorf("inspect of a definition: %v", r.Content)
	}
	fe.send(fe.shell, "inspect_request", map[string]any{"code": "zzz", "cursor_pos": 1, "detail_level": 0}, nil)
	if r := fe.reply(fe.shell, "inspect_reply"); r.Content["found"] != false {
		t.Errorf("inspect of zzz: %v", r.Content)
	}

	for code, want := range map[string]string{
		"f(x) = (x +":           "incomplete",
		"g(x, y) = [x, (y":      "incomplete",
		"f(x) = (x + 1)":        "complete",
		"save \"(a.fp\" # (":    "complete",
		"a = 1\nb = sin(a) + 1": "complete",
	} {
		fe.send(fe.shell, "is_complete_request", map[string]any{"code": code}, nil)
		if r := fe.reply(fe.shell, "is_complete_reply"); r.Content["status"] != want {
			t.Errorf("is_complete %q: %v, want %s", code, r.Content["status"], want)
		}
	}
	for _, req := range []string{"history", "comm_info"} {
		fe.send(fe.shell, req+"_request", map[string]any{}, nil)
		if r := fe.reply(fe.shell, req+"_reply"); r.Content["status"] != "ok" {
			t.Errorf("%s_reply: %v", req, r.Content)
		}
	}
	fe.shutdown()
}

// A message with a bad signature is dropped: no reply, and its cell does
// not run. The shell answers in order, so the next reply is the next
// request's.
func TestKernelBadSignature(t *testing.T) {
	fe := startKernel(t)
	forged := func(sig string) string { return strings.Repeat("0", len(sig)) }
	fe.send(fe.shell, "execute_request", map[string]any{"code": "zz = 1"}, forged)
	fe.send(fe.shell, "kernel_info_request", map[string]any{}, nil)
	fe.reply(fe.shell, "kernel_info_reply")
	r, out := fe.execute("defs")
	if ds := results(out); r.Content["execution_count"] != 1.0 || len(ds) != 1 || strings.Contains(ds[0]["text/plain"].(string), "zz") {
		t.Errorf("the forged cell ran: %v, %v", r.Content, ds)
	}
	fe.shutdown()
}

// A cell that fails aborts the cells sent before it ended, as Run All
// sends them, and not those sent after.
func TestKernelStopOnError(t *testing.T) {
	fe := startKernel(t)
	fe.execute("f(x) = 9x^2 - 72x")
	first := fe.send(fe.shell, "execute_request", map[string]any{"code": "min f x0=5 eta=1e-9 eps=1e-300 maxiter=1000000000000"}, nil)
	for m := range fe.iopub {
		if m.ParentID == first && m.MsgType == "execute_input" {
			break
		}
	}
	queued := fe.send(fe.shell, "execute_request", map[string]any{"code": "zz = 1"}, nil)
	fe.send(fe.control, "interrupt_request", map[string]any{}, nil)
	fe.reply(fe.control, "interrupt_reply")
	if r := fe.reply(fe.shell, "execute_reply"); r.ParentID != first || r.Content["status"] != "error" {
		t.Fatalf("the interrupted cell: %v", r.Content)
	}
	if r := fe.reply(fe.shell, "execute_reply"); r.ParentID != queued || r.Content["status"] != "aborted" {
		t.Errorf("the cell queued behind it: %v", r.Content)
	}
	r, out := fe.execute("defs")
	if ds := results(out); r.Content["status"] != "ok" || r.Content["execution_count"] != 3.0 || len(ds) != 1 || strings.Contains(ds[0]["text/plain"].(string), "zz") {
		t.Errorf("after the abort: %v, %v", r.Content, ds)
	}
	fe.shutdown()
}

// An interrupt stops a descent of a trillion iterations; the kernel and
// its definitions live on.
func TestKernelInterrupt(t *testing.T) {
	fe := startKernel(t)
	fe.execute("f(x) = 9x^2 - 72x")
	for _, how := range []string{"interrupt_request", "SIGINT"} {
		id := fe.send(fe.shell, "execute_request", map[string]any{"code": "min f x0=5 eta=1e-9 eps=1e-300 maxiter=1000000000000\nf(1)"}, nil)
		// The cell has started when its execute_input is out.
		for m := range fe.iopub {
			if m.ParentID == id && m.MsgType == "execute_input" {
				break
			}
		}
		start := time.Now()
		if how == "SIGINT" {
			// The kernel command catches SIGINT, as Jupyter sends it.
			self, _ := os.FindProcess(os.Getpid())
			if err := self.Signal(os.Interrupt); err != nil {
				t.Skipf("no SIGINT here: %v", err)
			}
		} else {
			fe.send(fe.control, "interrupt_request", map[string]any{}, nil)
			fe.reply(fe.control, "interrupt_reply")
		}
		r := fe.reply(fe.shell, "execute_reply")
		t.Logf("%s: execute_reply %v after the interrupt", how, time.Since(start))
		if r.Content["status"] != "error" || r.Content["evalue"] != "line 1, column 1: interrupted" {
			t.Errorf("%s: %v", how, r.Content)
		}
		fe.outputs(id)
		_, out := fe.execute("f(1)")
		if ds := results(out); len(ds) != 1 || ds[0]["text/plain"] != "-63" {
			t.Errorf("after %s, f(1): %v", how, ds)
		}
	}
	fe.shutdown()
}

func TestKernelInstall(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// Windows has no SIGINT between processes: Jupyter sends interrupt_request.
	wantInterrupt := "signal"
	if runtime.GOOS == "windows" {
		wantInterrupt = "message"
	}
	prefix, user := t.TempDir(), t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", user)
	for _, c := range []struct {
		args []string
		dir  string
	}{
		{[]string{"kernel", "install", "--prefix", prefix}, filepath.Join(prefix, "share", "jupyter", "kernels", "fprime")},
		{[]string{"kernel", "install", "--user"}, filepath.Join(user, "kernels", "fprime")},
		{[]string{"kernel", "install"}, filepath.Join(user, "kernels", "fprime")},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d, %s", c.args, code, stderr.String())
		}
		data, err := os.ReadFile(filepath.Join(c.dir, "kernel.json"))
		if err != nil {
			t.Fatal(err)
		}
		var spec map[string]any
		if err := json.Unmarshal(data, &spec); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(spec["argv"]) != fmt.Sprint([]string{exe, "kernel", "{connection_file}"}) || !filepath.IsAbs(exe) ||
			spec["display_name"] != "fprime" || spec["language"] != "fprime" || spec["interrupt_mode"] != wantInterrupt {
			t.Errorf("%v: kernel.json %s", c.args, data)
		}
		for _, n := range []int{32, 64} {
			f, err := os.Open(filepath.Join(c.dir, fmt.Sprintf("logo-%dx%d.png", n, n)))
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(f)
			f.Close()
			if err != nil || cfg.Width != n || cfg.Height != n {
				t.Errorf("logo-%dx%d.png: %v, %v", n, n, cfg, err)
			}
		}
	}
	for _, args := range [][]string{{"kernel"}, {"kernel", "a", "b"}, {"kernel", "install", "--user", "--prefix", prefix}, {"kernel", "install", "x"}} {
		if code := run(args, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{}); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	var stderr bytes.Buffer
	if code := run([]string{"kernel", filepath.Join(prefix, "missing.json")}, strings.NewReader(""), &bytes.Buffer{}, &stderr); code != 1 || !strings.Contains(stderr.String(), "missing.json") {
		t.Errorf("a missing connection file: exit %d, %s", code, stderr.String())
	}
}

// BenchmarkKernelExecute is a frontend's round trip for f'(2): the
// execute_request out, its execute_reply and the outputs back to idle.
func BenchmarkKernelExecute(b *testing.B) {
	fe := startKernel(b)
	fe.execute("f(x) = 9x^2 - 72x")
	times := make([]time.Duration, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		if r, _ := fe.execute("f'(2)"); r.Content["status"] != "ok" {
			b.Fatal(r.Content)
		}
		times[i] = time.Since(start)
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[b.N/2].Nanoseconds()), "median-ns")
	fe.shutdown()
}

// TestKernelBinary runs the built fprime as Jupyter does, and interrupts it
// as Jupyter does for interrupt_mode signal: SIGINT to the process.
func TestKernelBinary(t *testing.T) {
	var proc *os.Process
	started := make(chan struct{})
	fe := startKernelWith(t, func(path string, stderr io.Writer) int {
		cmd := exec.Command(binary, "kernel", path)
		cmd.Stderr = stderr
		err := cmd.Start()
		proc = cmd.Process
		close(started)
		if err != nil {
			t.Error(err)
			return -1
		}
		cmd.Wait()
		return cmd.ProcessState.ExitCode()
	})
	<-started
	fe.execute("f(x) = 9x^2 - 72x")
	id := fe.send(fe.shell, "execute_request", map[string]any{"code": "min f x0=5 eta=1e-9 eps=1e-300 maxiter=1000000000000"}, nil)
	for m := range fe.iopub {
		if m.ParentID == id && m.MsgType == "execute_input" {
			break
		}
	}
	if err := proc.Signal(os.Interrupt); err != nil {
		t.Skipf("no SIGINT here: %v", err)
	}
	if r := fe.reply(fe.shell, "execute_reply"); r.Content["evalue"] != "line 1, column 1: interrupted" {
		t.Errorf("SIGINT: %v", r.Content)
	}
	fe.outputs(id)
	if _, out := fe.execute("f(1)"); len(results(out)) != 1 || results(out)[0]["text/plain"] != "-63" {
		t.Errorf("after SIGINT, f(1): %v", out)
	}
	fe.shutdown()
}

// BenchmarkKernelStart is the built fprime's start, from exec to the
// first kernel_info_reply.
func BenchmarkKernelStart(b *testing.B) {
	for range b.N {
		ports := freePorts(b, 5)
		path := filepath.Join(b.TempDir(), "kernel.json")
		data, _ := json.Marshal(map[string]any{"transport": "tcp", "ip": "127.0.0.1", "signature_scheme": "hmac-sha256", "key": "k",
			"shell_port": ports[0], "control_port": ports[1], "stdin_port": ports[2], "iopub_port": ports[3], "hb_port": ports[4]})
		os.WriteFile(path, data, 0o600)
		fe := &frontend{t: b, key: []byte("k"), session: "bench"}
		ctx, cancel := context.WithCancel(context.Background())
		fe.shell = zmq4.NewDealer(ctx, zmq4.WithDialerRetry(time.Millisecond), zmq4.WithDialerMaxRetries(int(wait/time.Millisecond)))
		cmd := exec.Command(binary, "kernel", path)
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		if err := fe.shell.Dial(fmt.Sprintf("tcp://127.0.0.1:%d", ports[0])); err != nil {
			b.Fatal(err)
		}
		fe.send(fe.shell, "kernel_info_request", map[string]any{}, nil)
		fe.reply(fe.shell, "kernel_info_reply")
		b.StopTimer()
		fe.send(fe.shell, "shutdown_request", map[string]any{}, nil)
		fe.reply(fe.shell, "shutdown_reply")
		cmd.Wait()
		fe.shell.Close()
		cancel()
		b.StartTimer()
	}
}
