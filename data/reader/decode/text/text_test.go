package text

import (
	"os"
	"strings"
	"testing"
)

// TestMend: what PDF extraction breaks in words comes out whole.
func TestMend(t *testing.T) {
	vocab := map[string]int{"countering": 2, "terrorist": 3, "programme": 2, "memoranda": 1, "al-qaida": 1,
		"capacity": 2, "building": 3, "highlights": 2, "highlight": 1, "youtube": 1,
		"rights": 2, "compliant": 1, "develop": 1, "establish": 1, "rep": 1, "com": 1, "posed": 1}
	for _, tc := range []struct {
		lines []string
		want  string
	}{
		{[]string{"close col\u0002", "laboration with"}, "close collaboration with"},
		{[]string{"ISIL and Al\u0002", "Qaida"}, "ISIL and Al-Qaida"},
		{[]string{"counter\u0002", "terrorism efforts"}, "counter-terrorism efforts"},
		{[]string{"support to capacity-", "building projects"}, "support to capacity-building projects"},
		{[]string{"support to capacity- building projects"}, "support to capacity-building projects"},
		{[]string{"the imple-", "mentation of"}, "the implementation of"},
		{[]string{"a human rights-", "compliant approach"}, "a human rights-compliant approach"},
		{[]string{"rights- compliant"}, "rights-compliant"},
		{[]string{"the develop-", "ment of"}, "the development of"},
		{[]string{"100 rep-", "resentatives"}, "100 representatives"},
		{[]string{"is com-", "posed of"}, "is composed of"},
		{[]string{"the establish-", "ments of"}, "the establishments of"},
		{[]string{"a human rights\u0002", "compliant approach"}, "a human rights-compliant approach"},
		{[]string{"Count er ing Ter ror ist Travel Program m e"}, "Countering Terrorist Travel Programme"},
		{[]string{"signed two Mem oranda of Understanding"}, "signed two Memoranda of Understanding"},
		{[]string{"in to the UN"}, "in to the UN"},
		{[]string{"Capacit y BuildingHighlight s"}, "Capacity Building Highlights"},
		{[]string{"on YouTube and McDonald"}, "on YouTube and McDonald"},
	} {
		if got := mend(tc.lines, vocab, nil); got != tc.want {
			t.Errorf("mend(%q) = %q, want %q", tc.lines, got, tc.want)
		}
	}
}

// TestClean: ligatures, lost apostrophes, odd spaces, links and
// hashtags.
func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"next year?s ﬁnal\u00a0plan\u200b":           "next year’s final plan",
		"the Office\ufffds work":                     "the Office’s work",
		"see www.un.org/counterterrorism #UNOCT now": "see now",
		"e\ufb00orts \u00a0 to  e\ufb03ciency":       "efforts to efficiency",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSniff: the decoder takes its own rebuilt text and pdftotext's
// output, and leaves Markdown to the Markdown decoder.
func TestSniff(t *testing.T) {
	md, err := os.ReadFile("../../../highlights/2020-02.md")
	if err != nil {
		t.Fatal(err)
	}
	if (Decoder{}).Sniff(md) {
		t.Error("took the seed's Markdown")
	}
	for _, name := range []string{"testdata/2020-02.txt", "testdata/2020-02.layout.txt"} {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !(Decoder{}).Sniff(raw) {
			t.Errorf("did not take %s", name)
		}
		doc, err := Decoder{}.Decode(raw)
		if err != nil {
			t.Fatal(err)
		}
		if !(Decoder{}).Sniff(doc.Keep) {
			t.Errorf("did not take the text it rebuilt from %s", name)
		}
		again, err := Decoder{}.Decode(doc.Keep)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(again.Lines, "\n") != strings.Join(doc.Lines, "\n") || len(again.Sections) != len(doc.Sections) {
			t.Errorf("%s: the rebuilt text does not decode to the same document", name)
		}
		for i, p := range doc.Pages {
			if again.Pages[i] != p {
				t.Fatalf("%s: line %d on page %d, again on %d", name, i+1, p, again.Pages[i])
			}
		}
	}
}

// TestFromPages_NoText: pages without text are a scan, refused.
func TestFromPages_NoText(t *testing.T) {
	_, err := FromPages([]Page{{Num: 1, Width: 595, Height: 842}}, nil)
	if err == nil || !strings.Contains(err.Error(), "no text layer") {
		t.Fatalf("got %v, want a refusal of a scan", err)
	}
}

// TestDecode_Odd: odd text is read or refused, never a panic.
func TestDecode_Odd(t *testing.T) {
	for _, in := range []string{
		"\f\f\f",
		"\f" + strings.Repeat("1\n", 50),
		strings.Repeat("•\n", 40) + "\f",
		strings.Repeat("12345    67890      x\n", 30),
		strings.Repeat("A   B\n\n\n", 20) + "\f(",
		"<!-- unoct: x -->\n<!-- page -1 -->\n<!-- page 99999999999999999999 -->\n- x (1 May)",
		strings.Repeat("word- ", 500) + "\f",
		strings.Repeat("\u0002\u00ad\ufffd? ", 100) + "\f",
	} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%.40q: panic %v", in, p)
				}
			}()
			Decoder{}.Decode([]byte(in))
		}()
	}
}

// TestVocabulary_BrokenWords: the rest of a word broken at a line's end
// is not a word the document writes, however often the same break
// recurs, so mending joins it back; a compound whose halves the
// document writes elsewhere keeps its hyphen.
func TestVocabulary_BrokenWords(t *testing.T) {
	blocks := []*block{
		{lines: []string{"Around 100 rep-", "resentatives attended"}},
		{lines: []string{"Around 380 rep-", "resentatives attended"}},
		{lines: []string{"a human rights-", "compliant approach"}},
		{lines: []string{"human rights and a compliant budget; our rep in Vienna"}},
	}
	vocab := vocabulary(blocks)
	if vocab["resentatives"] != 0 {
		t.Errorf("vocabulary counts the fragment %q %d times", "resentatives", vocab["resentatives"])
	}
	for i, want := range []string{"Around 100 representatives attended", "Around 380 representatives attended", "a human rights-compliant approach"} {
		if got := mend(blocks[i].lines, vocab, nil); got != want {
			t.Errorf("mend(%q) = %q, want %q", blocks[i].lines, got, want)
		}
	}
}

// TestRejoinParens: the rest of a date parenthesis at the top of the
// next page goes back on its bullet, past a side box's title, list and
// footnote that the page's columns are read before.
func TestRejoinParens(t *testing.T) {
	blocks := []*block{
		{kind: kBullet, page: 2, lines: []string{"UNOCT held a briefing. (15 February, Vienna)"}},
		{kind: kBullet, page: 2, lines: []string{"UNOCT held a briefing for 840 participants. (5–6"}},
		{kind: kHeading, page: 2, lines: []string{"TOP CONTRIBUTORS"}},
		{kind: kBullet, page: 2, lines: []string{"Japan"}},
		{kind: kPara, page: 2, lines: []string{"* The Netherlands also provided in-kind contribution."}},
		{kind: kPara, page: 3, lines: []string{"February, Muzaffarnagar; 15-17 February, virtual)"}},
		{kind: kPara, page: 3, lines: []string{"The Office provides support (see annex)."}},
	}
	out := rejoinParens(blocks)
	if len(out) != 6 {
		t.Fatalf("%d blocks, want 6", len(out))
	}
	if got := strings.Join(out[1].lines, " "); got != "UNOCT held a briefing for 840 participants. (5–6 February, Muzaffarnagar; 15-17 February, virtual)" {
		t.Errorf("bullet %q", got)
	}

	// A dated bullet between: the open one is stale, nothing moves.
	stale := []*block{
		{kind: kBullet, page: 1, lines: []string{"UNOCT (the Office"}},
		{kind: kBullet, page: 2, lines: []string{"UNOCT held a briefing. (15 February, Vienna)"}},
		{kind: kPara, page: 3, lines: []string{"February, Vienna)"}},
	}
	if out := rejoinParens(stale); len(out) != 3 {
		t.Errorf("%d blocks, want the 3 left as they were", len(out))
	}
}

// words is a language's words for TestMend_Words.
type words map[string]bool

func (w words) Has(s string) bool { return w[s] }

// TestMend_Words: with a language's words, a line-end hyphen between two
// words is a compound's ("rights-compliant", "inter-agency"), and one
// inside a word a break ("com-posed", "rep-resentatives"), even when the
// document writes neither elsewhere.
func TestMend_Words(t *testing.T) {
	lang := words{"rights": true, "compliant": true, "composed": true, "com": true, "posed": true, "rep": true,
		"representatives": true, "inter": true, "agency": true, "develop": true, "development": true, "able": true,
		"anyang-si": true}
	for _, tc := range []struct {
		lines []string
		want  string
	}{
		{[]string{"human rights-", "compliant investigations"}, "human rights-compliant investigations"},
		{[]string{"human rights\u0002", "compliant investigations"}, "human rights-compliant investigations"},
		{[]string{"an inter-", "agency group"}, "an inter-agency group"},
		{[]string{"is com-", "posed of"}, "is composed of"},
		{[]string{"100 rep-", "resentatives"}, "100 representatives"},
		{[]string{"the develop-", "ment of"}, "the development of"},
		{[]string{"a read-", "able text"}, "a readable text"},
		{[]string{"Seoul; 3 June, Anyang-", "si)"}, "Seoul; 3 June, Anyang-si)"},
	} {
		if got := mend(tc.lines, map[string]int{}, lang); got != tc.want {
			t.Errorf("mend(%q) = %q, want %q", tc.lines, got, tc.want)
		}
	}
}

// TestPages counts the pages of rebuilt text by its page marks, and
// none in other text.
func TestPages(t *testing.T) {
	for _, c := range []struct {
		text string
		want int
	}{
		{keepHeader + "\n\n<!-- page 1 -->\nA\n\n<!-- page 2 -->\nB\n", 2},
		{"# Highlights\n<!-- page 3 -->\n", 0},
		{"", 0},
	} {
		if got := Pages([]byte(c.text)); got != c.want {
			t.Errorf("Pages(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}

// TestRejoinSentences: a bullet cut where a sentence ended at the foot
// of a column goes on in the paragraph that opens the next column with
// the bullet's date; a paragraph in the same column, or after a dated
// bullet, is left alone.
func TestRejoinSentences(t *testing.T) {
	blocks := []*block{
		{kind: kBullet, from: 1001, leaf: 1001, lines: []string{"UNOCT organized a conference, with funding from Morocco."}},
		{kind: kPara, from: 1002, leaf: 1002, lines: []string{"317 representatives took part. (3 March, Rabat)"}},
		{kind: kBullet, from: 1002, leaf: 1002, lines: []string{"UNOCT held a briefing. (5 March, Vienna)"}},
		{kind: kPara, from: 1003, leaf: 1003, lines: []string{"Another paragraph. (6 March, Vienna)"}},
		{kind: kBullet, from: 1003, leaf: 1003, lines: []string{"UNOCT met donors."}},
		{kind: kPara, from: 1003, leaf: 1003, lines: []string{"A paragraph under it. (7 March, Doha)"}},
	}
	out := rejoinSentences(blocks)
	if len(out) != 5 {
		t.Fatalf("%d blocks, want 5", len(out))
	}
	if got := strings.Join(out[0].lines, " "); got != "UNOCT organized a conference, with funding from Morocco. 317 representatives took part. (3 March, Rabat)" {
		t.Errorf("bullet %q", got)
	}
}
