package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// controls matches what must never reach a terminal from outside: C0
// and C1 controls (escape sequences start with one), DEL, and the bidi
// and zero-width characters that reorder or hide text.
var controls = regexp.MustCompile("[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

// Ensure that file names reach the terminal as inert text: an import's
// added, refused and "same text" lines, and doctor --rebuild's list of
// documents, name files whose names hold escape sequences (a window
// title, colours) without sending them.
func TestImport_HostileFileNamesAreInert(t *testing.T) {
	db, _ := seeded(t, t.TempDir())
	dir := t.TempDir()
	raw, err := os.ReadFile(testDoc(t, "2020-06.md"))
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "2020-06 \x1b]0;pwned\x07\x1b[31mred\u202e.md")
	same := filepath.Join(dir, "copy \x1b[2J.md")
	bad := filepath.Join(dir, "empty \x1b[5m\u0085.md")
	for p, b := range map[string][]byte{good: raw, same: raw, bad: nil} {
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out, stderr, status := cli(t, db, "import", good, same, bad)
	noPanic(t, stderr)
	if status != exitPartial {
		t.Errorf("status %d, want %d (one refused)", status, exitPartial)
	}
	for what, s := range map[string]string{"stdout": out, "stderr": stderr} {
		if m := controls.FindString(s); m != "" {
			t.Errorf("%s holds %q:\n%q", what, m, s)
		}
	}
	for _, want := range []string{"added", "the same text is already stored as", "red.md"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(stderr, "the document is empty") {
		t.Errorf("stderr lacks the refusal:\n%s", stderr)
	}
	// doctor --rebuild names every document it reads back.
	out, stderr, status = cli(t, db, "doctor", "--rebuild")
	noPanic(t, stderr)
	if m := controls.FindString(out + stderr); m != "" {
		t.Errorf("doctor --rebuild printed %q:\n%q", m, out)
	}
	if status != 0 || !strings.Contains(out, "red.md") {
		t.Errorf("doctor --rebuild: status %d\n%s%s", status, out, stderr)
	}
}

// Ensure that exit status 2 means a bad command line and nothing else: a
// system error that reads "invalid argument" (EINVAL, from --db
// /dev/null) is 1, a flag's bad value and a negative limit are 2.
func TestExitStatus_SystemErrorIsNotUsage(t *testing.T) {
	db, _ := seeded(t, t.TempDir())
	for _, tc := range []struct {
		db   string
		args []string
		want int
	}{
		{"/dev/null", []string{"list"}, exitError},
		{db, []string{"list", "--limit", "x"}, exitUsage},
		{db, []string{"list", "--limit", "-1"}, exitUsage},
		{db, []string{"list", "--bogus"}, exitUsage},
		{db, []string{"show", "4294967297"}, exitUsage},
	} {
		_, stderr, status := cli(t, tc.db, tc.args...)
		if status != tc.want {
			t.Errorf("%v: status %d, want %d (%s)", tc.args, status, tc.want, stderr)
		}
	}
}
