package store

// SetDenseLimit lets a test force either search plan on its own store.
func (s *Store) SetDenseLimit(n int) { s.denseLimit = n }
