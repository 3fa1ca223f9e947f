package ref

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// eachRow calls fn for every data row of an embedded TSV table: comment
// lines (#) and blank lines are skipped, the first remaining line is the
// header and must have want columns. Rows may have fewer columns than the
// header (trailing empty fields); more is an error. Errors name the file
// and line, so a user who edits a table learns where it went wrong.
func eachRow(name string, data []byte, want int, fn func(line int, cols []string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	header := true
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if header {
			header = false
			if len(cols) != want {
				return fmt.Errorf("%s:%d: header has %d columns, want %d", name, n, len(cols), want)
			}
			continue
		}
		if len(cols) > want {
			return fmt.Errorf("%s:%d: %d columns, want at most %d", name, n, len(cols), want)
		}
		for len(cols) < want {
			cols = append(cols, "")
		}
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		if err := fn(n, cols); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

// splitList splits a |-separated cell, dropping empty items.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
