package reader

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/unoct/unoct/model"
)

var (
	fileMonthRE = lazyRegexp(`(?:^|[^0-9])((?:19|20|21)\d{2})[-_.]?(0[1-9]|1[0-2])(?:[^0-9]|$)`)
	monthWord   = `(January|February|March|April|May|June|July|August|September|October|November|December)`
	// titleRE is a title line naming the month: "February 2020",
	// "Highlights – July 2021", and, as documents of 2019 write it, with
	// up to three words after the year ("JULY 2019 IN REVIEW"). The
	// words after are letters only, so a sentence that quotes a date
	// ("launched in December 2018, it operates ...") is no title.
	titleRE = lazyRegexp(`(?i)^(?:[#*\s]*)(?:[A-Za-z&' ]+[ :|/\-–]+)?` + monthWord + `,?\s+((?:19|20|21)\d{2})\b(?:\s+[A-Za-z&']+){0,3}[*\s]*$`)
	// topTitleRE is the same in a document's first lines, where the
	// title stands, written more freely: words with digits and commas
	// before the month ("Highlights of the work of UNOCT, June 2021",
	// "Issue 6 | June 2021"), or the year first ("2021 JUNE
	// HIGHLIGHTS"; groups 3 and 4), and after it ("June 2021 | Monthly
	// Highlights").
	topTitleRE = lazyRegexp(`(?i)^[#*\s]*(?:[A-Za-z0-9&'’.,()]+(?:\s*[:|/\-–—]\s*|,?\s+)){0,8}?(?:` + monthWord + `,?\s+((?:19|20|21)\d{2})|((?:19|20|21)\d{2}),?\s+` + monthWord + `)\b(?:\s*[|:/\-–—]?\s*[A-Za-z&'’]+){0,3}[*\s]*$`)
	// sinceRE is the phrase that introduces the figures: "Since January
	// 2020", or "From January to July 2020" (2019 and 2020), whose
	// year is that of its second month (group 3, the first month in
	// group 2).
	sinceRE = lazyRegexp(`(?i)\b(?:since\s+` + monthWord + `|from\s+` + monthWord + `\s+(?:to|through|until|-|–)\s+` + monthWord + `)\s+((?:19|20|21)\d{2})\b`)
	// fileWordRE finds "Feb_2021", "february-2021" or "2021-February" in
	// a file name.
	fileWordRE = lazyRegexp(`(?i)(?:^|[^a-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[-_. ]?((?:19|20|21)\d{2})(?:[^0-9]|$)|((?:19|20|21)\d{2})[-_. ]?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*(?:[^a-z]|$)`)
)

// titleLines is how many of a document's first lines (not blank), above
// its first section's heading, may hold its title.
const titleLines = 4

// monthFromName finds a YYYY-MM (or YYYYMM) in a file name.
func monthFromName(name string) (time.Time, bool) {
	base := name
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	m := fileMonthRE().FindStringSubmatch(base)
	if m == nil {
		w := fileWordRE().FindStringSubmatch(base)
		if w == nil {
			return time.Time{}, false
		}
		mon, year := w[1], w[2]
		if mon == "" {
			mon, year = w[4], w[3]
		}
		y, _ := strconv.Atoi(year)
		return time.Date(y, time.Month(monthNames[strings.ToLower(mon)]), 1, 0, 0, 0, 0, time.UTC), true
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	return time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC), true
}

// ParseMonth reads a user's month, YYYY-MM, as model.ParseMonth reads
// months everywhere ("2020-02", also "2020/2" or "February 2020").
func ParseMonth(s string) (time.Time, error) {
	m, ok := model.ParseMonth(s)
	if !ok {
		return time.Time{}, fmt.Errorf("month %q is not YYYY-MM", s)
	}
	return time.Parse("2006-01", m)
}

// monthFromText infers the reporting month from the text, as
// EXTRACTION.md orders it: the month most date parentheses name, and the
// year from an explicit year in a date, else a "Month YYYY" title line,
// else a "since Month YYYY" phrase near the figures. Dates quoted in
// reference text (resolutions, founding dates) are not consulted: only
// activity parentheses count.
func monthFromText(lines []string, sessions [][]rawSession) (time.Time, string, bool) {
	votes := map[int]int{}
	years := map[int]int{}
	for _, ss := range sessions {
		for _, s := range ss {
			votes[s.start.month]++
			if s.end.month != s.start.month {
				votes[s.end.month]++
			}
			if s.start.year != 0 {
				years[s.start.year*100+s.start.month]++
			}
			if s.end.year != 0 {
				years[s.end.year*100+s.end.month]++
			}
		}
	}
	best, bestN := 0, 0
	for m := 1; m <= 12; m++ {
		if votes[m] > bestN {
			best, bestN = m, votes[m]
		}
	}
	// A title line "February 2020" or "Highlights – July 2021" gives both
	// month and year; it wins when the parentheses give no year.
	var titleY, titleM int
	for _, l := range lines {
		if m := titleRE().FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			titleM = monthNames[strings.ToLower(m[1])]
			titleY, _ = strconv.Atoi(m[2])
			break
		}
	}
	if titleY == 0 {
		top := 0
		for _, l := range lines {
			l = strings.TrimSpace(l)
			if l == "" || strings.HasPrefix(l, "<!--") {
				continue
			}
			if top++; top > titleLines || top > 1 && strings.HasPrefix(l, "##") {
				break // the title stands above the first section
			}
			if m := topTitleRE().FindStringSubmatch(l); m != nil {
				mon, year := m[1], m[2]
				if mon == "" {
					mon, year = m[4], m[3]
				}
				titleM = monthNames[strings.ToLower(mon)]
				titleY, _ = strconv.Atoi(year)
				break
			}
		}
	}
	if best == 0 {
		if titleY != 0 {
			return time.Date(titleY, time.Month(titleM), 1, 0, 0, 0, 0, time.UTC), "a title line", true
		}
		return time.Time{}, "", false
	}
	// Explicit years on the winning month, else any explicit year nearest
	// to it.
	year, yearN := 0, 0
	for ym, n := range years {
		if ym%100 == best && n > yearN {
			year, yearN = ym/100, n
		}
	}
	how := "the dates of its activities"
	if year == 0 {
		for ym, n := range years {
			if n > yearN {
				y, m := ym/100, ym%100
				// A neighbouring month's year, adjusted across New Year.
				switch {
				case m-best > 6:
					y++
				case best-m > 6:
					y--
				}
				year, yearN = y, n
			}
		}
	}
	if year == 0 && titleY != 0 {
		year, how = titleY, "a title line"
		if titleM != best {
			// The title names the month outright.
			return time.Date(titleY, time.Month(titleM), 1, 0, 0, 0, 0, time.UTC), how, true
		}
	}
	if year == 0 {
		for _, l := range lines {
			if m := sinceRE().FindStringSubmatch(l); m != nil {
				y, _ := strconv.Atoi(m[4])
				if m[1] == "" {
					// "From January to July 2020": the year of the
					// second month, which is the report's or near it.
					sm := monthNames[strings.ToLower(m[3])]
					if best-sm > 6 {
						y++
					} else if sm-best > 6 {
						y--
					}
					year, how = y, "a “"+strings.TrimSpace(m[0])+"” phrase"
					break
				}
				sm := monthNames[strings.ToLower(m[1])]
				if best < sm {
					y++ // "since November 2020" in a February report
				}
				year, how = y, "a “since "+m[1]+" "+m[4]+"” phrase"
				break
			}
		}
	}
	if year == 0 {
		return time.Time{}, "", false
	}
	return time.Date(year, time.Month(best), 1, 0, 0, 0, 0, time.UTC), how, true
}
