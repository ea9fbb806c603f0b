package relais_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/relais-tm/relais/pkg/qa"
)

// TestNotesDoNotTakeCheckNames: a finding made outside package qa (an
// engine's note, the batch's own) never takes the name of a check of
// relais check. The review page shows both; were a note named like a
// check, the page would show for that check more than relais check
// reports on the same drafts (issue #16), as the pivot's "grammar" note
// did. It reads every finding.Finding literal of the module's non-test
// code whose Rule is a string or a string constant.
func TestNotesDoNotTakeCheckNames(t *testing.T) {
	checks := map[string]bool{}
	for _, c := range qa.Checks() {
		checks[c.ID()] = true
	}
	require.NotEmpty(t, checks)
	fset := token.NewFileSet()
	var files []*ast.File
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || filepath.ToSlash(filepath.Dir(p)) == "pkg/qa" {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err == nil {
			files = append(files, f)
		}
		return err
	})
	require.NoError(t, err)
	// The string constants of every package, by name (mt.PivotWord).
	consts := map[string]string{}
	for _, f := range files {
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i < len(vs.Values) {
						if s, ok := vs.Values[i].(*ast.BasicLit); ok && s.Kind == token.STRING {
							consts[name.Name], _ = strconv.Unquote(s.Value)
						}
					}
				}
			}
		}
	}
	seen := 0
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			if sel, ok := lit.Type.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Finding" {
				if lit.Type != nil || len(lit.Elts) == 0 {
					return true
				}
			}
			for _, e := range lit.Elts {
				kv, ok := e.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				if k, ok := kv.Key.(*ast.Ident); !ok || k.Name != "Rule" {
					continue
				}
				var rule string
				switch v := kv.Value.(type) {
				case *ast.BasicLit:
					if v.Kind != token.STRING {
						continue
					}
					rule, _ = strconv.Unquote(v.Value)
				case *ast.Ident:
					rule = consts[v.Name]
				case *ast.SelectorExpr:
					rule = consts[v.Sel.Name]
				}
				if rule == "" {
					continue
				}
				seen++
				assert.False(t, checks[rule], "%s: a finding named %q like a check of relais check: give it a name of its own", fset.Position(kv.Pos()), rule)
			}
			return true
		})
	}
	assert.Greater(t, seen, 5, "the literals are found")
}
