package optimize

import "math"

// TraceRow is one iterate kept by a Trace.
type TraceRow struct {
	K        int // number of updates before this iterate
	X        []float64
	F        float64
	Grad     []float64
	GradNorm float64 // Euclidean norm of Grad
}

// Trace is a Recorder that keeps the first Head and the last Tail iterates
// of a run, and counts those in between, so that a run of a million
// updates prints as a short table. After its first Head+Tail iterates it
// records without allocating.
type Trace struct {
	head, tail int
	first      []TraceRow
	ring       []TraceRow // the last rows, ring[next] the oldest once full
	next       int
	total      int
}

// NewTrace returns a Trace that keeps the first head and the last tail
// iterates (a negative count is taken as 0).
func NewTrace(head, tail int) *Trace {
	return &Trace{head: max(head, 0), tail: max(tail, 0)}
}

// Record implements Recorder.
func (t *Trace) Record(loc *Location) {
	t.total++
	if len(t.first) < t.head {
		t.first = append(t.first, newRow(loc))
		return
	}
	if t.tail == 0 {
		return
	}
	if len(t.ring) < t.tail {
		t.ring = append(t.ring, newRow(loc))
		return
	}
	r := &t.ring[t.next]
	r.K, r.F = loc.K, loc.F
	copy(r.X, loc.X)
	copy(r.Grad, loc.Grad)
	r.GradNorm = norm2(loc.Grad)
	t.next = (t.next + 1) % t.tail
}

func newRow(loc *Location) TraceRow {
	return TraceRow{
		K: loc.K, F: loc.F,
		X:        append([]float64(nil), loc.X...),
		Grad:     append([]float64(nil), loc.Grad...),
		GradNorm: norm2(loc.Grad),
	}
}

func norm2(v []float64) float64 {
	var ss float64
	for _, a := range v {
		ss += a * a
	}
	return math.Sqrt(ss)
}

// Head returns the first iterates kept, in order.
func (t *Trace) Head() []TraceRow { return t.first }

// Tail returns the last iterates kept, in order; none of them is also in
// Head.
func (t *Trace) Tail() []TraceRow {
	if len(t.ring) < t.tail {
		return t.ring
	}
	return append(append([]TraceRow(nil), t.ring[t.next:]...), t.ring[:t.next]...)
}

// Omitted returns the number of iterates recorded but kept in neither Head
// nor Tail: they come between the two.
func (t *Trace) Omitted() int { return t.total - len(t.first) - len(t.ring) }

// Total returns the number of iterates recorded.
func (t *Trace) Total() int { return t.total }
