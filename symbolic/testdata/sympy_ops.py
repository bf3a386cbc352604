#!/usr/bin/env python3
"""Writes sympy_ops.tsv: for each textbook expression of corpus.txt (the part
before the edge cases), SymPy's count_ops of simplify(diff(f, x)).

TestOpsAgainstSymPy compares fprime's first derivatives with these counts.
SymPy is needed only to regenerate the file (Debian: python3-sympy):

    python3 symbolic/testdata/sympy_ops.py > symbolic/testdata/sympy_ops.tsv

The input goes to SymPy in fprime's own printed form (one line of
`go test ./symbolic -run TestOpsAgainstSymPy -args -printed`), which SymPy's
implicit-multiplication parser reads.
"""
import re
import subprocess
import sys

import sympy as sp
from sympy.parsing.sympy_parser import (convert_xor, implicit_multiplication_application,
                                        parse_expr, standard_transformations)

x = sp.Symbol('x')
T = standard_transformations + (implicit_multiplication_application, convert_xor)
LOCALS = {'x': x, 'E': sp.E, 'pi': sp.pi, 'ln': sp.log, 'abs': sp.Abs, 'cbrt': sp.cbrt}


def to_sympy(s):
    return parse_expr(re.sub(r'(?<![A-Za-z])e\^', 'E^', s), transformations=T, local_dict=LOCALS)


out = subprocess.run(['go', 'test', './symbolic', '-run', 'TestOpsAgainstSymPy', '-count=1', '-v', '-args', '-printed'],
                     capture_output=True, text=True, check=True).stdout
print("# input\tSymPy count_ops(simplify(diff(f, x)))")
for line in out.splitlines():
    if not line.startswith('PRINTED\t'):
        continue
    _, src, printed = line.split('\t')
    print(f"{src}\t{sp.count_ops(sp.simplify(sp.diff(to_sympy(printed), x)))}")
    sys.stdout.flush()
