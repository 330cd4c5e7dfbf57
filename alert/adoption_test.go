package alert_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// seedTables are the seed's 13 tables.
var seedTables = []string{"monitor_channel", "monitor_channel_detail", "monitor_routing", "monitor_mod", "monitor_country_mod",
	"monitor_rule_route", "monitor_rule", "monitor_send_log", "monitor_send_log_hist", "monitor_hist_data", "monitor_record",
	"monitor_basic_data", "monitor_basic_data_item"}

// legacyDB is a database built from the seed's DDL alone, filled by an
// older system, then migrated; before holds every legacy row's seed
// columns as they were written.
type legacyDB struct {
	columns map[string][]string          // table → the seed's columns
	before  map[string]map[string]string // table → id → the row's seed columns, printed
}

// openSeedOnly opens a database of the backend with only the seed's tables
// in it (no migration of this module), with the store on the wall clock.
func openSeedOnly(t *testing.T, backend string) *store.DB {
	t.Helper()
	ctx := context.Background()
	var db *store.DB
	var err error
	switch backend {
	case "sqlite":
		db, err = store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "legacy.db"))
	default:
		db, err = store.OpenMySQL(ctx, testdb.MySQLDSN(t))
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	seed, err := os.ReadFile(filepath.Join("..", "store", "migrations", db.Dialect(), "0001_seed.sql"))
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range store.SplitSQL(string(seed)) {
		if _, err := db.SQL().ExecContext(ctx, stmt); err != nil {
			t.Fatalf("seed: %v", err)
		}
	}
	return db
}

// fillLegacy writes what an older system left: configuration for a scene
// this engine does not run, windows it collected, records in every status
// (two of them in windows this engine has not collected yet), pending,
// sent and failed alerts (one in the slot this engine's first alerts go
// to), history, and reports with their rows. Only the seed's columns.
func fillLegacy(t *testing.T, db *store.DB) *legacyDB {
	t.Helper()
	ctx := context.Background()
	x := db.SQL()
	ins := func(table, cols string, vals ...any) {
		t.Helper()
		q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", table, cols, strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", "))
		if _, err := x.ExecContext(ctx, x.Rebind(q), vals...); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
	}
	old := t0.Add(-30 * 24 * time.Hour)
	ins("monitor_channel", "channel_no, channel_name, type, status, create_uid, create_time", "OLD-CH", "old ding", 2, 0, "-1", old)
	ins("monitor_channel_detail", "channel_no, data_key, data_value, status", "OLD-CH", "access_token", "old-token", 0)
	ins("monitor_routing", "routing_no, country_no, country_name, info_type, channel_no, status", "OLD-RT", "PH", "菲律宾", 9, "OLD-CH", 0)
	ins("monitor_mod", "mod_no, title, status, content, content_chinese, info_type, send_type", "OLD-MD", "旧模板", 0, "old {0}", "旧 {0}", 9, 1)
	ins("monitor_country_mod", "bu_no, country_no, country_name, mod_no, info_type, status", "OLD-CM", "PH", "菲律宾", "OLD-MD", 9, 0)
	ins("monitor_rule", "rule_no, fun_code, threshold_val, status", "OLD-R", "rate < threshold", "0.99", 0)
	ins("monitor_rule_route", "bu_no, info_type, country_no, rule_no, status", "OLD-RR", 9, "*", "OLD-R", 0)
	// The old system collected 00:00–01:00 of the SMS scene…
	for i := range 6 {
		b := t0.Add(time.Duration(i) * 10 * time.Minute)
		ins("monitor_hist_data", "bu_no, info_type, begin_time, end_time, numerator_count, denominator_count, rate, remark",
			fmt.Sprintf("OLD-HD-%d", i), smsScene, b, b.Add(10*time.Minute), 500, 1000, "0.5000", "old")
	}
	// …and stored PH's records until 01:20, in every status; ID's 01:00 is
	// an alert it never sent.
	for i := range 8 {
		b := t0.Add(time.Duration(i) * 10 * time.Minute)
		ins("monitor_record", "bu_no, info_type, country_no, begin_time, end_time, content, compare_val, status, remark",
			fmt.Sprintf("OLD-RC-%d", i), smsScene, "PH", b, b.Add(10*time.Minute), "0.5", "0.5", i%6, "old")
	}
	ins("monitor_record", "bu_no, info_type, country_no, begin_time, end_time, content, compare_val, status",
		"OLD-RC-ID", smsScene, "ID", t0.Add(time.Hour), t0.Add(70*time.Minute), "0.1", "0.1", 3)
	firstSlot := t0.Add(2 * time.Hour) // where this engine's first alerts go
	for i, st := range []int{0, 1, 2, 0} {
		due := firstSlot
		if i > 0 {
			due = t0.Add(time.Duration(i) * 10 * time.Minute)
		}
		ins("monitor_send_log", "sl_no, country_no, mod_no, content, info_type, expect_send_time, status, retry_times, create_time",
			fmt.Sprintf("OLD-SL-%d", i), "PH", "OLD-MD", "0.5", smsScene, due, st, 2-i%3, old)
	}
	ins("monitor_send_log_hist", "sl_no, country_no, mod_no, content, info_type, expect_send_time, status, retry_times",
		"OLD-SLH", "PH", "OLD-MD", "0.5", smsScene, old, 1, 2)
	for i, st := range []int{0, 2, 1} {
		b := t0.Add(time.Duration(i) * time.Hour)
		ins("monitor_basic_data", "group_no, country_name, begin_time, end_time, info_type, status, retry_time",
			fmt.Sprintf("OLD-BD-%d", i), "Philippines", b, b.Add(time.Hour), 0, st, 2)
		ins("monitor_basic_data_item", "group_no, case_id, external_no, repayment_money, practical_repayment_money",
			fmt.Sprintf("OLD-BD-%d", i), fmt.Sprintf("C-%d", i), "EXT", "100.12345678", "99.5")
	}
	l := &legacyDB{columns: map[string][]string{}, before: map[string]map[string]string{}}
	for _, table := range seedTables {
		l.columns[table], l.before[table] = snapshot(t, db, table, "*")
		if len(l.before[table]) == 0 {
			t.Fatalf("no legacy rows in %s", table)
		}
	}
	return l
}

// snapshot prints every row of table (the given columns) by id.
func snapshot(t *testing.T, db *store.DB, table, cols string) ([]string, map[string]string) {
	t.Helper()
	rows, err := db.SQL().Queryx("SELECT " + cols + " FROM " + table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	names, _ := rows.Columns()
	out := map[string]string{}
	for rows.Next() {
		vals, err := rows.SliceScan()
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		id := ""
		for i, v := range vals {
			var s string
			switch x := v.(type) {
			case nil:
				s = "NULL"
			case []byte:
				s = fmt.Sprintf("%q", x)
			case time.Time:
				s = x.UTC().Format(time.RFC3339Nano)
			default:
				s = fmt.Sprintf("%T:%v", x, x)
			}
			if names[i] == "id" {
				id = s
			}
			fmt.Fprintf(&b, "%s=%s ", names[i], s)
		}
		out[id] = b.String()
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return names, out
}

// TestAdoptionRepeatsNothingAndChangesNoLegacyRow: a team switches an
// existing seed database to the engine. Its first Tick catches up the
// windows nobody collected, never alerts for a window whose record exists
// (written by the older system, in any status), never sends, merges into
// or archives the older system's alerts, and after many Ticks every legacy
// row of the 13 tables is unchanged to the byte.
func TestAdoptionRepeatsNothingAndChangesNoLegacyRow(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			var legacy *legacyDB
			open := func(t testing.TB, _ ...store.Option) *store.DB {
				tt := t.(*testing.T)
				db := openSeedOnly(tt, be.Name)
				legacy = fillLegacy(tt, db)
				if err := db.Migrate(context.Background()); err != nil {
					tt.Fatalf("migrate the seed database: %v", err)
				}
				return db
			}
			f := newFixture(t, open, alert.WithMaxMissedWindows(12))
			f.scene.countries = []string{"PH", "ID"}
			f.scene.rate = func(c string, _ scene.Window) float64 {
				if c == "PH" {
					return 0.5 // every PH window alerts
				}
				return 0.97
			}
			f.configure("PH", "ID")
			ctx := context.Background()
			f.clock.Set(t0.Add(2*time.Hour + 90*time.Second))
			first := f.tick()
			// 12 windows due (00:00–02:00); the older system collected six.
			if first.Collect.Windows != 6 {
				t.Fatalf("first tick collected %d windows, want the 6 nobody collected: %+v", first.Collect.Windows, first.Collect)
			}
			// PH's 01:00 and 01:10 and ID's 01:00 are stored already.
			if first.Collect.Records != 12-3 || first.Collect.Alerts != 4 {
				t.Fatalf("first tick stored %d records, %d alerting; want 9 and 4 (PH 01:20–01:50): %+v", first.Collect.Records,
					first.Collect.Alerts, first.Collect)
			}
			for range 36 {
				f.clock.Advance(5 * time.Minute)
				f.tick()
			}

			operateOnLegacy(t, f)

			// Every legacy row is unchanged.
			for _, table := range seedTables {
				_, after := snapshot(t, f.db, table, strings.Join(legacy.columns[table], ", "))
				for id, was := range legacy.before[table] {
					if now, ok := after[id]; !ok {
						t.Errorf("%s: legacy row %s is gone", table, id)
					} else if now != was {
						t.Errorf("%s: legacy row %s changed:\n was %s\n now %s", table, id, was, now)
					}
				}
			}
			// Nothing sent points at a legacy window, a legacy row, or a
			// record that does not exist.
			legacyWindows := map[string]bool{}
			for i := range 8 {
				legacyWindows["PH@"+t0.Add(time.Duration(i)*10*time.Minute).Format("15:04")] = true
			}
			got := f.recv.Got()
			if len(got) == 0 {
				t.Fatal("no alert reached the channel")
			}
			var logs []store.SendLog
			if err := f.db.Select(ctx, &logs, "WHERE `sl_no` NOT LIKE 'OLD-%'"); err != nil {
				t.Fatal(err)
			}
			for _, h := range f.sendLogs("monitor_send_log_hist") {
				if !strings.HasPrefix(str(h.SlNo), "OLD-") {
					logs = append(logs, h)
				}
			}
			for _, l := range logs {
				r, err := f.db.GetRecord(ctx, str(l.Param4))
				if err != nil {
					t.Fatalf("alert %s points at record %q: %v", str(l.SlNo), str(l.Param4), err)
				}
				if strings.HasPrefix(str(r.BuNo), "OLD-") {
					t.Fatalf("alert %s was raised for the legacy record %s", str(l.SlNo), str(r.BuNo))
				}
			}
			var ours []store.Record
			if err := f.db.Select(ctx, &ours, "WHERE `bu_no` NOT LIKE 'OLD-%' ORDER BY `begin_time`"); err != nil {
				t.Fatal(err)
			}
			for _, r := range ours {
				key := *r.CountryNo + "@" + r.BeginTime.UTC().Format("15:04")
				if legacyWindows[key] || r.BeginTime.Before(t0.Add(time.Hour)) {
					t.Fatalf("record %s stored for %s, a window the older system had", str(r.BuNo), key)
				}
			}
			for _, m := range got {
				if strings.HasPrefix(m.Payload.Labels["sl_no"], "OLD-") || strings.Contains(m.Payload.Text, "old") {
					t.Fatalf("a legacy alert was sent: %+v", m.Payload)
				}
			}
			// The first alerts went into the second after the slot the
			// legacy pending alert holds.
			sort.Slice(logs, func(i, j int) bool { return logs[i].ID < logs[j].ID })
			if !logs[0].ExpectSendTime.Equal(t0.Add(2*time.Hour+time.Second)) || !strings.Contains(str(logs[0].Reason)+str(firstReason(t, f, logs[0])), "another system") {
				t.Fatalf("first alert: slot %v", logs[0].ExpectSendTime)
			}
		})
	}
}

// operateOnLegacy runs the operator's toolkit over the adopted database
// as a team would in its first week: it checks the configuration, reads
// the history and explains a legacy alert and a legacy record (all of
// them rows with only the seed's columns), then applies a file and
// applies it again emptied with --prune. The caller then finds every
// legacy row unchanged: the apply's owner is only on rows it wrote.
func operateOnLegacy(t *testing.T, f *fixture) {
	t.Helper()
	ctx := context.Background()
	kit := ops.New(f.engine, f.db, ops.WithClock(f.clock.Now))
	if _, err := kit.Check(ctx); err != nil {
		t.Fatalf("check of the adopted configuration: %v", err)
	}
	page, err := kit.History(ctx, ops.HistoryFilter{From: t0.Add(-24 * time.Hour), Limit: 500})
	if err != nil {
		t.Fatalf("history over legacy alerts: %v", err)
	}
	legacySeen := false
	for _, e := range page.Entries {
		legacySeen = legacySeen || strings.HasPrefix(e.SlNo, "OLD-SL-")
	}
	if !legacySeen {
		t.Errorf("the history does not list the legacy alerts (%d entries)", len(page.Entries))
	}
	for _, code := range []string{"OLD-SL-0", "OLD-SLH", "OLD-RC-ID"} {
		if _, err := kit.Explain(ctx, code); err != nil {
			t.Errorf("explain the legacy %s: %v", code, err)
		}
	}
	apply := func(doc string, prune bool) *ops.Plan {
		t.Helper()
		file, err := ops.ParseApplyFile("adoption.yaml", []byte(doc), func(string) (string, bool) { return "", false })
		if err != nil {
			t.Fatal(err)
		}
		plan, err := kit.Apply(ctx, file, ops.ApplyOptions{By: "ops-lead", Prune: prune})
		if err != nil {
			t.Fatalf("apply over the adopted database: %v", err)
		}
		return plan
	}
	plan := apply("version: 1\nowner: adoption\nrules:\n  - rule_no: R-ADOPT\n    fun_code: \"rate < threshold\"\n    threshold: \"0.5\"\n", false)
	if plan.Count(ops.ActionCreate) != 1 {
		t.Fatalf("apply: %s", plan.Summary())
	}
	plan = apply("version: 1\nowner: adoption\nrules: []\n", true)
	if plan.Count(ops.ActionDisable) != 1 {
		t.Fatalf("prune disabled %d rows, want only the file's own R-ADOPT: %s", plan.Count(ops.ActionDisable), plan.Summary())
	}
}

// firstReason is the reason of the first record in a pending alert.
func firstReason(t *testing.T, f *fixture, l store.SendLog) *string {
	t.Helper()
	var recs []store.Record
	if err := f.db.Select(context.Background(), &recs, "WHERE `param6` = ? ORDER BY `id`", str(l.SlNo)); err != nil || len(recs) == 0 {
		t.Fatalf("records of %s: %d %v", str(l.SlNo), len(recs), err)
	}
	return recs[0].Reason
}
