// Package store keeps the alert platform's state in the seed's 13 tables,
// on MySQL/MariaDB (sqlx + go-sql-driver/mysql) or on an embedded SQLite
// file (modernc.org/sqlite, pure Go), with one shared SQL implementation
// and a small dialect for the few real differences.
//
// # Schema
//
// Migration 1 is the seed's DDL verbatim (on SQLite, translated table by
// table); migration 2 adds, additively, what the pipeline needs:
//
//   - claim_owner, claim_until on monitor_record, monitor_send_log,
//     monitor_basic_data and monitor_hist_data: a lease per row, so that
//     concurrent hosts never work one row twice and a crashed host's rows
//     are taken over when its lease ends. Between attempts, claim_until with
//     no owner holds the time before which the row is not tried again (a
//     retry's backoff, a scheduled alert's slot, a finished row's archive
//     time).
//   - reason on monitor_record, monitor_send_log(_hist), monitor_basic_data:
//     why the row is in its status (an error, the missing configuration).
//   - channel_state on monitor_send_log(_hist): per-channel delivery state
//     as JSON, so that a retry never re-sends to a channel that succeeded.
//   - collected_time on monitor_hist_data: the window's records are stored.
//   - an index (status, claim_until, claim_owner) that claims walk in order.
//
// Later migrations, each additive (files in migrations/<dialect>, the
// README's table of additions gives each one's reason): 3 and 4 mark rows
// (no schema change, see below and MigrationVersion); 5 the robots' shared
// send budgets (yujing_robot); 6 the configuration version
// (yujing_config_version); 7 the alert lifecycle (yujing_alert_state, the
// templates' resolved and no-data texts); 8 silences and the audit
// (yujing_silence, yujing_alert_event, yujing_alert_state.muted_by); 9
// three indexes on monitor_send_log_hist for the operator's history
// (SendLogHistory), which reads newest first by (expect_send_time, sl_no):
// (info_type, country_no, expect_send_time, sl_no) for a scene and
// country, (status, expect_send_time, sl_no) for a status, and
// (expect_send_time, sl_no) for the rest. monitor_send_log gets none: it
// holds only the rows not yet archived, and its writes stay as cheap.
//
// Reserved columns given a meaning: monitor_record.param5 is the rule that
// fired, param6 the sl_no of its alert; monitor_send_log.param3 counts the
// alerts merged into the row, param4 the bu_no of the latest record;
// monitor_mod.param3 a realtime template's slot in seconds, param4 a
// scheduled template's cron schedule, param6 the Chinese title;
// monitor_basic_data.param3 the report file's size in bytes, param4 the
// report's country_no; param5 of monitor_rule, monitor_rule_route,
// monitor_mod, monitor_country_mod, monitor_channel and monitor_routing
// the owner of the declarative apply (package ops) that last wrote the
// row (ApplyOwner, SetApplyOwner).
//
// Each of these meanings has a method on the table's type, named for it,
// that reads the column (with the documented value for NULL) and one that
// sets it: Record.RuleNo and SlNo (param5, param6); SendLog.MergeCount (1
// when NULL) and RecordBuNo (param3, param4, also on SendLogHist);
// Template.SlotSeconds, Schedule and TitleChinese (param3, param4,
// param6); BasicData.FileSize and CountryNo (param3, param4; the size is
// written through BasicDataUpdate.FileSize). Use them rather than the
// ParamN fields, so that no caller depends on which column holds what.
//
// # Values
//
// Every write checks each value against its column before it reaches the
// database: text longer than its column (in characters, so Chinese counts
// one per character), a decimal with more digits than its column, a time
// outside TIMESTAMP's range (1970–2038) is refused with a *ValidationError
// naming table and column; nothing is truncated or rounded silently, and
// MySQL sessions run in strict mode as a second guard. The limits are the
// store's to tell: ColumnLimit(table, column) gives any varchar column's
// size, and RecordContentMax, SendLogContentMax, ReasonMax and FileURLMax
// name those callers check before they write. Times are stored in
// UTC with whole seconds. Decimals are github.com/shopspring/decimal values,
// exact (decimal(20,8) money is TEXT on SQLite, whose NUMERIC keeps only 15
// digits).
//
// # Configuration
//
// Write configuration through the alert engine, which adds its checks to
// the store's:
//
//	cfg := engine.Config(db, store.AsUser("ops-42")) // alert.Engine.Config
//
// Config refuses, with a *ValidationError naming table and column, a value
// that does not fit its column, a reference to a missing row, a country
// code that is not "*" or 2–3 upper-case letters or digits ("ph": did you
// mean "PH"?), and a row that repeats an enabled one (wrapping
// ErrDuplicate and naming that row); the engine's Validation adds CEL,
// template placeholders, channel keys and known scenes. Codes are
// generated only once a row has passed, so no error names a code that was
// never stored. DB.UncheckedConfig leaves the engine's checks out; it is
// for tools and for the store's own tests.
//
// A database that Migrate never ran on fails with errors that wrap
// ErrNotMigrated ("call Migrate").
//
// # Rows another system wrote
//
// The store tells the rows it wrote from rows another
// system wrote into the same tables (a database built from the seed's
// schema that an older platform filled, or that it still writes to).
//
// Every row the library inserts into monitor_record, monitor_send_log,
// monitor_basic_data and monitor_hist_data carries a claim_until (a column
// of migration 2 that other systems do not know), and no write of the
// library ever sets it back to NULL: a released or finished row's
// claim_until is the time from which it may be worked again. So a row whose
// claim_until is NULL was written by someone else, and the library never
// claims it, changes it, merges into it, archives it or collects over it:
//
//   - monitor_record: not judged, recorded or retried, whatever its status;
//     a window's existing record is never stored again (InsertRecords skips
//     it) and so never alerts again.
//   - monitor_send_log: not sent, merged into or archived; an alert whose
//     send slot such a row holds goes into the next free second.
//   - monitor_basic_data: not uploaded or retried.
//   - monitor_hist_data: the window counts as collected (a row with neither
//     claim_until nor collected_time is another system's collection).
//
// To hand such rows over to the engine on purpose (for example records the
// old system left waiting for rules), set their claim_until to a past time
// with SQL; the engine then works them like its own.
//
// Migration 3 gives this mark to the rows the library wrote before it
// existed that it can recognise (a reason or a channel state set, columns
// only the library writes).
//
// # Two sides
//
// The seed splits its scripts into a platform side (configuration, pending
// alerts, history) and a business side (hist data, records, reports); so do
// the interfaces Platform and Business; Store is the two in one, what
// alert.WithStore takes. A *DB implements both; a host that keeps the
// sides apart opens two.
package store
