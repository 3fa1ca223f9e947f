package common

import "github.com/unoct/unoct/model"

// QueryMsg asks the root to show another query in place of the current
// one (the documents view filtering to a document, a saved view being
// opened), closing the view on top and saying Status on the status line.
type QueryMsg struct {
	Query  model.Query
	Status string
}

// GotoMsg asks the list to put its cursor on activity ID when the next
// result holds it: the explorer reopening where it was left.
type GotoMsg struct{ ID uint32 }
