package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/store"
)

// cli runs unoct in-process on the store at db, as main does, and
// returns its output and exit status.
func cli(t *testing.T, db string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errb bytes.Buffer
	app := newApp(strings.NewReader(""), &out, &errb)
	root := app.rootCmd()
	root.SetArgs(append([]string{"--db", db}, args...))
	err := root.Execute()
	if err == nil {
		return out.String(), errb.String(), exitOK
	}
	fmt.Fprintln(&errb, "unoct:", err)
	return out.String(), errb.String(), exitStatus(err)
}

// seeded makes a store holding the shipped document and returns its path
// and its activities as JSON Lines.
func seeded(t *testing.T, dir string) (db, list string) {
	t.Helper()
	db = filepath.Join(dir, "unoct.db")
	// Only import makes a store at a --db path: it starts with the
	// shipped document, which importing again leaves unchanged.
	shipped, err := filepath.Abs(filepath.Join("..", "..", "data", "highlights", "2020-02.md"))
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, status := cli(t, db, "import", shipped); status != 0 {
		t.Fatalf("seeding: status %d, %s", status, stderr)
	}
	list, stderr, status := cli(t, db, "list", "--format", "jsonl")
	if status != 0 || strings.Count(list, `"month"`) != 12 {
		t.Fatalf("seeding: status %d, %s", status, stderr)
	}
	return db, list
}

func testDoc(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "testdata", "highlights", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// intact checks that the store still lists exactly what it did and passes
// doctor's check.
func intact(t *testing.T, db, before string) {
	t.Helper()
	if got, stderr, status := cli(t, db, "list", "--format", "jsonl"); status != 0 || got != before {
		t.Errorf("the store changed: status %d, %s", status, stderr)
	}
	if out, stderr, status := cli(t, db, "doctor"); status != 0 || !strings.Contains(out, ": OK") {
		t.Errorf("doctor: status %d, %s%s", status, out, stderr)
	}
}

func noPanic(t *testing.T, stderr string) {
	t.Helper()
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
		t.Errorf("a Go panic reached the user:\n%s", stderr)
	}
}

// TestFault_LockedByWriter: another process (here a bbolt handle on
// another file descriptor, which flock treats alike) holds the store for
// writing. Import gives up with a message naming the file instead of
// waiting for it; how soon (the store's 5 s lock wait) is not timed here,
// since a loaded machine stretches it, only that it does not hang.
func TestFault_LockedByWriter(t *testing.T) {
	db, before := seeded(t, t.TempDir())
	h, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, stderr, status := cli(t, db, "import", testDoc(t, "2020-06.md"))
	took := time.Since(start)
	_ = h.Close()
	want := "store " + db + " is locked by another unoct process (an import or a viewer); try again when it finishes"
	if status != exitError || !strings.Contains(stderr, want) {
		t.Errorf("status %d, stderr %q; want 1 and %q", status, stderr, want)
	}
	noPanic(t, stderr)
	t.Logf("gave up after %v", took)
	if took > time.Minute {
		t.Errorf("gave up only after %v; the store's lock wait is 5 s", took)
	}
	intact(t, db, before)
}

// TestFault_ReadOnlyStore: a store the user may not write (file and
// directory read-only). Root ignores file modes, so as root this is
// covered by TestFault_ReadOnlyFilesystem instead.
func TestFault_ReadOnlyStore(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores file modes; see TestFault_ReadOnlyFilesystem and the RLIMIT_FSIZE case of faults.txtar")
	}
	dir := t.TempDir()
	db, before := seeded(t, dir)
	if err := os.Chmod(db, 0o400); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700); _ = os.Chmod(db, 0o600) })
	_, stderr, status := cli(t, db, "import", testDoc(t, "2020-06.md"))
	if status == 0 || !strings.Contains(stderr, db) || !strings.Contains(stderr, "permission denied") {
		t.Errorf("import into a read-only store: status %d, %q", status, stderr)
	}
	noPanic(t, stderr)
	if got, stderr, status := cli(t, db, "list", "--format", "jsonl"); status != 0 || got != before {
		t.Errorf("a read-only store cannot be listed any more: %d %s", status, stderr)
	}
	// An export into the read-only directory fails cleanly too.
	out := filepath.Join(dir, "out.csv")
	if _, stderr, status := cli(t, db, "export", "-o", out); status == 0 || !strings.Contains(stderr, "permission denied") {
		t.Errorf("export into a read-only directory: %d %q", status, stderr)
	}
}

// TestFault_DamagedStore: a truncated, overwritten or foreign file is
// reported as damaged, naming the file, with exit status 1 and no Go
// panic, by doctor always and by every other command that reads a
// damaged page; none gives a wrong answer.
func TestFault_DamagedStore(t *testing.T) {
	for name, damage := range map[string]func(t *testing.T, db string){
		"truncated": func(t *testing.T, db string) {
			fi, _ := os.Stat(db)
			if err := os.Truncate(db, fi.Size()/3); err != nil {
				t.Fatal(err)
			}
		},
		"zeroed middle": func(t *testing.T, db string) {
			b, _ := os.ReadFile(db)
			clear(b[len(b)/4 : 3*len(b)/4])
			if err := os.WriteFile(db, b, 0o600); err != nil {
				t.Fatal(err)
			}
		},
		"garbage": func(t *testing.T, db string) {
			if err := os.WriteFile(db, bytes.Repeat([]byte("garbage!"), 8192), 0o600); err != nil {
				t.Fatal(err)
			}
		},
		"metas overwritten": func(t *testing.T, db string) {
			f, err := os.OpenFile(db, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = f.WriteAt(bytes.Repeat([]byte{0xff}, 2*os.Getpagesize()), 0)
			_ = f.Close()
		},
	} {
		t.Run(name, func(t *testing.T) {
			db, _ := seeded(t, t.TempDir())
			if _, stderr, status := cli(t, db, "import", testDoc(t, "2020-06.md"), testDoc(t, "2021-03.md")); status != 0 {
				t.Fatal(stderr)
			}
			reads := [][]string{{"list"}, {"stats", "--by", "country"}, {"show", "3"}}
			sound := make([]string, len(reads))
			for i, args := range reads {
				sound[i], _, _ = cli(t, db, args...)
			}
			damage(t, db)
			damaged := func(args []string, stderr string, status int) bool {
				noPanic(t, stderr)
				return status == exitError && strings.Contains(stderr, "store "+db+" is damaged")
			}
			// A read touches only the pages it needs (stats reads one
			// facet's bitmaps): it reports the damage when it meets it,
			// and otherwise must answer exactly as the sound store did,
			// never a wrong answer. Where zeroed pages land varies from
			// run to run, so either outcome is allowed; doctor, which
			// reads every page, must always find it.
			for i, args := range append(reads, []string{"import", testDoc(t, "2020-11.md")}) {
				out, stderr, status := cli(t, db, args...)
				switch {
				case damaged(args, stderr, status):
				case i < len(reads) && status == 0 && out == sound[i]:
				case i == len(reads) && status == 0:
				default:
					t.Errorf("%s: status %d, stderr %q; want 1 and \"store %s is damaged\", or the sound store's answer", args[0], status, stderr, db)
				}
			}
			if _, stderr, status := cli(t, db, "doctor"); !damaged(nil, stderr, status) {
				t.Errorf("doctor: status %d, stderr %q; want 1 and \"store %s is damaged\"", status, stderr, db)
			}
			out, stderr, status := cli(t, db, "doctor", "--rebuild")
			noPanic(t, stderr)
			if status != 0 || !strings.Contains(out, "check OK") {
				t.Fatalf("doctor --rebuild: status %d\n%s%s", status, out, stderr)
			}
			if backups, _ := filepath.Glob(db + ".damaged-*"); len(backups) != 1 {
				t.Errorf("backups: %v", backups)
			}
			if out, _, status := cli(t, db, "doctor"); status != 0 || !strings.Contains(out, ": OK") {
				t.Errorf("doctor after the rebuild: %d %s", status, out)
			}
			t.Logf("rebuild:\n%s", out)
		})
	}
}

// TestFault_NewerSchema: a store written by a newer unoct is refused,
// not misread, and left byte for byte as it was.
func TestFault_NewerSchema(t *testing.T) {
	db, _ := seeded(t, t.TempDir())
	h, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = h.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), binary.BigEndian.AppendUint64(nil, store.SchemaVersion+1))
	})
	_ = h.Close()
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := os.ReadFile(db)
	for _, args := range [][]string{{"list"}, {"import", testDoc(t, "2020-06.md")}, {"doctor"}, {"doctor", "--rebuild"}, {"show", "1"}} {
		_, stderr, status := cli(t, db, args...)
		want := fmt.Sprintf("store %s was written by a newer unoct (schema %d, this build knows %d); upgrade unoct", db, store.SchemaVersion+1, store.SchemaVersion)
		if status != exitError || !strings.Contains(stderr, want) {
			t.Errorf("%v: status %d, %q; want 1 and %q", args, status, stderr, want)
		}
	}
	if now, _ := os.ReadFile(db); !bytes.Equal(now, orig) {
		t.Error("the newer store was modified")
	}
}
