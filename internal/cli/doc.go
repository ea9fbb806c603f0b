// Package cli is the relais command line: one cobra command per file, each
// parsing its flags into options and calling the stage packages. It is the
// only place that picks concrete codecs, stores and engines, and the only
// place that turns errors into exit codes.
package cli
