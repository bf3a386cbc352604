package parser_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/fprime/fprime/parser"
	"github.com/fprime/fprime/symbolic"
)

var update = flag.Bool("update", false, "rewrite testdata/statements.golden")

// stmtEnv is the session the statement tests read in: f and h of one
// variable, g of two, a constant a.
func stmtEnv(t testing.TB) *parser.Env {
	env := &parser.Env{Functions: map[string]parser.Function{}, Constants: map[string]bool{"a": true}}
	for _, def := range []string{"f(x) = x^2 + 1", "g(x, y) = x y", "h(x) = 1/x"} {
		st, err := parser.ParseStatement(context.Background(), parser.Split(def, 1)[0], env)
		if err != nil {
			t.Fatal(err)
		}
		d := st.(*parser.DefineFunc)
		env.Functions[d.Name] = parser.Function{Params: d.Params, Body: d.Body}
	}
	return env
}

// show prints a statement with every field, expressions in their printed
// form, so that a table can pin what was read.
func show(v reflect.Value) string {
	if !v.IsValid() {
		return "nil"
	}
	if v.Type().Implements(reflect.TypeOf((*symbolic.Expr)(nil)).Elem()) && v.Kind() != reflect.Interface {
		return v.Interface().(symbolic.Expr).String()
	}
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return "nil"
		}
		return show(v.Elem())
	case reflect.Struct:
		var parts []string
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if f.IsZero() {
				continue
			}
			parts = append(parts, v.Type().Field(i).Name+"="+show(f))
		}
		return v.Type().Name() + "{" + strings.Join(parts, " ") + "}"
	case reflect.Slice:
		var parts []string
		for i := 0; i < v.Len(); i++ {
			parts = append(parts, show(v.Index(i)))
		}
		return "[" + strings.Join(parts, " ") + "]"
	case reflect.String:
		return fmt.Sprintf("%q", v.String())
	}
	return fmt.Sprint(v.Interface())
}

// readStatement is what ParseStatement makes of one line (its first
// statement, read from column 3 of line 2, so that positions are shifted).
func readStatement(env *parser.Env, in string) string {
	c := parser.Chunk{Text: in, Line: 2, Col: 3}
	st, err := parser.ParseStatement(context.Background(), c, env)
	if err != nil {
		return "error " + err.Error()
	}
	return show(reflect.ValueOf(st))
}

// TestStatementsGolden pins what every form of statement reads as, and the
// message and place of every error, in testdata/statements.golden: one
// input a line, then its reading.
func TestStatementsGolden(t *testing.T) {
	b, err := os.ReadFile("testdata/statements.golden")
	if err != nil {
		t.Fatal(err)
	}
	env := stmtEnv(t)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	var out strings.Builder
	for i := 0; i+1 < len(lines); i += 2 {
		in, want := strings.TrimPrefix(lines[i], "> "), lines[i+1]
		got := readStatement(env, in)
		fmt.Fprintf(&out, "> %s\n%s\n", in, got)
		if got != want && !*update {
			t.Errorf("%s\n got %s\nwant %s", in, got, want)
		}
	}
	if *update {
		if err := os.WriteFile("testdata/statements.golden", []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
