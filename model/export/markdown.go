package export

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/unoct/unoct/model"
)

// encodeMD writes the records as a Markdown document in their kind's
// layout: activities as they come, other kinds gathered first.
func encodeMD(w io.Writer, st Stream, _ int) error {
	if _, ok := st.kind.(activities); ok {
		return activityMarkdown(w, st)
	}
	r, err := st.gather()
	if err != nil {
		return err
	}
	return r.markdown(w)
}

// markdown writes a report: a section per activity, laid out as
// model.Activity.Reading lays it out for every surface, with the key of
// each list entry (a session's dates, a partner's acronym) in bold.
func (as activities) markdown(w io.Writer) error { return activityMarkdown(w, One(as)) }

func activityMarkdown(w io.Writer, st Stream) error {
	fmt.Fprintf(w, "# UNOCT activities (%d)\n\n", st.Len())
	return st.pages(func(r Records) error { return markdownSections(w, r.(activities)) })
}

func markdownSections(w io.Writer, as activities) error {
	for i := range as {
		a := &as[i]
		r := a.Reading()
		fmt.Fprintf(w, "## %d. %s\n\n", a.ID, mdEscape(a.Headline(90)))
		fmt.Fprintf(w, "%s\n\n", mdEscape(strings.Join(r.Byline, " · ")))
		fmt.Fprintf(w, "%s\n\n", mdEscape(r.Text))
		for _, f := range r.Fields {
			label := f.Label
			if f.Corrected {
				label += " " + model.CorrectedMark // as every surface marks a person's correction
			}
			switch {
			case len(f.Lines) == 0:
				fmt.Fprintf(w, "- **%s:** —\n", label)
			case f.List:
				fmt.Fprintf(w, "- **%s:**\n", label)
				for _, l := range f.Lines {
					fmt.Fprintf(w, "  - %s\n", mdLine(l))
				}
			default:
				fmt.Fprintf(w, "- **%s:** %s\n", label, mdEscape(f.Joined()))
			}
		}
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
	}
	return nil
}

// mdLine writes a line of a reading with its key in bold.
func mdLine(l model.Line) string {
	var b strings.Builder
	for _, s := range l {
		if s.Role == model.Key && s.Text != "" {
			b.WriteString("**" + mdEscape(s.Text) + "**")
			continue
		}
		b.WriteString(mdEscape(s.Text))
	}
	return b.String()
}

// markdown writes the counts as a Markdown table.
func (c counts) markdown(w io.Writer) error {
	row := func(cells []string) {
		for i := range cells {
			cells[i] = mdEscape(cells[i])
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	row(c.Header())
	fmt.Fprintln(w, "| --- | --- | ---: |")
	for i := range c.Len() {
		row(c.Row(i))
	}
	return nil
}

// mdEscape escapes text for Markdown (CommonMark with GitHub's
// extensions) so that document text cannot make links, images,
// emphasis, code, HTML, entity references, autolinks, table cells or
// blocks in a report, and escapes nothing else: "training-of-trainers"
// and "2020-02.md" read as written in the Markdown source too. The text
// may begin a line, so what would start a block there (a heading, a
// quote, a list item, a thematic break) is escaped at its start.
func mdEscape(s string) string {
	s = model.Inert(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	rs := []rune(s)
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return ' '
		}
		return rs[i]
	}
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	lead := leadEscape(rs)
	for i, r := range rs {
		esc := false
		switch r {
		case '\\', '`', '*', '[', ']', '|', '~':
			// Always active: escapes, code spans, emphasis, links and
			// images, table cells, strikethrough.
			esc = true
		case '<':
			// An HTML tag, comment or autolink starts "<x", "</", "<!",
			// "<?"; "a < b" starts none.
			n := at(i + 1)
			esc = unicode.IsLetter(n) || strings.ContainsRune("/!?", n)
		case '_':
			// Inside a word an underscore never makes emphasis.
			esc = !word(at(i-1)) || !word(at(i+1))
		case '&':
			// Only an entity reference ("&amp;", "&#38;") is read as one.
			esc = entityAt(rs[i:])
		case ':':
			// "http://x" is an autolink in GitHub's Markdown.
			esc = at(i+1) == '/' && at(i+2) == '/' && word(at(i-1))
		case '.':
			// So is "www.x".
			esc = i >= 3 && string(rs[i-3:i]) == "www" && !word(at(i-4))
		case '@':
			// And "name@example.org".
			esc = word(at(i-1)) && word(at(i+1))
		}
		if esc || i == lead {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// leadEscape is the index of the rune to escape so that text at the
// start of a line starts no block: a heading ("# x"), a quote ("> x"),
// a list item ("- x", "+ x", "2020. x", "1) x"), a thematic break or
// a setext underline ("---", "==="); -1 when it starts none. "-5" and
// "=x" start nothing and are left alone.
func leadEscape(rs []rune) int {
	i := 0
	for i < len(rs) && rs[i] == ' ' {
		i++
	}
	if i == len(rs) {
		return -1
	}
	spaceAt := func(j int) bool { return j >= len(rs) || rs[j] == ' ' }
	only := func(c rune) bool {
		for _, r := range rs[i:] {
			if r != c && r != ' ' {
				return false
			}
		}
		return true
	}
	switch c := rs[i]; c {
	case '>':
		return i
	case '#':
		j := i
		for j < len(rs) && rs[j] == '#' {
			j++
		}
		if j-i <= 6 && spaceAt(j) {
			return i
		}
	case '-', '+', '=':
		if (c != '=' && spaceAt(i+1)) || (c != '+' && only(c)) {
			return i
		}
	}
	j := i
	for j < len(rs) && j-i < 9 && rs[j] >= '0' && rs[j] <= '9' {
		j++
	}
	if j > i && j < len(rs) && (rs[j] == '.' || rs[j] == ')') && spaceAt(j+1) {
		return j
	}
	return -1
}

// entityAt reports whether rs starts with an HTML entity reference:
// "&amp;", "&#38;", "&#x26;".
func entityAt(rs []rune) bool {
	i := 1
	switch {
	case i < len(rs) && rs[i] == '#':
		i++
		if i < len(rs) && (rs[i] == 'x' || rs[i] == 'X') {
			i++
		}
	}
	start := i
	for i < len(rs) && i-start < 32 && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i])) && rs[i] < 0x80 {
		i++
	}
	return i > start && i < len(rs) && rs[i] == ';'
}
