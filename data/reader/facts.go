package reader

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/unoct/unoct/model"
)

var (
	kpiRE          = regexp.MustCompile(`\*\*\s*([\d,.]+)\s*(?:\+\s*)?([^*]+?)\s*\*\*`)
	sinceBoxRE     = regexp.MustCompile(`(?i)since\s+((?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4})`)
	compactNowRE   = regexp.MustCompile(`(?i)(?:participating|member)\s+entities\s+is\s+now\s+(\d+)`)
	compactSplitRE = regexp.MustCompile(`(?i)(\d+)\s+members\s+and\s+(\d+)\s+observers`)
	compactGathRE  = regexp.MustCompile(`(?i)(?:bringing together|comprises|comprising|of)\s+(\d+)\s+(?:UN\s+|United Nations\s+)?entities`)
	moneyRE        = regexp.MustCompile(`(?i)(?:US)?\$\s*([\d.,]+)\s*(million|billion)?\s+from\s+(\d+)\s+donors`)
)

// facts reads the figures of the reference sections and KPI boxes.
func (r *Reader) facts(secs []section) model.Facts {
	var f model.Facts
	var all strings.Builder
	for _, s := range secs {
		all.WriteString(s.heading)
		all.WriteString("\n")
		for _, b := range s.blocks {
			all.WriteString(b.text)
			all.WriteString("\n")
		}
	}
	text := all.String()
	for _, m := range kpiRE.FindAllStringSubmatch(text, -1) {
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
	if m := sinceBoxRE.FindStringSubmatch(text); m != nil {
		f.KPISince = m[1]
	}
	if m := compactNowRE.FindStringSubmatch(text); m != nil {
		f.CompactEntities = atoiPtr(m[1])
	} else if m := compactGathRE.FindStringSubmatch(text); m != nil {
		f.CompactEntities = atoiPtr(m[1])
	}
	if m := compactSplitRE.FindStringSubmatch(text); m != nil {
		f.CompactMembers, f.CompactObservers = atoiPtr(m[1]), atoiPtr(m[2])
	}
	if m := moneyRE.FindStringSubmatch(text); m != nil {
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
		sec, ok := r.rules.Section(s.heading)
		if !ok || !strings.Contains(strings.ToLower(sec.Name), "contributors") {
			continue
		}
		for _, b := range s.blocks {
			if !b.bullet {
				continue
			}
			name := strings.TrimRight(cleanInline(b.text), "* ")
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

func atoiPtr(s string) *int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil
	}
	return &n
}
