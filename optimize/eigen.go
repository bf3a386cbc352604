package optimize

import (
	"fmt"
	"math"
	"sort"
)

// SymEigenvalues returns the eigenvalues, in ascending order, of the
// symmetric n×n matrix a (row-major; only its upper triangle is read, and a
// is not changed), by the cyclic Jacobi method: plane rotations that zero
// one off-diagonal element at a time until the matrix is diagonal to
// working precision. It is accurate to a few ulps of the largest
// eigenvalue and meant for the small matrices of a Hessian.
func SymEigenvalues(a []float64, n int) ([]float64, error) {
	if n < 0 || len(a) != n*n {
		return nil, fmt.Errorf("optimize: a %d×%d matrix needs %d elements, not %d", n, n, n*n, len(a))
	}
	m := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			m[i*n+j], m[j*n+i] = a[i*n+j], a[i*n+j]
		}
	}
	if !finite(m) {
		eig := make([]float64, n)
		for i := range eig {
			eig[i] = math.NaN()
		}
		return eig, nil
	}
	for sweep := 0; sweep < 100; sweep++ {
		var off, diag float64
		for i := 0; i < n; i++ {
			diag += m[i*n+i] * m[i*n+i]
			for j := i + 1; j < n; j++ {
				off += m[i*n+j] * m[i*n+j]
			}
		}
		if off == 0 || off <= 1e-36*diag {
			break
		}
		for p := 0; p < n; p++ {
			for q := p + 1; q < n; q++ {
				apq := m[p*n+q]
				if apq == 0 {
					continue
				}
				// The rotation angle θ with cot 2θ = (a_qq − a_pp)/(2a_pq);
				// t = tan θ is the smaller root of t² + 2t·cot 2θ − 1 = 0.
				theta := (m[q*n+q] - m[p*n+p]) / (2 * apq)
				t := 1 / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				if theta < 0 {
					t = -t
				}
				if math.IsInf(theta*theta, 1) {
					t = 1 / (2 * theta)
				}
				c := 1 / math.Sqrt(t*t+1)
				s := t * c
				for k := 0; k < n; k++ {
					mkp, mkq := m[k*n+p], m[k*n+q]
					m[k*n+p] = c*mkp - s*mkq
					m[k*n+q] = s*mkp + c*mkq
				}
				for k := 0; k < n; k++ {
					mpk, mqk := m[p*n+k], m[q*n+k]
					m[p*n+k] = c*mpk - s*mqk
					m[q*n+k] = s*mpk + c*mqk
				}
				m[p*n+q], m[q*n+p] = 0, 0
			}
		}
	}
	eig := make([]float64, n)
	for i := range eig {
		eig[i] = m[i*n+i]
	}
	sort.Float64s(eig)
	return eig, nil
}
