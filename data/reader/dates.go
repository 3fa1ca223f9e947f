package reader

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// rawDate is a day, month and year as written; zero means not given.
type rawDate struct{ day, month, year int }

// rawSession is one session before the document's month is known.
type rawSession struct {
	start, end rawDate
	place      string
}

// dateTok is one token of a date expression.
type dateTok struct {
	kind  byte // 'd' day, 'm' month, 'y' year, '-' range, ',' list
	value int
}

var monthNames = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

// lexDate reads the date expression at the start of s. It returns the
// tokens and the rest of s (the place). ok is false when s does not start
// with a date. Besides days, months and years, a date holds the words of
// datewords.tsv: "3 to 5 June", "1 and 3 June", "throughout June".
func (r *Reader) lexDate(s string) (toks []dateTok, rest string, ok bool) {
	i := 0
	end := 0 // byte offset after the last date token
	for i < len(s) {
		c := rune(s[i])
		switch {
		case c == ' ' || c == '\u00a0':
			i++
			continue
		case c == ',' || c == '&':
			toks = append(toks, dateTok{kind: ','})
			i++
			continue
		case c == '-' || c == '/':
			toks = append(toks, dateTok{kind: '-'})
			i++
			continue
		case strings.HasPrefix(s[i:], "–") || strings.HasPrefix(s[i:], "—") || strings.HasPrefix(s[i:], "‑"):
			toks = append(toks, dateTok{kind: '-'})
			i += 3
			continue
		}
		j := i
		for j < len(s) {
			c, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '.' {
				break
			}
			j += size
		}
		if j == i { // a rune we do not read as date: the place starts here
			break
		}
		w := strings.TrimSuffix(s[i:j], ".")
		lw := strings.ToLower(w)
		if n, ok := atoi(w); ok {
			switch {
			case n >= 1 && n <= 31:
				toks = append(toks, dateTok{'d', n})
			case n >= 1900 && n <= 2199:
				toks = append(toks, dateTok{'y', n})
			default:
				return nil, s, false
			}
		} else if d, ok := ordinal(lw); ok {
			toks = append(toks, dateTok{'d', d})
		} else if m, ok := monthNames[lw]; ok {
			toks = append(toks, dateTok{'m', m})
		} else if r.cues.dateList[lw] || r.cues.dateRange[lw] || r.cues.dateFiller[lw] {
			// A joining or filler word belongs to the date only when a
			// date follows it: "(24 September, The Hague)" is a place.
			if r.cues.dateList[lw] {
				toks = append(toks, dateTok{kind: ','})
			} else if r.cues.dateRange[lw] {
				toks = append(toks, dateTok{kind: '-'})
			}
			i = j
			continue
		} else {
			break
		}
		i = j
		end = j
	}
	// Trailing separators belong to neither the date nor the place.
	for len(toks) > 0 && (toks[len(toks)-1].kind == ',' || toks[len(toks)-1].kind == '-') {
		toks = toks[:len(toks)-1]
	}
	hasMonth := false
	for _, t := range toks {
		if t.kind == 'm' {
			hasMonth = true
		}
	}
	if !hasMonth {
		return nil, s, false
	}
	rest = strings.TrimLeft(s[end:], " ,;:–-")
	return toks, strings.TrimSpace(rest), true
}

func ordinal(w string) (int, bool) {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(w, suf) {
			if n, ok := atoi(strings.TrimSuffix(w, suf)); ok && n >= 1 && n <= 31 {
				return n, true
			}
		}
	}
	return 0, false
}

// dateItem is a single date or a range within a date expression.
type dateItem struct {
	start, end rawDate
	isRange    bool
}

// parseDates turns date tokens into items: "8, 10 and 12 June" gives
// three single days, "30 March - 2 April" one range, "1-3 and 5 June" a
// range and a day. A month or year written once applies to the items
// before it that lack one ("11-12 February"), and a year-only item joins
// the item before it ("February 7, 2021").
func parseDates(toks []dateTok) ([]dateItem, error) {
	// Split into list items at ',' and build each as date [- date].
	var items []dateItem
	var cur []dateTok
	flush := func() error {
		if len(cur) == 0 {
			return nil
		}
		var parts [][]dateTok
		part := []dateTok{}
		for _, t := range cur {
			if t.kind == '-' {
				parts = append(parts, part)
				part = []dateTok{}
				continue
			}
			part = append(part, t)
		}
		parts = append(parts, part)
		cur = nil
		switch len(parts) {
		case 1:
			d, err := oneDate(parts[0])
			if err != nil {
				return err
			}
			if d.day == 0 && d.month == 0 && d.year != 0 && len(items) > 0 {
				// "February 7, 2021": the year belongs to the item before.
				last := &items[len(items)-1]
				if last.end.year == 0 {
					last.end.year = d.year
				}
				return nil
			}
			items = append(items, dateItem{start: d, end: d})
		case 2:
			a, err := oneDate(parts[0])
			if err != nil {
				return err
			}
			b, err := oneDate(parts[1])
			if err != nil {
				return err
			}
			items = append(items, dateItem{start: a, end: b, isRange: true})
		default:
			return fmt.Errorf("a date range has more than two ends")
		}
		return nil
	}
	for _, t := range toks {
		if t.kind == ',' {
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		}
		cur = append(cur, t)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	// Which starts have no year written: one carried to them across New
	// Year ("31 December - 3 January 2021") belongs to the year before.
	noYear := make([]bool, len(items))
	for i, it := range items {
		noYear[i] = it.start.year == 0
	}
	// Carry months and years leftwards: each end takes what the next
	// written date gives.
	var month, year int
	for i := len(items) - 1; i >= 0; i-- {
		it := &items[i]
		for _, d := range []*rawDate{&it.end, &it.start} {
			if d.month == 0 {
				d.month = month
			} else {
				month = d.month
			}
			if d.year == 0 {
				d.year = year
			} else {
				year = d.year
			}
		}
	}
	// US style writes the month first ("November 15-16"): what is still
	// missing takes the month written before it.
	month, year = 0, 0
	for i := range items {
		it := &items[i]
		for _, d := range []*rawDate{&it.start, &it.end} {
			if d.month == 0 {
				d.month = month
			} else {
				month = d.month
			}
		}
	}
	for i := range items {
		it := &items[i]
		if noYear[i] && it.isRange && it.start.year != 0 && it.start.year == it.end.year && it.start.month > it.end.month {
			it.start.year--
		}
	}
	for _, it := range items {
		if it.start.month == 0 || it.end.month == 0 {
			return nil, fmt.Errorf("a date without a month")
		}
	}
	return items, nil
}

// oneDate reads "7 February", "February 7", "7 February 2021" or a month
// alone ("February": the whole month).
func oneDate(ts []dateTok) (rawDate, error) {
	var d rawDate
	for _, t := range ts {
		switch t.kind {
		case 'd':
			if d.day != 0 {
				return d, fmt.Errorf("two days in one date")
			}
			d.day = t.value
		case 'm':
			if d.month != 0 {
				return d, fmt.Errorf("two months in one date")
			}
			d.month = t.value
		case 'y':
			d.year = t.value
		}
	}
	return d, nil
}

// parseParen reads a final parenthesis into sessions. Sessions are
// separated by ';'. Each is "date, place"; "place, date" is read too.
func (r *Reader) parseParen(inner string) ([]rawSession, error) {
	var out []rawSession
	for _, part := range strings.Split(inner, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		toks, place, ok := r.lexDate(part)
		if !ok {
			// "New York, 7 February": try the date after the last comma.
			if i := strings.LastIndexByte(part, ','); i > 0 {
				if t2, rest, ok2 := r.lexDate(strings.TrimSpace(part[i+1:])); ok2 && rest == "" {
					toks, place, ok = t2, strings.TrimSpace(part[:i]), true
				}
			}
		}
		if !ok {
			return nil, fmt.Errorf("%q has no date", part)
		}
		items, err := parseDates(toks)
		if err != nil {
			return nil, fmt.Errorf("%q: %v", part, err)
		}
		for _, it := range items {
			out = append(out, rawSession{start: it.start, end: it.end, place: place})
		}
		// A later session without a place takes the place of the one
		// before it ("1 June; 3 June, Vienna" is unusual but "1 June,
		// Vienna; 3 June" means Vienna again).
	}
	for i := range out {
		if out[i].place == "" && i > 0 {
			out[i].place = out[i-1].place
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty parenthesis")
	}
	return out, nil
}

// resolve gives a raw date its year from the reporting month when the
// text gives none: the year that puts the date nearest the month.
func resolveYear(d rawDate, month time.Time) rawDate {
	if d.year != 0 {
		return d
	}
	y := month.Year()
	diff := d.month - int(month.Month())
	switch {
	case diff > 6:
		y--
	case diff < -6:
		y++
	}
	d.year = y
	return d
}

// dateString checks a date and formats it as YYYY-MM-DD. A day of 0
// means the first (or, for the end of a range, the last) day of the month.
func dateString(d rawDate, end bool) (string, error) {
	days := daysIn(d.year, d.month)
	day := d.day
	if day == 0 {
		day = 1
		if end {
			day = days
		}
	}
	if d.month < 1 || d.month > 12 || day > days {
		return "", fmt.Errorf("%d %s %d is not a date", day, time.Month(max(1, min(12, d.month))), d.year)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, day), nil
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
