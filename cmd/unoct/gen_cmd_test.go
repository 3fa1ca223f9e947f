package main

import (
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	bolt "go.etcd.io/bbolt"
)

// cmdGen is the script command `gen WHAT FILE [ARG]`: it makes the
// files the reliability scripts feed unoct, too big or too strange to
// keep in a txtar archive, and damages or locks store files.
//
//	gen bigline FILE MB       one line of MB megabytes of words, no structure
//	gen bigbullet FILE MB     a document whose one bullet is MB megabytes long
//	gen longbullet FILE N     a document with a bullet of N characters
//	gen nested FILE DEPTH     bullets with parentheses nested DEPTH deep
//	gen bullets FILE N        a document of N bullets
//	gen cp1252 FILE           a Windows-1252 document with smart quotes
//	gen binary FILE           a PNG header
//	gen hostile FILE          escape sequences, bidi overrides, zero-width
//	                          characters and a 10,000-character word
//	gen unreadable FILE       a file that cannot be read (chmod 000; as
//	                          root, which ignores modes, a link to
//	                          /proc/self/mem, whose first page reads as EIO)
//	gen corrupt STORE         overwrite the page in the middle of the store
//	                          that holds the root of its activities
//	gen truncate STORE FRAC   cut the store file to FRAC (0.5) of its size
//	gen schema STORE N        set the store's schema version to N
//	gen lock STORE            hold the store open for writing (as another
//	                          unoct would) until `gen unlock STORE`
//	gen unlock STORE
//	gen backup-exists STORE KIND      a STORE.KIND-YYYYMMDD-HHMMSS copy exists
//	gen same-as-backup STORE KIND F   and it holds the bytes of file F
//	gen csv-safe FILE         no cell of the CSV file starts a formula
//	gen no-temp DIR           no temporary file is left in DIR
func cmdGen(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! gen")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: gen WHAT FILE [ARG]")
	}
	what, file := args[0], ts.MkAbs(args[1])
	arg := func() int {
		if len(args) < 3 {
			ts.Fatalf("gen %s needs a number", what)
		}
		n, err := strconv.Atoi(args[2])
		ts.Check(err)
		return n
	}
	write := func(s string) { ts.Check(os.WriteFile(file, []byte(s), 0o644)) }
	const hdr = "# Highlights – June 2020\n\n## HIGHLIGHTS\n\n"
	switch what {
	case "bigline":
		write(strings.Repeat("lorem ipsum ", arg()<<20/12))
	case "bigbullet":
		write(hdr + "- UNOCT " + strings.Repeat("trained officials on border security ", arg()<<20/37) + "(3 June, Vienna)\n")
	case "longbullet":
		write(hdr + "- UNOCT " + strings.Repeat("trained officials on border security ", arg()/37) + "(3 June, Vienna)\n")
	case "nested":
		n := arg()
		write(hdr +
			"- UNOCT met " + strings.Repeat("(", n) + "x" + strings.Repeat(")", n) + " (3 June, Vienna)\n" +
			"- UNOCT met " + strings.Repeat("(", n) + "4 June, Vienna" + strings.Repeat(")", n) + "\n" +
			"- UNOCT met " + strings.Repeat("(", n) + "5 June, Vienna\n")
	case "bullets":
		var b strings.Builder
		b.WriteString(hdr)
		for i := range arg() {
			fmt.Fprintf(&b, "- UNOCT organized workshop %d with UNODC on border security. (%d June, Vienna)\n", i, i%30+1)
		}
		write(b.String())
	case "cp1252":
		write("## HIGHLIGHTS\n\n- UNOCT launched the \x93Caf\xe9 dialogues\x94 with UNODC on border security. (3 \x96 4 June, Vienna)\n")
	case "binary":
		write("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
	case "hostile":
		write(hostileDoc)
	case "unreadable":
		if os.Geteuid() == 0 && runtime.GOOS == "linux" {
			ts.Check(os.Symlink("/proc/self/mem", file))
			return
		}
		write("## HIGHLIGHTS\n")
		ts.Check(os.Chmod(file, 0))
	case "corrupt":
		corruptActs(ts, file)
	case "truncate":
		f, err := strconv.ParseFloat(args[2], 64)
		ts.Check(err)
		fi, err := os.Stat(file)
		ts.Check(err)
		ts.Check(os.Truncate(file, int64(float64(fi.Size())*f)))
	case "schema":
		n := arg()
		db, err := bolt.Open(file, 0o600, &bolt.Options{Timeout: 2 * time.Second})
		ts.Check(err)
		ts.Check(db.Update(func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("meta")).Put([]byte("schema"), binary.BigEndian.AppendUint64(nil, uint64(n)))
		}))
		ts.Check(db.Close())
	case "lock":
		db, err := bolt.Open(file, 0o600, &bolt.Options{Timeout: 2 * time.Second})
		ts.Check(err)
		locks.Store(file, db)
		ts.Defer(func() {
			if db, ok := locks.LoadAndDelete(file); ok {
				_ = db.(*bolt.DB).Close()
			}
		})
	case "unlock":
		db, ok := locks.LoadAndDelete(file)
		if !ok {
			ts.Fatalf("%s is not locked", file)
		}
		ts.Check(db.(*bolt.DB).Close())
	case "backup-exists", "same-as-backup":
		if len(args) < 3 {
			ts.Fatalf("usage: gen %s STORE KIND", what)
		}
		copies, err := filepath.Glob(file + "." + args[2] + "-[0-9]*")
		ts.Check(err)
		if len(copies) == 0 {
			ts.Fatalf("no %s.%s-* copy", file, args[2])
		}
		if what == "same-as-backup" {
			if len(args) < 4 {
				ts.Fatalf("usage: gen same-as-backup STORE KIND FILE")
			}
			if got, want := ts.ReadFile(copies[len(copies)-1]), ts.ReadFile(args[3]); got != want {
				ts.Fatalf("%s does not hold the bytes of %s", copies[len(copies)-1], args[3])
			}
		}
	case "csv-safe":
		rows, err := csv.NewReader(strings.NewReader(ts.ReadFile(file))).ReadAll()
		ts.Check(err)
		for i, row := range rows {
			for j, cell := range row {
				if c := strings.TrimLeft(cell, " "); c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					ts.Fatalf("row %d column %d starts a formula: %.40q", i+1, j+1, cell)
				}
			}
		}
	case "no-temp":
		entries, err := os.ReadDir(file)
		ts.Check(err)
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".tmp") {
				ts.Fatalf("temporary file left behind: %s", e.Name())
			}
		}
	default:
		ts.Fatalf("gen: unknown %q", what)
	}
}

// locks holds the stores `gen lock` keeps open, by path.
var locks sync.Map

// corruptActs overwrites, with random bytes, the page that holds the root
// of the acts bucket: a page in the middle of the file that every query
// reads and that `unoct doctor` must find, while the documents' raw text
// (in other pages) survives for the rebuild.
func corruptActs(ts *testscript.TestScript, file string) {
	db, err := bolt.Open(file, 0o600, &bolt.Options{ReadOnly: true, Timeout: 2 * time.Second})
	ts.Check(err)
	var pgid, size int
	ts.Check(db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("acts"))
		if b == nil {
			return fmt.Errorf("no acts bucket")
		}
		pgid, size = int(b.Root()), tx.DB().Info().PageSize
		return nil
	}))
	ts.Check(db.Close())
	if pgid == 0 {
		ts.Fatalf("the acts bucket is inline: import more before corrupting")
	}
	f, err := os.OpenFile(file, os.O_RDWR, 0)
	ts.Check(err)
	defer f.Close()
	junk := make([]byte, size)
	rng := rand.New(rand.NewPCG(uint64(pgid), 7))
	for i := range junk {
		junk[i] = byte(rng.Uint32())
	}
	_, err = f.WriteAt(junk, int64(pgid*size))
	ts.Check(err)
	ts.Logf("overwrote page %d (bytes %d-%d)", pgid, pgid*size, (pgid+1)*size)
}

// hostileDoc is a document whose text tries to take over a terminal or a
// spreadsheet: SGR colours, cursor moves and screen clears, a window
// title, an OSC 52 clipboard write, an OSC 8 hyperlink, a DCS string,
// bidi overrides, zero-width characters, C1 controls, cells that start a
// formula, and a 10,000-character word.
var hostileDoc = "## HIGHLIGHTS\n\n" +
	"- \x1b[31mUNOCT\x1b[0m organized a workshop \x1b[2J\x1b[H\x1b[10;10Hwith UNODC on border security. (3 June, Vienna)\n" +
	"- UNOCT \x1b]0;pwned title\x07briefed \x1b]52;c;ZWNobyBwd25lZA==\x07Member States \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\. (4 June, New York)\n" +
	"- UNOCT \x1bP1$qm\x1b\\trained \u202eevil\u202c officials\u200b on\u200d aviation\ufeff security \u2066x\u2069. (5 June, Nairobi)\n" +
	"- UNOCT met \u009b31m C1 \u0085 controls\x7f and " + strings.Repeat("W", 10000) + ". (6 June, \x1b[1mVienna\x1b[0m)\n" +
	"- =HYPERLINK(\"http://evil.example\",\"click\") UNOCT met [a link](http://evil.example) and <script>alert(1)</script> ![img](http://x/y.png). (7 June, Geneva)\n" +
	"- @SUM(1+1) UNOCT held a meeting\r with \x1b(0UNODC\x1bc. (8 June, Geneva)\n" +
	"## " + strings.Repeat("H", 10000) + "\n\n" +
	"- UNOCT met " + strings.Repeat("x", 10000) + " in Vienna. (9 June, Vienna)\n"
