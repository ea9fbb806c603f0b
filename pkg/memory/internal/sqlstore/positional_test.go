package sqlstore

import "testing"

func TestPositional(t *testing.T) {
	q := `INSERT INTO t (a, b) VALUES ($1, $2) ON CONFLICT (a) DO UPDATE SET b = $3 WHERE x = $10`
	if got := (Dialect{}).positional(q); got != q {
		t.Errorf("a dialect without Positional changed the statement: %s", got)
	}
	many := `VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`
	want := `VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	if got := (Dialect{Positional: true}).positional(many); got != want {
		t.Errorf("positional:\n got %s\nwant %s", got, want)
	}
	for _, bad := range []string{`VALUES ($1, $10, $2)`, `VALUES ($10, $1)`, `VALUES ($2, $1)`} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("positional accepted %s", bad)
				}
			}()
			(Dialect{Positional: true}).positional(bad)
		}()
	}
}
