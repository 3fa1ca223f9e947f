package ref

import "testing"

// TestLoadWords: the list knows common words and the compounds' halves
// the decoder asks about, and not the fragments a line break leaves.
func TestLoadWords(t *testing.T) {
	ws, err := LoadWords()
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) < 70000 {
		t.Errorf("%d words, want the whole list", len(ws))
	}
	for _, w := range []string{"rights", "compliant", "representatives", "composed", "development", "programme", "organization"} {
		if !ws.Has(w) {
			t.Errorf("%q missing", w)
		}
	}
	for _, w := range []string{"resentatives", "ment", "tion", "rightscompliant"} {
		if ws.Has(w) {
			t.Errorf("%q is no word", w)
		}
	}
}

// BenchmarkLoadWords: what the word list adds to building a reader.
func BenchmarkLoadWords(b *testing.B) {
	for b.Loop() {
		if _, err := LoadWords(); err != nil {
			b.Fatal(err)
		}
	}
}
