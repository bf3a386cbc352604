package symbolic

import (
	"context"
	"fmt"
)

// Step is one application of a differentiation rule, as Diff applies it:
// the derivative of Of with respect to the variable is Result, by Rule.
// Depth says how deep in the expression Of lies: the inner derivatives
// that a rule needs come after it, one deeper.
type Step struct {
	Depth  int
	Rule   string
	Of     Expr
	Result Expr
}

// recorder keeps the steps of one differentiation; a nil recorder keeps
// nothing, so Diff pays one comparison a node for it.
type recorder struct {
	steps []Step
	// quiet counts the parts being differentiated inside one that does
	// not depend on the variable: its derivative, 0, says it all.
	quiet int
}

// enter reserves e's step before its parts are differentiated, so that
// the parts' steps come after it; it returns the step's index, or -1.
func (r *recorder) enter(e Expr, depth int, x string) int {
	if r == nil || isTrivial(e) || r.quiet > 0 {
		if r != nil {
			r.quiet++
		}
		return -1
	}
	if !dependsOn(e, x) {
		r.quiet++
	}
	r.steps = append(r.steps, Step{Depth: depth, Of: e})
	return len(r.steps) - 1
}

// again records a derivative already worked out as a step that refers to
// the one above, without its inner steps.
func (r *recorder) again(e, result Expr, depth int, x string) {
	if r == nil || isTrivial(e) || r.quiet > 0 || !dependsOn(e, x) {
		return
	}
	r.steps = append(r.steps, Step{Depth: depth, Of: e, Result: result, Rule: AsAbove})
}

// AsAbove is the rule of a step whose derivative was worked out before.
const AsAbove = "as above"

// leave fills in e's step with its result and rule.
func (r *recorder) leave(k int, e, result Expr, x string) {
	if r == nil {
		return
	}
	if k < 0 || !dependsOn(e, x) {
		r.quiet--
	}
	if k < 0 {
		return
	}
	r.steps[k].Result = result
	r.steps[k].Rule = ruleName(e, x)
}

// isTrivial is a number, a constant or a symbol: their derivatives go
// without saying.
func isTrivial(e Expr) bool {
	switch e.(type) {
	case *Num, *Constant, *Symbol:
		return true
	}
	return false
}

// ruleName names the rule that rule applies to e, as a calculus book does.
func ruleName(e Expr, x string) string {
	chain := func(inner Expr) string {
		if s, ok := inner.(*Symbol); ok && s.name == x {
			return ""
		}
		return " and the chain rule"
	}
	if !dependsOn(e, x) {
		return "constant rule: no " + x + " in it"
	}
	switch e := e.(type) {
	case *Sum:
		for _, t := range e.terms {
			if isNegative(t) {
				return "sum and difference rule"
			}
		}
		return "sum rule"
	case *Product:
		if constantMultiple(e, x) {
			return "constant multiple rule"
		}
		if _, den, ok := quotient(e, x); ok {
			// Diff cancels b^(k-1) of v = b^k as it applies the rule:
			// the step says which form it shows.
			if _, k := baseExp(den); k != one {
				return "quotient rule, (u/b^k)' = (u'b - k u b')/b^(k+1)"
			}
			return "quotient rule"
		}
		return "product rule"
	case *Power:
		switch {
		case !dependsOn(e.exp, x):
			return "power rule" + chain(e.base)
		case !dependsOn(e.base, x):
			return "exponential rule" + chain(e.exp)
		}
		return "general power rule, (u^v)' = u^v(v' ln(u) + v u'/u)"
	case *Call:
		return e.fn.Rule + chain(e.arg)
	}
	return ""
}

// constantMultiple reports whether exactly one factor of p names x: p is
// a constant multiple of it.
func constantMultiple(p *Product, x string) bool {
	varying := 0
	for _, f := range p.factors {
		if dependsOn(f, x) {
			varying++
		}
	}
	return varying == 1
}

// dependsOn reports whether e names x.
func dependsOn(e Expr, x string) bool {
	found := false
	walkOnce(e, func(n Expr) bool {
		if s, ok := n.(*Symbol); ok && s.name == x {
			found = true
		}
		return !found
	})
	return found
}

// Steps differentiates e once with respect to x, as Diff does, and returns
// the rules it applied in order, each derivative already worked out given
// once, and the result, which Diff would give as well.
func Steps(ctx context.Context, e Expr, x string) ([]Step, Expr, error) {
	body, _ := Unguard(e)
	rec := &recorder{}
	d := &differ{ctx: ctx, x: x, memo: map[uint64][]derived{}, order: 1, rec: rec}
	db, err := d.diff(body)
	if err != nil {
		return nil, nil, err
	}
	if len(rec.steps) == 0 {
		// A number, a constant or a variable alone is still one step
		// of a derivation, with its rule: d/dx 7 = 0, d/dx x = 1.
		rule := ruleName(body, x)
		if rule == "" {
			rule = "power rule"
		}
		rec.steps = append(rec.steps, Step{Rule: rule, Of: body, Result: db})
	}
	r, err := Diff(ctx, e, x, 1)
	if err != nil {
		return nil, nil, err
	}
	for i := range rec.steps {
		if rec.steps[i].Result == nil {
			return nil, nil, fmt.Errorf("a step of %v was left unfinished", rec.steps[i].Of)
		}
	}
	return rec.steps, r, nil
}
