# set digits rounds what is printed, never what is computed.
f(x) = 9x^2 - 72x
set digits=6
min f x0=5 eta=0.1 eps=1e-4
2/3
set
h(x) = x^2 + 5sin(x)
extrema h in [-5, 5]
s(x) = sin(x)
set digits=3
tangent s at 2
set digits=6
# check and numdiff show their values whole: their point is a difference.
check f' = 18x - 72.0001
numdiff f'(2)
set digits=0
2/3
min f x0=5 digits=3
