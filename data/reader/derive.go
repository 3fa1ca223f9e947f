package reader

import (
	"fmt"
	"strings"

	"github.com/unoct/unoct/model"
)

// Derive reads one document as the store's import pipeline and its
// re-derivation ask (store.Reader): month overrides the month the reader
// would find ("" lets it tell), and what the person importing should be
// told comes back as notes, one to a line: the names no reference table
// knows ("unknown: NAME (line N), ..."), then each problem ("note: line
// N: ..."). Generated documents and re-derivations simply ignore them.
func (r *Reader) Derive(name string, raw []byte, month string) (model.Derived, error) {
	res, err := r.Read(name, raw, Options{Month: month})
	if err != nil {
		return model.Derived{}, err
	}
	d := model.Derived{Doc: res.Document, Activities: res.Activities}
	if len(res.Unknown) > 0 {
		u := make([]string, len(res.Unknown))
		for i, q := range res.Unknown {
			u[i] = fmt.Sprintf("%s (line %d)", q.Msg, q.Line)
		}
		d.Notes = append(d.Notes, "unknown: "+strings.Join(u, ", "))
	}
	for _, q := range res.Problems {
		d.Notes = append(d.Notes, "note: "+q.String())
	}
	return d, nil
}
