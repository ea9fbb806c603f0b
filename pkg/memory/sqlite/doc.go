// Package sqlite is the embedded memory.Store of relais: one SQLite file
// (by default .relais/memory.db) through the pure-Go driver
// modernc.org/sqlite, in WAL mode with a busy timeout, so that several
// relais processes can read and write the same memory at once.
package sqlite
