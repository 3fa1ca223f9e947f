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
// Given Markdown files instead, it renders each as such a PDF (the
// month from a YYYY-MM in its name, the layout from -seed), so that a
// hand-written document, the seed included, can be read as a PDF:
//
//	go run ./cmd/unoct-gen -out /tmp/pdf data/highlights/2020-02.md
//
// It is a developer tool; see BENCHMARKS.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
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
		fmt.Fprintln(os.Stderr, "       unoct-gen -out DIR [-seed S] FILE.md...   (renders each file as an office-style PDF)")
		flag.PrintDefaults()
	}
	flag.Parse()
	formats, ok := map[string]gen.Formats{"md": {Markdown: true}, "pdf": {PDF: true}, "both": {Markdown: true, PDF: true}}[*format]
	if *out == "" || *n <= 0 || !ok {
		flag.Usage()
		os.Exit(2)
	}
	say := func(format string, args ...any) {
		if !*quiet {
			fmt.Printf(format, args...)
		}
	}
	if flag.NArg() > 0 {
		if err := renderFiles(*out, flag.Args(), *seed, say); err != nil {
			fmt.Fprintln(os.Stderr, "unoct-gen:", err)
			os.Exit(1)
		}
		return
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

var monthInName = regexp.MustCompile(`(?:^|[^0-9])(\d{4}-(?:0[1-9]|1[0-2]))(?:[^0-9]|$)`)

// renderFiles writes each Markdown file as NAME.pdf into dir.
func renderFiles(dir string, files []string, seed uint64, say func(string, ...any)) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		md, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		base := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		month := ""
		if m := monthInName.FindStringSubmatch(base); m != nil {
			month = m[1]
		}
		raw, err := gen.MarkdownPDF(md, gen.PDFOptions{Month: month, Seed: seed})
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		path := filepath.Join(dir, base+".pdf")
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			return err
		}
		say("wrote %s\n", path)
	}
	return nil
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
