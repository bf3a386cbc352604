package parser_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/fprime/fprime/parser"
)

func ExampleParseExpr() {
	for _, src := range []string{"9x^2 - 72x", "0.5x^2", "2^3^2", "-x^2", "sin x cos x", "x⁻¹ + √x"} {
		e, err := parser.ParseExpr(src)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-12s %s\n", src, e)
	}
	// Output:
	// 9x^2 - 72x   9x^2 - 72x
	// 0.5x^2       x^2/2
	// 2^3^2        512
	// -x^2         -x^2
	// sin x cos x  cos(x) sin(x)
	// x⁻¹ + √x     sqrt(x) + 1/x
}

func ExampleParseExprIn() {
	f, _ := parser.ParseExpr("9x^2 - 72x")
	env := &parser.Env{
		Functions: map[string]parser.Function{"f": {Params: []string{"x"}, Body: f}},
		Constants: map[string]bool{"a": true},
	}
	for _, src := range []string{"f'(x)", "f'(4)", "diff(f, x, 2)", "a f(x)", "1/2x", "sin 2x"} {
		e, reading, err := parser.ParseExprIn(context.Background(), src, env)
		if err != nil {
			fmt.Println(err)
			continue
		}
		if reading != "" {
			fmt.Printf("%-13s %s   (read as %s)\n", src, e, reading)
		} else {
			fmt.Printf("%-13s %s\n", src, e)
		}
	}
	// Output:
	// f'(x)         18x - 72
	// f'(4)         0
	// diff(f, x, 2) 18
	// a f(x)        a(9x^2 - 72x)
	// 1/2x          x/2   (read as (1/2)·x)
	// sin 2x        sin(2x)   (read as sin(2·x))
}

func ExampleError() {
	for _, src := range []string{"sin(x", "sinn(x)", "2 3", "x +"} {
		_, err := parser.ParseExpr(src)
		var perr *parser.Error
		if errors.As(err, &perr) {
			fmt.Printf("%-8s line %d, column %d: %s\n", src, perr.Line, perr.Col, perr.Msg)
		}
	}
	// Output:
	// sin(x    line 1, column 6: missing ")" for the "(" at column 4
	// sinn(x)  line 1, column 1: unknown function "sinn" (did you mean sin?)
	// 2 3      line 1, column 3: missing operator between 2 and 3
	// x +      line 1, column 4: expected an expression after "+"
}
