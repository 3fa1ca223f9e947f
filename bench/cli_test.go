package bench

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/unoct/unoct/bench/corpus"
)

// gnuTime measures the commands' peak memory.
const gnuTime = "/usr/bin/time"

var (
	cliOnce sync.Once
	cliPath string
	cliErr  error
)

// binDirs are the temporary directories the binaries were built in,
// removed by TestMain.
var binDirs []string

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range binDirs {
		_ = os.RemoveAll(d)
	}
	os.Exit(code)
}

// cliBinary builds the real unoct binary once per test binary (or takes
// $UNOCT_BENCH_BIN).
func cliBinary(b *testing.B) string {
	cliOnce.Do(func() {
		if p := os.Getenv("UNOCT_BENCH_BIN"); p != "" {
			cliPath = p
			return
		}
		dir, err := os.MkdirTemp("", "unoct-bench-bin-")
		if err != nil {
			cliErr = err
			return
		}
		binDirs = append(binDirs, dir)
		cliPath = filepath.Join(dir, "unoct")
		out, err := exec.Command("go", "build", "-o", cliPath, "github.com/unoct/unoct/cmd/unoct").CombinedOutput()
		if err != nil {
			cliErr = &buildError{err, out}
		}
	})
	if cliErr != nil {
		b.Fatal(cliErr)
	}
	return cliPath
}

type buildError struct {
	err error
	out []byte
}

func (e *buildError) Error() string {
	return "go build ./cmd/unoct: " + e.err.Error() + "\n" + string(e.out)
}

// cliCommands are what BenchmarkCLI runs: a facet count and a full
// listing in every format that streams, and the comparison script's
// questions.
var cliCommands = []struct {
	name string
	args []string
}{
	{name: "stats", args: []string{"stats", "--by", "country"}},
	{name: "stats-filtered", args: []string{"stats", "--by", "country", "--pillar", "II", "--month", "2021-01..2021-12"}},
	{name: "list-csv", args: []string{"list", "--format", "csv"}},
	{name: "list-search", args: []string{"list", "--format", "csv", "--search", "border security"}},
	{name: "list-json", args: []string{"list", "--format", "json"}},
	{name: "list-jsonl", args: []string{"list", "--format", "jsonl"}},
	{name: "list-md", args: []string{"list", "--format", "md"}},
	{name: "list-tsv", args: []string{"list"}},
}

// BenchmarkCLI runs the real binary on the corpus's store, a new process
// per op, and reports its peak resident memory in MB (the largest over
// the ops) and its CPU time. Output goes to /dev/null.
//
// The peak is the ru_maxrss GNU time (/usr/bin/time, Debian package
// "time") reads for the command, not the one cmd.ProcessState gives:
// Go starts a child with vfork, and Linux carries the high-water mark of
// the memory the child shared with the test process across exec into the
// child's ru_maxrss, so that every command would seem to use at least
// what the test process uses (hundreds of MB at a million activities).
// GNU time forks a small copy of itself instead.
func BenchmarkCLI(b *testing.B) {
	corpus.RunSizes(b, func(b *testing.B, c *corpus.Corpus) {
		c.Store(b)
		for _, cc := range cliCommands {
			b.Run(cc.name, func(b *testing.B) {
				bin, args := cliBinary(b), append([]string{"--db", c.StorePath}, cc.args...)
				if _, err := os.Stat(gnuTime); err != nil {
					b.Skipf("%s (GNU time) is needed to read the peak memory: apt-get install time", gnuTime)
				}
				report := filepath.Join(b.TempDir(), "maxrss")
				args = append([]string{"-f", "%M", "-o", report, bin}, args...)
				var peak int64
				var user, sys time.Duration
				for b.Loop() {
					cmd := exec.Command(gnuTime, args...)
					var stderr bytes.Buffer
					cmd.Stderr = &stderr
					if err := cmd.Run(); err != nil {
						b.Fatalf("%v: %v\n%s", cmd.Args, err, stderr.Bytes())
					}
					out, err := os.ReadFile(report)
					if err != nil {
						b.Fatal(err)
					}
					kb, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
					if err != nil {
						b.Fatalf("%s: %q: %v", gnuTime, out, err)
					}
					peak = max(peak, kb)
					// CPU time is the command's (and GNU time's, a few
					// hundred microseconds).
					user += cmd.ProcessState.UserTime()
					sys += cmd.ProcessState.SystemTime()
				}
				b.ReportMetric(float64(peak)/1024, "peak-RSS-MB")
				b.ReportMetric(float64(user+sys)/float64(b.N)/1e6, "cpu-ms/op")
			})
		}
	})
}
