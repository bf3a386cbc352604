package session

import (
	"sort"
	"strings"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// topics are the help pages, each with a worked example.
var topics = map[string]string{
	"define": `Define a function or a constant:
  f(x) = x^2 + 5sin(x)
  g(x, y) = (x^2 + y - 7)^2 + (x - y + 1)^2
  a = 2.5
A body may call functions defined before it (h(x) = f(x)^2); their bodies
are used, so derivatives go through them. Constants keep their names in
bodies and are read when a body is evaluated. Definitions print nothing.`,
	"eval": `Type an expression to evaluate it:
  > f(2)
  22.54648713412841
  > x^2 + x^2
  2x^2
With every name bound it prints a number; with free names it prints the
expression simplified.`,
	"derivative": `f', f'', f''' show derivatives of a one-variable function:
  > f(x) = 9x^2 - 72x
  > f'
  f'(x) = 18x - 72
  > f'(4)
  0
diff(EXPR, x), diff(EXPR, x, n) and d/dx EXPR differentiate any
expression; diff(g, y) is the partial derivative of a function g.`,
	"diff": `see help derivative`,
	"grad": `grad g shows the gradient, one partial derivative per parameter:
  > g(x, y) = x^2 y + y^3
  > grad g
  ∇g(x, y) = (2x y, x^2 + 3y^2)`,
	"hessian": `hessian g shows the matrix of second partial derivatives:
  > g(x, y) = x^3 y + y^2
  > hessian g`,
	"check": `check tells whether your derivative is right:
  > f(x) = x^2 + 5sin(x)^2 + 3cos(x)
  > check f' = 2x + 5sin(2x) - 3sin(x)
  ✓ f'(x) = 2x + 5sin(2x) - 3sin(x)
It compares symbolically, then at many points where both are defined; a
wrong answer is shown at a point with both values. Also:
  check diff(x^3, x) = 3x^2
  check diff(g, y) = ...`,
	"set": `set shows the settings of min and max; set NAME=VALUE changes them:
  > set eta=0.05 eps=1e-8 maxiter=5000 x0=1
Built-in defaults: eta=0.1, eps=1e-6, maxiter=10000, x0=0.`,
	"min": `min f and max f run gradient descent (ascent) from x0. Options, in any order:
  x0      the start: x0=5, or x0=(1, 2) for two variables
  eta     the learning rate η (also η=)
  eps     the tolerance ε: stop when every partial is below it (also ε=)
  maxiter the most updates to make
  trace   print the iterates (the first and last ten of a long run)
  method  gd (the default), momentum (with beta=0.9) or newton
Example:
  > f(x) = 9x^2 - 72x
  > min f x0=5 eta=0.1 eps=1e-4
  minimum of f: converged after 55 iterations
    x*     = 3.9999953231947623
    f(x*)  = -143.99999999980315
    f'(x*) = -8.418249427677438e-05
    a minimum: f''(x*) = 18 > 0
A run that diverges or oscillates says why, and which eta would not.
Ctrl-C stops a long run and shows where it got to.`,
	"max": `see help min`,
	"extrema": `extrema f in [a, b] finds every local minimum and maximum of a function of
one variable on the closed interval, corners included, with the values at the
ends and the least and greatest value there:
  > h(x) = x^2 + 5sin(x)
  > extrema h in [-5, 5]`,
	"plot":    "plot f in [a, b] draws a function; it comes in a later version.",
	"steps":   "steps f' shows a derivation step by step; it comes in a later version.",
	"latex":   "latex f' prints a result as LaTeX; it comes in a later version.",
	"numdiff": "numdiff f'(2) compares the derivative with a difference quotient; it comes in a later version.",
	"defs":    `defs lists every definition; del NAME removes one.`,
	"del":     `del NAME removes a definition. A constant that a function uses cannot be deleted; a function can, since the functions that called it hold its body.`,
	"save":    `save FILE writes every definition and setting as a script; load FILE (or fprime FILE) reads it back. Names with spaces go in double quotes: save "my session.fp".`,
	"load":    `see help save`,
	"functions": "Built-in functions: " + strings.Join(symbolic.BuiltinNames(), " ") +
		".\nlog(b, x) is the logarithm to base b; cbrt is the real cube root. Constants: pi (π) and e.",
	"syntax": `Numbers: 3, 0.25, .5, 1e-6 (exact: 0.1 is 1/10). Operators: + - * / ^ (or **).
Power is right associative and binds tighter than minus: -x^2 is -(x^2).
Juxtaposition multiplies: 9x^2, 2sin(x), (x + 1)(x - 1), x y. 1/2x is (1/2)·x.
Built-in functions take a simple argument without parentheses: sin 2x is sin(2x).
Unicode as in books: π − × · ² ³ √ η ε. # starts a comment; ; separates statements.`,
	"quit": `quit, exit or Ctrl-D leave fprime.`,
	// grammar is the parser's own grammar of expressions, in EBNF.
	"grammar": "The grammar of expressions, as the parser holds it (EBNF):\n" + parser.Grammar() +
		"\nPrecedence is applied to the run of operands after parsing: ^ first (right\nassociative, and before a leading -: -x^2 is -(x^2)), then * / and\njuxtaposition, then + -.",
}

func help(st *parser.Help) (Result, error) {
	if st.Topic == "" {
		names := make([]string, 0, len(topics))
		for n := range topics {
			names = append(names, n)
		}
		sort.Strings(names)
		return HelpText{Text: `fprime: a calculus workbench.
  f(x) = x^2 + 5sin(x)       define a function
  f'                         its derivative
  f'(2)                      evaluate it
  check f' = 2x + 5cos(x)    check your own derivative
  grad g, hessian g          for functions of several variables
  set, defs, del, save, load, quit
Help on a topic: help TOPIC, with TOPIC one of:
` + wrap(names, "  ", 72)}, nil
	}
	if t, ok := topics[st.Topic]; ok {
		if strings.HasPrefix(t, "see help ") {
			t = topics[strings.TrimPrefix(t, "see help ")]
		}
		return HelpText{Text: t}, nil
	}
	if _, ok := symbolic.LookupBuiltin(st.Topic); ok {
		return HelpText{Text: topics["functions"]}, nil
	}
	return nil, errAt(parser.Pos{Line: st.At.Line, Col: st.At.Col + 5}, "no help on %q: try help", st.Topic)
}

// wrap joins words with ", " into lines of at most width characters.
func wrap(words []string, indent string, width int) string {
	var b strings.Builder
	line := indent
	for i, w := range words {
		if i < len(words)-1 {
			w += ","
		}
		if len(line)+1+len(w) > width && line != indent {
			b.WriteString(line + "\n")
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += w
	}
	b.WriteString(line)
	return b.String()
}

// HelpTopics lists the topics of help, sorted, for completion.
func HelpTopics() []string {
	names := make([]string, 0, len(topics))
	for n := range topics {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
