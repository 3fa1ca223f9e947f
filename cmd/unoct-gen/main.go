// Command unoct-gen writes a synthetic corpus of UNOCT highlights
// documents for scale tests and benchmarks (the generator is data/gen):
// documents shaped like the real ones, which the real reader reads back,
// so that a corpus of a million activities goes through the same reader
// and import path as real documents. The output is deterministic for a
// seed.
//
//	go run ./cmd/unoct-gen -activities 100000 -seed 1 -out /tmp/corpus
//	unoct --db /tmp/unoct.db import /tmp/corpus/*.md
//
// With -db it also imports the documents into a store, through the real
// reader and the store's import pipeline, as `unoct import` does:
//
//	go run ./cmd/unoct-gen -activities 1000000 -out /tmp/corpus -db /tmp/unoct.db
//
// With -format pdf (or both) it writes each document as a PDF laid out
// the way the office lays out its own (NAME.pdf, beside or instead of
// NAME.md), so that the PDF reader can be tested and measured without
// the office's files; -db then imports the PDFs:
//
//	go run ./cmd/unoct-gen -activities 5000 -format both -out /tmp/corpus
//
// It is a developer tool; see BENCHMARKS.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/unoct/unoct/data/gen"
	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/store"
)

func main() {
	n := flag.Int("activities", 1000, "how many activities to write in all")
	seed := flag.Uint64("seed", 1, "the seed: the same seed and size give the same documents")
	out := flag.String("out", "", "the directory to write the documents into (created if missing)")
	db := flag.String("db", "", "also import the documents into this store (created if missing)")
	format := flag.String("format", "md", "what to write for each document: md, pdf (laid out as the office does) or both")
	quiet := flag.Bool("q", false, "print nothing but errors")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: unoct-gen -activities N -seed S -out DIR [-format md|pdf|both] [-db STORE]")
		flag.PrintDefaults()
	}
	flag.Parse()
	formats, ok := map[string]gen.Formats{"md": {Markdown: true}, "pdf": {PDF: true}, "both": {Markdown: true, PDF: true}}[*format]
	if *out == "" || *n <= 0 || flag.NArg() > 0 || !ok {
		flag.Usage()
		os.Exit(2)
	}
	say := func(format string, args ...any) {
		if !*quiet {
			fmt.Printf(format, args...)
		}
	}
	err := write(*out, *n, *seed, formats, say)
	if err == nil && *db != "" {
		err = importInto(*db, *out, *n, *seed, !formats.Markdown, say)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "unoct-gen:", err)
		os.Exit(1)
	}
}

func write(dir string, n int, seed uint64, f gen.Formats, say func(string, ...any)) error {
	start := time.Now()
	g, err := gen.New()
	if err != nil {
		return err
	}
	docs, err := g.WriteFormats(dir, n, seed, f)
	if err != nil {
		return err
	}
	say("wrote %d documents, %d activities, to %s in %v\n", len(docs), n, dir, time.Since(start).Round(time.Millisecond))
	return nil
}

// importInto imports the corpus just written into the store at path:
// its PDFs when pdf is set, else its Markdown.
func importInto(path, dir string, n int, seed uint64, pdf bool, say func(string, ...any)) error {
	start := time.Now()
	rd, err := reader.Default()
	if err != nil {
		return err
	}
	s, err := store.Open(path, store.Options{ReaderVersion: reader.CurrentVersion()})
	if err != nil {
		return err
	}
	inputs := gen.Inputs(dir, n, seed)
	if pdf {
		inputs = gen.PDFInputs(dir, n, seed)
	}
	got, err := gen.ImportAll(rd, s, inputs)
	if err != nil {
		return err
	}
	d := time.Since(start)
	say("imported %d activities into %s in %v (%.0f activities/s)\n", got, path, d.Round(time.Millisecond), float64(got)/d.Seconds())
	return nil
}
