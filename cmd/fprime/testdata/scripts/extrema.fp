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
# Partly undefined (issue 9): the ends of where f is defined are candidates.
k(x) = sqrt(x)
extrema k in [-1, 1]
u(x) = sqrt(1 - x^2)
extrema u in [-2, 2]
w(x) = x^(2/3)
extrema w in [-1, 1]
l(x) = ln(x)
extrema l in [-1, 1]
v(x) = 1/x
extrema v in [-1, 1]
m(x) = ln(1 - x)
extrema m in [0, 2]
# A pole between grid points.
q(x) = 1/(x - 0.3333)^2
extrema q in [-1, 1]
# Faster than any search can follow: said so, never a complete-looking list.
extrema s in [-1e300, 1e300]
# Undefined at an end, and a value approached but not reached.
extrema v in [0, 1]
n(x) = x ln(x)
extrema n in [-1, 2]
# Flat stretches: f' is 0 on all of [0, 3], and f is least there.
g(x) = |x - 3| + |x|
extrema g in [-1, 5]
extrema g in [-1, 2]
# Constant on each side of a gap: the ends are neither above nor below.
s(x) = |x|/x
extrema s in [-1, 1]
# f at an end as written: sin(2pi) is 0, not -2.4e-16.
sn(x) = sin(x)
extrema sn in [pi, 2pi]
# And undefined at an end written as sqrt(2), where floats give 2.25e15.
hp(x) = 1/(x^2 - 2)
extrema hp in [0, sqrt(2)]
