# Derivations step by step, for 32 textbook derivatives.
f(x) = x^2 + 5sin(x)
steps f'
f(x) = 9x^2 - 72x
steps f'
f(x) = (2x - 3)^5
steps f'
f(x) = x^2 (x + 1)^3
steps f'
f(x) = 1/x^3
steps f'
f(x) = sqrt(x)
steps f'
f(x) = x^(2/3)
steps f'
f(x) = sin(x) cos(x)
steps f'
f(x) = tan(x)
steps f'
f(x) = sec(x)
steps f'
f(x) = sin(x^2)
steps f'
f(x) = sin(x)^2
steps f'
f(x) = cos(3x + 1)
steps f'
f(x) = e^x sin(x)
steps f'
f(x) = e^(-x^2)
steps f'
f(x) = 2^x
steps f'
f(x) = x^x
steps f'
f(x) = ln(x^2 + 1)
steps f'
f(x) = x ln(x)
steps f'
f(x) = log10(x)
steps f'
f(x) = x/(x + 1)
steps f'
f(x) = (x^2 - 1)/(x^2 + 1)
steps f'
f(x) = asin(x)
steps f'
f(x) = atan(2x)
steps f'
f(x) = sinh(x) cosh(x)
steps f'
f(x) = sqrt(1 - x^2)
steps f'
f(x) = abs(x)
steps f'
f(x) = cbrt(x)
steps f'
f(x) = x^3 sin(x) e^x/(1 + x^2)
steps f'
f(x) = x^2 + 5sin(x)
steps f''
g(x, y) = x^2 y + sin(x y)
steps diff(g, y)
steps diff(x^3 - 2x, x, 2)
# The quotient rule, with v = (x + 1)^2's common x + 1 cancelled as a book does.
steps diff(x/(x + 1)^2, x)
steps diff(sin(x)/x, x)
# f'' is the derivative of f' as it prints: steps f'' ends in it.
p(x) = (2x + 3)^5(3x - 1)^4
steps p''
p''
