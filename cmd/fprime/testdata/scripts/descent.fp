# The runs of the descent issue, exactly.
f(x) = 9x^2 - 72x
min f x0=5 eta=0.1 eps=1e-4
g(x, y) = (x^2 + y - 7)^2 + (x - y + 1)^2
min g x0=(-3,-3) eta=0.015 eps=1e-4
min g x0=(0, 0) eta=0.01 eps=1e-4
h(x) = x^2 + 5sin(x)
min h x0=5 eta=0.1 eps=1e-10
min h x0=-5 η=0.1 ε=1e-10
k(x) = x^2 + 5sin(x)^2 + 3cos(x)
max k x0=2.1 eta=0.1 eps=1e-10
max k x0=0.2 eta=0.1 eps=1e-10
# Runs that explain themselves.
min f x0=5 eta=0.2
min f x0=5 eta=0.1111111111 maxiter=50
min f x0=5 eta=0.001 maxiter=100
min f x0=5 maxiter=0
min f x0=5 eta=0.1 eps=1e-4 trace
q(x) = ln(x)
min q x0=1
min q x0=-1
set x0=1 eta=0.05
min f
min f method=newton
min f method=momentum beta=0.5
f(x) = x^2
max f
s(x, y) = x^2 - y^2
min s x0=(0, 0)
# The stopping test is |f'| < eps, strictly: |f'(0.5)| = 1 is not below
# eps = 1, so one update (and from 0.625, the first update lands on 0.5).
set eta=0.1 x0=0
min f x0=0.5 eps=1
min f x0=0.625 eps=1
# Points where f'' is 0 within its error: issue 9.
c(x) = x^3
min c x0=1
max c x0=-1
min c x0=0
q(x) = x^4
min q x0=1 maxiter=100000
nq(x) = -x^4
max nq x0=1 maxiter=100000
min q x0=0
one(x) = 1
min one
d(x, y) = x^3 + y^2
min d x0=(1, 1)
sd(x, y) = x^2 - y^2 + x^4
min sd x0=(1, 0)
max q x0=0
z(x) = sin(x) - x
min z x0=0
# Circling a corner, where f' jumps and is never 0: the corner is named.
v(x) = |x - 1| + x/2
min v x0=3
w(x) = -|x - 1|
max w x0=3
# Oscillating where eta is stable at x0: not smooth near x*.
c(x, y) = sqrt(x^2 + y^2)
min c x0=(1, 1)
a(x, y) = |x| + |y|
min a x0=(1, 2)
# Converged where f'' (the Hessian) has no value: the test says so.
k(x) = x^(4/3)
min k x0=0
kk(x, y) = x^(4/3) + y^2
min kk x0=(0, 0)
# f'' is 4 right of 0 and 0 left of it: near the critical point it may be 0, so the test is inconclusive.
xa(x) = x abs(x) + x^2
min xa x0=0.5
# A smooth function circles too. x^2 y + sin(x y) has no minimum for the
# run to circle: it curves more sharply between the iterates than at them.
# ln(cosh(20x)) is circled around 0, where f'' = 400 sets eta below 0.005,
# though the run is at ±0.096, where f'' is small. No corner is suggested.
sm(x, y) = x^2 y + sin(x y)
min sm x0=(1, 1) eta=0.1
lc(x) = ln(cosh(20x))
min lc x0=1 eta=0.01
# The run circles 1, the minimum, between 0.73 and 1.14: the bound on eta
# is 2/f''(1) = 0.25, not 2/f''(1.14) = 0.17 (0.2 and 0.249 converge).
w2(x) = (x^2 - 1)^2
min w2 x0=0.577 eta=0.3 maxiter=9999
# One update later the run stops at the other end of its cycle, 0.73:
# the same point is circled.
min w2 x0=0.577 eta=0.3
# x^4 converges more slowly than linearly: what is left is a least count
# (the whole run takes 10421 iterations).
q4(x) = x^4
min q4 x0=1.2 eta=0.3 maxiter=100
# A gradient that grows back is no descent, though smaller than at x0.
min w2 x0=0.577 eta=0.3 maxiter=6
# A run that grows slowly never passes 1e100 within maxiter: it is said to
# grow, diverging or widening into a larger cycle.
sq(x) = x^2
min sq x0=1 eta=1.01
# Still shrinking after 10,000 updates, yet eta is above 2/λmax at (1, 1):
# no estimate of iterations left, for the run will oscillate there.
rb(x, y) = (1 - x)^2 + 100(y - x^2)^2
min rb x0=(-1, 1) eta=0.002 maxiter=10000
min rb x0=(-1, 1) eta=0.0019 maxiter=10000
# f curves down at x0: no eta keeps a minimization there, and none is offered.
nh(x) = -x^2
min nh x0=1 eta=1.5
max nh x0=1 eta=1.5
# Swinging ±1e25 around 7: the point circled is 7, found to a billionth of
# itself, not of the step (which made it 0).
s7(x) = (x - 7)^2
min s7 x0=8 eta=1.01 maxiter=3000
