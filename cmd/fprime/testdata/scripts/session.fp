# help, a statement of several parts, and quit, after which nothing runs.
help
help check
f(x) = x^2; f(3); f'(3)
quit
f(4)
