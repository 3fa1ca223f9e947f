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

// TestMonthFromTitleAndFigures: with no YYYY-MM in the file name and no
// year in any date, the year comes from a title with words after the
// month, or from "From January to Month YYYY" near the figures; a
// sentence that quotes a date is no title.
func TestMonthFromTitleAndFigures(t *testing.T) {
	body := "\n## HIGHLIGHTS\n\n- UNOCT held a meeting (3 July, Vienna).\n- UNOCT held a workshop (9 July).\n"
	for head, want := range map[string]string{
		"# JULY 2019 IN REVIEW\n":                                              "2019-07",
		"**UNOCT HIGHLIGHTS | July 2020 in Review**":                           "2020-07",
		"From January to July 2018: 906 individuals trained in 38 workshops\n": "2018-07",
		"UNCCT – From January to July 2021:\n":                                 "2021-07",
		"# Highlights of the work of UNOCT, July 2021\n":                       "2021-07",
		"# UNOCT HIGHLIGHTS\n\nIssue 7 | July 2021\n":                          "2021-07",
		"# July 2021 | Monthly Highlights\n":                                   "2021-07",
		"# 2021 JULY HIGHLIGHTS\n":                                             "2021-07",
	} {
		res, err := mustReader(t).Read("review.md", []byte(head+body), reader.Options{})
		if err != nil {
			t.Errorf("%q: %v", head, err)
			continue
		}
		if res.Document.Month != want {
			t.Errorf("%q: month %s (from %s), want %s", head, res.Document.Month, res.MonthFrom, want)
		}
	}
	quote := "The Compact was launched by the Secretary-General in December 2018 and now counts many entities\n"
	// Below the title lines, a short line quoting a date is no title.
	late := "# UNOCT HIGHLIGHTS\n\n## MANDATE\n\nText.\n\nThe Compact, launched in December 2018\n"
	if res, err := mustReader(t).Read("review.md", []byte(late+body), reader.Options{}); err == nil {
		t.Errorf("a line quoting a date below the title gave the month %s (from %s); want a refusal", res.Document.Month, res.MonthFrom)
	}
	if res, err := mustReader(t).Read("review.md", []byte(quote+body), reader.Options{}); err == nil {
		t.Errorf("a sentence quoting a date gave the month %s (from %s); want a refusal", res.Document.Month, res.MonthFrom)
	}
}
