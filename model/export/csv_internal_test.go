package export

import (
	"testing"
	"unicode/utf8"

	"github.com/unoct/unoct/model"
)

// inertAlready says a string is inert exactly when model.Inert gives it
// back unchanged: every rune between two letters, and escape sequences,
// invalid UTF-8 and the cells of a listing.
func TestInertAlready(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if inertAlready(s) && model.Inert(s) != s {
			t.Errorf("%q: taken as inert, but Inert makes it %q", s, model.Inert(s))
		}
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		check("a" + string(r) + "b")
		check(string(r))
	}
	for _, s := range []string{
		"", "Côte d'Ivoire", "UNOCT – UNCCT", "\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "\u009b31m",
		"bad \xff utf8", "\xe2\x82", "\xc3", "tab\there", "line\nbreak", "\u202eevil", "zero\u200bwidth",
		"\ufeffbom", "\u00adsoft", "a\u2028b", "\U000e0041tag", "\ufffd", "=SUM(A1)", "-12.5", "Ελλάδα", "中国",
	} {
		check(s)
	}
	// And it is not too cautious: plain text and the names of a listing
	// take the fast path.
	for _, s := range []string{"Côte d'Ivoire", "UNOCT – UNCCT", "Ελλάδα", "São Tomé and Príncipe", "Türkiye", "“quoted”"} {
		if !inertAlready(s) {
			t.Errorf("%q: not taken as inert", s)
		}
	}
}

// printableASCII8 agrees with a byte at a time on every byte value in
// every position, next to printable and unprintable neighbours.
func TestPrintableASCII8(t *testing.T) {
	for pos := range 8 {
		for _, fill := range []byte{'a', ' ', '~', 0x00, 0x7f, 0x80, 0xff, 0x1f} {
			for c := range 256 {
				var b [8]byte
				for i := range b {
					b[i] = fill
				}
				b[pos] = byte(c)
				want := true
				var x uint64
				for i, v := range b {
					want = want && v >= 0x20 && v < 0x7f
					x |= uint64(v) << (8 * i)
				}
				if got := printableASCII8(x); got != want {
					t.Fatalf("% x: %v, want %v", b, got, want)
				}
			}
		}
	}
}
