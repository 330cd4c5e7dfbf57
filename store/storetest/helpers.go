package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/store"
)

// Helpers both parts of the suite use.

var t0 = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

// ctx is the context of every call of the suite: no test cancels one.
var ctx = context.Background()

// records makes n waiting records of scene 7, one per country, in the
// window starting at begin.
func records(n int, begin time.Time) []store.Record {
	out := make([]store.Record, n)
	end := begin.Add(10 * time.Minute)
	for i := range out {
		out[i] = store.Record{InfoType: new(7), CountryNo: new(fmt.Sprintf("C%04d", i)), BeginTime: &begin, EndTime: &end,
			CompareVal: new("0.9500"), Content: new("numerator=95;denominator=100")}
	}
	return out
}

func sendLog(country string, due time.Time, content string) store.SendLog {
	return store.SendLog{CountryNo: new(country), InfoType: new(1), ExpectSendTime: &due, ModNo: new("MD1"), Content: new(content)}
}

// valueSets shows the alerts a pending alert's content holds, " | " between.
func valueSets(t *testing.T, content string) string {
	t.Helper()
	sets, err := store.ValueSets(content)
	if err != nil {
		t.Fatalf("content %q: %v", content, err)
	}
	var parts []string
	for _, s := range sets {
		parts = append(parts, store.EncodeValues(s))
	}
	return strings.Join(parts, " | ")
}

func wantValidation(t *testing.T, err error, table, column string) {
	t.Helper()
	var ve *store.ValidationError
	if !errors.As(err, &ve) || ve.Table != table || ve.Column != column {
		t.Fatalf("want a validation error naming %s.%s, got %v", table, column, err)
	}
	if !strings.Contains(err.Error(), table+"."+column) {
		t.Fatalf("error %q does not name %s.%s", err, table, column)
	}
}

func firstKey(m map[string]int64) string {
	for k := range m {
		return k
	}
	return ""
}
