// Package reader turns a highlights document (Markdown converted from the
// office's monthly PDF) into activities, as docs/EXTRACTION.md describes.
// It reads the formats of its decoders (inputs.go): each turns a file's
// bytes into lines and sections of bullets (package decode), and the
// reader's rules work on those, whatever the format.
//
// The reader is general by design: it knows the shape of such documents
// (headings, bullets that wrap, a final "(date, place; date, place)"
// parenthesis) and looks names up in the reference tables of package
// data/ref, but it holds no rule that only one document needs. Rules that
// a user may want to change (pillar terms, kinds, section headings,
// branch rules) live in those tables, not here.
//
// Reading happens in passes over one document:
//
//  1. structure: the file into lines, sections and bullets, by the
//     decoder that reads its format (decode/markdown for Markdown);
//  2. dates: each bullet's final parenthesis into raw sessions (dates.go);
//  3. month: the reporting month, from the user, the file name or the
//     text (month.go);
//  4. activities: sessions resolved to dates and places, then partners,
//     people, counts, countries, regions, pillars, branch and kind
//     (activity.go, mentions.go, events.go, kinds.go, counts.go);
//  5. facts: the figures of the reference sections (facts.go).
package reader
