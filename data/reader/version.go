package reader

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/unoct/unoct/data/reader/decode"
	"github.com/unoct/unoct/data/ref"
)

//go:generate go test -run ^TestVersionFingerprint$ -fingerprint

// fingerprintFile holds the reader's version as computed when the tree
// was last generated (see CurrentVersion). It is left out of the hash of
// the reader's own code: it holds that hash.
const fingerprintFile = "version_fingerprint.go"

// CurrentVersion is the Version a reader built from the embedded tables
// has, without building one: every command compares it with the store's
// to know whether the store must re-derive its documents. It is the
// constant `go generate` wrote, not a hash made at every start (hashing
// the tables and the code took a few milliseconds of every command);
// TestVersionFingerprint fails when the constant no longer matches what
// computeVersion makes of the embedded code and tables.
func CurrentVersion() string { return fingerprint }

// computeVersion hashes what the reader's output depends on: its own
// code, the decoders' code and the reference tables with the code that
// parses them.
func computeVersion() string {
	return composeVersion(ownSource(), newDecoders(nil), ref.Fingerprint())
}

// ownSource hashes this package's Go files.
func ownSource() string { return sourceHash(source) }

// sourceHash hashes the Go files of src as decode.SourceVersion does,
// leaving out the tests and the generated fingerprint.
func sourceHash(src fs.FS) string {
	h := sha256.New()
	files, _ := fs.Glob(src, "*.go")
	sort.Strings(files)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == fingerprintFile {
			continue
		}
		b, _ := fs.ReadFile(src, f)
		h.Write([]byte(f))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// composeVersion is the reader's version from its parts: its own code
// (own), what every decoder shares (package decode), each decoder's
// version and the tables' fingerprint.
func composeVersion(own string, decs []decode.Decoder, tables string) string {
	h := sha256.New()
	fmt.Fprintf(h, "reader %s\ndecode %s\n", own, decode.Version())
	for _, d := range decs {
		fmt.Fprintf(h, "decoder %s %s\n", d.Name(), d.Version())
	}
	fmt.Fprintf(h, "tables %s\n", tables)
	return version + "-" + hex.EncodeToString(h.Sum(nil))[:16]
}
