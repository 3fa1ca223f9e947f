package reader

import (
	"testing"

	"github.com/unoct/unoct/data/reader/decode"
	"github.com/unoct/unoct/data/ref"
)

// fakeDecoder is a decoder of which only the name and version count.
type fakeDecoder struct {
	decode.Decoder
	name, version string
}

func (f fakeDecoder) Name() string    { return f.name }
func (f fakeDecoder) Version() string { return f.version }

// TestVersionComposition: the reader's version changes when its code, a
// decoder's version, the list of decoders or a table changes, so that
// stores re-derive their documents.
func TestVersionComposition(t *testing.T) {
	own := decode.SourceVersion(source)
	tables := ref.Fingerprint()
	base := composeVersion(own, []decode.Decoder{fakeDecoder{name: "pdf", version: "1"}, fakeDecoder{name: "markdown", version: "1"}}, tables)
	if again := composeVersion(own, []decode.Decoder{fakeDecoder{name: "pdf", version: "1"}, fakeDecoder{name: "markdown", version: "1"}}, tables); again != base {
		t.Fatalf("the same parts gave %s and %s", base, again)
	}
	for what, v := range map[string]string{
		"a decoder's version": composeVersion(own, []decode.Decoder{fakeDecoder{name: "pdf", version: "2"}, fakeDecoder{name: "markdown", version: "1"}}, tables),
		"a decoder added":     composeVersion(own, []decode.Decoder{fakeDecoder{name: "pdf", version: "1"}, fakeDecoder{name: "text", version: "1"}, fakeDecoder{name: "markdown", version: "1"}}, tables),
		"a decoder removed":   composeVersion(own, []decode.Decoder{fakeDecoder{name: "markdown", version: "1"}}, tables),
		"the reader's code":   composeVersion(own+"x", []decode.Decoder{fakeDecoder{name: "pdf", version: "1"}, fakeDecoder{name: "markdown", version: "1"}}, tables),
		"a table":             composeVersion(own, []decode.Decoder{fakeDecoder{name: "pdf", version: "1"}, fakeDecoder{name: "markdown", version: "1"}}, tables+"x"),
	} {
		if v == base {
			t.Errorf("the version did not change with %s", what)
		}
	}
	if got, want := CurrentVersion(), composeVersion(own, newDecoders(nil), tables); got != want {
		t.Errorf("CurrentVersion %s, want %s: the registered decoders and the tables", got, want)
	}
}

// TestVersionHasDecoders: the reader's version holds each registered
// decoder, the PDF and text decoders among them.
func TestVersionHasDecoders(t *testing.T) {
	names := map[string]bool{}
	for _, d := range newDecoders(nil) {
		if d.Version() == "" {
			t.Errorf("decoder %s has no version", d.Name())
		}
		names[d.Name()] = true
	}
	for _, n := range []string{"pdf", "text", "markdown"} {
		if !names[n] {
			t.Errorf("no %s decoder registered", n)
		}
	}
	without := composeVersion(decode.SourceVersion(source), newDecoders(nil)[1:], ref.Fingerprint())
	if without == CurrentVersion() {
		t.Error("the version does not change without the PDF decoder")
	}
}
