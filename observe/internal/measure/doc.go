// Package measure lists what the observe adapters measure from the
// engine's alert.TickResult and alert.Delivery, once for both: the counts
// of a Tick with their names, descriptions and result values, the stages
// with their durations, the default histogram buckets, and a delivery's
// result. Each adapter maps these to its own library's names and types.
package measure
