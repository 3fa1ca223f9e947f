package store

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// TestBuildRecordStrings writes recordstrings.txt, the table of strings
// that records name by place (record.go), from the activities of the
// store UNOCT_RECORD_STRINGS names (the benchmarks' 100,000 generated
// activities: `go run ./cmd/unoct-gen -activities 100000 -seed 1 -out
// DIR -db STORE`): every string that 20 of them or more have, but the
// texts, the documents' names and people's names, which are the
// corpus's own, the most frequent first (their places take one byte).
// It is skipped without the variable, and it writes a new table: only
// for a new record tag, since records name the entries of this one by
// place (TestRecordStrings_Frozen).
func TestBuildRecordStrings(t *testing.T) {
	path := os.Getenv("UNOCT_RECORD_STRINGS")
	if path == "" {
		t.Skip("UNOCT_RECORD_STRINGS names no store to build the table from")
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := map[string]int{}
	err = db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bActs).ForEach(func(_, v []byte) error {
			var a model.Activity
			if err := decodeActivity(v, &a); err != nil {
				return err
			}
			a.Text, a.Source.Document, a.People = "", "", nil
			if a.AsRead != nil {
				a.AsRead.People = nil
			}
			for _, s := range recordStringsOf(&a) {
				count[s]++
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	for s, n := range count {
		if n >= 20 && s != "" && !strings.ContainsAny(s, "\n\r") {
			list = append(list, s)
		}
	}
	slices.SortFunc(list, func(a, b string) int {
		return cmp.Or(count[b]-count[a], strings.Compare(a, b))
	})
	if err := os.WriteFile("recordstrings.txt", []byte(strings.Join(list, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d strings", len(list))
}

// recordStringsOf lists the strings a's record holds.
func recordStringsOf(a *model.Activity) []string {
	out := []string{a.Month, a.Section, string(a.Branch), string(a.Kind), a.Source.Document, a.Change, a.Series}
	for _, s := range a.Sessions {
		out = append(out, s.Start, s.End, s.Place, s.City, s.Country, s.Region)
	}
	for _, e := range a.Partners {
		out = append(out, e.Acronym, e.Short, e.Name, string(e.Kind))
	}
	for _, c := range a.Countries {
		out = append(out, c.Code, c.Name)
	}
	for _, ar := range a.Areas {
		out = append(out, ar.Name, ar.Kind)
	}
	for _, p := range a.Pillars {
		out = append(out, string(p.Pillar))
		out = append(out, p.Matched...)
	}
	out = append(out, a.People...)
	out = append(out, a.Regions...)
	out = append(out, a.Unknown...)
	return append(out, a.Corrected...)
}

// The table of strings is frozen: records name its entries by place, so
// that an entry changed or moved would decode every stored record
// naming it as another string. Entries may only be added at its end
// (then update recordStringsLines, not the hash).
const (
	recordStringsLines = 5543
	recordStringsHash  = "a3946e3796695886e49a24e645bc67c082b5b9fd0d2223bb204aecb6edf8c256"
)

func TestRecordStrings_Frozen(t *testing.T) {
	lines := strings.SplitAfter(recordStringsFile, "\n")
	if len(lines) < recordStringsLines {
		t.Fatalf("recordstrings.txt has %d lines, fewer than the %d records name", len(lines), recordStringsLines)
	}
	sum := sha256.Sum256([]byte(strings.Join(lines[:recordStringsLines], "")))
	if got := hex.EncodeToString(sum[:]); got != recordStringsHash {
		t.Fatalf("the first %d lines of recordstrings.txt changed (sha256 %s, want %s): stored records name them by place", recordStringsLines, got, recordStringsHash)
	}
}
