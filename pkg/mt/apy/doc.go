// Package apy is the mt.Translator that talks to an Apertium APy server
// (`relais translate --mt apy --apy-url URL`). It asks /listPairs for the
// server's pairs and sends each batch to /translate in the same stream form
// as the local engine (mt.EncodeBatch, deformat=html-alt,
// reformat=html-noent, markUnknown=no), in as few POST requests as the
// batch size allows. Each request has a timeout; 5xx answers and
// connection errors are retried with exponential backoff; a pair the
// server lacks is an error wrapping mt.ErrUnsupportedPair.
package apy
