package relais_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const module = "github.com/relais-tm/relais/"

// allowed lists, for each package of the module, the packages of the module
// its non-test files may import: imports point one way, from the document
// model up to the command (DESIGN.md, "Layout"; ARCHITECTURE.md). A new
// package or a new edge is added here on purpose, never by accident, and an
// edge no package uses any more is taken out, so that the table stays the
// map of the code.
var allowed = map[string][]string{
	"pkg/document":           {},
	"pkg/finding":            {"pkg/document"},
	"pkg/leverage":           {},
	"pkg/charset":            {"pkg/document"},
	"pkg/format":             {"pkg/document"},
	"pkg/segment":            {"pkg/document"},
	"pkg/xliff":              {"pkg/document"},
	"pkg/xliff/xlifftest":    {"pkg/xliff"},
	"pkg/po":                 {"pkg/document"},
	"pkg/tmfile":             {"pkg/align", "pkg/document", "pkg/memory", "pkg/po", "pkg/segment", "pkg/xliff"},
	"pkg/glossary":           {"pkg/document", "pkg/finding"},
	"glossary":               {},
	"pkg/mt":                 {"pkg/document", "pkg/finding"},
	"pkg/mt/apertium":        {"pkg/mt", "pkg/document"},
	"pkg/mt/apy":             {"pkg/mt", "pkg/mt/remote"},
	"pkg/mt/apy/apytest":     {"internal/testenv"},
	"pkg/mt/mttest":          {"pkg/document", "pkg/mt"},
	"pkg/mt/remote":          {"pkg/mt"},
	"pkg/mt/deepl":           {"pkg/mt", "pkg/mt/remote"},
	"pkg/mt/deepl/deepltest": {},
	"pkg/mt/libretranslate":  {"pkg/mt", "pkg/mt/remote"},
	"pkg/mt/libretranslate/libretranslatetest": {},
	"pkg/mt/openai":                {"pkg/document", "pkg/mt", "pkg/mt/remote"},
	"pkg/mt/openai/openaitest":     {},
	"pkg/mtcache":                  {"pkg/document", "pkg/finding", "pkg/memory", "pkg/mt"},
	"pkg/termguard":                {"pkg/document", "pkg/finding", "pkg/glossary", "pkg/mt"},
	"pkg/typography":               {"pkg/document"},
	"pkg/format/plaintext":         {"pkg/document", "pkg/format"},
	"pkg/format/markdown":          {"pkg/document", "pkg/format"},
	"pkg/loader":                   {"pkg/document", "pkg/charset", "pkg/format", "pkg/format/markdown", "pkg/format/plaintext", "pkg/segment", "internal/fsutil"},
	"pkg/pipeline":                 {"pkg/document", "pkg/charset", "pkg/finding", "pkg/format", "pkg/glossary", "pkg/langid", "pkg/leverage", "pkg/loader", "pkg/memory", "pkg/mt", "pkg/qa", "pkg/report", "pkg/tmfile", "pkg/xliff", "internal/fsutil"},
	"pkg/report":                   {"pkg/document", "pkg/finding", "pkg/glossary", "pkg/leverage", "pkg/memory", "pkg/xliff"},
	"pkg/memory":                   {"pkg/document"},
	"pkg/memory/internal/sqlstore": {"pkg/document", "pkg/memory"},
	"pkg/memory/sqlite":            {"pkg/memory", "pkg/memory/internal/sqlstore"},
	"pkg/memory/postgres":          {"pkg/memory", "pkg/memory/internal/sqlstore"},
	"pkg/memory/postgres/pgtest":   {},
	"pkg/memory/memorytest":        {"pkg/document", "pkg/memory"},
	"bench/memory":                 {"pkg/document", "pkg/memory", "pkg/memory/sqlite"},
	"bench/lines":                  {"internal/linecheck"},
	"bench/chrf":                   {"internal/chrf"},
	"bench/terms":                  {"glossary", "pkg/glossary", "pkg/xliff"},
	"bench/align":                  {"pkg/align", "pkg/document", "pkg/loader"},
	"bench/realtm":                 {"internal/chrf", "pkg/document", "pkg/format/markdown", "pkg/segment"},
	"internal/chrf":                {},
	"internal/linecheck":           {},
	"pkg/langid":                   {},
	"pkg/align":                    {"pkg/document"},
	"pkg/qa":                       {"pkg/document", "pkg/finding", "pkg/glossary", "pkg/langid", "internal/suggest"},
	"pkg/qa/input":                 {"pkg/document", "pkg/align", "pkg/finding", "pkg/loader", "pkg/qa", "pkg/xliff", "internal/fsutil"},
	"internal/fsutil":              {},
	"internal/suggest":             {},
	"internal/iostreams":           {},
	"internal/testenv":             {},
	"internal/config":              {"pkg/document", "internal/suggest"},
	"internal/cli":                 {"*"},
	"cmd/relais":                   {"internal/cli", "internal/iostreams"},
}

func TestImportGraph(t *testing.T) {
	found := map[string]map[string]bool{}
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || (strings.HasPrefix(d.Name(), ".") && p != ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(p))
		if found[pkg] == nil {
			found[pkg] = map[string]bool{}
		}
		for _, imp := range f.Imports {
			ip, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(ip, module) {
				found[pkg][strings.TrimPrefix(ip, module)] = true
			}
		}
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, found)
	for pkg := range allowed {
		_, ok := found[pkg]
		assert.True(t, ok, "package %s is in the import table of deps_test.go but not in the module: take it out", pkg)
	}
	pkgs := make([]string, 0, len(found))
	for p := range found {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, pkg := range pkgs {
		rules, ok := allowed[pkg]
		if !assert.True(t, ok, "package %s is not in the import table of deps_test.go: add it with the packages it may import", pkg) {
			continue
		}
		if len(rules) == 1 && rules[0] == "*" {
			continue
		}
		for imp := range found[pkg] {
			ok := false
			for _, r := range rules {
				if ok, _ = path.Match(r, imp); ok {
					break
				}
			}
			assert.True(t, ok, "%s imports %s, against the direction of DESIGN.md", pkg, imp)
		}
		for _, r := range rules {
			assert.True(t, found[pkg][r], "%s may import %s but no longer does: take the edge out of the table", pkg, r)
		}
	}
}
