package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/unoct/unoct/model"
)

// Documents are the stored documents as records (`unoct docs`): one
// row each with its month, pages, activities, corrections, when it was
// imported and its figures; JSON carries the figures as the reader
// keeps them (model.Facts).
func Documents(docs []model.DocumentInfo) Records { return documents(docs) }

type documents []model.DocumentInfo

var docColumns = []string{"DOCUMENT", "MONTH", "PAGES", "ACTIVITIES", "CORRECTIONS", "IMPORTED"}

func (d documents) Len() int { return len(d) }

func (d documents) Header() []string {
	return []string{"name", "month", "pages", "activities", "corrections", "imported", "figures"}
}

func (d documents) Row(i int) []string {
	doc := d[i]
	figs := doc.Facts.Figures()
	lines := make([]string, len(figs))
	for j, f := range figs {
		lines[j] = f.String()
	}
	return []string{doc.Name, doc.Month, pagesCell(doc.Pages), strconv.Itoa(doc.Activities),
		strconv.Itoa(doc.Corrections), importedCell(doc.Imported), strings.Join(lines, "; ")}
}

func (d documents) Value(i int) any { return d[i] }

func pagesCell(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// importedCell is when a document was imported, to the minute in UTC,
// or "" when unknown.
func importedCell(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04")
}

// table writes a line per document and, under it, its figures one a
// line, indented: the figures are what a reader of the highlights looks
// for first, and too long for a column.
func (d documents) table(w io.Writer, width int) error {
	rows := make([][]string, len(d))
	widths := make([]int, len(docColumns))
	for j, c := range docColumns {
		widths[j] = len(c)
	}
	for i := range d {
		r := d.Row(i)[:len(docColumns)]
		r[0] = model.Inert(r[0])
		for j := range r {
			if r[j] == "" {
				r[j] = "–"
			}
			widths[j] = max(widths[j], ansi.StringWidth(r[j]))
		}
		rows[i] = r
	}
	widths[0] = min(widths[0], 40)
	line := func(cells []string) string {
		var b strings.Builder
		for j, c := range cells {
			c = ansi.Truncate(c, widths[j], "…")
			pad := strings.Repeat(" ", max(0, widths[j]-ansi.StringWidth(c)))
			if j > 0 {
				b.WriteString("  ")
			}
			if j >= 2 && j <= 4 { // numbers align right
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad)
			}
		}
		return strings.TrimRight(b.String(), " ")
	}
	if _, err := fmt.Fprintln(w, line(docColumns)); err != nil {
		return err
	}
	for i, doc := range d {
		if _, err := fmt.Fprintln(w, line(rows[i])); err != nil {
			return err
		}
		for _, f := range doc.Facts.Figures() {
			l := "    " + f.String()
			if width > 0 {
				l = ansi.Truncate(l, width, "…")
			}
			if _, err := fmt.Fprintln(w, l); err != nil {
				return err
			}
		}
	}
	return nil
}

// markdown writes a section per document: its line as a table row and
// its figures as a list.
func (d documents) markdown(w io.Writer) error {
	fmt.Fprintln(w, "| document | month | pages | activities | corrections | imported |")
	fmt.Fprintln(w, "| --- | --- | ---: | ---: | ---: | --- |")
	for i := range d {
		cells := d.Row(i)[:len(docColumns)]
		for j := range cells {
			cells[j] = mdEscape(cells[j])
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	for _, doc := range d {
		figs := doc.Facts.Figures()
		if len(figs) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n## %s\n\n", mdEscape(doc.Name))
		for _, f := range figs {
			fmt.Fprintf(w, "- %s\n", mdEscape(f.String()))
		}
	}
	return nil
}
