package export

import (
	"bytes"
	"html"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// gfm renders Markdown as GitHub does: CommonMark with tables,
// strikethrough, autolinks and task lists.
var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM))

// Ensure that mdEscape escapes what Markdown would read as markup, in
// the position it would read it, and nothing else: rendered, the text
// is a paragraph that says what the document said, and its Markdown
// source reads as written where no escape is needed.
func TestMDEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// Nothing to escape: written as is.
		{"training-of-trainers", "training-of-trainers"},
		{"2020-02.md, line 41", "2020-02.md, line 41"},
		{"UN_OCT_x and snake_case", "UN_OCT_x and snake_case"},
		{"R&D, AT&T", "R&D, AT&T"},
		{"e.g. (SALW) 50% + 3 = 53! {x} #1 a > b", "e.g. (SALW) 50% + 3 = 53! {x} #1 a > b"},
		{"-5", "-5"},
		{"=x", "=x"},
		{"2020 was", "2020 was"},
		// Markup anywhere.
		{"*bold* and **b**", `\*bold\* and \*\*b\*\*`},
		{"_em_", `\_em\_`},
		{"`code`", "\\`code\\`"},
		{"[a](b) ![i](j)", `\[a\](b) !\[i\](j)`},
		{"<script>x</script>", `\<script>x\</script>`},
		{"<!-- c --> <?php <https://x.org>", `\<!-- c --> \<?php \<https\://x.org>`},
		{"a < b, 3<5", "a < b, 3<5"},
		{"a | b", `a \| b`},
		{"~~gone~~", `\~\~gone\~\~`},
		{`back\slash`, `back\\slash`},
		{"&amp; &#38; &#x26;", `\&amp; \&#38; \&#x26;`},
		{"see http://x.org and www.x.org or a@x.org", `see http\://x.org and www\.x.org or a\@x.org`},
		// Blocks at the start of a line.
		{"# Title", `\# Title`},
		{"###### six", `\###### six`},
		{"####### seven", "####### seven"},
		{"> quote", `\> quote`},
		{"- item", `\- item`},
		{"+ item", `\+ item`},
		{"---", `\---`},
		{"===", `\===`},
		{"2020. A year", `2020\. A year`},
		{"1) one", `1\) one`},
	} {
		if got := mdEscape(tc.in); got != tc.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tc.in, got, tc.want)
		}
		var buf bytes.Buffer
		if err := gfm.Convert([]byte(mdEscape(tc.in)), &buf); err != nil {
			t.Fatal(err)
		}
		got := strings.TrimSpace(buf.String())
		inner, ok := strings.CutPrefix(got, "<p>")
		inner, ok2 := strings.CutSuffix(inner, "</p>")
		if !ok || !ok2 || strings.Contains(inner, "<") {
			t.Errorf("%q renders as markup: %s", tc.in, got)
			continue
		}
		if text := html.UnescapeString(inner); text != tc.in {
			t.Errorf("%q renders as %q", tc.in, text)
		}
	}
}
