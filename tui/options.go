package tui

import (
	"io"
	"time"

	"github.com/unoct/unoct/model"
	"github.com/unoct/unoct/tui/common"
	"github.com/unoct/unoct/tui/docs"
	"github.com/unoct/unoct/tui/viewsdialog"
)

// Options tune the TUI. The zero value is ready to use, except that
// without WriteFile the export dialog cannot write.
type Options struct {
	// ExportDir is where the export dialog's default path points; empty
	// means the working directory ("./unoct-export-….csv").
	ExportDir string
	// WriteFile creates the file at path with what write puts in it, for
	// the export dialog. Without force it must refuse to replace a file,
	// with an error that wraps fs.ErrExist; the dialog then asks and
	// tries again with force. The program hands it in so that files are
	// written one way (atomically) whether the CLI or the TUI writes
	// them, and the model does no I/O; nil makes every export fail with
	// an error that says so.
	WriteFile func(path string, force bool, write func(io.Writer) error) error
	// Now is the clock of the default export name; nil means time.Now.
	Now func() time.Time
	// PollInterval is how often the store's generation is checked so
	// that new imports appear by themselves; zero means 2 s, negative
	// never.
	PollInterval time.Duration
	// Dark forces a dark (true) or light (false) palette instead of
	// asking the terminal; nil asks, and assumes dark until it answers.
	Dark *bool
	// StatusTimeout is how long a message on the status line stays
	// when no key is pressed (a key clears it at once); zero means 4 s,
	// negative until the next key. Errors always stay until a key.
	StatusTimeout time.Duration
	// Regions is how regions nest, for the region facet's tree; nil
	// lists the region facet's values flat.
	Regions *RegionTree
	// LoadRegions, when Regions is nil, builds the region tree once the
	// first answer is on screen: reading the reference tables takes
	// about a tenth of a second the first frame need not wait for.
	// Until it is in, the region facet lists its values flat.
	LoadRegions func() *RegionTree
	// Documents lists the store's documents for the documents view
	// (D); nil shows none.
	Documents docs.Lister
	// Views keeps the saved views for the views dialog (v); nil: the
	// dialog says that none can be kept.
	Views viewsdialog.Store
	// Resume reopens the explorer on a query with the list's cursor on
	// an activity (when it is still shown); nil starts on everything.
	Resume *State
	// SaveState, when set, is given what is on screen as the explorer
	// quits, for Resume next time.
	SaveState func(State)
}

// State is what the explorer reopens on: the query and the activity
// under the list's cursor (0: none).
type State struct {
	Query  model.Query
	Cursor uint32
}

// RegionTree is how the region facet's values nest: see
// common.RegionTree.
type RegionTree = common.RegionTree
