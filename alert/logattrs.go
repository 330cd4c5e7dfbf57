package alert

import "github.com/yujing-go/yujing/store"

// The attributes of the rows a log line is about, built here only, so that
// every line about a record or an alert carries the same keys.

// recordAttrs are a record's log attributes: bu_no, info_type, country and
// window.
func recordAttrs(r *store.Record) []any {
	return []any{"bu_no", str(r.BuNo), "info_type", intOr(r.InfoType, 0), "country", str(r.CountryNo), "window", windowOf(r)}
}

// sendLogAttrs are a pending alert's log attributes: sl_no, country,
// info_type and the scene's name.
func sendLogAttrs(cat *catalog, l *store.SendLog) []any {
	return []any{"sl_no", str(l.SlNo), "country", str(l.CountryNo), "info_type", intOr(l.InfoType, 0), "scene", cat.sceneName(intOr(l.InfoType, 0))}
}
