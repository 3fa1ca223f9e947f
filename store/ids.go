package store

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unoct/unoct/model"
)

// Ids follow activities, not lines. A new version of a document often
// inserts lines above a bullet, and a new reader may read a bullet's
// text a little differently; either way the activity must keep its id,
// since ids are public (printed, exported, named by corrections). So a
// document's new activities are matched to its stored ones by their
// text (model.TextKey), never by their line alone:
//
//  1. the same text: duplicates (two bullets with one text) pair in
//     document order;
//  2. a similar text (most of the words in common, see similar), the
//     most similar pairs first: a bullet whose wording was touched up;
//  3. only where the stored text is unknown (a store whose texts were
//     lost), the same line, as ids were kept before texts were stored.
//
// An activity left unmatched takes a new id; a stored one left unmatched
// is gone, and its id is never given again.

// prior is a stored activity of a document, as matching sees it.
type prior struct {
	id   uint32
	line int
	text string // "" when unknown
}

// minSimilar is the least share of words two texts have in common
// (Jaccard index of their word sets) for them to be one bullet reworded.
const minSimilar = 0.6

// window bounds which texts are compared for similarity: a bullet left
// unmatched is compared with the stored ones left unmatched that stand
// within window places of it, in document order, among the unmatched.
// A reworded bullet stays about where it was, and comparing every pair
// would take quadratic time on a document rewritten whole.
const window = 24

// matchIDs returns the id each of acts keeps (0: a new one).
func matchIDs(old []prior, acts []model.Activity) []uint32 {
	ids := make([]uint32, len(acts))
	if len(old) == 0 {
		return ids
	}
	slices.SortFunc(old, func(a, b prior) int { return cmp.Compare(a.line, b.line) })
	used := make([]bool, len(old))
	keys := make([]string, len(acts))

	// 1. The same text, in document order.
	byKey := make(map[string][]int)
	for i, p := range old {
		if p.text != "" {
			k := model.TextKey(p.text)
			byKey[k] = append(byKey[k], i)
		}
	}
	order := make([]int, len(acts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(acts[a].Source.Line, acts[b].Source.Line) })
	for _, i := range order {
		keys[i] = model.TextKey(acts[i].Text)
		if c := byKey[keys[i]]; len(c) > 0 {
			ids[i], used[c[0]] = old[c[0]].id, true
			byKey[keys[i]] = c[1:]
		}
	}

	// 2. A similar text, most similar first.
	var left, gone []int
	for i := range acts {
		if ids[i] == 0 {
			left = append(left, i)
		}
	}
	for j, p := range old {
		if !used[j] && p.text != "" {
			gone = append(gone, j)
		}
	}
	slices.SortStableFunc(left, func(a, b int) int { return cmp.Compare(acts[a].Source.Line, acts[b].Source.Line) })
	if len(left) > 0 && len(gone) > 0 {
		type pair struct {
			i, j  int
			score float64
		}
		// keys hold folded words already: split, not folded again.
		words := func(k string) map[string]bool {
			m := make(map[string]bool)
			for _, w := range strings.Fields(k) {
				m[w] = true
			}
			return m
		}
		oldWords := make([][]string, len(gone))
		for n, j := range gone {
			for w := range words(model.TextKey(old[j].text)) {
				oldWords[n] = append(oldWords[n], w)
			}
		}
		var pairs []pair
		for a, i := range left {
			nw := words(keys[i])
			for n := max(0, a-window); n < min(len(gone), a+window+1); n++ {
				if s := similar(nw, oldWords[n]); s >= minSimilar {
					pairs = append(pairs, pair{i, gone[n], s})
				}
			}
		}
		slices.SortStableFunc(pairs, func(a, b pair) int { return cmp.Compare(b.score, a.score) })
		for _, p := range pairs {
			if ids[p.i] == 0 && !used[p.j] {
				ids[p.i], used[p.j] = old[p.j].id, true
			}
		}
	}

	// 3. The same line, where the stored text is unknown.
	byLine := make(map[int]int)
	for j, p := range old {
		if !used[j] && p.text == "" {
			byLine[p.line] = j
		}
	}
	for i := range acts {
		if ids[i] != 0 {
			continue
		}
		if j, ok := byLine[acts[i].Source.Line]; ok && !used[j] {
			ids[i], used[j] = old[j].id, true
		}
	}
	return ids
}

// similar is the Jaccard index of two word sets: the words in both over
// the words in either.
func similar(a map[string]bool, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	both := 0
	for _, w := range b {
		if a[w] {
			both++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

// ---- keeping ids and corrections through a rebuild ----

// seed is what a rebuild carries from the old file to the new store so
// that ids and corrections survive it: the buckets that say which id
// each document's activities have (lines, texts), the corrections and
// the record of changes, and the next id.
type seed struct {
	buckets map[string][][2][]byte
	nextID  uint64
}

// readSeed reads the seed out of the store file at path (a copy: the
// rebuild's backup), read-only. A file too damaged to read gives an
// empty seed: the rebuilt store then gives new ids, as it always did.
func readSeed(path string) (sd seed) {
	sd.buckets = make(map[string][][2][]byte)
	s := &Store{path: path, opts: Options{LockTimeout: time.Second}}
	db, err := s.salvageOpen()
	if err != nil {
		return sd
	}
	defer func() {
		defer func() { _ = recover() }()
		_ = db.Close()
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if recover() != nil {
			sd = seed{buckets: map[string][][2][]byte{}}
		}
	}()
	_ = db.View(func(tx *bolt.Tx) error {
		// An older layout's lines (and texts, fixes and changes, which
		// schema 1 lacks) keep their meaning; a newer one is refused
		// before a rebuild starts.
		if _, err := s.schema(tx); err != nil && !errors.Is(err, ErrOldSchema) {
			return nil
		}
		for _, name := range [][]byte{bLines, bTexts, bFixes, bChanges} {
			b := tx.Bucket(name)
			if b == nil {
				continue
			}
			seen := make(map[uint32]bool)
			_ = b.ForEach(func(k, v []byte) error {
				if v == nil {
					return nil
				}
				if bytes.Equal(name, bLines) {
					// Only what replace can read: a name, NUL, a line;
					// an id used once. Damage is left behind.
					id, ok := keyID(v)
					if i := bytes.IndexByte(k, 0); !ok || i < 0 || len(k) != i+5 || seen[id] {
						return nil
					}
					seen[id] = true
				}
				if bytes.Equal(name, bFixes) && json.Unmarshal(v, new(fixRecord)) != nil ||
					bytes.Equal(name, bChanges) && json.Unmarshal(v, new(Change)) != nil {
					return nil
				}
				sd.buckets[string(name)] = append(sd.buckets[string(name)], [2][]byte{bytes.Clone(k), bytes.Clone(v)})
				return nil
			})
		}
		sd.nextID = getU64(tx.Bucket(bMeta), kNextID)
		return nil
	})
	return sd
}

// plant writes a seed into a new, empty store, before its documents are
// imported: each import then finds the old ids (lines, texts) of its
// document and matches its activities to them.
func (s *Store) plant(sd seed) error {
	if len(sd.buckets) == 0 {
		return nil
	}
	return s.update(func(tx *bolt.Tx) error {
		for name, kvs := range sd.buckets {
			b, err := bucket(tx, []byte(name))
			if err != nil {
				return err
			}
			for _, kv := range kvs {
				if err := b.Put(kv[0], kv[1]); err != nil {
					return err
				}
			}
		}
		meta := tx.Bucket(bMeta)
		return putU64(meta, kNextID, max(getU64(meta, kNextID), sd.nextID))
	})
}

// dropUnplanted removes, once a rebuild's documents are imported, the
// planted lines and texts entries no activity took (a document the
// rebuild could not read again): the store keeps no id for nothing.
func (s *Store) dropUnplanted() error {
	return s.update(func(tx *bolt.Tx) error {
		lines, texts, acts := tx.Bucket(bLines), tx.Bucket(bTexts), tx.Bucket(bActs)
		var dead [][]byte
		_ = lines.ForEach(func(k, v []byte) error {
			if acts.Get(v) == nil {
				dead = append(dead, bytes.Clone(k))
			}
			return nil
		})
		for _, k := range dead {
			if err := lines.Delete(k); err != nil {
				return err
			}
		}
		dead = dead[:0]
		_ = texts.ForEach(func(k, _ []byte) error {
			if acts.Get(k) == nil {
				dead = append(dead, bytes.Clone(k))
			}
			return nil
		})
		for _, k := range dead {
			if err := texts.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
}
