// Package postgres is the shared memory.Store of relais: one PostgreSQL
// database (relais --memory postgres://…) that a team and many CI runners
// use at once, through pgx. It shares its DML with the SQLite store; write
// transactions take an advisory lock, so writers commit one after the other
// and every process's fuzzy index sees every unit.
//
// Each user keeps a copy of the fuzzy index of a large memory in their cache
// folder ($XDG_CACHE_HOME/relais or ~/.cache/relais), so that a run does not
// rebuild it from every unit on the server; see memory/sqlite for what makes
// a copy trusted. A CI runner that keeps that folder between jobs gains the
// same.
package postgres
