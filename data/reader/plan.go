package reader

import (
	"strings"

	"github.com/unoct/unoct/data/reader/decode"
	"github.com/unoct/unoct/data/ref"
	"github.com/unoct/unoct/model"
)

// planned is a bullet chosen as an activity, with its section.
type planned struct {
	line    int
	text    string // the bullet without its final parenthesis
	inner   string // the final parenthesis's content, "" when none
	section string
	branch  model.Branch // the section's branch, "" when actor and subject decide
	// subject is the branch the words of a heading that names no branch
	// give by subject ("GLOBAL PROGRAMME ON SECURITY OF MAJOR SPORTING
	// EVENTS": SPIB), "" when they give none: the branch of a bullet
	// whose own words give none ("The Programme launched its course").
	subject model.Branch
}

// plan picks the activity sections and their bullets. A known heading
// says what its section is; an unknown one is an activity section when
// most of its bullets end in a parenthesis that reads as sessions, the
// shape EXTRACTION.md gives for activities.
func (r *Reader) plan(secs []decode.Section) []planned {
	secs = r.splitAtHeadings(secs)
	var out []planned
	for _, s := range secs {
		var bullets []decode.Block
		for _, b := range s.Blocks {
			// A figure written as a bullet ("- 906 individuals trained
			// in 38 workshops") is a document fact, not an activity;
			// a label ("- Other contributors", "- Japan") is no
			// sentence, so no activity either.
			if text := decode.CleanInline(b.Text); b.Bullet && !isFigureLine(text) && !isLabel(text) {
				bullets = append(bullets, b)
			}
		}
		if len(bullets) == 0 {
			continue
		}
		known, isKnown := r.section(s.Heading)
		if isKnown && !known.Activity {
			continue
		}
		dated := 0
		var items []planned
		for _, b := range bullets {
			text := decode.CleanInline(b.Text)
			p := planned{line: b.Line, text: text}
			if t, inner, ok := decode.FinalParen(text); ok {
				if _, err := r.parseParen(inner); err == nil {
					dated++
				}
				if r.looksLikeSessions(inner) {
					p.text, p.inner = t, inner
				}
			}
			items = append(items, p)
		}
		if !isKnown && dated*2 <= len(bullets) {
			continue
		}
		name, branch := r.sectionTitle(s.Heading), model.Branch("")
		if isKnown {
			name, branch = known.Name, known.Branch
		} else if b, ok := r.headingBranch(s.Heading); ok {
			branch = b
		}
		subject := r.subjectOf(tokenize(s.Heading))
		for i := range items {
			items[i].section, items[i].branch, items[i].subject = name, branch, subject
		}
		out = append(out, items...)
	}
	return out
}

// splitAtHeadings starts a section at every paragraph that is only a
// known heading: converters mark headings in capitals ("## HIGHLIGHTS",
// "**HIGHLIGHTS**") but leave one in title case or plain text
// ("**Capacity-Building**") a paragraph, whose bullets would otherwise
// read as the section's before it. Only known headings count, so a
// sentence is never taken for one.
func (r *Reader) splitAtHeadings(secs []decode.Section) []decode.Section {
	var out []decode.Section // nil until a split: most documents have none
	for si, s := range secs {
		cur := s
		split := false
		for bi := 0; bi < len(cur.Blocks); bi++ {
			b := cur.Blocks[bi]
			if b.Bullet || len(b.Text) > maxSectionLen || strings.ContainsAny(b.Text, "0123456789.") {
				continue // a heading has no figures and no sentence
			}
			h := strings.Trim(decode.CleanInline(b.Text), " :")
			if _, ok := r.section(h); !ok {
				continue
			}
			if out == nil {
				out = append([]decode.Section{}, secs[:si]...)
			}
			if bi > 0 || cur.Heading != "" || cur.Line != 0 {
				out = append(out, decode.Section{Heading: cur.Heading, Line: cur.Line, Blocks: cur.Blocks[:bi]})
			}
			cur = decode.Section{Heading: h, Line: b.Line, Blocks: cur.Blocks[bi+1:]}
			bi = -1
			split = true
		}
		if out != nil || split {
			out = append(out, cur)
		}
	}
	if out == nil {
		return secs
	}
	return out
}

// section finds the known section a heading names, also when the
// heading adds its branch's acronym in a parenthesis ("UN
// Counter-Terrorism Centre (UNCCT)", "Political Leadership (USG)").
func (r *Reader) section(h string) (ref.Section, bool) {
	if s, ok := r.rules.Section(h); ok {
		return s, true
	}
	if t, _, ok := decode.FinalParen(h); ok && t != "" && t != h {
		return r.rules.Section(t)
	}
	return ref.Section{}, false
}

// looksLikeSessions reports whether a parenthesis holds a date: it names
// a month. A parenthesis that names none ("(UNCTED)") is part of the
// text.
func (r *Reader) looksLikeSessions(inner string) bool {
	for _, part := range strings.Split(inner, ";") {
		if _, _, ok := r.lexDate(strings.TrimSpace(part)); ok {
			return true
		}
		if i := strings.LastIndexByte(part, ','); i > 0 {
			if _, rest, ok := r.lexDate(strings.TrimSpace(part[i+1:])); ok && rest == "" {
				return true
			}
		}
	}
	return false
}

// headingBranch finds a branch named in an unknown heading, e.g.
// "UNCCT – COUNTERING THE FINANCING OF TERRORISM".
func (r *Reader) headingBranch(heading string) (model.Branch, bool) {
	toks := tokenize(heading)
	for i := range toks {
		if m, ok := r.actors.at(toks, i, nil); ok {
			return model.Branch(m.p.id), true
		}
	}
	return "", false
}

// sectionTitle turns a heading such as "GLOBAL PROGRAMME ON COUNTERING
// TERRORIST TRAVEL" into "Global Programme on Countering Terrorist
// Travel", keeping known acronyms (UN, UNOCT, CT) in capitals and the
// joiners of words.tsv in lower case.
func (r *Reader) sectionTitle(h string) string {
	if h == "" {
		return "Highlights"
	}
	words := strings.Fields(h)
	for i, w := range words {
		core := strings.Trim(w, ",:;()")
		switch {
		case r.acronyms[core] || r.acronyms[strings.ToUpper(core)] && core == strings.ToUpper(core) && len(core) <= 3:
			continue
		case i > 0 && r.cues.joiners[strings.ToLower(w)]:
			words[i] = strings.ToLower(w)
		default:
			words[i] = titleWord(w)
		}
	}
	title := strings.Join(words, " ")
	if r := []rune(title); len(r) > maxSectionLen {
		// No heading is this long; the store refuses facet values
		// over 1 KiB.
		title = string(r[:maxSectionLen-1]) + "…"
	}
	return title
}

// maxSectionLen bounds a section's name, in runes.
const maxSectionLen = 120

// titleWord capitalises the first letter of each hyphenated part.
func titleWord(w string) string {
	parts := strings.Split(strings.ToLower(w), "-")
	for i, p := range parts {
		for j, r := range p {
			if r >= 'a' && r <= 'z' || r > 127 {
				parts[i] = p[:j] + strings.ToUpper(string(r)) + p[j+len(string(r)):]
				break
			}
		}
	}
	return strings.Join(parts, "-")
}

// isLabel reports whether a bullet's text is a label rather than a
// sentence: a few words, no date parenthesis and no full stop, like the
// items of a list of donors or a side box's title ("Other
// contributors"). An activity needs an actor, a verb and what was done.
func isLabel(text string) bool {
	if _, _, ok := decode.FinalParen(text); ok || strings.HasSuffix(strings.TrimSpace(text), ".") {
		return false
	}
	return len(strings.Fields(text)) < minSentenceWords
}

// minSentenceWords is the fewest words a bullet that is an activity
// has: an actor, a verb, what ("USG visited Qatar"). A donor's name may
// be longer ("United States of America"): the donors' section is known
// by its heading.
const minSentenceWords = 3
