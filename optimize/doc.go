// Package optimize finds minima and maxima of functions given as plain Go
// functions: gradient descent exactly as fprime defines it, with momentum
// and Newton's method beside it, runs that explain themselves in numbers,
// and every extremum of a function of one variable on an interval.
//
// The vocabulary is gonum's: a Problem (Func, Grad, optionally Hess),
// Settings (Eta, Eps, MaxIter, a Recorder), a Method, and a Result with its
// Status. The package knows nothing of symbols or parsing; fprime passes
// it closures around compiled programs.
//
// Gradient descent is x_{k+1} = x_k − η∇f(x_k) (Minimize), or + for
// Maximize. Before the first update and after each, the run has Converged
// when every partial derivative is below Eps in absolute value; it is
// NotConverged after MaxIter updates; it has Diverged as soon as x, f(x) or
// a partial is not a finite number (a function that returns an error is
// taken to have no finite value there), or a coordinate of x exceeds Bound
// — x0 included. Iterations counts the updates. A cancelled context ends
// the run as Interrupted within a few hundred updates. The update loop
// allocates nothing. A Problem may bring its own loop for plain descent
// (a Descent: symbolic's Program.Descender, in machine code); the run is
// then the same, bit for bit, only faster.
//
// The smallest use, f(x) = 9x² − 72x from x0 = 5:
//
//	p := optimize.Problem{
//		Func: func(x []float64) (float64, error) { return 9*x[0]*x[0] - 72*x[0], nil },
//		Grad: func(g, x []float64) error { g[0] = 18*x[0] - 72; return nil },
//	}
//	r, err := optimize.Minimize(ctx, p, []float64{5}, &optimize.Settings{Eta: 0.1, Eps: 1e-4, MaxIter: 10000}, nil)
//	// r.Status converged, r.Iterations 55, r.X [3.9999953231947623]
//
// Every Result carries a Diagnosis: the largest stable η near x0 (2/|f″(x0)|,
// or 2/λmax of the Hessian), the iterate from which a diverging run ran
// away, whether the gradient kept reversing without shrinking, the rate of
// a slow run and the updates it still needed, and the kind of point reached
// (minimum, maximum, saddle, inflection, or Undecided: inconclusive) from
// the eigenvalues of the Hessian, which SymEigenvalues computes by Jacobi's
// method, where they stay clear of zero as far as the critical point may
// lie, else from the sign of f' around it or the first derivative that is
// not zero within its error (Problem.Deriv). A Trace records the first and
// last iterates of a long run.
//
// Extrema1D finds every local minimum and maximum of a function of one
// variable on [a, b], corners where f' jumps and the ends of where f is
// defined included, with the values at the ends, the stretches where f is
// undefined, and the global minimum and maximum, or that there is none;
// within a bounded amount of work, or marked Partial.
package optimize
