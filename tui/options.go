package tui

import "time"

// Options tune the TUI. The zero value is ready to use.
type Options struct {
	// ExportDir is where the export dialog's default path points; empty
	// means the working directory ("./unoct-export-….csv").
	ExportDir string
	// Now is the clock of the default export name; nil means time.Now.
	Now func() time.Time
	// PollInterval is how often the store's generation is checked so
	// that new imports appear by themselves; zero means 2 s, negative
	// never.
	PollInterval time.Duration
	// Dark forces a dark (true) or light (false) palette instead of
	// asking the terminal; nil asks, and assumes dark until it answers.
	Dark *bool
}
