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
