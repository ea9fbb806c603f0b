// Package charset turns the bytes of a source file into UTF-8 text and a
// draft's UTF-8 text back into the file's own encoding.
//
// It accepts UTF-8 with or without a byte-order mark, UTF-16 with a
// byte-order mark, and legacy Windows-1252 (which covers ISO-8859-1 French
// text) when the file is unambiguously so: not valid UTF-8, no valid UTF-8
// multi-byte sequence anywhere, and every byte defined in Windows-1252.
// Anything else (a binary file, a truncated UTF-16 file, a UTF-8 file with
// invalid bytes in the middle) is an error giving the byte offset, and the
// line and column of the text before it.
package charset
