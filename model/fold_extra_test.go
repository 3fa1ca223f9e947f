package model

import "testing"

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"Côte d’Ivoire", "cote d ivoire"},
		{"Côte d'Ivoire", "cote d ivoire"},
		{"Cote d'Ivoire", "cote d ivoire"},
		{"Counter-Terrorism", "counter terrorism"},
		{"Bosnia & Herzegovina", "bosnia and herzegovina"},
		{"Bosnia&Herzegovina", "bosnia and herzegovina"},
		{"Türkiye", "turkiye"},
		{"  The   UK. ", "the uk"},
		{"U.S.", "u s"},
		{"Burkinabè", "burkinabe"},
		{"São Tomé and Príncipe", "sao tome and principe"},
		{"Łódź", "lodz"},
		{"Đà Nẵng", "da nang"},
		{"Straße", "strasse"},
		{"Føroyar", "foroyar"},
		{"Nukuʻalofa", "nuku alofa"},
		{"O‘zbekiston", "o zbekiston"},
		{"ＵＮＯＣＴ", "unoct"}, // full-width forms (NFKD)
		{"(10-14 February, Bamako; 17-21 February)", "10 14 february bamako 17 21 february"},
		{"N’Djamena", "n djamena"},
		{"already folded", "already folded"},
		{"Αθήνα", "αθηνα"}, // other scripts keep their letters
		{"Café & Co", "cafe and co"},
		{"&", "and"},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := Fold(Fold(tc.in)); got != tc.want {
			t.Errorf("Fold(Fold(%q)) = %q, want %q (not idempotent)", tc.in, got, tc.want)
		}
	}
}

func BenchmarkFoldASCII(b *testing.B) {
	for b.Loop() {
		Fold("UNOCT and the Government of Burkina Faso held a workshop (10-14 February, Ouagadougou)")
	}
}

func BenchmarkFoldUnicode(b *testing.B) {
	for b.Loop() {
		Fold("UNOCT and the Government of Côte d’Ivoire held a workshop (10-14 February, Yamoussoukro)")
	}
}
