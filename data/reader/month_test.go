package reader_test

import (
	"testing"

	"github.com/unoct/unoct/data/reader"
)

// TestParseMonth: a user's --month reads as months read everywhere else
// (model.ParseMonth), and what is no month is refused.
func TestParseMonth(t *testing.T) {
	for in, want := range map[string]string{"2020-02": "2020-02", " 2021-11 ": "2021-11", "2020/2": "2020-02", "February 2020": "2020-02"} {
		m, err := reader.ParseMonth(in)
		if err != nil || m.Format("2006-01") != want {
			t.Errorf("ParseMonth(%q) = %v, %v; want %s", in, m, err, want)
		}
	}
	for _, in := range []string{"", "2021-13", "2020", "2020-00", "next month"} {
		if m, err := reader.ParseMonth(in); err == nil {
			t.Errorf("ParseMonth(%q) = %v, want an error", in, m)
		}
	}
}
