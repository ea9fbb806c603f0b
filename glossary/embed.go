// Package glossary holds the institutional termbase shipped with relais:
// local and regional government networks, United Nations bodies and
// programmes, international frameworks on migration and urban
// development, migration vocabulary, and the cities, countries and regions
// whose names differ between French, English and Spanish. The data is TBX
// v3 (TBX-Basic), embedded in the binary; package pkg/glossary reads it
// (glossary.LoadFS(shipped.FS, "glossary")). Import this package aliased:
//
//	shipped "github.com/relais-tm/relais/glossary"
package glossary

import "embed"

// FS holds the shipped termbase files.
//
//go:embed *.tbx
var FS embed.FS
