package gen

import (
	"os"
	"runtime"
	"strconv"

	"github.com/unoct/unoct/data/reader"
	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/store"
)

// Named is a document's file name and bytes.
type Named struct {
	Name string
	Raw  []byte
}

// BatchActivities is how many activities ImportAll puts in one
// ImportMany transaction ($UNOCT_BENCH_BATCH changes it).
var BatchActivities = func() int {
	if n, err := strconv.Atoi(os.Getenv("UNOCT_BENCH_BATCH")); err == nil && n > 0 {
		return n
	}
	return 4000
}()

// ImportAll reads n documents with the reader, as `unoct import` does,
// and imports them with Store.ImportMany in batches of about
// BatchActivities activities. doc(i) gives document i. The reading of
// the next documents overlaps the store's writes, on every CPU.
// It returns how many activities it imported.
func ImportAll(rd *reader.Reader, s *store.Store, n int, doc func(i int) (Named, error)) (int, error) {
	type read struct {
		doc  model.Document
		acts []model.Activity
		err  error
	}
	out := make([]chan read, n)
	for i := range out {
		out[i] = make(chan read, 1)
	}
	workers := runtime.GOMAXPROCS(0)
	const ahead = 256 // documents read ahead of the import at most
	next := make(chan int)
	tokens := make(chan struct{}, ahead)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(next)
		for i := range n {
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		go func() {
			for i := range next {
				d, err := doc(i)
				if err != nil {
					out[i] <- read{err: err}
					continue
				}
				res, err := rd.Read(d.Name, d.Raw, reader.Options{})
				if err != nil {
					out[i] <- read{err: err}
					continue
				}
				out[i] <- read{doc: res.Document, acts: res.Activities}
			}
		}()
	}
	total := 0
	var batch []store.ImportItem
	size := 0
	flush := func() error {
		_, errs := s.ImportMany(batch)
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		batch, size = batch[:0], 0
		return nil
	}
	for i := range n {
		r := <-out[i]
		<-tokens
		if r.err != nil {
			return total, r.err
		}
		batch = append(batch, store.ImportItem{Doc: r.doc, Activities: r.acts})
		size += len(r.acts)
		total += len(r.acts)
		if size >= BatchActivities {
			if err := flush(); err != nil {
				return total, err
			}
		}
	}
	if len(batch) > 0 {
		return total, flush()
	}
	return total, nil
}
