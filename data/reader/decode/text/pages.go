package text

import (
	"bufio"
	"bytes"
)

// Pages is how many pages the PDF had whose rebuilt text (Rebuild's,
// which the store keeps in place of the PDF) is keep: its highest page
// mark. Any other text has no pages: 0.
func Pages(keep []byte) int {
	if !bytes.HasPrefix(keep, []byte("<!-- unoct:")) {
		return 0
	}
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(keep))
	sc.Buffer(nil, len(keep)+1)
	for sc.Scan() {
		if p, ok := pageMark(sc.Text()); ok {
			n = max(n, p)
		}
	}
	return n
}
