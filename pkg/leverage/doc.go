// Package leverage says how much of a batch the memory covers and what
// changed since the previous batch: the leverage band of a segment
// (BandOf, the one place that decides it: 101 % in context, 100 %, 95–99,
// 85–94, 75–84, 50–74, no match, and repetitions of a source earlier in
// the batch) and the change of a file or segment (Change, SegmentChanges
// over the segment hashes a manifest records).
//
// The pipeline computes bands and changes with it; package report counts
// them (BandCounts, ChangeCounts, summary.json), weighs them (Weights) and
// shows them. The package imports no other package of relais and holds
// no state.
package leverage
