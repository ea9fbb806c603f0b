// Package format defines what a source format must do for relais (the Codec
// interface), a registry that picks a codec by file extension, and Merge, the
// span substitution every codec uses to write a draft.
//
// Each format lives in its own package below this one (format/plaintext,
// format/markdown); this package knows none of them.
package format
