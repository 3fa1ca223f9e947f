package export_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/model/export"
)

// Ensure that the iCalendar file parses back, with the same library, into
// one all-day event per dated session, each with its place, summary,
// description, a UID from the activity's source and a DTSTAMP from its
// document; and that writing it twice gives the same bytes.
func TestICS_RoundTrip(t *testing.T) {
	acts := sample(t)
	write := func() []byte {
		var buf bytes.Buffer
		if err := export.Write(&buf, export.ICS, acts, 0); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	out := write()
	if !bytes.Equal(out, write()) {
		t.Error("two exports of the same activities differ")
	}
	for _, l := range strings.SplitAfter(string(out), "\n") {
		if l != "" && !strings.HasSuffix(l, "\r\n") {
			t.Fatalf("a line does not end in CRLF (RFC 5545): %q", l)
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		start, end time.Time
		location   string
		a          *model.Activity
	}
	wants := map[string]want{}
	for i := range acts {
		a := &acts[i]
		for j, s := range a.Sessions {
			start, err := time.Parse(time.DateOnly, s.Start)
			if err != nil {
				continue
			}
			end, _ := time.Parse(time.DateOnly, s.End)
			wants[export.EventUID(a.Source, j)] = want{start, end.AddDate(0, 0, 1), s.City, a}
		}
	}
	events := cal.Events()
	if len(events) != len(wants) || len(events) < 30 {
		t.Fatalf("%d events, want %d (a dated session each)", len(events), len(wants))
	}
	for _, ev := range events {
		w, ok := wants[ev.Id()]
		if !ok {
			t.Errorf("event %q is no session's", ev.Id())
			continue
		}
		start, err := ev.GetAllDayStartAt()
		if err != nil || !start.Equal(w.start) {
			t.Errorf("%s: DTSTART %v, %v; want %v", ev.Id(), start, err, w.start)
		}
		end, err := ev.GetAllDayEndAt()
		if err != nil || !end.Equal(w.end) {
			t.Errorf("%s: DTEND %v, %v; want %v (the day after the last)", ev.Id(), end, err, w.end)
		}
		if p := ev.GetProperty(ics.ComponentPropertyDtStart); p == nil || p.ICalParameters["VALUE"][0] != "DATE" {
			t.Errorf("%s: not an all-day event", ev.Id())
		}
		if loc := prop(ev, ics.ComponentPropertyLocation); w.location != "" && !strings.HasPrefix(loc, w.location) {
			t.Errorf("%s: LOCATION %q, want %s...", ev.Id(), loc, w.location)
		}
		if got := prop(ev, ics.ComponentPropertySummary); got != w.a.Headline(120) {
			t.Errorf("%s: SUMMARY %q", ev.Id(), got)
		}
		desc := prop(ev, ics.ComponentPropertyDescription)
		if !strings.HasPrefix(desc, w.a.Text+"\n") || !strings.Contains(desc, "Source: "+w.a.Source.String()) {
			t.Errorf("%s: DESCRIPTION %q", ev.Id(), desc)
		}
		stamp, err := ev.GetDtStampTime()
		if err != nil || stamp.Format("2006-01") <= w.a.Month {
			t.Errorf("%s: DTSTAMP %v, %v; want the month after %s", ev.Id(), stamp, err, w.a.Month)
		}
	}
}

func prop(ev *ics.VEvent, p ics.ComponentProperty) string {
	if x := ev.GetProperty(p); x != nil {
		return x.Value
	}
	return ""
}

// Ensure that a UID names the activity's document and line (and page of
// a PDF) and the session, whatever the document's name holds.
func TestEventUID(t *testing.T) {
	for _, tc := range []struct {
		src  model.Source
		j    int
		want string
	}{
		{model.Source{Document: "2020-02.md", Line: 41}, 0, "2020-02.md-41-1@unoct"},
		{model.Source{Document: "high lights;2020.pdf", Page: 2, Line: 14}, 1, "high%20lights%3B2020.pdf-p2-14-2@unoct"},
		{model.Source{Document: "été\r\n.txt", Line: 3}, 0, "%C3%A9t%C3%A9%0D%0A.txt-3-1@unoct"},
	} {
		if got := export.EventUID(tc.src, tc.j); got != tc.want {
			t.Errorf("EventUID(%+v, %d) = %q, want %q", tc.src, tc.j, got, tc.want)
		}
	}
}

// Ensure that hostile text stays data in a calendar: it parses back as
// it was made inert, and makes no property or component of its own.
func TestICS_HostileText(t *testing.T) {
	a := hostileActivity()
	a.Text = "line one\r\nBEGIN:VEVENT\nUID:evil\r\nEND:VEVENT; comma, backslash \\ \x1b[31mred"
	var buf bytes.Buffer
	if err := export.Write(&buf, export.ICS, []model.Activity{a}, 0); err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(buf.Bytes(), "\x1b\x07") {
		t.Error("escape or bell in the calendar")
	}
	cal, err := ics.ParseCalendar(&buf)
	if err != nil {
		t.Fatal(err)
	}
	evs := cal.Events()
	if len(evs) != 1 || evs[0].Id() != "%3D2020-06.md-3-1@unoct" {
		t.Fatalf("%d events; want the one session's", len(evs))
	}
	if got := prop(evs[0], ics.ComponentPropertyDescription); !strings.HasPrefix(got, model.Inert(a.Text)+"\n") {
		t.Errorf("DESCRIPTION %q", got)
	}
}

// Ensure that records without dates (a facet's counts) are refused as
// iCalendar with a clear error rather than written as an empty file.
func TestICS_CountsRefused(t *testing.T) {
	s, _ := export.Lookup(export.ICS)
	err := s.Write(&bytes.Buffer{}, hostileCounts(), 0)
	if err == nil || !strings.Contains(err.Error(), "ics is for activities") {
		t.Errorf("counts as ics: %v", err)
	}
}
