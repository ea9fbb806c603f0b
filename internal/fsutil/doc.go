// Package fsutil writes files so that nothing is lost: atomically (a
// temporary file in the same folder, synced, then renamed over the target)
// and only inside a given root, even when a folder on the way is a symbolic
// link. It also hashes files as relais recognizes them, and says file
// system errors the way relais's messages name files (PathErr).
package fsutil
