package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The default order kept ready. Every listing starts from the order of all
// ids by (start date, id). Computing it means reading the whole starts
// bucket and sorting it: at a million activities about 150 ms of every
// command's start, and, in a store whose pages were rewritten by an
// upgrade, hundreds of megabytes of resident memory, since the kernel maps
// the neighbours of each scattered page read through the memory map. The
// order bucket holds it computed, one value per month of start dates
// (big-endian YYYYMM), each value the month's (start, id) pairs in order,
// 8 big-endian bytes each. A value is written in one piece, so a month's
// pairs lie on consecutive pages: reading them all touches a few
// megabytes.
//
// Writers keep it by month: a batch touches the months of its documents
// and rewrites those alone. It is trusted only when kOrderStamp equals the
// store's stamp: a write that moves the generation on without keeping
// the order (a schema upgrade, which drops starts) leaves it stale,
// readers then compute the order from starts as before, and the next
// writer rebuilds it whole. Writes that change no starts entry keep it
// current (bumpGeneration).
var (
	bOrder      = []byte("order")
	kOrderStamp = []byte("order_stamp")
)

// orderEdit is what a write transaction changed in one month's order:
// ids that left it, and ids that entered it with their pair. The starts
// bucket is the truth; every change to it goes through writer.moveStart.
type orderEdit struct {
	del map[uint32]bool
	add map[uint32]uint64
}

// encodeStamp is a stamp as kOrderStamp holds it.
func encodeStamp(st Stamp) []byte {
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(make([]byte, 0, 16), st.Epoch), st.Gen)
}

// orderCurrent reports whether tx's order bucket describes its stamp.
func orderCurrent(tx *bolt.Tx) bool {
	meta := tx.Bucket(bMeta)
	return meta != nil && tx.Bucket(bOrder) != nil && bytes.Equal(meta.Get(kOrderStamp), encodeStamp(readStamp(meta)))
}

// startMonth is the order bucket's key for a starts value.
func startMonth(v []byte) uint32 { return binary.BigEndian.Uint32(v) / 100 }

// moveStart sets activity id's starts entry to v (nil deletes it) and
// records the move for the order.
func (w *writer) moveStart(key []byte, id uint32, v []byte) error {
	if old := w.starts.Get(key); len(old) == 8 {
		e := w.orderEdit(startMonth(old))
		delete(e.add, id)
		e.del[id] = true
	}
	if v == nil {
		return w.starts.Delete(key)
	}
	w.orderEdit(startMonth(v)).add[id] = uint64(binary.BigEndian.Uint32(v))<<32 | uint64(id)
	return w.starts.Put(key, v)
}

func (w *writer) orderEdit(month uint32) *orderEdit {
	if w.order == nil {
		w.order = make(map[uint32]*orderEdit)
	}
	e := w.order[month]
	if e == nil {
		e = &orderEdit{del: make(map[uint32]bool), add: make(map[uint32]uint64)}
		w.order[month] = e
	}
	return e
}

// finishOrder brings the order bucket up to the transaction's last
// changes and stamps it with the store's stamp: the last thing a write
// transaction does. When the order was not current as the transaction
// began, it is rebuilt from starts.
func (w *writer) finishOrder() error {
	if !w.orderWasCurrent {
		if err := rebuildOrder(w.tx); err != nil {
			return err
		}
	} else {
		b := w.tx.Bucket(bOrder)
		for _, month := range slices.Sorted(maps.Keys(w.order)) {
			if err := applyOrderEdit(b, month, w.order[month]); err != nil {
				return err
			}
		}
	}
	clear(w.order)
	return w.meta.Put(kOrderStamp, encodeStamp(readStamp(w.meta)))
}

// applyOrderEdit rewrites one month's pairs.
func applyOrderEdit(b *bolt.Bucket, month uint32, e *orderEdit) error {
	key := binary.BigEndian.AppendUint32(nil, month)
	old := b.Get(key)
	pairs := make([]uint64, 0, len(old)/8+len(e.add))
	for i := 0; i+8 <= len(old); i += 8 {
		p := binary.BigEndian.Uint64(old[i:])
		if id := uint32(p); !e.del[id] {
			if _, moved := e.add[id]; !moved {
				pairs = append(pairs, p)
			}
		}
	}
	n := len(pairs)
	for _, p := range e.add {
		pairs = append(pairs, p)
	}
	slices.Sort(pairs[n:])
	pairs = mergeSorted(pairs, n)
	if len(pairs) == 0 {
		return b.Delete(key)
	}
	return b.Put(key, encodePairs(pairs))
}

// mergeSorted merges p[:n] and p[n:], both sorted, in one sorted slice.
func mergeSorted(p []uint64, n int) []uint64 {
	if n == 0 || n == len(p) || p[n-1] <= p[n] {
		return p
	}
	out := make([]uint64, 0, len(p))
	a, b := p[:n], p[n:]
	for len(a) > 0 && len(b) > 0 {
		if a[0] <= b[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

func encodePairs(pairs []uint64) []byte {
	v := make([]byte, 0, 8*len(pairs))
	for _, p := range pairs {
		v = binary.BigEndian.AppendUint64(v, p)
	}
	return v
}

// rebuildOrder writes the order bucket anew from starts.
func rebuildOrder(tx *bolt.Tx) error {
	if tx.Bucket(bOrder) != nil {
		if err := tx.DeleteBucket(bOrder); err != nil {
			return err
		}
	}
	b, err := tx.CreateBucket(bOrder)
	if err != nil {
		return err
	}
	starts := tx.Bucket(bStarts)
	if starts == nil {
		return fmt.Errorf("an index bucket is missing")
	}
	pairs, err := startPairs(starts)
	if err != nil {
		return err
	}
	slices.Sort(pairs)
	for len(pairs) > 0 {
		month := uint32(pairs[0]>>32) / 100
		n := 1
		for n < len(pairs) && uint32(pairs[n]>>32)/100 == month {
			n++
		}
		if err := b.Put(binary.BigEndian.AppendUint32(nil, month), encodePairs(pairs[:n])); err != nil {
			return err
		}
		pairs = pairs[n:]
	}
	return nil
}

// startPairs reads starts as (start, id) pairs, unsorted.
func startPairs(starts *bolt.Bucket) ([]uint64, error) {
	var pairs []uint64
	err := starts.ForEach(func(k, v []byte) error {
		id, ok := keyID(k)
		if !ok || len(v) != 8 {
			return fmt.Errorf("starts: bad entry %x", k)
		}
		pairs = append(pairs, uint64(binary.BigEndian.Uint32(v))<<32|uint64(id))
		return nil
	})
	return pairs, err
}

// readOrder reads every id in order from a current order bucket; n
// is about how many there are.
func readOrder(b *bolt.Bucket, n uint64) ([]uint32, error) {
	order := make([]uint32, 0, min(n, 1<<32))
	prev := uint64(0)
	err := b.ForEach(func(k, v []byte) error {
		if len(k) != 4 || len(v)%8 != 0 {
			return fmt.Errorf("order: bad entry %x", k)
		}
		for i := 0; i < len(v); i += 8 {
			p := binary.BigEndian.Uint64(v[i:])
			if p <= prev && prev != 0 {
				return fmt.Errorf("order: month %x is not in order", k)
			}
			prev = p
			order = append(order, uint32(p))
		}
		return nil
	})
	return order, err
}

// bumpGeneration moves the generation on in a transaction that changes
// no starts entry (a re-index of the facets, the end of a re-derivation),
// keeping a current order current.
func bumpGeneration(tx *bolt.Tx) error {
	meta := tx.Bucket(bMeta)
	keep := orderCurrent(tx)
	if err := putU64(meta, kGeneration, getU64(meta, kGeneration)+1); err != nil {
		return err
	}
	if keep {
		return meta.Put(kOrderStamp, encodeStamp(readStamp(meta)))
	}
	return nil
}

// checkOrder checks, for Check, that a current order bucket holds
// exactly the starts bucket's ids in order. A stale one is no damage:
// nothing reads it, and the next write rebuilds it.
func checkOrder(tx *bolt.Tx, starts *bolt.Bucket, add func(string, ...any)) {
	if !orderCurrent(tx) {
		return
	}
	got, err := readOrder(tx.Bucket(bOrder), 0)
	if err != nil {
		add("%v", err)
		return
	}
	pairs, err := startPairs(starts)
	if err != nil {
		return // reported with the starts entries
	}
	slices.Sort(pairs)
	if len(got) != len(pairs) {
		add("the kept order lists %d activities, starts %d", len(got), len(pairs))
		return
	}
	for i, p := range pairs {
		if got[i] != uint32(p) {
			add("the kept order differs from starts at position %d (activity %d, want %d)", i, got[i], uint32(p))
			return
		}
	}
}
