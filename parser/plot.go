package parser

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/fprime/fprime/symbolic"
)

// Plot is plot ITEMS in [From, To], or plot min f … (Descent); File, when
// not empty, is where the picture goes.
type Plot struct {
	At       Pos
	Items    []PlotItem
	From, To symbolic.Expr
	Descent  *Descent
	File     string
	FileAt   Pos
}

// PlotItem is one thing to draw: a function or its derivative (Name,
// Order), an expression (Expr), or a tangent line; Text is as typed.
type PlotItem struct {
	At      Pos
	Text    string
	Name    string
	Order   int
	Expr    symbolic.Expr
	Tangent *Tangent
}

func (s *Plot) Start() Pos { return s.At }

// plot is plot ITEM, ITEM … in [A, B], or plot min f OPTIONS (max too),
// each to FILE or not, its word at s.all[i]; an ITEM is a function's name,
// a derivative (f'), an expression in one variable, or tangent f at A.
func (s *stmtConverter) plot(p *plot, i int) (Statement, error) {
	at := pos(s.all[i])
	if s.all[i+1].Type == lexer.EOF {
		return nil, s.needsWork("plot")
	}
	pl := &Plot{At: at}
	if p.To {
		if p.File.Type != tokString {
			return nil, errAt(s.all[len(s.all)-1].Pos, "plot … to needs a file: f.png, f.svg or descent.gif")
		}
		pl.File, pl.FileAt = p.File.Value, pos(p.File)
	}
	if p.Descent != nil {
		d, err := s.descent(p.Descent, i+1)
		if err != nil {
			return nil, err
		}
		pl.Descent = d
		return pl, nil
	}
	if len(p.Items) == 0 && isPunct(s.all[i+1].Type) && s.all[i+1].Value == "," {
		return nil, errAt(s.all[i+1].Pos, "expected something to draw before %s", s.describe(s.all[i+1]))
	}
	if w := s.all[i+1]; w.Type == tokIdent && (w.Value == "min" || w.Value == "max") && !p.In && len(p.Items) > 0 && p.Items[0].Expr != nil {
		// plot min(x): min is no function of the user's.
		if _, _, err := s.expr((*expression)(p.Items[0].Expr), s.env); err != nil {
			return nil, err
		}
		return nil, errAt(w.Pos, "plot min needs a function, as in plot min f x0=1")
	}
	if !p.In || len(p.Items) == 0 {
		return nil, errAt(s.all[i+1].Pos, "plot needs what to draw and where, as in plot f, f' in [-3, 3]")
	}
	if p.Interval == nil {
		in := s.after(p.Items[len(p.Items)-1].Tokens)
		return nil, errAt(s.next(in).Pos, "expected an interval after in, as in [-3, 3]")
	}
	open := p.Interval.Tokens[0]
	if s.trailing() {
		return nil, errAt(open.Pos, "expected an interval after in, as in [-3, 3]")
	}
	if len(p.Interval.Ends) != 2 {
		return nil, errAt(open.Pos, "an interval has two ends, as in [-3, 3]")
	}
	ends, err := s.ends(p.Interval)
	if err != nil {
		return nil, err
	}
	pl.From, pl.To = ends[0], ends[1]
	for _, it := range p.Items {
		item, err := s.plotItem(it, len(p.Items) == 1)
		if err != nil {
			return nil, err
		}
		pl.Items = append(pl.Items, item)
	}
	return pl, nil
}

// plotItem converts one thing to draw; alone says it is the only one,
// which a function of two variables must be (a contour map).
func (s *stmtConverter) plotItem(it *plotItem, alone bool) (PlotItem, error) {
	first := it.Tokens[0]
	item := PlotItem{At: pos(first), Text: strings.TrimSpace(s.text[first.Pos.Offset:s.after(it.Tokens).Pos.Offset])}
	if it.Tangent != nil {
		t, err := s.tangent(it.Tangent, false)
		item.Tangent = t
		return item, err
	}
	x := (*expression)(it.Expr)
	if o := single(x); plainName(o) && !o.call() && s.isFunction(o.name()) {
		item.Name, item.Order = o.name(), len(o.primes())
		if f := s.env.Functions[item.Name]; len(f.Params) > 1 && (!alone || item.Order > 0) {
			return item, errAt(first.Pos, "%s has %d variables: plot it alone, as a contour map, or plot min %s", item.Name, len(f.Params), item.Name)
		}
		return item, nil
	}
	e, _, err := s.expr(x, s.env)
	if err != nil {
		return item, err
	}
	if vars := symbolic.Symbols(e); len(vars) > 1 {
		return item, errAt(first.Pos, "%s has more than one variable (%s): define a function to plot it", item.Text, strings.Join(vars, ", "))
	}
	item.Expr = e
	return item, nil
}
