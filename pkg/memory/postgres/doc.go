// Package postgres is the shared memory.Store of relais: one PostgreSQL
// database (relais --memory postgres://…) that a team and many CI runners
// use at once, through pgx. It shares its DML with the SQLite store; write
// transactions take an advisory lock, so writers commit one after the other
// and every process's fuzzy index sees every unit.
package postgres
