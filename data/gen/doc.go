package gen

import (
	"fmt"
	"strings"
	"time"
)

// docWriter renders one document.
type docWriter struct {
	g    *Generator
	r    rnd
	y, m int // the reporting month
	idx  int
	b    strings.Builder
}

// section kinds.
const (
	secPL = iota
	secHL
	secCB
	secSPIB
	secPKMCB
	secTravel
	secVictims
)

var headings = map[int][]string{
	secPL:      {"POLITICAL LEADERSHIP"},
	secHL:      {"HIGHLIGHTS"},
	secCB:      {"CAPACITY-BUILDING", "CAPACITY BUILDING"},
	secSPIB:    {"SPECIAL PROJECTS & INNOVATION BRANCH", "SPECIAL PROJECTS AND INNOVATION BRANCH"},
	secPKMCB:   {"POLICY, KNOWLEDGE MANAGEMENT AND COORDINATION BRANCH"},
	secTravel:  {"GLOBAL PROGRAMME ON COUNTERING TERRORIST TRAVEL"},
	secVictims: {"VICTIMS OF TERRORISM SUPPORT"},
}

func (w *docWriter) document(n int) []byte {
	r := w.r
	counts := map[int]int{}
	left := n
	take := func(sec, k int) {
		k = min(k, left)
		counts[sec] += k
		left -= k
	}
	take(secPL, min(2+r.IntN(3), n/5))
	var extra = -1
	if n >= 10 && r.IntN(10) < 3 {
		extra = []int{secPKMCB, secTravel, secVictims}[r.IntN(3)]
		take(extra, 1+r.IntN(3))
	}
	take(secSPIB, left/4)
	take(secHL, left*2/5)
	take(secCB, left)

	w.b.WriteString(" \n\n\n\n")
	order := []int{secPL, secHL, secCB, secSPIB}
	if extra >= 0 {
		order = append(order, extra)
	}
	for _, sec := range order {
		k := counts[sec]
		if k == 0 {
			continue
		}
		fmt.Fprintf(&w.b, "## %s\n\n", pick(r, headings[sec]))
		if sec == secCB {
			w.kpis()
		}
		for i := range k {
			if i > 0 && r.IntN(3) == 0 {
				w.b.WriteString("\n\n\n") // the blank-line noise of PDF conversion
			}
			w.bullet(w.activity(sec))
		}
		w.b.WriteString("\n")
	}
	w.reference()
	return []byte(w.b.String())
}

// kpis writes the capacity-building figures box.
func (w *docWriter) kpis() {
	r := w.r
	trained := (w.m*(80+r.IntN(120)) + r.IntN(60))
	workshops := max(1, trained/(15+r.IntN(10)))
	fmt.Fprintf(&w.b, "UN COUNTER-TERRORISM CENTRE - Since January %d:\n\n\n\n**%s INDIVIDUALS  \nTRAINED**\n\n\n\n**%d WORKSHOPS  \nORGANIZED**\n\n\n\n",
		w.y, thousands(trained), workshops)
}

// bullet lays out one activity the ways converted PDFs do: on one line,
// wrapped, with its parenthesis on the next line or broken across two.
func (w *docWriter) bullet(text, paren string) {
	r := w.r
	switch k := r.IntN(100); {
	case k < 72:
		fmt.Fprintf(&w.b, "- %s (%s)\n", text, paren)
	case k < 80:
		fmt.Fprintf(&w.b, "- %s\n(%s)\n", text, paren)
	case k < 88:
		a, b := splitWords(r, text)
		fmt.Fprintf(&w.b, "- %s\n%s (%s)\n", a, b, paren)
	case k < 94:
		a, b := splitWords(r, text)
		fmt.Fprintf(&w.b, "- %s  \n%s  \n(%s)\n", a, b, paren)
	default:
		a, b := splitWords(r, paren)
		if b == "" {
			fmt.Fprintf(&w.b, "- %s (%s)\n", text, paren)
		} else {
			fmt.Fprintf(&w.b, "- %s (%s\n%s)\n", text, a, b)
		}
	}
}

// splitWords cuts s at a space near its middle, never before a word that
// would make the second line read as a bullet or a heading.
func splitWords(r rnd, s string) (string, string) {
	f := strings.Fields(s)
	if len(f) < 4 {
		return s, ""
	}
	at := len(f)/3 + r.IntN(len(f)/3+1)
	for at < len(f) && strings.IndexAny(f[at], "-–—*+#•") == 0 {
		at++
	}
	if at == len(f) {
		return s, ""
	}
	return strings.Join(f[:at], " "), strings.Join(f[at:], " ")
}

// reference writes the reference sections the seed ends with.
func (w *docWriter) reference() {
	r := w.r
	members := 36 + min(8, (w.y-2018)*2+w.m/6)
	observers := 5
	usd := 200 + float64(w.y-2018)*22 + float64(w.m)*1.7 + float64(r.IntN(10))/10
	donors := 28 + (w.y-2018)*2 + w.m/6
	fmt.Fprintf(&w.b, `## UN GLOBAL COUNTER-TERRORISM STRATEGY

**Pillar I**  
Addressing the condition conducive to the spread of terrorism

**Pillar II**  
Preventing and combating terrorism

**Pillar III**  
Building States' capacity and strengthen the role of the UN

**Pillar IV**  
Ensuring human rights and the rule of law

## UNOCT MANDATE

Established through GA resolution 71/291 on 15 June 2017, the Office has **5 functions**:

- **Provide leadership** on the GA counter-terrorism mandates entrusted to the Secretary-General from across the UN system;
- **Enhance coordination and coherence** across the Global Counter-Terrorism Compact entities to ensure the balanced implementation of the four pillars of the UN Global CT Strategy;
- **Strengthen delivery** of UN counter-terrorism capacity building assistance to Member States;
- **Improve visibility, advocacy and resource mobilization** for UN counter-terrorism efforts;
- **Ensure that due priority is given** to counter-terrorism across the UN system and that the important work on preventing violent extremism is firmly rooted in the Strategy.

 
To enhance **coordination and coherence**, the UN Global Counter-Terrorism Coordination Compact, which is a coordination framework bringing together %d entities (%d members and %d observers), was launched by the UN Secretary-General in December 2018. It operates through its Coordination Committee and 8 thematic Inter-Agency Working Groups, providing an "All-of-UN approach" to the system's work on counter-terrorism and preventing and countering violent extremism, as conducive to terrorism.

The Office provides most of its **capacity-building** support to Member States through the **UN Counter-Terrorism Centre (UNCCT)**, which was established by an initial contribution of the Kingdom of Saudi Arabia to the Counter-Terrorism Trust Fund in 2011. UNCCT has an Advisory Board composed of 21 Member States plus the European Union (EU) as a Guest Member.

## TOP CONTRIBUTORS TO UNOCT

UNOCT received contributions of \$%.1f million from %d donors through the Trust Fund for Counter-Terrorism (since its inception in 2009), and through other allocations. Overall the top donors to date are:

- European Union
- Japan
- Kingdom of Saudi Arabia
- Kingdom of the Netherlands\*
- Norway
- People's Republic of China\*\*
- Russian Federation
- State of Qatar
- Spain
- United States of America
- Other contributors



\* The Netherlands also provided in-kind contribution valued at \$11.5million in 2018.

\*\* Allocation from the UN Sub-Fund for Peace and Security

## UNOCT Office Structure
`, members+observers, members, observers, usd, donors)
}

// ---- dates ----

func monthName(m int) string { return time.Month(m).String() }

func daysIn(y, m int) int { return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// prevMonth and nextMonth step the reporting month.
func prevMonth(y, m int) (int, int) {
	if m == 1 {
		return y - 1, 12
	}
	return y, m - 1
}

func nextMonth(y, m int) (int, int) {
	if m == 12 {
		return y + 1, 1
	}
	return y, m + 1
}

func dash(r rnd) string {
	if r.IntN(2) == 0 {
		return "-"
	}
	return "–"
}

func spacedDash(r rnd) string {
	if r.IntN(2) == 0 {
		return " - "
	}
	return " – "
}

// dateForm is how the dates of a session are written.
type dateForm int

const (
	dfAny      dateForm = iota // any, with the frequencies of real documents
	dfDay                      // 7 February
	dfRange                    // 11-12 February, 23–24 June
	dfCross                    // 29 June – 1 July, 28 October - 3 November
	dfList                     // 8, 10 and 12 June; 1 and 3 June
	dfYear                     // 16 November 2020; 30 November - 2 December 2020
	dfLong                     // 14 December 2020 – 26 March 2021
	dfMonthDay                 // February 7; February 7, 2021
	dfFromTo                   // from 3 to 5 February
)

// dates writes one session's dates in the reporting month.
func (w *docWriter) dates(f dateForm) string {
	r, y, m := w.r, w.y, w.m
	dim := daysIn(y, m)
	mn := monthName(m)
	switch f {
	case dfRange:
		s := 1 + r.IntN(dim-4)
		return fmt.Sprintf("%d%s%d %s", s, dash(r), s+1+r.IntN(4), mn)
	case dfCross:
		if r.IntN(2) == 0 {
			py, pm := prevMonth(y, m)
			pd := daysIn(py, pm)
			s := pd - r.IntN(4)
			return fmt.Sprintf("%d %s%s%d %s", s, monthName(pm), spacedDash(r), 1+r.IntN(5), mn)
		}
		ny, nm := nextMonth(y, m)
		s := dim - r.IntN(4)
		out := fmt.Sprintf("%d %s%s%d %s", s, mn, spacedDash(r), 1+r.IntN(5), monthName(nm))
		if r.IntN(3) == 0 {
			out += fmt.Sprintf(" %d", ny) // "31 December - 3 January 2021" too
		}
		return out
	case dfList:
		k := 2 + r.IntN(2)
		days := make([]string, 0, k)
		d := 1 + r.IntN(dim/2)
		for range k {
			days = append(days, fmt.Sprint(d))
			d += 1 + r.IntN(4)
			if d > dim {
				break
			}
		}
		if len(days) == 1 {
			return days[0] + " " + mn
		}
		return strings.Join(days[:len(days)-1], ", ") + " and " + days[len(days)-1] + " " + mn
	case dfYear:
		if r.IntN(2) == 0 {
			return fmt.Sprintf("%d %s %d", 1+r.IntN(dim), mn, y)
		}
		s := 1 + r.IntN(dim-3)
		return fmt.Sprintf("%d%s%d %s %d", s, dash(r), s+1+r.IntN(3), mn, y)
	case dfLong:
		sy, sm := y, m
		for range 1 + r.IntN(4) {
			sy, sm = prevMonth(sy, sm)
		}
		return fmt.Sprintf("%d %s %d%s%d %s %d", 1+r.IntN(daysIn(sy, sm)), monthName(sm), sy, spacedDash(r), 1+r.IntN(dim), mn, y)
	case dfMonthDay:
		if r.IntN(2) == 0 {
			return fmt.Sprintf("%s %d", mn, 1+r.IntN(dim))
		}
		return fmt.Sprintf("%s %d, %d", mn, 1+r.IntN(dim), y)
	case dfFromTo:
		s := 1 + r.IntN(dim-4)
		return fmt.Sprintf("from %d to %d %s", s, s+1+r.IntN(4), mn)
	}
	return fmt.Sprintf("%d %s", 1+r.IntN(dim), mn)
}

// anyDateForm draws a date form with the frequencies of real documents.
func anyDateForm(r rnd) dateForm {
	switch k := r.IntN(100); {
	case k < 50:
		return dfDay
	case k < 76:
		return dfRange
	case k < 83:
		return dfCross
	case k < 88:
		return dfList
	case k < 94:
		return dfYear
	case k < 96:
		return dfLong
	case k < 98:
		return dfMonthDay
	default:
		return dfFromTo
	}
}

// ---- numbers ----

func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 1000 {
		return s
	}
	var parts []string
	for len(s) > 3 {
		parts = append([]string{s[len(s)-3:]}, parts...)
		s = s[:len(s)-3]
	}
	return strings.Join(append([]string{s}, parts...), ",")
}

var smallWords = []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}
var tensWords = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}

func inWords(n int) string {
	switch {
	case n <= 20:
		return smallWords[n]
	case n%10 == 0:
		return tensWords[n/10]
	}
	return tensWords[n/10] + "-" + smallWords[n%10]
}

// headcount writes a number of people the ways documents do: digits,
// with thousands separators, in words, or approximately.
func headcount(r rnd, lo, hi int) string {
	n := lo + r.IntN(hi-lo+1)
	switch k := r.IntN(100); {
	case k < 60:
		return thousands(n)
	case k < 70 && n < 100:
		return inWords(n)
	case k < 75:
		return thousands(1000 + r.IntN(2000))
	default:
		n = (n + 9) / 10 * 10
		return pick(r, []string{"over", "some", "more than", "nearly", "approximately", "around"}) + " " + thousands(n)
	}
}

func capFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func pick[T any](r rnd, xs []T) T { return xs[r.IntN(len(xs))] }
