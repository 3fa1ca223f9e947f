package reader

import (
	"github.com/unoct/unoct/data/reader/decode"
	"github.com/unoct/unoct/data/reader/decode/markdown"
)

// decoders are the input formats the reader reads, asked in this order
// which one reads a file: those that know their files by a signature
// first, Markdown (which takes any text) last. A new format is one line
// here and its package under decode/.
var decoders = []decode.Decoder{
	decode.Unread{Format: "PDF", Magic: "%PDF-", Hint: "convert it to Markdown first and import the Markdown"},
	markdown.Decoder{},
}
