package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/unoct/unoct/model"
)

// calendar is a kind of record that can be written as iCalendar
// events: activities, which have dates; counts have none.
type calendar interface {
	calendar() (*ics.Calendar, error)
}

// encodeICS writes an iCalendar file (RFC 5545, CRLF line ends).
func encodeICS(w io.Writer, r Records, _ int) error {
	c, ok := r.(calendar)
	if !ok {
		return fmt.Errorf("ics is for activities, which have dates: choose another format")
	}
	cal, err := c.calendar()
	if err != nil {
		return err
	}
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

// calendar is an all-day event per session of each activity. The
// output depends on the activities alone, so that exporting twice
// gives the same file and a calendar that imports it again updates its
// events rather than doubling them: each event's UID comes from its
// activity's source (document and line) and the session's number, and
// its DTSTAMP from the document's month. A session without a date
// makes no event.
func (as activities) calendar() (*ics.Calendar, error) {
	cal := ics.NewCalendarFor("unoct")
	cal.SetProductId("-//unoct//UNOCT activities//EN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName(reportTitle)
	for i := range as {
		a := &as[i]
		stamp := documentStamp(a.Month)
		desc := description(a)
		for j, s := range a.Sessions {
			start, err := time.Parse(time.DateOnly, s.Start)
			if err != nil {
				continue
			}
			end, err := time.Parse(time.DateOnly, s.End)
			if err != nil || end.Before(start) {
				end = start
			}
			ev := cal.AddEvent(EventUID(a.Source, j))
			ev.SetDtStampTime(stamp)
			ev.SetAllDayStartAt(start)
			// DTEND of an all-day event is the day after the last.
			ev.SetAllDayEndAt(end.AddDate(0, 0, 1))
			ev.SetSummary(a.Headline(120))
			if p := placeWords(a, s); p != "" {
				ev.SetLocation(model.Inert(p))
			}
			ev.SetDescription(desc)
			ev.AddCategory(string(a.Kind))
		}
	}
	return cal, nil
}

// EventUID is the UID of session j (from 0) of the activity read from
// src: "2020-02.md-41-1@unoct", the document name with every byte but
// letters, digits, '.', '_' and '-' percent-encoded, so that it is the
// same however often the activity is exported.
func EventUID(src model.Source, j int) string {
	var b strings.Builder
	for _, c := range []byte(src.Document) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '_', c == '-':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	if src.Page > 0 {
		b.WriteString("-p" + strconv.Itoa(src.Page))
	}
	return b.String() + "-" + strconv.Itoa(src.Line) + "-" + strconv.Itoa(j+1) + "@unoct"
}

// documentStamp is the DTSTAMP of a document's events: the first day
// after its month, about when a monthly document is written, so that
// it does not change from one export to the next.
func documentStamp(month string) time.Time {
	m, err := time.Parse("2006-01", month)
	if err != nil {
		return time.Unix(0, 0).UTC()
	}
	return m.AddDate(0, 1, 0).UTC()
}

// description is the activity as its reading lays it out, in plain
// text: the bullet, then a field a line.
func description(a *model.Activity) string {
	r := a.Reading()
	var b strings.Builder
	b.WriteString(r.Text)
	b.WriteString("\n")
	for _, f := range r.Fields {
		if len(f.Lines) == 0 {
			continue
		}
		b.WriteString("\n" + f.Label + ": " + f.Joined())
	}
	return b.String()
}
