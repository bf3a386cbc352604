# Numbers are exact; evaluation is float64.
0.1 + 0.2
f(x) = 0.5x^2
f'
-x^2
2^3^2
x^-2
e^-x
9x^2 + 2sin(x) + 2(x + 1)
(x + 1)(x - 1)
sin x cos x
sin 2x
ln x^2
sin x + 1
log(2, 8)
log2(x)
cbrt(-8)
π x²
√x
3 − x × 2
sin²x + cos²x
diff(x^3, x)
diff(x^3, x, 2)
d/dx x^x
e
pi
