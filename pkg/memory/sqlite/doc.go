// Package sqlite is the embedded memory.Store of relais: one SQLite file
// (by default .relais/memory.db) through the pure-Go driver
// modernc.org/sqlite, in WAL mode with a busy timeout, so that several
// relais processes can read and write the same memory at once.
//
// Beside the file, memory.db-index keeps a copy of the fuzzy index once
// the memory is large (tens of thousands of units), so that opening it does
// not rebuild the index from every unit. It is a cache: deleting it costs
// the next lookup a rebuild; a copy that belongs to another database, or is
// damaged or stale, is ignored and written again.
package sqlite
