h(x) = x^2 + 5sin(x)
extrema h in [-5, 5]
s(x) = sin(x)
extrema s in [0, 20]
a(x) = abs(x)
extrema a in [-1, 2]
c(x) = 3
extrema c in [0, 1]
t(x) = x^3
extrema t in [-1, 1]
p(x) = x^3 - 3x
extrema p in [-3, 3]
r(x) = 1/x^2
extrema r in [-1, 1]
