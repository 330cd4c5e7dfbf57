// Package storetest is the conformance suite of package store: the
// behaviour the alert engine relies on, checked the same way on every
// backend. The store's own tests run it on the embedded SQLite store and,
// when ALERT_TEST_MYSQL_DSN names a server, on MySQL/MariaDB.
//
// The suite has two parts.
//
// Run checks a store.Store through that interface alone: claims and their
// leases, records, collection windows, pending alerts (send slots, merges,
// suppression, failed, foreign and repeated alerts), message kinds in a
// slot (SendLog.Kind and Level: which kinds merge, which take the next
// second, which a sent slot suppresses), the archive, reports, the alert
// states of each scene × country (made once, written as a compare-and-set
// on their version, read by activity, due time, filter and page), and the
// meanings of the reserved columns (Record.RuleNo, SendLog.MergeCount,
// BasicData.FileSize…). A third backend (another database, an in-memory
// store) implements store.Store and runs this part in its own tests, with
// a function that opens a fresh store for each test:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t testing.TB) store.Store {
//			s, err := mybackend.Open(...) // empty, and migrated if it needs to be
//			if err != nil {
//				t.Fatal(err)
//			}
//			t.Cleanup(func() { s.Close() })
//			return s
//		})
//	}
//
// Each call must return a store that holds no rows and that no other test
// uses; tests call it from several goroutines at once. Every method takes
// its clock from its arguments, so the store needs no clock of its own.
//
// RunSQL checks what only the SQL implementation (*store.DB) offers, or
// what needs SQL to set up or to see: every column of the 13 tables at its
// limit through the generic Insert and Select, the seed's unique keys,
// transactions (DB.InTx, InsertBasicDataWithItems), the configuration API
// (store.Config works on a *store.DB), migrations, and rows another system
// wrote with plain SQL. A backend that is not a *store.DB skips it.
package storetest

import (
	"testing"

	"github.com/yujing-go/yujing/store"
)

// OpenStore returns a fresh, empty store for one test (see Run).
type OpenStore func(t testing.TB) store.Store

// OpenDB returns a fresh, migrated, empty *store.DB for one test, made
// with opts (see RunSQL).
type OpenDB func(t testing.TB, opts ...store.Option) *store.DB

// Run runs the part of the suite that any store.Store must pass against
// the stores open opens.
func Run(t *testing.T, open OpenStore) {
	t.Run("Claims", func(t *testing.T) { testClaims(t, open) })
	t.Run("ClaimExpiry", func(t *testing.T) { testClaimExpiry(t, open) })
	t.Run("Records", func(t *testing.T) { testRecords(t, open) })
	t.Run("Windows", func(t *testing.T) { testWindows(t, open) })
	t.Run("SendLogs", func(t *testing.T) { testSendLogs(t, open) })
	t.Run("FailedSlot", func(t *testing.T) { testFailedSlot(t, open) })
	t.Run("ClaimedInsert", func(t *testing.T) { testClaimedInsert(t, open) })
	t.Run("RepeatedAndFull", func(t *testing.T) { testRepeatedAndFull(t, open) })
	t.Run("RobotBudget", func(t *testing.T) { testRobotBudget(t, open) })
	t.Run("Archive", func(t *testing.T) { testArchive(t, open) })
	t.Run("ConcurrentArchive", func(t *testing.T) { testConcurrentArchive(t, open) })
	t.Run("BasicData", func(t *testing.T) { testBasicData(t, open) })
	t.Run("ReportWriting", func(t *testing.T) { testReportWriting(t, open) })
	t.Run("ReservedColumns", func(t *testing.T) { testReservedColumns(t, open) })
	t.Run("AlertStates", func(t *testing.T) { testAlertStates(t, open) })
	t.Run("SlotKinds", func(t *testing.T) { testSlotKinds(t, open) })
}

// RunSQL runs the part of the suite that needs a *store.DB against the
// databases open opens.
func RunSQL(t *testing.T, open OpenDB) {
	t.Run("RoundTrip", func(t *testing.T) { testRoundTrip(t, open) })
	t.Run("UniqueKeys", func(t *testing.T) { testUniqueKeys(t, open) })
	t.Run("Transactions", func(t *testing.T) { testTransactions(t, open) })
	t.Run("BasicDataWithItems", func(t *testing.T) { testBasicDataWithItems(t, open) })
	t.Run("ForeignRows", func(t *testing.T) { testForeignRows(t, open) })
	t.Run("Config", func(t *testing.T) { testConfig(t, open) })
	t.Run("ConfigStatus", func(t *testing.T) { testConfigStatus(t, open) })
	t.Run("CountryCodes", func(t *testing.T) { testCountryCodes(t, open) })
	t.Run("Duplicates", func(t *testing.T) { testDuplicates(t, open) })
	t.Run("ValidationHooks", func(t *testing.T) { testValidationHooks(t, open) })
	t.Run("ConfigVersion", func(t *testing.T) { testConfigVersion(t, open) })
	t.Run("Migrate", func(t *testing.T) { testMigrate(t, open) })
	t.Run("Silences", func(t *testing.T) { testSilences(t, open) })
	t.Run("Gauges", func(t *testing.T) { testGauges(t, open) })
	t.Run("ConfigAudit", func(t *testing.T) { testConfigAudit(t, open) })
}
