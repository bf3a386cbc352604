# A parameter may share a constant's name: in the body it is the parameter.
a = 3
f(a) = a^2
f'
f(2)
min f x0=1 eps=1e-6
extrema f in [-1, 1]
check f' = 2a
g(x) = a x + f(x)
g'
