// Package pdf decodes the office's highlights PDFs. It reads the text
// layer with PDFium, run as WebAssembly by wazero (pure Go: nothing to
// install), takes every run of text with its position, size and weight,
// and hands the pages to package text, which rebuilds reading order and
// structure (columns, headings, bullets, KPI boxes) and repairs what PDF
// text breaks. The rebuilt text is what the store keeps, so a document
// read from a PDF is read again without it.
package pdf

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/adrg/xdg"
	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/unoct/unoct/data/reader/decode"
	"github.com/unoct/unoct/data/reader/decode/text"
)

//go:embed *.go
var source embed.FS

var version = sync.OnceValue(func() string { return decode.SourceVersion(source) + "+" + text.Version() })

// Decoder reads PDFs. Its PDFium runtime starts on the first PDF it is
// given, not when it is built: most runs read no PDF, and compiling
// PDFium costs seconds the first time (a fraction of a second once
// wazero's compilation cache holds it). Build it with New; it is safe
// for concurrent use, and Close releases the runtime.
type Decoder struct {
	// CacheDir is where wazero keeps PDFium compiled; "" puts it in the
	// user's XDG cache directory, and a directory that cannot be made
	// means compiling every time, nothing worse.
	CacheDir string
	// Workers is how many PDFs are read at once (each has its own
	// PDFium instance, some tens of megabytes); 0 means one per core,
	// at most 4.
	Workers int
	// Words are what a word broken at a line's end is checked against
	// (see text.FromPages); nil leaves the document's own words alone
	// to decide.
	Words decode.Words

	mu     sync.Mutex
	pool   pdfium.Pool
	cache  wazero.CompilationCache
	err    error // why the runtime could not start, kept so it is not tried again
	closed bool
}

// New is a Decoder that starts its runtime on the first PDF.
func New() *Decoder { return &Decoder{} }

func (*Decoder) Name() string    { return "pdf" }
func (*Decoder) Version() string { return version() }

// Sniff knows a PDF by its signature, which some writers put after a
// few bytes of junk (the format allows up to 1024).
func (*Decoder) Sniff(raw []byte) bool {
	head := raw[:min(len(raw), 1024)]
	return bytes.Contains(head, []byte("%PDF-"))
}

// Start starts the runtime now, if it has not started: for a caller
// that wants to pay the start before timing the reading, or to report
// it. It is what the first Decode does.
func (d *Decoder) Start() error {
	_, err := d.start()
	return err
}

func (d *Decoder) start() (pdfium.Pool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return nil, errors.New("the PDF reader was closed")
	}
	if d.pool != nil || d.err != nil {
		return d.pool, d.err
	}
	workers := d.Workers
	if workers <= 0 {
		workers = min(runtime.GOMAXPROCS(0), 4)
	}
	rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	if dir := d.cacheDir(); dir != "" {
		if c, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
			d.cache = c
			rc = rc.WithCompilationCache(c)
		}
	}
	d.pool, d.err = webassembly.Init(webassembly.Config{
		MinIdle: 1, MaxIdle: workers, MaxTotal: workers,
		// An instance of PDFium is kept for the next PDF: making one
		// costs more than reading a page.
		ReuseWorkers:  true,
		RuntimeConfig: rc,
		// No file system: PDFs are handed over as bytes, and PDFium
		// has no business with the user's files.
		FSConfig: wazero.NewFSConfig(),
		Stdout:   io.Discard, Stderr: io.Discard,
	})
	if d.err != nil {
		d.err = fmt.Errorf("starting the PDF reader (PDFium): %w", d.err)
	}
	return d.pool, d.err
}

func (d *Decoder) cacheDir() string {
	if d.CacheDir != "" {
		return d.CacheDir
	}
	// xdg.CacheFile makes the directories of a file path; the file
	// itself is wazero's business.
	p, err := xdg.CacheFile("unoct/wazero/.keep")
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(p, "/.keep")
}

// Close releases the runtime; a closed Decoder refuses PDFs.
func (d *Decoder) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.closed = true
	var err error
	if d.pool != nil {
		err = d.pool.Close()
		d.pool = nil
	}
	if d.cache != nil {
		d.cache.Close(context.Background())
		d.cache = nil
	}
	return err
}

// Decode reads the PDF's text layer and rebuilds its text. A PDF with no
// text, a password, or broken beyond what PDFium mends is refused with
// an *decode.Error; PDFium's own failures and panics become refusals too.
func (d *Decoder) Decode(raw []byte) (doc *decode.Doc, err error) {
	pool, err := d.start()
	if err != nil {
		return nil, err
	}
	inst, err := pool.GetInstance(5 * time.Minute)
	if err != nil {
		return nil, fmt.Errorf("waiting for the PDF reader: %w", err)
	}
	defer inst.Close()
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, &decode.Error{Msg: fmt.Sprintf("the PDF could not be read (%v)", p), Hint: damagedHint}
		}
	}()
	pages, err := readPages(inst, raw)
	if err != nil {
		return nil, err
	}
	return text.FromPages(pages, d.Words)
}

const damagedHint = "the file may be damaged or incomplete: download it again, or open it and save it again as PDF"

// readPages is the text runs of every page, with their boxes in points
// from the page's top left corner.
func readPages(inst pdfium.Pdfium, raw []byte) ([]text.Page, error) {
	opened, err := inst.OpenDocument(&requests.OpenDocument{File: &raw})
	if err != nil {
		switch {
		case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
			return nil, &decode.Error{Msg: "the PDF is encrypted with a password",
				Hint: "open it with its password and save or print it as a PDF without one, then import that"}
		default:
			return nil, &decode.Error{Msg: "the PDF is damaged: " + strings.TrimLeft(err.Error(), "0123456789: "), Hint: damagedHint}
		}
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: opened.Document})
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: opened.Document})
	if err != nil {
		return nil, &decode.Error{Msg: "the PDF's pages cannot be read: " + err.Error(), Hint: damagedHint}
	}
	if count.PageCount == 0 {
		return nil, &decode.Error{Msg: "the PDF has no pages", Hint: damagedHint}
	}
	if count.PageCount > maxPages {
		return nil, &decode.Error{Msg: fmt.Sprintf("the PDF has %d pages; a highlights document has one or two", count.PageCount),
			Hint: "is this a highlights document? give the office's monthly highlights"}
	}
	var pages []text.Page
	for i := range count.PageCount {
		page := requests.Page{ByIndex: &requests.PageByIndex{Document: opened.Document, Index: i}}
		st, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{Page: page,
			Mode: requests.GetPageTextStructuredModeRects, CollectFontInformation: true})
		if err != nil {
			return nil, &decode.Error{Msg: fmt.Sprintf("page %d of the PDF cannot be read: %v", i+1, err), Hint: damagedHint}
		}
		size, err := inst.FPDF_GetPageSizeByIndex(&requests.FPDF_GetPageSizeByIndex{Document: opened.Document, Index: i})
		if err != nil {
			return nil, &decode.Error{Msg: fmt.Sprintf("page %d of the PDF cannot be read: %v", i+1, err), Hint: damagedHint}
		}
		p := text.Page{Num: i + 1, Width: size.Width, Height: size.Height}
		for _, r := range st.Rects {
			if strings.TrimSpace(r.Text) == "" {
				continue
			}
			f := text.Frag{Text: r.Text, X0: r.PointPosition.Left, X1: r.PointPosition.Right,
				Y0: r.PointPosition.Top, Y1: r.PointPosition.Bottom}
			if f.Y0 > f.Y1 { // PDF space: y grows upwards
				f.Y0, f.Y1 = size.Height-f.Y0, size.Height-f.Y1
			}
			if fi := r.FontInformation; fi != nil {
				f.Size = fi.Size
				if fi.RenderedSize > 0 {
					f.Size = fi.RenderedSize
				}
				f.Bold = fi.Weight >= 600 || fi.Flags&(1<<18) != 0 || strings.Contains(strings.ToLower(fi.Name), "bold")
			}
			if f.Size <= 0 {
				f.Size = f.Y1 - f.Y0
			}
			p.Frags = append(p.Frags, f)
		}
		pages = append(pages, p)
	}
	return pages, nil
}

// maxPages is far beyond a highlights document (one or two pages, a few
// for a quarter): more is another kind of document, refused before the
// work of reading it.
const maxPages = 40
