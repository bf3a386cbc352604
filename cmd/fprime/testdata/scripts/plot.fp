# Pictures in the terminal (80×24 here).
f(x) = x^2 + 5sin(x)
plot f, f', tangent f at 2 in [-5, 5]
plot tan(x) in [-5, 5]
plot ln(x), sin x in [-1, 3]
plot min f x0=4 eta=0.1
g(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2
plot min g x0=(0.5, 0.5) eta=0.01
