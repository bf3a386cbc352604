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

// sub is the chunk of tokens i up to j, for a part read as a statement of
// its own.
func (p *stmtParser) sub(i, j int) Chunk {
	from := p.toks[i].Pos.Offset
	to := len(p.chunk.Text)
	if p.toks[j].Type != lexer.EOF {
		to = p.toks[j].Pos.Offset
	}
	return Chunk{Text: p.chunk.Text[from:to], Line: p.chunk.Line, Col: p.chunk.Col + len([]rune(p.chunk.Text[:from]))}
}

// plot is plot ITEM, ITEM … in [A, B], or plot min f OPTIONS (max too); an
// ITEM is a function's name, a derivative (f'), an expression in one
// variable, or tangent f at A. The file of … to FILE is ParseStatement's.
func (p *stmtParser) plot(at Pos) (Statement, error) {
	end := len(p.toks) - 1
	if p.is(1, "min") || p.is(1, "max") {
		st, err := ParseStatement(p.ctx, p.sub(1, end), p.env)
		if err != nil {
			return nil, err
		}
		d, ok := st.(*Descent)
		if !ok {
			return nil, errAt(p.toks[1].Pos, "plot min needs a function, as in plot min f x0=1")
		}
		return &Plot{At: at, Descent: d}, nil
	}
	in, depth := -1, 0
	for k := 1; k < end; k++ {
		switch {
		case p.is(k, "(") || p.is(k, "["):
			depth++
		case p.is(k, ")") || p.is(k, "]"):
			depth--
		case depth == 0 && p.ident(k) && p.toks[k].Value == "in":
			in = k
		}
	}
	if in <= 1 {
		return nil, errAt(p.toks[max(in, 1)].Pos, "plot needs what to draw and where, as in plot f, f' in [-3, 3]")
	}
	pl := &Plot{At: at}
	if !p.is(in+1, "[") || !p.is(end-1, "]") {
		return nil, errAt(p.toks[in+1].Pos, "expected an interval after in, as in [-3, 3]")
	}
	var bounds []symbolic.Expr
	j := in + 2
	for k := in + 2; k < end; k++ {
		if (p.is(k, ",") && p.depthBetween(in+2, k) == 0) || k == end-1 {
			v, _, err := p.exprIn(p.until(j, k), p.scope([]string{}))
			if err != nil {
				return nil, err
			}
			bounds = append(bounds, v)
			j = k + 1
		}
	}
	if len(bounds) != 2 {
		return nil, errAt(p.toks[in+1].Pos, "an interval has two ends, as in [-3, 3]")
	}
	pl.From, pl.To = bounds[0], bounds[1]
	j = 1
	for k := 1; k <= in; k++ {
		if k < in && !(p.is(k, ",") && p.depthBetween(1, k) == 0) {
			continue
		}
		if k == j {
			return nil, errAt(p.toks[k].Pos, "expected something to draw before %s", describe(p.toks[k]))
		}
		item, err := p.plotItem(j, k, in == k && j == 1)
		if err != nil {
			return nil, err
		}
		pl.Items = append(pl.Items, item)
		j = k + 1
	}
	return pl, nil
}

// plotItem reads tokens i up to j as one thing to draw; alone says it is
// the only one, which a function of two variables must be (a contour map).
func (p *stmtParser) plotItem(i, j int, alone bool) (PlotItem, error) {
	item := PlotItem{At: pos(p.toks[i]), Text: strings.TrimSpace(p.sub(i, j).Text)}
	d, primed := p.primes(i)
	var f Function
	named := false
	if p.ident(i) && p.env != nil && (primed && d.next == j || i+1 == j) {
		f, named = p.env.Functions[p.toks[i].Value]
	}
	switch {
	case p.ident(i) && p.toks[i].Value == "tangent":
		st, err := ParseStatement(p.ctx, p.sub(i, j), p.env)
		if err != nil {
			return item, err
		}
		item.Tangent = st.(*Tangent)
	case named:
		item.Name = p.toks[i].Value
		if primed {
			item.Order = d.order
		}
		if len(f.Params) > 1 && (!alone || item.Order > 0) {
			return item, errAt(p.toks[i].Pos, "%s has %d variables: plot it alone, as a contour map, or plot min %s", item.Name, len(f.Params), item.Name)
		}
	default:
		e, _, err := p.expr(p.until(i, j))
		if err != nil {
			return item, err
		}
		if vars := symbolic.Symbols(e); len(vars) > 1 {
			return item, errAt(p.toks[i].Pos, "%s has more than one variable (%s): define a function to plot it", item.Text, strings.Join(vars, ", "))
		}
		item.Expr = e
	}
	return item, nil
}
