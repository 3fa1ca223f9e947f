// Command listpaged is `unoct list --format csv` (every activity, or
// those of a search) written a page of activities at a time instead of
// all at once: a prototype that BenchmarkCLI runs beside the real binary
// to measure what streaming would do to the CLI's peak memory. It is not
// part of unoct.
//
//	listpaged STORE [SEARCH]    (PAGE=n activities per page, default 1000)
package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
	"github.com/unoct/unoct/store"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "listpaged:", err)
		os.Exit(1)
	}
}

func run() error {
	if len(os.Args) < 2 {
		return fmt.Errorf("usage: listpaged STORE [SEARCH]")
	}
	// What `unoct list` does before listing.
	s, err := store.Open(os.Args[1], store.Options{ReaderVersion: reader.CurrentVersion()})
	if err != nil {
		return err
	}
	if _, err := s.IsEmpty(); err != nil {
		return err
	}
	if _, err := s.NeedsRederive(reader.CurrentVersion()); err != nil {
		return err
	}
	q := model.Query{}
	if len(os.Args) > 2 {
		q.Search = os.Args[2]
	}
	page, _ := strconv.Atoi(os.Getenv("PAGE"))
	if page <= 0 {
		page = 1000
	}
	res, err := s.Query(q)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(os.Stdout)
	for i := 0; i < len(res.IDs); i += page {
		acts, err := s.Get(res.IDs[i:min(i+page, len(res.IDs))]...)
		if err != nil {
			return err
		}
		// A real implementation writes the CSV header once; here each
		// page repeats it, which changes nothing to the memory.
		if err := export.Write(w, export.CSV, acts, 0); err != nil {
			return err
		}
	}
	return w.Flush()
}
