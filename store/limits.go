package store

import "sync"

// The sizes, in characters (a Chinese character counts one), of the
// columns whose limit callers need before they write: a value longer than
// its column is refused with a *ValidationError naming table and column,
// never truncated. ColumnLimit gives the size of any varchar column.
const (
	// RecordContentMax is the size of monitor_record.content, which holds
	// a sample's values (EncodeValues).
	RecordContentMax = 1024
	// SendLogContentMax is the size of monitor_send_log.content (and
	// monitor_send_log_hist.content), which holds a pending alert's values
	// and those of the alerts merged into it (MergeValueSets).
	SendLogContentMax = 255
	// ReasonMax is the size of the reason column of monitor_record,
	// monitor_send_log, monitor_send_log_hist and monitor_basic_data. The
	// store clips a longer reason to it, ending in a visible "…".
	ReasonMax = 512
	// FileURLMax is the size of monitor_basic_data.file_url, the link to a
	// report's file.
	FileURLMax = 255
)

// ContentLimit is the size of monitor_send_log.content in characters.
//
// Deprecated: use SendLogContentMax, the same number.
const ContentLimit = SendLogContentMax

// ColumnLimit returns how many characters column of table holds: n for a
// varchar(n) column (param4..param6 included, whose sizes differ from
// table to table). It returns 0 for a column without a size in characters
// (numbers, times, decimals, and text columns, which hold 65,535 bytes)
// and for a table or column the schema does not have. Schema describes
// every column in full.
func ColumnLimit(table, column string) int {
	return columnLimits()[table+"."+column]
}

var columnLimits = sync.OnceValue(func() map[string]int {
	out := map[string]int{}
	for _, t := range schemaTables() {
		for _, c := range t.cols {
			if c.kind == kindVarchar {
				out[t.name+"."+c.name] = c.size
			}
		}
	}
	return out
})
