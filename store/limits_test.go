package store

import "testing"

func TestColumnLimit(t *testing.T) {
	for _, c := range []struct {
		table, column string
		want          int
	}{
		{tableRecord, "content", RecordContentMax},
		{tableSendLog, "content", SendLogContentMax},
		{tableSendLogHist, "content", SendLogContentMax},
		{tableRecord, "reason", ReasonMax},
		{tableSendLog, "reason", ReasonMax},
		{tableSendLogHist, "reason", ReasonMax},
		{tableBasicData, "reason", ReasonMax},
		{tableBasicData, "file_url", FileURLMax},
		{tableSendLog, "content", ContentLimit},
		{tableRecord, "content", 1024},
		{tableSendLog, "content", 255},
		{tableBasicData, "file_url", 255},
		{tableRecord, "reason", 512},
		{tableTemplate, "title", 20},
		{tableTemplate, "param6", 64},      // the Chinese title
		{tableSendLog, "param4", 32},       // a record's bu_no
		{tableRecord, "param5", 32},        // the rule that fired
		{tableRecord, "param6", 64},        // the sl_no of its alert
		{tableRule, "fun_code", 64},        // a CEL expression
		{tableRecord, "status", 0},         // int
		{tableSendLog, "channel_state", 0}, // text: bytes, not characters
		{tableRecord, "begin_time", 0},     // timestamp
		{tableRecord, "nope", 0},
		{"nope", "content", 0},
	} {
		if got := ColumnLimit(c.table, c.column); got != c.want {
			t.Errorf("ColumnLimit(%s, %s) = %d, want %d", c.table, c.column, got, c.want)
		}
	}
	// Every varchar column of the schema has its limit.
	for _, ti := range Schema() {
		for _, c := range ti.Columns {
			want := 0
			if c.Type == "varchar" {
				want = c.Size
			}
			if got := ColumnLimit(ti.Name, c.Name); got != want {
				t.Errorf("ColumnLimit(%s, %s) = %d, the schema says %s(%d)", ti.Name, c.Name, got, c.Type, c.Size)
			}
		}
	}
}
