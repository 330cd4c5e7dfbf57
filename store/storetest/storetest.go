// Package storetest is the conformance suite every store backend passes:
// the same tests run on the embedded SQLite store and on MySQL/MariaDB. A
// backend's test calls Run with a function that opens a fresh, migrated
// database for each test.
package storetest

import (
	"testing"

	"github.com/yujing-go/yujing/store"
)

// Open returns a fresh, migrated, empty store for one test.
type Open func(t testing.TB, opts ...store.Option) *store.DB

// Run runs the whole suite against the backend that open opens.
func Run(t *testing.T, open Open) {
	t.Run("RoundTrip", func(t *testing.T) { testRoundTrip(t, open) })
	t.Run("UniqueKeys", func(t *testing.T) { testUniqueKeys(t, open) })
	t.Run("Claims", func(t *testing.T) { testClaims(t, open) })
	t.Run("ClaimExpiry", func(t *testing.T) { testClaimExpiry(t, open) })
	t.Run("Transactions", func(t *testing.T) { testTransactions(t, open) })
	t.Run("Records", func(t *testing.T) { testRecords(t, open) })
	t.Run("Windows", func(t *testing.T) { testWindows(t, open) })
	t.Run("SendLogs", func(t *testing.T) { testSendLogs(t, open) })
	t.Run("FailedSlot", func(t *testing.T) { testFailedSlot(t, open) })
	t.Run("ForeignRows", func(t *testing.T) { testForeignRows(t, open) })
	t.Run("ClaimedInsert", func(t *testing.T) { testClaimedInsert(t, open) })
	t.Run("RepeatedAndFull", func(t *testing.T) { testRepeatedAndFull(t, open) })
	t.Run("Archive", func(t *testing.T) { testArchive(t, open) })
	t.Run("ConcurrentArchive", func(t *testing.T) { testConcurrentArchive(t, open) })
	t.Run("BasicData", func(t *testing.T) { testBasicData(t, open) })
	t.Run("ReportWriting", func(t *testing.T) { testReportWriting(t, open) })
	t.Run("Config", func(t *testing.T) { testConfig(t, open) })
	t.Run("ConfigStatus", func(t *testing.T) { testConfigStatus(t, open) })
	t.Run("CountryCodes", func(t *testing.T) { testCountryCodes(t, open) })
	t.Run("Duplicates", func(t *testing.T) { testDuplicates(t, open) })
	t.Run("ValidationHooks", func(t *testing.T) { testValidationHooks(t, open) })
	t.Run("Migrate", func(t *testing.T) { testMigrate(t, open) })
}
