package optimize

import (
	"errors"
	"fmt"
	"math"
)

// Task is what a Method is told about the run it is about to take part in.
type Task struct {
	Problem  *Problem
	Dim      int     // number of variables
	Eta      float64 // the learning rate of the settings
	Maximize bool    // ascend instead of descending
}

// Method computes each update of a run. The run itself (evaluation,
// convergence and divergence tests, counting, recording) is the same for
// every method, so their results compare directly.
//
// A Method keeps state for the run it is in (Momentum's velocity, say):
// Init starts it afresh, and one value must not serve two runs at once.
type Method interface {
	// Init prepares the method for a run, before its first update.
	Init(t Task) error
	// Step writes into next the iterate that follows loc. loc's slices
	// belong to the optimizer, valid only during the call.
	Step(next []float64, loc *Location) error
}

// GradientDescent is fixed-step gradient descent, x_{k+1} = x_k − η∇f(x_k),
// or ascent, x_{k+1} = x_k + η∇f(x_k), when maximizing.
type GradientDescent struct {
	sign float64
}

// Init implements Method.
func (m *GradientDescent) Init(t Task) error {
	m.sign = -t.Eta
	if t.Maximize {
		m.sign = t.Eta
	}
	return nil
}

// Step implements Method.
func (m *GradientDescent) Step(next []float64, loc *Location) error {
	for i, g := range loc.Grad {
		next[i] = loc.X[i] + float64(m.sign*g)
	}
	return nil
}

// Momentum is gradient descent with momentum (the heavy ball):
// v_{k+1} = β v_k − η∇f(x_k), x_{k+1} = x_k + v_{k+1}, with v_0 = 0 (and
// +η∇f when maximizing). With Beta 0 it takes exactly the steps of
// GradientDescent.
type Momentum struct {
	// Beta is the share of the previous step kept, in [0, 1); 0.9 is usual.
	Beta float64
	sign float64
	v    []float64
}

// Init implements Method.
func (m *Momentum) Init(t Task) error {
	if !(m.Beta >= 0 && m.Beta < 1) {
		return fmt.Errorf("optimize: momentum beta must be in [0, 1), not %v", m.Beta)
	}
	m.sign = -t.Eta
	if t.Maximize {
		m.sign = t.Eta
	}
	if cap(m.v) < t.Dim {
		m.v = make([]float64, t.Dim)
	}
	m.v = m.v[:t.Dim]
	clear(m.v)
	return nil
}

// Step implements Method.
func (m *Momentum) Step(next []float64, loc *Location) error {
	for i, g := range loc.Grad {
		m.v[i] = float64(m.Beta*m.v[i]) + float64(m.sign*g)
		next[i] = loc.X[i] + m.v[i]
	}
	return nil
}

// Newton is Newton's method for a critical point:
// x_{k+1} = x_k − t H(x_k)⁻¹ ∇f(x_k), with H the Hessian (Problem.Hess, or
// central differences of the gradient) and t the damping, 1 for the full
// step. It ignores η, and it goes to the nearest critical point whether
// minimizing or maximizing: the Result's Diagnosis.Point says which kind it
// found. A singular Hessian ends the run as Diverged.
type Newton struct {
	// Damping is the fraction t of the Newton step taken, in (0, 1];
	// 0 means 1.
	Damping float64
	p       *Problem
	h, d    []float64
	scratch []float64
}

// ErrSingular is the Cause of a Newton run stopped by a singular Hessian.
var ErrSingular = errors.New("optimize: the Hessian is singular, Newton's step is undefined")

// Init implements Method.
func (m *Newton) Init(t Task) error {
	if !(m.Damping >= 0 && m.Damping <= 1) {
		return fmt.Errorf("optimize: Newton damping must be in (0, 1], not %v", m.Damping)
	}
	n := t.Dim
	m.p = t.Problem
	m.h = make([]float64, n*n)
	m.d = make([]float64, n)
	m.scratch = make([]float64, 3*n)
	return nil
}

// Step implements Method.
func (m *Newton) Step(next []float64, loc *Location) error {
	if err := hessian(m.p, m.h, loc.X, m.scratch); err != nil {
		return err
	}
	copy(m.d, loc.Grad)
	if !solve(m.h, m.d) {
		return ErrSingular
	}
	t := m.Damping
	if t == 0 {
		t = 1
	}
	for i := range next {
		next[i] = loc.X[i] - float64(t*m.d[i])
	}
	return nil
}

// solve solves a·x = b in place by Gaussian elimination with partial
// pivoting (a is n×n row-major, destroyed; b becomes x). It reports false
// when a is singular to working precision.
func solve(a, b []float64) bool {
	n := len(b)
	var scale float64
	for _, v := range a {
		scale = math.Max(scale, math.Abs(v))
	}
	if !(scale > 0) || math.IsInf(scale, 1) {
		return false
	}
	tiny := scale * 1e-14
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r*n+c]) > math.Abs(a[p*n+c]) {
				p = r
			}
		}
		if !(math.Abs(a[p*n+c]) > tiny) {
			return false
		}
		if p != c {
			for j := 0; j < n; j++ {
				a[c*n+j], a[p*n+j] = a[p*n+j], a[c*n+j]
			}
			b[c], b[p] = b[p], b[c]
		}
		for r := c + 1; r < n; r++ {
			f := a[r*n+c] / a[c*n+c]
			for j := c; j < n; j++ {
				a[r*n+j] -= f * a[c*n+j]
			}
			b[r] -= f * b[c]
		}
	}
	for r := n - 1; r >= 0; r-- {
		s := b[r]
		for j := r + 1; j < n; j++ {
			s -= a[r*n+j] * b[j]
		}
		b[r] = s / a[r*n+r]
	}
	return true
}
