set
set eta=0.05 eps=1e-8 maxiter=5000 x0=1
set
set η=0.2 ε=1e-3 x0=(1, 2)
set
help min
