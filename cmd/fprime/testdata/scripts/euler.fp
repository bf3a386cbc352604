# Euler's number until e is given a value; then Euler's prints as exp.
f(x) = e^x + e
f'
f(0)
e = 3
f
f(0)
h(x) = e^x
h'
defs
