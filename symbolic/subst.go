package symbolic

import "slices"

// Substitute returns e with each symbol named in vals replaced by its
// expression, simplified again: substituting 2 for x in x^2 + x gives 6.
func Substitute(e Expr, vals map[string]Expr) Expr {
	memo := map[Expr]Expr{}
	var sub func(e Expr) Expr
	sub = func(e Expr) Expr {
		if r, ok := memo[e]; ok {
			return r
		}
		var r Expr
		switch e := e.(type) {
		case *Symbol:
			if v, ok := vals[e.name]; ok {
				r = v
			} else {
				r = e
			}
		case *Num, *Constant:
			r = e
		case *Sum:
			r = Add(mapAll(e.terms, sub)...)
		case *Product:
			r = Mul(mapAll(e.factors, sub)...)
		case *Power:
			r = Pow(sub(e.base), sub(e.exp))
		case *Call:
			r = Apply(e.fn, sub(e.arg))
		case *Guarded:
			r = guard(sub(e.body), mapAll(e.conds, sub))
		}
		memo[e] = r
		return r
	}
	return sub(e)
}

func mapAll(es []Expr, f func(Expr) Expr) []Expr {
	out := make([]Expr, len(es))
	for i, e := range es {
		out[i] = f(e)
	}
	return out
}

// Symbols returns the names of the symbols that occur in e, sorted.
func Symbols(e Expr) []string {
	seen := map[string]bool{}
	visited := map[Expr]bool{}
	var walk func(e Expr)
	walk = func(e Expr) {
		if visited[e] {
			return
		}
		visited[e] = true
		switch e := e.(type) {
		case *Symbol:
			seen[e.name] = true
		case *Sum:
			for _, t := range e.terms {
				walk(t)
			}
		case *Product:
			for _, f := range e.factors {
				walk(f)
			}
		case *Power:
			walk(e.base)
			walk(e.exp)
		case *Call:
			walk(e.arg)
		case *Guarded:
			// A condition's names count: x/x is 1 only for x ≠ 0.
			walk(e.body)
			for _, c := range e.conds {
				walk(c)
			}
		}
	}
	walk(e)
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
