// Package testenv holds helpers for tests only: finding ../shared beside the
// repository, requiring an external tool, golden files with -update, and
// writing a tree of test files.
//
// A test that needs something the machine may lack (../shared, apertium,
// PostgreSQL, Chromium) skips with a message saying what is missing, and
// fails instead when the environment variable CI is "true", so that CI never
// passes by skipping.
package testenv
