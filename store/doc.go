// Package store is unoct's embedded store: one bbolt file that keeps the
// imported highlights documents, the activities read from them, and the
// indexes that filter, count and search those activities.
//
// The store knows no document format. Import is handed a model.Document
// and its []model.Activity, already read; ImportInputs, the pipeline
// every import goes through, and Rederive are handed a Reader (the
// document reader, seen from here) to read them.
// The package imports only model, bbolt, roaring and zstd (documents
// are kept compressed).
//
// # Buckets
//
//	meta    schema (uint64), reader (string: the version of the last
//	        complete Rederive), generation (uint64, bumped by every
//	        committed write), next_id (uint64, the next activity id),
//	        uniform_reader and uniform_generation (every document was
//	        read by that reader version as of that generation; stale
//	        once the generation moves without them), facets (string:
//	        the model.FacetsFingerprint the idx and labels buckets were
//	        built under), epoch (uint64, random, drawn when the file is
//	        made: with the generation it is the store's Stamp, which
//	        tells a rebuilt file from the one it replaced); while a
//	        document too large for one batch is stored in steps,
//	        pending (roaring bitmap of the ids it has stored, in acts,
//	        starts, texts and the indexes, and in lines only when the
//	        document is new, which every query leaves out),
//	        pending_owner and pending_time (see staged.go)
//	docs    name -> JSON of model.Document without Raw, plus "reader": the
//	        version of the reader its activities came from
//	raw     name -> the document's bytes, so that it can be read again,
//	        compressed with zstd and a dictionary (record.go)
//	lines   name NUL line(4 bytes BE) -> activity id (8 bytes BE)
//	acts    id (8 bytes BE) -> model.Activity as a binary record
//	        (record.go; JSON before schema 3)
//	starts  id -> start date as YYYYMMDD (4 bytes BE) + line (4 bytes BE)
//	idx     one sub-bucket per facet (model.FacetDefs, hidden ones too): value -> roaring
//	        bitmap of the ids that have it
//	labels  facet NUL value -> the value's full name, where it has one
//	        (a country's name, "United Nations Office on Drugs and
//	        Crime" for UNODC); never a composed label, since each screen
//	        composes its own (model.FacetDef.Label)
//	words   folded word -> roaring bitmap of ids (the search index: text,
//	        partner acronyms and names, people, session places, cities and
//	        countries, country and region names)
//	texts   id -> the activity's text as the reader read it: what a new
//	        reading's activities are matched against (see Ids)
//	fixes   document NUL text hash (8 bytes) id (4 bytes BE) -> JSON of a
//	        correction a person made (fixes.go)
//	changes document NUL generation (8 bytes BE) -> JSON of what a new
//	        version or reading of the document changed (changes.go)
//	staging only while a new version of a large document is prepared,
//	        under the pending mark: id -> what its swap changes (flags,
//	        place, record; see staged.go)
//
// meta, docs, raw, lines, texts, fixes and changes keep their meaning
// across schema versions;
// the other buckets are derived from them and rebuilt by Rederive when the
// schema changes.
//
// # Facets
//
// What an activity is indexed under, how values sort and how typed input
// resolves all come from the facet registry (model.FacetDefs); nothing
// here knows a particular facet. The idx and labels buckets are derived
// from the stored activities alone, so when this build's facet set
// differs from the one meta's facets key records (a facet added, dropped
// or taking its values otherwise, or a store written before the key
// existed, whose labels held composed strings), the store re-indexes by
// itself, without reading any document again: both buckets are rebuilt
// from acts in one write transaction, all or nothing, which records the
// new fingerprint and moves the generation on.
//
// Totals (Store.Totals, Store.Stats, Screen with Page.Totals) are the
// one place that names facets: they sum the hidden headcount facet
// (model.FacetHeadcount: each activity under the headcount its text
// gives) and count the distinct values of the country and partner facets
// within a set of ids, from the bitmaps alone, never decoding an
// activity. A range value "FROM..TO" of a Range facet (the hidden day
// facet of --since and --until) selects the values between, in byte
// order.
//
// Open re-indexes when it can have the file at once. When it cannot
// (another process holds the file, or the file is read-only), Open
// succeeds anyway and a viewer is served all the same: its queries compute
// every facet's index in memory from the stored activities, in the read
// transaction of the query, for as long as the fingerprint differs. Every
// write re-indexes first, in its own transaction, so that no write ever
// edits an index built under other rules.
//
// A new reader changes the activities themselves and is handled by
// Rederive (see NeedsRederive); a new schema changes the layout (see
// Schema versions). The facet fingerprint needs neither.
//
// # Ids
//
// Activity ids are public (the CLI prints them, exports carry them,
// corrections name them), so they follow activities: a re-import or
// re-derivation matches the document's new activities to its stored ones
// by their text (the texts bucket), then by similar text, and only where
// a stored text is unknown by line (ids.go), so that lines inserted
// above a bullet, or a bullet touched up, keep its id. New activities
// take ids from meta's next_id, which only grows: an id is never reused
// for something else, even after its document is removed. (The counter
// is not a bucket sequence because a migration drops and recreates the
// derived buckets.) A rebuild carries the lines, texts, fixes and changes
// buckets over from the old file, so ids survive it too.
//
// # Corrections
//
// What a person corrects is kept apart from what the reader derives, in
// the fixes bucket, and applied on top whenever a document's activities
// are stored (fixes.go): the acts and the indexes hold corrected values,
// and each corrected activity keeps the reader's values beside them
// (model.AsRead), so that a correction can be undone without reading the
// document again. An activity marked as not an activity stays in acts
// (show, undo) and is in no index and no starts entry.
//
// # Changes
//
// Each replace of a stored document (a new version, a new reading)
// compares the new activities with the old ones as the reader read both,
// records what it added, removed and changed in the changes bucket
// (changes.go), and marks the activities it added or changed
// (model.Activity.Change), which the change facet indexes until the
// document's next version or reading.
//
// # Series
//
// A series (model.SeriesRule) links activities of several documents, so
// the store links them whenever documents change, in the write's own
// transaction, and keeps each activity's series in its record
// (model.Activity.Series), which the series facet indexes. A write links
// again only what it can reach through the programmes the hidden
// series_links facet indexes and the facets the same work shares; a
// re-index or re-derivation links everything (series.go). The record's
// field is additive: no schema change; a store without it re-indexes
// under the new facet set and is linked then.
//
// # Order
//
// Results are ordered by their first session's start date, then by id.
// An activity without a date sorts as day 00 of its month: first in its
// month, in document order. The in-memory index keeps every id in that
// order and each id's rank in it.
//
// # Concurrency
//
// bbolt locks the file for the life of a handle: read-only handles share
// the lock (flock LOCK_SH), a read-write handle excludes everyone
// (LOCK_EX), across processes and within one. A viewer (the TUI) that
// kept the file open would block every import, so a Store never keeps it
// open: each operation opens the file (read-only to read, read-write to
// write), runs one transaction and closes it. A blocked open retries
// every millisecond until Options.LockTimeout (5 s by default, for reads
// as for writes; Options.Waiting is told after a second) and then
// returns ErrLocked, naming the file; nothing waits forever. A write pauses briefly after releasing the file so that
// a waiting viewer gets its turn between the documents of a folder
// import.
//
// Queries run on an in-memory index (facet bitmaps, labels, the order,
// the search vocabulary) that a Store loads on first use and reloads when
// the generation it reads in meta has moved, so a viewer sees what an
// importer committed on its next query. Word bitmaps are loaded on first
// use within a generation and the union for each query word is cached,
// since a search is typed a letter at a time. A Store is safe for
// concurrent use; queries through one Store are serialized by a mutex.
//
// # Integrity
//
// Each document is imported in one transaction: all its activities and
// index changes or none. Bitmap changes are accumulated per term for the
// whole document and each touched bitmap is written once.
//
// A damaged file must be reported, never crash the process. Before each
// open the store reads bbolt's two meta pages itself and refuses a file
// shorter than the high-water mark they record (mapping a truncated file
// and reading past its end is a SIGBUS). bbolt panics on damaged pages;
// every open and transaction runs with recover and with
// debug.SetPanicOnFault, so panics and memory faults become ErrDamaged.
// If bbolt panics inside Open after taking the lock, the store releases
// the lock itself so that later operations are not locked out. Check
// verifies bbolt's pages and the store's own invariants for `unoct
// doctor`; Salvage and Rebuild make a new store from what a damaged one
// still holds.
//
// # Schema versions
//
// A store written by a newer unoct is refused (ErrNewerSchema) and left
// untouched. One written by an older unoct opens, but can only be listed
// and re-derived until Rederive has rebuilt its derived buckets
// (ErrOldSchema); NeedsRederive reports it, as it reports documents read
// by another reader version than the current one.
package store
