package storetest

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/yujing-go/yujing/store"
)

// testRobotBudget: a robot's send slots are spacing apart whoever takes
// them, concurrent reservations never share or crowd a slot, a slot too far
// away is not spent, and a pause moves every slot past its end.
func testRobotBudget(t *testing.T, open OpenStore) {
	db := open(t)
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	const spacing = time.Second
	take := func(robot string, maxWait time.Duration) store.RobotSlot {
		t.Helper()
		s, err := db.ReserveRobot(ctx, robot, now, spacing, maxWait)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for i := range 3 {
		if s := take("dingtalk:a", time.Hour); !s.Reserved || !s.At.Equal(now.Add(time.Duration(i)*spacing)) {
			t.Fatalf("slot %d: %+v", i, s)
		}
	}
	if s := take("dingtalk:a", 2*time.Second); s.Reserved || !s.At.Equal(now.Add(3*spacing)) {
		t.Fatalf("a slot beyond maxWait: %+v", s)
	}
	if s := take("dingtalk:a", time.Hour); !s.Reserved || !s.At.Equal(now.Add(3*spacing)) {
		t.Fatalf("the slot not taken was spent: %+v", s)
	}
	if s := take("dingtalk:b", 0); !s.Reserved || !s.At.Equal(now) {
		t.Fatalf("robots share a budget: %+v", s)
	}
	if err := db.PauseRobot(ctx, "dingtalk:b", now.Add(10*time.Minute), "errcode 130101: sending too fast"); err != nil {
		t.Fatal(err)
	}
	if s := take("dingtalk:b", time.Minute); s.Reserved || !s.At.Equal(now.Add(10*time.Minute)) || s.PausedBy != "errcode 130101: sending too fast" {
		t.Fatalf("a paused robot: %+v", s)
	}

	var mu sync.Mutex
	var got []time.Time
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 5 {
				s, err := db.ReserveRobot(ctx, "wecom:c", now, spacing, time.Hour)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				got = append(got, s.At)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	slices.SortFunc(got, func(a, b time.Time) int { return a.Compare(b) })
	for i := 1; i < len(got); i++ {
		if got[i].Sub(got[i-1]) < spacing {
			t.Fatalf("slots %s and %s are closer than %s", got[i-1], got[i], spacing)
		}
	}
	if len(got) != 20 {
		t.Fatalf("%d slots", len(got))
	}
}
