// Package po reads GNU gettext PO files, the catalogues that msgmerge,
// Weblate, Poedit and Pootle exchange, into a File: the header entry parsed
// into its fields, and every other entry in file order with its context,
// plural forms, flags, comments, references, previous msgid and obsolete
// mark. It follows "The Format of PO Files" of the GNU gettext manual.
//
// # What is read
//
// An entry is, in this order: comments (translator "# ", extracted "#.",
// references "#:", flags "#,"), previous strings ("#| msgctxt", "#| msgid",
// "#| msgid_plural"), an optional msgctxt, msgid, an optional msgid_plural,
// and msgstr — or msgstr[0], msgstr[1]… in that order when msgid_plural is
// there. Blank lines are not significant, as for msgfmt: an entry ends where
// the next one's first comment or keyword begins. A string may be split
// over several quoted parts, on one line or on the lines that follow;
// they are joined. The escapes of C that gettext writes are decoded: \n \t
// \r \a \b \f \v \" \\, octal \ooo (up to three digits, at most \377) and
// hexadecimal \xhh (one or two digits); escaped bytes must still make
// UTF-8. Lines ending in "\r\n" and a leading byte-order mark are accepted.
//
// Entries written with "#~" are obsolete: all their keyword and string
// lines carry the mark ("#~ msgid", "#~ \"…\"", "#~| msgid" for a previous
// msgid), their comments do not. The header is the entry whose msgid is ""
// and which has no msgctxt and is not obsolete; a file need not have one.
// Comments after the last entry belong to no entry and are dropped.
//
// # What is refused
//
// Only UTF-8 is read (ASCII being part of it, and the template's
// "charset=CHARSET" being taken as no charset): a header that declares
// another charset, or bytes that are not UTF-8, are errors that say to
// convert the file (msgconv --to-code=UTF-8). Two entries with the same
// msgctxt and msgid are an error, as for msgfmt; obsolete entries are left
// out of that check, since msgfmt ignores them. The "domain" directive is
// not supported.
//
// Every error is a *document.PosError naming the file, the line and the
// column (in characters, as document.Lines counts them, a byte-order mark
// included) of the offending byte, with a message that says what to write
// instead. A file with an error gives no File at all.
//
// Read holds the whole file in memory and returns strings that share it:
// strings written without escapes on one line are not copied, the others
// are decoded into a few large blocks, so that a file of hundreds of
// thousands of entries reads in a handful of allocations per thousand
// entries. Writing PO files is left to other packages.
package po
