f(x) = x^2
f'(3)
f(x +
f'
