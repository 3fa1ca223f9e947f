package store

import (
	"fmt"
	"sort"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// maxHits bounds the per-generation cache of query-word unions.
const maxHits = 256

// vocabulary is every indexed word, sorted, and the same words joined
// into one NUL-separated string. A query word matches the indexed words
// that contain it, so finding them is a substring scan; scanning one long
// string with strings.Index (vectorized) is far faster than testing each
// word in turn.
type vocabulary struct {
	words []string
	text  string // "\x00w0\x00w1\x00...\x00"
	offs  []int  // offs[i] is where words[i] starts in text
}

func newVocabulary(words []string) *vocabulary {
	v := &vocabulary{words: words, offs: make([]int, len(words))}
	var b strings.Builder
	n := 1
	for _, w := range words {
		n += len(w) + 1
	}
	b.Grow(n)
	b.WriteByte(0)
	for i, w := range words {
		v.offs[i] = b.Len()
		b.WriteString(w)
		b.WriteByte(0)
	}
	v.text = b.String()
	return v
}

// matching returns the positions in words of the words containing q. q
// must not contain NUL (folded words never do), so a match never spans
// two words.
func (v *vocabulary) matching(q string) []int {
	if q == "" || strings.IndexByte(q, 0) >= 0 {
		return nil
	}
	var out []int
	from := 0
	for from < len(v.text) {
		j := strings.Index(v.text[from:], q)
		if j < 0 {
			break
		}
		pos := from + j
		i := sort.Search(len(v.offs), func(i int) bool { return v.offs[i] > pos }) - 1
		out = append(out, i)
		if i+1 >= len(v.offs) {
			break
		}
		from = v.offs[i+1] // one hit per word is enough
	}
	return out
}

// searchSet returns the ids matching every word of a search, or nil when
// the search has no words (it then restricts nothing). Each query word
// matches the activities indexed under any word that contains it, which
// covers prefixes ("counter" finds "counterterrorism") and is accent and
// case insensitive because both sides are folded.
func (ix *index) searchSet(tx *bolt.Tx, search string) (*roaring.Bitmap, error) {
	qs := model.Words(search)
	if len(qs) == 0 {
		return nil, nil
	}
	if err := ix.loadVocab(tx); err != nil {
		return nil, err
	}
	sets := make([]*roaring.Bitmap, 0, len(qs))
	seen := make(map[string]bool, len(qs))
	for _, q := range qs {
		if seen[q] {
			continue
		}
		seen[q] = true
		bm, err := ix.hit(tx, q)
		if err != nil {
			return nil, err
		}
		if bm.IsEmpty() {
			return roaring.New(), nil
		}
		sets = append(sets, bm)
	}
	return and(sets), nil
}

// hit returns the union of the bitmaps of every vocabulary word that
// contains q, from the cache when this generation has seen q before.
// Word bitmaps are read from tx on first use and kept for the generation.
func (ix *index) hit(tx *bolt.Tx, q string) (*roaring.Bitmap, error) {
	if bm, ok := ix.hits[q]; ok {
		return bm, nil
	}
	matches := ix.vocab.matching(q)
	bms := make([]*roaring.Bitmap, 0, len(matches))
	var wb *bolt.Bucket
	for _, i := range matches {
		w := ix.vocab.words[i]
		bm, ok := ix.words[w]
		if !ok {
			if wb == nil {
				if wb = tx.Bucket(bWords); wb == nil {
					return nil, fmt.Errorf("words bucket missing")
				}
			}
			v := wb.Get([]byte(w))
			if v == nil {
				continue
			}
			bm = roaring.New()
			if err := bm.UnmarshalBinary(v); err != nil {
				return nil, fmt.Errorf("word %q: %v", w, err)
			}
			bm = ix.visible(bm)
			ix.words[w] = bm
		}
		bms = append(bms, bm)
	}
	var res *roaring.Bitmap
	switch len(bms) {
	case 0:
		res = roaring.New()
	case 1:
		res = bms[0] // shared, never modified
	default:
		res = roaring.FastOr(bms...)
	}
	if len(ix.hits) >= maxHits {
		clear(ix.hits)
	}
	ix.hits[q] = res
	return res, nil
}
