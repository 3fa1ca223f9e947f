package reader

import (
	"testing"

	"github.com/unoct/unoct/data/ref"
)

// TestLazyWords: the words a PDF's broken line ends are checked against
// are English words and the gazetteer's hyphenated place names.
func TestLazyWords(t *testing.T) {
	geo, err := ref.LoadGeo()
	if err != nil {
		t.Fatal(err)
	}
	w := &lazyWords{places: geo}
	for word, want := range map[string]bool{
		"compliant": true, "representatives": true, "resentatives": false,
		"anyang-si": true, "rights-compliant": false, "rep-resentatives": false,
	} {
		if got := w.Has(word); got != want {
			t.Errorf("Has(%q) = %v, want %v", word, got, want)
		}
	}
}
