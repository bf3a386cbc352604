package session

import (
	"sort"
	"strings"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

// topics are the help pages. Each "  > " line of a page is an example that
// a test runs, in one session per page, and the indented lines after it are
// what it prints.
var topics = map[string]string{
	"define": `Define a function or a constant:
  > f(x) = x^2 + 5sin(x)
  > g(x, y) = (x^2 + y - 7)^2 + (x - y + 1)^2
  > a = 2.5
  > h(x) = f(x)^2 + a
A body may call functions defined before it; their bodies are used, so
derivatives go through them. f(x) = f(x) + 1 builds a new f from the old.
Constants keep their names in bodies and are read when a body is evaluated.
Definitions print nothing.`,
	"eval": `Type an expression to evaluate it:
  > f(x) = x^2 + 5sin(x)
  > f(2)
  8.546487134128409
  > x^2 + x^2
  2x^2
With every name bound it prints a number; with free names it prints the
expression simplified. Where a value is undefined (0/0, f(0) for
f(x) = sin(x)/x), fprime says why, with the limit where both sides approach one.`,
	"derivative": `f', f'', f''' show derivatives of a one-variable function:
  > f(x) = 9x^2 - 72x
  > f'
  f'(x) = 18x - 72
  > f'(4)
  0
diff(EXPR, x), diff(EXPR, x, n) and d/dx EXPR differentiate any
expression; diff(g, y) is the partial derivative of a function g:
  > d/dx x^3
  3x^2
  > diff(sin(x), x, 2)
  -sin(x)`,
	"diff": `see help derivative`,
	"grad": `grad g shows the gradient, one partial derivative per parameter:
  > g(x, y) = x^2 y + y^3
  > grad g
  ∇g(x, y) = (2x y, x^2 + 3y^2)`,
	"hessian": `hessian g shows the matrix of second partial derivatives:
  > g(x, y) = x^3 y + y^2
  > hessian g
  Hg(x, y) =
    [ 6x y   3x^2 ]
    [ 3x^2   2    ]`,
	"check": `check tells whether your derivative is right:
  > f(x) = x^2 + 5sin(x)^2 + 3cos(x)
  > check f' = 2x + 5sin(2x) - 3sin(x)
  ✓ f'(x) = 2x + 5sin(2x) - 3sin(x)
    proved: the difference simplifies to 0
It proves an answer right when the difference simplifies to 0; otherwise it
looks at the difference at many points and says "agrees at N points (not a
proof)", or shows a point where the answer is wrong. Also:
  > check d/dx x^3 = 3x^2
  ✓ d/dx x^3 = 3x^2
    proved: the difference simplifies to 0
  > g(x, y) = x^2 y
  > check grad g = (2x y, x^2)
  ✓ ∂g/∂x(x, y) = 2x y
    proved: the difference simplifies to 0
  ✓ ∂g/∂y(x, y) = x^2
    proved: the difference simplifies to 0`,
	"set": `set shows the settings of min and max; set NAME=VALUE changes them:
  > set eta=0.05 eps=1e-8 maxiter=5000 x0=1
Built-in defaults: eta=0.1, eps=1e-6, maxiter=10000, x0=0.`,
	"min": `min f and max f run gradient descent (ascent) from x0:
x ← x − η∇f(x) for min, x ← x + η∇f(x) for max, until every partial is
below ε. Options, in any order, each value an expression:
  x0      the start: x0=5, x0=2pi, or x0=(1, 2) for two variables
  eta     the learning rate η (also η=)
  eps     the tolerance ε (also ε=)
  maxiter the most updates to make
  trace   print every iterate (of a run over 100,000, the ends)
  method  gd: plain gradient descent (the default);
          momentum, the heavy ball: v ← βv − η∇f(x), x ← x + v;
          newton: x ← x − H⁻¹∇f(x) with the Hessian H; it ignores eta
          and goes to the nearest critical point, a minimum or not
  beta    momentum's β, at least 0 and below 1 (0.9 unless given)
Example:
  > f(x) = 9x^2 - 72x
  > min f x0=5 eta=0.1 eps=1e-4
  minimum of f: converged after 55 iterations
    x*     = 3.9999953231947623
    f(x*)  = -143.99999999980315
    f'(x*) = -8.418249427677438e-05
    a minimum: f''(x*) = 18 > 0
  > min f x0=5 method=newton
  minimum of f (newton): converged after 1 iteration
    x*     = 4
    f(x*)  = -144
    f'(x*) = 0
    a minimum: f''(x*) = 18 > 0
A run that diverges or oscillates says why, and which eta would not. Where
f'' may be 0 at the critical point (x* is only near it), the sign of f'
around x* or the first derivative that cannot be 0 there decides, or the
report says the test is inconclusive: x^3 from 1 reaches an inflection point.
Ctrl-C stops a long run and shows where it got to.`,
	"max": `see help min`,
	"extrema": `extrema f in [a, b] finds every local minimum and maximum of a function of
one variable on the closed interval, corners included, with the values at the
ends and the least and greatest value there. Where f is undefined, it works on
the parts where f is defined, whose ends count, and says where (a pole: no
greatest or least value); where f' changes sign faster than it can follow, it
says so and how many it found:
  > h(x) = x^2 + 5sin(x)
  > extrema h in [-5, 5]
  extrema of h on [-5, 5]:
    end   x = -5                   h = 29.794621373315692   local maximum
          x = -1.110510503581112   h = -3.24639427269154    local minimum
    end   x = 5                    h = 20.205378626684308   local maximum
    least value: h(-1.110510503581112) = -3.24639427269154; greatest value: h(-5) = 29.794621373315692`,
	"plot": `plot draws in the terminal, at its size (elsewhere COLUMNS×LINES or 80×24):
  plot f, f' in [-3, 3]              curves; gaps where undefined, none at poles
  plot sin(x), x^2/4 in [-3, 3]      any expression in one variable
  plot f, tangent f at 2 in [-3, 3]  with the tangent line written under it
  plot min f x0=4 eta=0.1            f with the descent's iterates
  plot min g x0=(1, 1)               a contour map with the path, for two variables
  plot g in [-5, 5]                  a contour map of g on [-5, 5]²
Add "to FILE.png" or "to FILE.svg" to write a picture, and "to FILE.gif" after
plot min or plot max for an animation of the descent.`,
	"steps": `steps f', steps f'', steps diff(EXPR, x) and steps diff(g, y) show the
derivation as fprime works it out: one line a rule, the derivatives a rule
needs indented under it, then the simplification and the result:
  > f(x) = x sin(x)
  > steps f'
  d/dx (x sin(x)) = x cos(x) + sin(x)   product rule
    d/dx sin(x) = cos(x)                sine rule
  f'(x) = x cos(x) + sin(x)`,
	"latex": `latex STATEMENT prints what an expression, a derivative, a gradient, a
Hessian or a tangent shows, as LaTeX ready to paste:
  > f(x) = x^2 + 5sin(x)
  > latex f'
  f'\left(x\right) = 2x + 5 \cos\left(x\right)
  > latex sqrt(x)/2
  \frac{\sqrt{x}}{2}`,
	"numdiff": `numdiff f'(a) sets the derivative beside the central difference
(f(a+h) − f(a−h))/2h at h = 1e-6, and the gap between them; numdiff f'(a)
table shows the gap for h = 1e-1 … 1e-12, where truncation (about h²) gives
way to round-off (about 1/h); numdiff grad g (a, b) does each partial:
  > f(x) = x^2
  > numdiff f'(2)
  f'(2):
    symbolic                       4
    central difference, h = 1e-06  4.000000000115023
    gap                            1.1502265806484502e-10`,
	"tangent": `tangent f at a is the tangent line y = f(a) + f'(a)(x − a):
  > f(x) = x^2
  > tangent f at 2
  tangent to f at x = 2: y = 4x - 4`,
	"defs": `defs lists every definition; del NAME removes one:
  > f(x) = x^2
  > a = 3
  > defs
  f(x) = x^2
  a = 3`,
	"del":  `del NAME removes a definition. A constant that a function uses cannot be deleted; a function can, since the functions that called it hold its body.`,
	"save": `save FILE writes every definition and setting as a script; load FILE (or fprime FILE) reads it back. Names with spaces go in double quotes: save "my session.fp".`,
	"load": `see help save`,
	"functions": "Built-in functions: " + strings.Join(symbolic.BuiltinNames(), " ") +
		".\nlog(b, x) is the logarithm to base b; cbrt is the real cube root, and a power\n" +
		"with an odd denominator is real for a negative base: (-8)^(2/3) is 4.\n" +
		"|x - 3| is abs(x - 3). sgn is the sign; its derivative is 0, undefined at 0.\n" +
		"Constants: pi (π) and e.",
	"syntax": `Numbers: 3, 0.25, .5, 1e-6 (exact: 0.1 is 1/10). Operators: + - * / ^ (or **).
Power is right associative and binds tighter than minus: -x^2 is -(x^2).
Juxtaposition multiplies: 9x^2, 2sin(x), (x + 1)(x - 1), x y. 1/2x is (1/2)·x.
Bars are the absolute value: |x - 3|, 2|x|, ||x| - 1|.
Built-in functions take a simple argument without parentheses: sin 2x is
sin(2x), and ln ln x is ln(ln(x)).
Unicode as in books: π − × · ² ³ √ η ε. # starts a comment; ; separates statements.`,
	"quit": `quit, exit or Ctrl-D leave fprime.`,
	// grammar is the parser's own grammar of statements and expressions, in EBNF.
	"grammar": "The grammar of statements and expressions, as the parser holds it (EBNF):\n" + parser.Grammar() +
		"\nPrecedence is applied to the run of operands after parsing: ^ first (right\nassociative, and before a leading -: -x^2 is -(x^2)), then * / and\njuxtaposition, then + -.",
}

func help(st *parser.Help) (Result, error) {
	if st.Topic == "" {
		names := HelpTopics()
		return HelpText{Text: `fprime: a calculus workbench. Statements:
  min f x0=5 eta=0.1 eps=1e-4   gradient descent (max f: ascent); help min
  extrema f in [a, b]           every local minimum and maximum on [a, b]
  f(x) = x^2 + 5sin(x)          define a function (a = 2: a constant)
  f'  f''  f'(2)                its derivatives, and their values
  diff(EXPR, x, n)  d/dx EXPR   derivatives of any expression
  grad g  hessian g             for functions of several variables
  check f' = 2x + 5cos(x)       check your own derivative
  tangent f at 2                the tangent line there
  steps f'                      the derivation, rule by rule
  plot f, f' in [-3, 3]         a picture (help plot)
  latex f'   numdiff f'(2)      as LaTeX; beside a difference quotient
  EXPR                          evaluate, or simplify
  set  defs  del f  save FILE  load FILE  help TOPIC  quit
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
