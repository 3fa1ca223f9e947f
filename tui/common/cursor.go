package common

import tea "charm.land/bubbletea/v2"

// Cursor is a position in a list of rows shown a page at a time: the row
// under the cursor and the first row on screen. The facet overview, a
// facet's values and the activities all move and scroll through one.
type Cursor struct {
	Index  int // the row under the cursor
	Offset int // the first row on screen
}

// Clamp keeps the cursor within n rows and on a screen of page rows.
func (c *Cursor) Clamp(n, page int) {
	page = max(page, 1)
	c.Index = Clamp(c.Index, 0, n-1)
	if c.Index < c.Offset {
		c.Offset = c.Index
	}
	if c.Index >= c.Offset+page {
		c.Offset = c.Index - page + 1
	}
	c.Offset = Clamp(c.Offset, 0, max(0, n-page))
}

// Move moves the cursor by d rows and keeps it on screen.
func (c *Cursor) Move(d, n, page int) {
	c.Index += d
	c.Clamp(n, page)
}

// Navigate moves the cursor by a navigation key of nav and reports
// whether msg was one.
func (c *Cursor) Navigate(nav NavKeyMap, msg tea.KeyPressMsg, n, page int) bool {
	d, ok := nav.Step(msg, page, n)
	if ok {
		c.Move(d, n, page)
	}
	return ok
}

// Center puts the cursor on row i, halfway down the screen when it can.
func (c *Cursor) Center(i, n, page int) {
	c.Index, c.Offset = i, max(0, i-max(page, 1)/2)
	c.Clamp(n, page)
}

// Reset puts the cursor on the first row.
func (c *Cursor) Reset() { *c = Cursor{} }

// Visible is the range of rows on screen, [from, to).
func (c Cursor) Visible(n, page int) (from, to int) {
	return c.Offset, min(n, c.Offset+max(page, 1))
}

// At is the row shown at line y of a screen whose rows are rowHeight
// lines high, and false when no row is there.
func (c Cursor) At(y, rowHeight, n, page int) (int, bool) {
	i := c.Offset + y/max(rowHeight, 1)
	return i, y >= 0 && i < n && i < c.Offset+page
}
