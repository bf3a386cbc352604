package kernel

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"
)

// protocolVersion is the Jupyter messaging protocol spoken here.
const protocolVersion = "5.3"

// Connection is a connection file: where the five sockets are bound and
// the key that signs every message.
type Connection struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	StdinPort       int    `json:"stdin_port"`
	IOPubPort       int    `json:"iopub_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
}

// ReadConnection reads and checks a connection file.
func ReadConnection(path string) (Connection, error) {
	var c Connection
	data, err := os.ReadFile(path)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return c, fmt.Errorf("%s: %v", path, err)
	}
	if c.SignatureScheme != "hmac-sha256" && !(c.SignatureScheme == "" && c.Key == "") {
		return c, fmt.Errorf("%s: signature scheme %q: only hmac-sha256 is known", path, c.SignatureScheme)
	}
	if c.Transport != "tcp" {
		return c, fmt.Errorf("%s: transport %q: only tcp is known", path, c.Transport)
	}
	return c, nil
}

func (c Connection) endpoint(port int) string {
	return fmt.Sprintf("%s://%s:%d", c.Transport, c.IP, port)
}

// Header is a message's header.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one message of the protocol, its JSON parts still raw where
// the kernel only passes them on.
type Message struct {
	Identities [][]byte // the ROUTER's routing prefix, sent back with a reply
	Header     Header
	Parent     json.RawMessage
	Metadata   json.RawMessage
	Content    json.RawMessage
}

// delimiter separates the routing identities from the signed parts.
var delimiter = []byte("<IDS|MSG>")

// errBadSignature is a message whose signature does not match the key.
var errBadSignature = errors.New("bad signature")

// signer signs with HMAC-SHA256 and the connection's key; with no key,
// messages are neither signed nor checked, as the protocol allows.
type signer struct{ key []byte }

func (s signer) sign(parts ...[]byte) []byte {
	if len(s.key) == 0 {
		return nil
	}
	m := hmac.New(sha256.New, s.key)
	for _, p := range parts {
		m.Write(p)
	}
	return []byte(hex.EncodeToString(m.Sum(nil)))
}

// decode reads the frames of a message, refusing one whose signature does
// not match: it must never be run.
func (s signer) decode(frames [][]byte) (Message, error) {
	var m Message
	i := 0
	for i < len(frames) && string(frames[i]) != string(delimiter) {
		i++
	}
	if len(frames)-i < 6 {
		return m, fmt.Errorf("a message of %d frames, without <IDS|MSG> and five parts", len(frames))
	}
	m.Identities = frames[:i]
	sig, parts := frames[i+1], frames[i+2:i+6]
	if len(s.key) > 0 && !hmac.Equal(s.sign(parts...), sig) {
		return m, errBadSignature
	}
	if err := json.Unmarshal(parts[0], &m.Header); err != nil {
		return m, fmt.Errorf("header: %v", err)
	}
	m.Parent, m.Metadata, m.Content = parts[1], parts[2], parts[3]
	return m, nil
}

// encode makes the frames of a message of type msgType answering parent
// (nil for none), with content.
func (s signer) encode(session string, identities [][]byte, msgType string, parent *Message, content any) ([][]byte, error) {
	h, err := json.Marshal(Header{
		MsgID:    newID(),
		Session:  session,
		Username: "fprime",
		Date:     time.Now().UTC().Format(time.RFC3339Nano),
		MsgType:  msgType,
		Version:  protocolVersion,
	})
	if err != nil {
		return nil, err
	}
	parentHeader := []byte("{}")
	if parent != nil {
		if parentHeader, err = json.Marshal(parent.Header); err != nil {
			return nil, err
		}
	}
	c, err := json.Marshal(content)
	if err != nil {
		return nil, err
	}
	parts := [][]byte{h, parentHeader, []byte("{}"), c}
	frames := append(append([][]byte{}, identities...), delimiter, s.sign(parts...))
	return append(frames, parts...), nil
}

// newID is a random UUID (version 4), as message and session ids are.
func newID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
