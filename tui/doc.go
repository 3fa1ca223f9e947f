// Package tui is unoct's explorer: a terminal UI that filters the
// activities by facet and search, shows them in full, charts them, and
// exports a selection with the CLI's encoders.
//
// # Shape
//
// Each component lives in a package of its own under tui/ and keeps one
// contract, common.Component: it takes its size, draws itself given
// whether it has the focus, updates itself, and lists its keys for the
// hint line and the help screen. They are the panes (facets, list,
// detail), the views that take the whole body (stats, helpscreen) and
// the overlays (search, exportdialog). Each carries a common.Common: its
// size, the styles (built once, in common/styles.go) and the shared
// keys; its own keys are declared beside its code.
//
// The root Model (tui.go) holds the query, the selection and the layout
// and routes: keys and the mouse to the component with the focus, the
// store's answers down to every component, and the components' requests
// (ToggleFacetMsg, OpenMsg, SelectMsg, BackMsg, CloseMsg...) to where
// they act. It never reads a component's state. A new view is a package
// of its own and one line in New's list of views.
//
// # Reads
//
// The TUI reads through Source, which *store.Store satisfies. A screen
// is one call to Source.Screen, one read transaction: the ids, the first
// rows, every facet's counts and what dropping each filter would match.
// Every read runs in a command (commands.go) and comes back as a
// message; the list reads the rows it scrolls to, and the detail an
// activity the list has not read.
//
// # Writes
//
// The TUI's one write is an export, and it writes no file itself: the
// activities are encoded by the export registry's format, the one the
// path's extension names, and written by Options.WriteFile, which the
// program hands in, so that the CLI and the TUI write files one way.
package tui
