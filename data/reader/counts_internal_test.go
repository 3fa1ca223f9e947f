package reader

import (
	"strings"
	"testing"
)

// TestTrimWordPunct is strings.Trim with words' cut set.
func TestTrimWordPunct(t *testing.T) {
	for _, f := range []string{"", "a", "word", "word,", "(word)", "“quoted”", "‘x’", "'y'", "end.", "…", "é", "(é)", "“", ",", "1,200.", "[a]", "a\"", "—dash—", "x“", "“x"} {
		if got, want := trimWordPunct(f), strings.Trim(f, wordPunct); got != want {
			t.Errorf("trimWordPunct(%q) = %q, want %q", f, got, want)
		}
	}
}
