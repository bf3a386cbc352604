# The session of PRODUCT.md, without descent.
f(x) = 9x^2 - 72x
f'
f'(4)
f''
f'''
g(x, y) = (x^2 + y - 7)^2 + (x - y + 1)^2
grad g
hessian g
diff(g, y)
diff(g, x, 2)
check f' = 18x - 72
x^2 + x^2
1/2x
2 + 3 * 4
