package text

import (
	"strconv"
	"strings"

	"github.com/unoct/unoct/data/reader/decode"
	"github.com/unoct/unoct/data/reader/decode/markdown"
)

// keepHeader starts rebuilt text: it tells the text decoder that the
// text is its own (so the store's copy of a PDF is read again the same
// way), and tells a person what the text is.
const keepHeader = "<!-- unoct: the text of a PDF, rebuilt in reading order; <!-- page N --> marks where page N starts -->"

// DecodeKeep decodes rebuilt text (Rebuild's) as the Markdown it is,
// with each line's page from the page marks; the marks themselves read
// as blank lines, so line numbers are those of the text kept.
func DecodeKeep(keep []byte) (*decode.Doc, error) {
	lines := strings.Split(string(keep), "\n")
	pages := make([]int, len(lines))
	page := 0
	var md []string
	for i, l := range lines {
		if n, ok := pageMark(l); ok {
			page = n
			md = append(md, "")
		} else if i == 0 && strings.HasPrefix(l, "<!-- unoct:") {
			md = append(md, "")
		} else {
			md = append(md, l)
		}
		pages[i] = page
	}
	doc, err := markdown.Decoder{}.Decode([]byte(strings.Join(md, "\n")))
	if err != nil {
		return nil, err
	}
	doc.Pages = pages[:min(len(pages), len(doc.Lines))]
	doc.Keep = keep
	return doc, nil
}

func pageMark(l string) (int, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(l), "<!-- page ")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSuffix(rest, " -->"))
	return n, err == nil
}
