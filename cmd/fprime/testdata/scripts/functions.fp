# Bodies call earlier functions; derivatives go through them.
f(x) = x^2 + 1
h(x) = f(x)^2
h'
h(2)
# Constants are read when a body is evaluated.
a = 3
k(x) = a x^2
k'
k(2)
a = 4
k(2)
# e can be redefined, and then it is no longer Euler's number.
e = 2
e + 1
defs
del k
del h
defs
g(x) = e^x + e
e = 3
g
g(0)
defs
