package pdf

import "github.com/unoct/unoct/data/reader/decode/text"

func Pages(d *Decoder, raw []byte) ([]text.Page, error) {
	pool, err := d.start()
	if err != nil {
		return nil, err
	}
	inst, err := pool.GetInstance(0)
	if err != nil {
		return nil, err
	}
	defer inst.Close()
	return readPages(inst, raw)
}
