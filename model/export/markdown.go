package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/unoct/unoct/model"
)

// encodeMD writes the records as a Markdown document in their kind's
// layout.
func encodeMD(w io.Writer, r Records, _ int) error { return r.markdown(w) }

// markdown writes a report: a section per activity, laid out as
// model.Activity.Reading lays it out for every surface, with the key of
// each list entry (a session's dates, a partner's acronym) in bold.
func (as activities) markdown(w io.Writer) error {
	fmt.Fprintf(w, "# UNOCT activities (%d)\n\n", len(as))
	for i := range as {
		a := &as[i]
		r := a.Reading()
		fmt.Fprintf(w, "## %d. %s\n\n", a.ID, mdEscape(a.Headline(90)))
		fmt.Fprintf(w, "%s\n\n", mdEscape(strings.Join(r.Byline, " · ")))
		fmt.Fprintf(w, "%s\n\n", mdEscape(r.Text))
		for _, f := range r.Fields {
			switch {
			case len(f.Lines) == 0:
				fmt.Fprintf(w, "- **%s:** —\n", f.Label)
			case f.List:
				fmt.Fprintf(w, "- **%s:**\n", f.Label)
				for _, l := range f.Lines {
					fmt.Fprintf(w, "  - %s\n", mdLine(l))
				}
			default:
				fmt.Fprintf(w, "- **%s:** %s\n", f.Label, mdEscape(f.Joined()))
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

// mdEscape escapes text for Markdown so that document text cannot make
// links, images, emphasis, HTML or entity references in a report.
func mdEscape(s string) string {
	s = model.Inert(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()<>#+-.!|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
