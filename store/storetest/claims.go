package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/yujing-go/yujing/store"
)

// testClaims has 8 goroutines claim 1,000 records in batches until none is
// left: every record is handed out exactly once.
func testClaims(t *testing.T, open OpenStore) {
	db := open(t)
	insertRecords(t, db, records(1000, t0))
	var mu sync.Mutex
	got := map[int64]int{}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			for {
				rows, err := db.ClaimRecords(ctx, store.RecordWaiting, store.ClaimRequest{Now: t0, Lease: time.Hour, Limit: 25})
				if err != nil {
					errs <- err
					return
				}
				if len(rows) == 0 {
					return
				}
				mu.Lock()
				for _, r := range rows {
					got[r.ID]++
					if r.ClaimOwner == nil || r.ClaimUntil == nil || !r.ClaimUntil.Equal(t0.Add(time.Hour)) {
						errs <- fmt.Errorf("record %d claimed without owner and lease: %v %v", r.ID, r.ClaimOwner, r.ClaimUntil)
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(got) != 1000 {
		t.Fatalf("claimed %d distinct records, want 1000", len(got))
	}
	for id, n := range got {
		if n != 1 {
			t.Fatalf("record %d claimed %d times", id, n)
		}
	}
}

// testClaimExpiry: a claim holds until its lease ends, then another caller
// takes the rows; the first owner's late completion changes nothing.
func testClaimExpiry(t *testing.T, open OpenStore) {
	db := open(t)
	rows := records(10, t0)
	insertRecords(t, db, rows)
	claim := func(at time.Time) []store.Record {
		t.Helper()
		rows, err := db.ClaimRecords(ctx, store.RecordWaiting, store.ClaimRequest{Now: at, Lease: time.Minute, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	first := claim(t0)
	if len(first) != 10 {
		t.Fatalf("first claim got %d rows, want 10", len(first))
	}
	if again := claim(t0.Add(30 * time.Second)); len(again) != 0 {
		t.Fatalf("claim during the lease got %d rows, want 0", len(again))
	}
	second := claim(t0.Add(61 * time.Second))
	if len(second) != 10 {
		t.Fatalf("claim after the lease got %d rows, want 10", len(second))
	}
	late := []store.RecordUpdate{{ID: first[0].ID, Status: store.RecordNoAlert}}
	n, err := db.FinishRecords(ctx, *first[0].ClaimOwner, t0.Add(62*time.Second), late)
	if !errors.Is(err, store.ErrClaimLost) || n != 0 {
		t.Fatalf("late completion by the first owner: n=%d err=%v, want 0 and ErrClaimLost", n, err)
	}
	var ups []store.RecordUpdate
	for _, r := range second {
		ups = append(ups, store.RecordUpdate{ID: r.ID, Status: store.RecordNoAlert})
	}
	if n, err := db.FinishRecords(ctx, *second[0].ClaimOwner, t0.Add(62*time.Second), ups); err != nil || n != 10 {
		t.Fatalf("completion by the owner: n=%d err=%v", n, err)
	}
	released := 0
	for _, r := range rows {
		got, err := db.GetRecord(ctx, *r.BuNo)
		if err != nil {
			t.Fatal(err)
		}
		if got.ClaimOwner != nil {
			continue
		}
		released++
		if *got.Status != store.RecordNoAlert {
			t.Fatalf("status %d, want %d", *got.Status, store.RecordNoAlert)
		}
	}
	if released != 10 {
		t.Fatalf("%d records released, want 10", released)
	}
}
