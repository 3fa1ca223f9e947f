package model

// Derived is what a document reader makes of one document: the document,
// its activities, and what the reader has to tell the person importing it
// (a name it does not know, a session it left out), one note to a line,
// ready to print. The store keeps the document and the activities, and
// none of the notes.
type Derived struct {
	Doc        Document
	Activities []Activity
	Notes      []string
}
