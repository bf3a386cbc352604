package session

import "testing"

// TestTraceKeepsEveryIterate: trace prints every iterate (PRODUCT.md), up
// to 100,000 updates in one variable; past that the first and the last
// 50,000, in order, with the rest counted.
func TestTraceKeepsEveryIterate(t *testing.T) {
	cases := []struct {
		src            string
		total, omitted int
	}{
		{"f(x) = 9x^2 - 72x; min f x0=5 eta=0.1 eps=1e-4 trace", 56, 0},
		{"f(x) = x^4; min f x0=1 eta=0.001 eps=1e-30 maxiter=99999 trace", 100_000, 0},
		{"f(x) = x^4; min f x0=1 eta=0.001 eps=1e-30 maxiter=100000 trace", 100_001, 1},
		{"g(x, y) = x^2 + y^4; min g x0=(1, 1) eta=0.001 eps=1e-30 maxiter=60000 trace", 60_001, 10_001},
	}
	for _, c := range cases {
		d, ok := run(t, New(), c.src).(Descent)
		if !ok || d.Trace == nil {
			t.Fatalf("%s: no trace", c.src)
		}
		tr := d.Trace
		kept := append(tr.Head(), tr.Tail()...)
		if tr.Total() != c.total || tr.Omitted() != c.omitted || len(kept) != c.total-c.omitted {
			t.Errorf("%s: %d iterates, %d left out, %d kept; want %d, %d", c.src, tr.Total(), tr.Omitted(), len(kept), c.total, c.omitted)
			continue
		}
		for i, r := range kept {
			want := i
			if i >= len(tr.Head()) {
				want = i + c.omitted
			}
			if r.K != want {
				t.Errorf("%s: row %d is iterate %d, want %d", c.src, i, r.K, want)
				break
			}
		}
	}
}
