package gen_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/unoct/unoct/data/gen"
	"github.com/unoct/unoct/data/reader"
)

func TestZZDebug(t *testing.T) {
	seed, _ := strconv.Atoi(os.Getenv("ZZSEED"))
	name := os.Getenv("ZZDOC")
	g, _ := gen.New()
	rd, _ := reader.Default()
	for _, d := range gen.Plan(300, uint64(seed))[:3] {
		if d.PDFName() != name {
			continue
		}
		md, _ := rd.Read(d.Name, g.Render(uint64(seed), d), reader.Options{})
		raw, _ := g.RenderPDF(uint64(seed), d)
		os.WriteFile("/tmp/zz.pdf", raw, 0o644)
		os.WriteFile("/tmp/zz.md", g.Render(uint64(seed), d), 0o644)
		res, _ := rd.Read(d.PDFName(), raw, reader.Options{})
		for _, a := range md.Activities {
			t.Logf("MD %d: %v %s", a.Source.Line, a.Pillars, a.Text)
		}
		for _, a := range res.Activities {
			t.Logf("PDF %d/%d: %v %s", a.Source.Page, a.Source.Line, a.Pillars, a.Text)
		}
	}
}
