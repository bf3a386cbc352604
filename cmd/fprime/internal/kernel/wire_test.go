package kernel

import (
	"errors"
	"testing"
)

func TestSignedMessages(t *testing.T) {
	s := signer{[]byte("key")}
	frames, err := s.encode("session", [][]byte{[]byte("peer")}, "execute_request", nil, map[string]string{"code": "f'"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.decode(frames)
	if err != nil || m.Header.MsgType != "execute_request" || string(m.Content) != `{"code":"f'"}` || string(m.Identities[0]) != "peer" {
		t.Fatalf("a signed message: %+v, %v", m, err)
	}
	// Each signed part is covered: header, parent, metadata, content.
	for part := 3; part <= 6; part++ {
		forged := append([][]byte(nil), frames...)
		forged[part] = append(append([]byte(nil), frames[part]...), ' ')
		if _, err := s.decode(forged); !errors.Is(err, errBadSignature) {
			t.Errorf("part %d changed: %v, want a bad signature", part, err)
		}
	}
	if _, err := (signer{[]byte("other")}).decode(frames); !errors.Is(err, errBadSignature) {
		t.Errorf("another key: %v", err)
	}
	if _, err := s.decode(frames[:5]); err == nil || errors.Is(err, errBadSignature) {
		t.Errorf("a short message: %v", err)
	}
	// Without a key the protocol signs nothing and checks nothing.
	unsigned, _ := signer{}.encode("session", nil, "kernel_info_request", nil, struct{}{})
	if string(unsigned[1]) != "" {
		t.Errorf("signed without a key: %q", unsigned[1])
	}
	if _, err := (signer{}).decode(unsigned); err != nil {
		t.Errorf("unsigned, no key: %v", err)
	}
}

func TestOpenBrackets(t *testing.T) {
	for code, want := range map[string]int{
		"f(x) = (x + (1":          2,
		"g(x, y) = [x, (y)]":      0,
		"a = 1\nb = sin(a":        1,
		`save "(.fp" # ( [`:       0,
		"f(x) = x) + (":           0,
		"plot f in [-1, 1]; (x":   1,
		"h(x) = {x}":              0,
		"check f' = 2(x + 1) + (": 1,
	} {
		if got := openBrackets(code); got != want {
			t.Errorf("openBrackets(%q) = %d, want %d", code, got, want)
		}
	}
}
