package strict

// Find returns the item of a folder's decoded files (forms, templates)
// whose id is id, or the zero value; idOf gives an item's id.
func Find[T any](items []T, id string, idOf func(T) string) T {
	for _, it := range items {
		if idOf(it) == id {
			return it
		}
	}
	var zero T
	return zero
}

// IDs lists the ids of the items, in their order.
func IDs[T any](items []T, idOf func(T) string) []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = idOf(it)
	}
	return ids
}
