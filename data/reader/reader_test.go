package reader_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/unoct/unoct/data/keyscore"
	"github.com/unoct/unoct/data/reader"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var (
	rdOnce sync.Once
	rd     *reader.Reader
	rdErr  error
)

// mustReader builds the reader once for all tests.
func mustReader(t testing.TB) *reader.Reader {
	t.Helper()
	rdOnce.Do(func() { rd, rdErr = reader.Default() })
	if rdErr != nil {
		t.Fatal(rdErr)
	}
	return rd
}

// keyDocs pairs each answer key in testdata/highlights with its
// document: beside the key, or the embedded seed in data/highlights.
func keyDocs(t *testing.T) map[string]string {
	keys, _ := filepath.Glob("../../testdata/highlights/*.expected.json")
	holdout, _ := filepath.Glob("../../testdata/holdout*/*.expected.json")
	keys = append(keys, holdout...)
	if len(keys) == 0 {
		t.Fatal("no answer keys in testdata/highlights")
	}
	out := map[string]string{}
	for _, k := range keys {
		doc := strings.TrimSuffix(k, ".expected.json") + ".md"
		if _, err := os.Stat(doc); err != nil {
			doc = filepath.Join("..", "highlights", strings.TrimSuffix(filepath.Base(k), ".expected.json")+".md")
		}
		out[k] = doc
	}
	return out
}

// TestAnswerKeys reads every document that has an answer key and scores
// the result as the acceptance scorer does. The seed must score fully;
// the hand-written documents at least 97%, as documents of other years
// must, with every miss logged.
func TestAnswerKeys(t *testing.T) {
	r := mustReader(t)
	for keyPath, docPath := range keyDocs(t) {
		t.Run(filepath.Base(docPath), func(t *testing.T) {
			k, err := keyscore.Load(keyPath)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(docPath)
			if err != nil {
				t.Fatal(err)
			}
			res, err := r.Read(k.Document, raw, reader.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Document.Month != k.Month {
				t.Errorf("month %s, want %s (found from %s)", res.Document.Month, k.Month, res.MonthFrom)
			}
			fails, total := keyscore.Score(k, res.Activities)
			for _, f := range fails {
				t.Log(f)
			}
			got := 1 - float64(len(fails))/float64(total)
			t.Logf("%s: %d/%d checks (%.1f%%)", k.Document, total-len(fails), total, got*100)
			min := 0.97
			if filepath.Dir(docPath) == filepath.Join("..", "highlights") {
				min = 1
			}
			if got < min {
				t.Errorf("score %.1f%% below %.0f%%", got*100, min*100)
			}
		})
	}
}

// TestGolden compares the reader's full output for every test document
// with testdata/golden/<doc>.json; run with -update to accept changes.
func TestGolden(t *testing.T) {
	r := mustReader(t)
	for _, docPath := range keyDocs(t) {
		name := filepath.Base(docPath)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(docPath)
			if err != nil {
				t.Fatal(err)
			}
			res, err := r.Read(name, raw, reader.Options{})
			if err != nil {
				t.Fatal(err)
			}
			out := struct {
				Document   any `json:"document"`
				Activities any `json:"activities"`
				Problems   any `json:"problems"`
				Unknown    any `json:"unknown"`
			}{res.Document, res.Activities, res.Problems, res.Unknown}
			got, _ := json.MarshalIndent(out, "", "  ")
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".md")+".json")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./data/reader -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s; run go test ./data/reader -update and review the diff", golden)
			}
		})
	}
}
