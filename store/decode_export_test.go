package store

import "github.com/unoct/unoct/model"

// DecodeActivity is decodeActivity, for the tests of package store_test.
func DecodeActivity(v []byte, a *model.Activity) error { return decodeActivity(v, a) }

// EncodeActivity is encodeActivity: an activity's record as the store
// writes it.
func EncodeActivity(a *model.Activity) ([]byte, error) { return encodeActivity(a) }

// DecompressRaw reads a document's bytes as the raw bucket keeps them.
func DecompressRaw(v []byte) ([]byte, error) { return decompressRaw(v) }

// CompressRaw is a document's bytes as the raw bucket keeps them.
func CompressRaw(v []byte) ([]byte, error) { return compressRaw(v) }
