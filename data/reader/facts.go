package reader

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/unoct/unoct/data/reader/decode"
	"github.com/unoct/unoct/model"
)

var (
	// kpiRE is a KPI box in bold, its figure and its label ("**234
	// INDIVIDUALS TRAINED**"); a figure alone in bold ("**640**
	// individuals trained") has no label to split off it.
	kpiRE      = lazyRegexp(`\*\*\s*([\d,.]+)\s*(?:\+\s*)?([A-Za-z][^*]*?)\s*\*\*`)
	sinceBoxRE = lazyRegexp(`(?i)since\s+((?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4})`)
	// fromBoxRE is the same in the words of 2019 and 2020: "From
	// January to July 2020", the figures counted since January 2020.
	fromBoxRE = lazyRegexp(`(?i)from\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:to|through|until|-|–)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})`)
	// trainedRE and workshopsRE read a figure line written as a
	// sentence, as documents of 2019 and 2020 give the KPIs: "906
	// individuals trained in 38 workshops", "38 workshops organized".
	trainedRE = lazyRegexp(`(?i)(\d[\d,]*)\s+(?:individuals|participants|people|persons|officials|trainees)\s+(?:were\s+|have\s+been\s+)?trained\b(?:\s+(?:in|through|at|during|across)\s+(\d[\d,]*)\s+(?:capacity[- ]building\s+|training\s+)?(?:workshops|trainings|events|activities|sessions))?`)
	// trainedFirstRE is the verb first: "UNCCT trained 906 individuals
	// in 38 workshops".
	trainedFirstRE = lazyRegexp(`(?i)trained\s+(\d[\d,]*)\s+(?:individuals|participants|people|persons|officials|trainees)\b(?:\s+(?:in|through|at|during|across)\s+(\d[\d,]*)\s+(?:capacity[- ]building\s+|training\s+)?(?:workshops|trainings|events|activities|sessions))?`)
	// figureLineRE is a block that is only figures: "906 individuals
	// trained in 38 workshops", "From January to July 2020: 906
	// individuals trained". Written as a bullet, it is still a figure,
	// not an activity.
	figureLineRE   = lazyRegexp(`(?i)^(?:(?:UNCCT|since|from)\b[^:.]{0,60}:\s*)?\d[\d,]*\s+(?:(?:individuals|participants|people|persons|officials|trainees)\s+(?:were\s+|have\s+been\s+)?trained|(?:capacity[- ]building\s+|training\s+)?workshops\s+(?:were\s+|have\s+been\s+)?(?:organized|organised|held|delivered|conducted))\b`)
	workshopsRE    = lazyRegexp(`(?i)(\d[\d,]*)\s+(?:capacity[- ]building\s+|training\s+)?workshops\s+(?:were\s+|have\s+been\s+)?(?:organized|organised|held|delivered|conducted)`)
	compactNowRE   = lazyRegexp(`(?i)(?:participating|member)\s+entities\s+is\s+now\s+(\d+)`)
	compactSplitRE = lazyRegexp(`(?i)(\d+)\s+members\s+and\s+(\d+)\s+observers`)
	compactGathRE  = lazyRegexp(`(?i)(?:bringing together|comprises|comprising|of)\s+(\d+)\s+(?:UN\s+|United Nations\s+)?entities`)
	moneyRE        = lazyRegexp(`(?i)(?:US)?\$\s*([\d.,]+)\s*(million|billion)?\s+from\s+(\d+)\s+donors`)
)

// lazyRegexp compiles expr the first time it is used: compiled at
// start, the reader's expressions cost every command, the read-only ones
// too, a few milliseconds before main.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// facts reads the figures of the reference sections and KPI boxes.
func (r *Reader) facts(secs []decode.Section) model.Facts {
	var f model.Facts
	var all strings.Builder
	for _, s := range secs {
		all.WriteString(s.Heading)
		all.WriteString("\n")
		for _, b := range s.Blocks {
			all.WriteString(b.Text)
			all.WriteString("\n")
		}
	}
	text := all.String()
	for _, m := range kpiRE().FindAllStringSubmatch(text, -1) {
		n, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
		if err != nil {
			continue
		}
		label := strings.ToLower(strings.Join(strings.Fields(m[2]), " "))
		if strings.HasPrefix(label, "functions") || strings.HasPrefix(label, "million") {
			continue
		}
		v := int(n)
		switch {
		case strings.Contains(label, "trained"):
			f.IndividualsTrained = &v
		case strings.Contains(label, "workshop"):
			f.WorkshopsOrganized = &v
		default:
			if f.Other == nil {
				f.Other = map[string]float64{}
			}
			f.Other[label] = n
		}
	}
	lower := asciiLower(text)
	if m := findFrom(sinceBoxRE(), text, lower, "ince"); m != nil {
		f.KPISince = m[1]
	}
	// The words of 2019 and 2020 ("From January to July 2020: 906
	// individuals trained in 38 workshops") stand in the paragraphs,
	// or in a bullet that is only figures: a bullet that trained people
	// is an activity, not the year's total.
	if f.KPISince == "" || f.IndividualsTrained == nil || f.WorkshopsOrganized == nil {
		var paras strings.Builder
		for _, s := range secs {
			for _, b := range s.Blocks {
				if t := decode.CleanInline(b.Text); !b.Bullet || isFigureLine(t) {
					paras.WriteString(t)
					paras.WriteString("\n")
				}
			}
		}
		ptext := paras.String()
		plower := asciiLower(ptext)
		if m := findFrom(fromBoxRE(), ptext, plower, "from"); m != nil && f.KPISince == "" {
			f.KPISince = m[1] + " " + m[2]
		}
		m := findFrom(trainedRE(), ptext, plower, "trained")
		if m == nil {
			m = findFrom(trainedFirstRE(), ptext, plower, "trained")
		}
		if m != nil {
			if f.IndividualsTrained == nil {
				f.IndividualsTrained = atoiPtr(strings.ReplaceAll(m[1], ",", ""))
			}
			if f.WorkshopsOrganized == nil && m[2] != "" {
				f.WorkshopsOrganized = atoiPtr(strings.ReplaceAll(m[2], ",", ""))
			}
		}
		if f.WorkshopsOrganized == nil {
			if m := findFrom(workshopsRE(), ptext, plower, "workshop"); m != nil {
				f.WorkshopsOrganized = atoiPtr(strings.ReplaceAll(m[1], ",", ""))
			}
		}
	}
	if m := findFrom(compactNowRE(), text, lower, "now"); m != nil {
		f.CompactEntities = atoiPtr(m[1])
	} else if m := findFrom(compactGathRE(), text, lower, "entitie"); m != nil {
		f.CompactEntities = atoiPtr(m[1])
	}
	if m := findFrom(compactSplitRE(), text, lower, "erver"); m != nil {
		f.CompactMembers, f.CompactObservers = atoiPtr(m[1]), atoiPtr(m[2])
	}
	if m := findFrom(moneyRE(), text, lower, "donor"); m != nil {
		if v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64); err == nil {
			switch strings.ToLower(m[2]) {
			case "million":
				v *= 1e6
			case "billion":
				v *= 1e9
			}
			f.ContributionsUSD = &v
		}
		f.Donors = atoiPtr(m[3])
	}
	// Top donors: the bullets of the contributors section.
	for _, s := range secs {
		sec, ok := r.rules.Section(s.Heading)
		if !ok || !strings.Contains(strings.ToLower(sec.Name), "contributors") {
			continue
		}
		for _, b := range s.Blocks {
			if !b.Bullet {
				continue
			}
			name := strings.TrimRight(decode.CleanInline(b.Text), "* ")
			if strings.HasPrefix(strings.ToLower(name), "other") {
				continue
			}
			if c, ok := r.geo.CountryByName(name); ok {
				name = c.Name
			}
			f.TopDonors = append(f.TopDonors, name)
		}
	}
	return f
}

// isFigureLine reports whether a block's plain text is only figures
// (see figureLineRE). A block with a date parenthesis is an activity.
func isFigureLine(text string) bool {
	if len(text) > 200 || text == "" || strings.HasSuffix(strings.TrimRight(text, " ."), ")") {
		return false
	}
	// Most blocks start with a word and hold no colon: no regexp then.
	if c := text[0]; (c < '0' || c > '9') && !strings.Contains(text[:min(len(text), 80)], ":") {
		return false
	}
	return figureLineRE().MatchString(text)
}

// findFrom is re.FindStringSubmatch(text) for a case-insensitive re
// whose every match holds lit (lower case, without k or s, the letters
// whose case folds reach beyond ASCII), on the lines of text that hold
// lit: a figure never spans two paragraphs. Scanning a whole document
// with a case-insensitive regexp is slow (it has no literal prefix to
// skip to); finding lit is not. lower is asciiLower(text).
func findFrom(re *regexp.Regexp, text, lower, lit string) []string {
	for from := 0; from < len(text); {
		i := strings.Index(lower[from:], lit)
		if i < 0 {
			return nil
		}
		i += from
		start := strings.LastIndexByte(text[:i], '\n') + 1
		end := len(text)
		if j := strings.IndexByte(text[i:], '\n'); j >= 0 {
			end = i + j
		}
		if m := re.FindStringSubmatch(text[start:end]); m != nil {
			return m
		}
		from = end + 1
	}
	return nil
}

// asciiLower lower-cases ASCII letters only, so that byte offsets in the
// result are offsets in s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func atoiPtr(s string) *int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil
	}
	return &n
}
