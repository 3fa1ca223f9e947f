package store

import "github.com/unoct/unoct/model"

// DecodeActivity is decodeActivity, for the tests of package store_test.
func DecodeActivity(v []byte, a *model.Activity) error { return decodeActivity(v, a) }
