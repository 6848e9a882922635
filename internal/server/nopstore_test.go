package server

import "github.com/assure-dev/assure/internal/store"

// nopStore is a store the fuzz targets never reach: the requests they
// make touch no data.
type nopStore struct{ store.Store }

func (nopStore) Kind() string { return "none" }
