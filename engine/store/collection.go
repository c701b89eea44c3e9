package store

import "sort"

// collection keeps the objects of one kind (containers; later volumes,
// networks) by ID, with a sorted slice view for snapshots. It is not safe
// for concurrent use: the store holds its lock.
type collection[T any] struct {
	id   func(T) string
	less func(a, b T) bool
	byID map[string]T
}

func newCollection[T any](id func(T) string, less func(a, b T) bool) *collection[T] {
	return &collection[T]{id: id, less: less, byID: map[string]T{}}
}

// replace makes items the whole collection.
func (c *collection[T]) replace(items []T) {
	c.byID = make(map[string]T, len(items))
	for _, v := range items {
		c.byID[c.id(v)] = v
	}
}

// put adds or updates v.
func (c *collection[T]) put(v T) { c.byID[c.id(v)] = v }

// remove deletes the object with id and reports whether there was one.
func (c *collection[T]) remove(id string) bool {
	_, ok := c.byID[id]
	delete(c.byID, id)
	return ok
}

// sorted is a new slice of all objects in order: snapshots share it, so it
// is never modified afterwards.
func (c *collection[T]) sorted() []T {
	out := make([]T, 0, len(c.byID))
	for _, v := range c.byID {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return c.less(out[i], out[j]) })
	return out
}
