# A body sees a constant's value when it is evaluated, in min, extrema and check too.
a = 2
f(x) = (x - a)^2
min f x0=0 eps=1e-8
a = 5
min f x0=0 eps=1e-8
extrema f in [0, 10]
check f' = 2(x - 5)
f'
del a
