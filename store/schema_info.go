package store

// TableInfo describes one table of the schema as the store knows it: the
// seed's columns and this module's additions, with their limits.
type TableInfo struct {
	Name       string
	Columns    []ColumnInfo
	UniqueKeys [][]string // the seed's unique keys (column lists), without the primary key
}

// ColumnInfo describes one column.
type ColumnInfo struct {
	Name      string
	Type      string // "bigint", "int", "varchar", "text", "decimal" or "timestamp"
	Size      int    // varchar: characters
	Precision int    // decimal: digits in all
	Scale     int    // decimal: digits after the point
	NotNull   bool
	Default   *int // the seed's default, which the store also applies when a field is nil on insert
	Addition  bool // added by this module's migrations (not in the seed)
}

// seedUniqueKeys returns the seed's unique keys of a table.
func seedUniqueKeys(table string) [][]string {
	return map[string][][]string{
		tableChannel:         {{"channel_no"}},
		tableChannelDetail:   {{"channel_no", "data_key", "status"}},
		tableRouting:         {{"routing_no"}, {"country_no", "channel_no", "status", "info_type"}},
		tableTemplate:        {{"mod_no"}},
		tableCountryTemplate: {{"bu_no"}, {"country_no", "mod_no", "info_type", "status"}},
		tableRuleRoute:       {{"bu_no"}},
		tableRule:            {{"rule_no"}},
		tableSendLog:         {{"sl_no"}, {"country_no", "info_type", "expect_send_time"}},
		tableSendLogHist:     nil,
		tableHistData:        {{"bu_no"}, {"info_type", "begin_time", "end_time"}},
		tableRecord:          {{"bu_no"}, {"info_type", "country_no", "begin_time", "end_time"}},
		tableBasicData:       {{"group_no"}, {"country_name", "begin_time", "end_time"}},
		tableBasicDataItem:   nil,
	}[table]
}

// isAddition reports whether migration 2 adds the column.
func isAddition(col string) bool {
	switch col {
	case "claim_owner", "claim_until", "reason", "channel_state", "collected_time":
		return true
	}
	return false
}

// Schema returns the description of the 13 tables, in the seed's order.
func Schema() []TableInfo {
	var out []TableInfo
	for _, t := range schemaTables() {
		ti := TableInfo{Name: t.name, UniqueKeys: seedUniqueKeys(t.name)}
		for _, c := range t.cols {
			ci := ColumnInfo{Name: c.name, Size: c.size, Precision: c.precision, Scale: c.scale, NotNull: c.notNull, Addition: isAddition(c.name)}
			ci.Type = c.kind.String()
			if d, ok := c.def.(int); ok {
				ci.Default = &d
			}
			ti.Columns = append(ti.Columns, ci)
		}
		out = append(out, ti)
	}
	return out
}
