package alert_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/internal/testclock"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// BenchmarkIdleTick measures a Tick with nothing to do, with 100, 1,000
// and 10,000 routes configured: its cost must not grow with the
// configuration. On MySQL it also reports the statements per Tick (the
// server's Questions counter).
func BenchmarkIdleTick(b *testing.B) {
	for _, be := range testdb.Backends() {
		for _, routes := range []int{100, 1000, 10000} {
			b.Run(fmt.Sprintf("%s/routes=%d", be.Name, routes), func(b *testing.B) {
				ctx := context.Background()
				clock := testclock.New(t0)
				db := be.Open(b, store.WithClock(clock.Now))
				e := benchEngine(b, db, clock, &flatScene{})
				benchSetup(b, db, e, "http://127.0.0.1:1/unused")
				var channelNo string
				if err := db.SQL().GetContext(ctx, &channelNo, "SELECT channel_no FROM monitor_channel LIMIT 1"); err != nil {
					b.Fatal(err)
				}
				for start := 0; start < routes; start += 500 {
					n := min(500, routes-start)
					var args []any
					for i := start; i < start+n; i++ {
						args = append(args, fmt.Sprintf("RT-%05d", i), fmt.Sprintf("R%05d", i), "bench", 1, channelNo, 0)
					}
					q := "INSERT INTO monitor_routing (routing_no, country_no, country_name, info_type, channel_no, status) VALUES " +
						strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?),", n), ",")
					if _, err := db.SQL().ExecContext(ctx, q, args...); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := db.SQL().ExecContext(ctx, "UPDATE yujing_config_version SET version = version + 1"); err != nil {
					b.Fatal(err)
				}
				if _, err := e.Tick(ctx); err != nil { // collects the due window, reads the configuration
					b.Fatal(err)
				}
				q0 := questions(b, db)
				b.ResetTimer()
				for b.Loop() {
					if _, err := e.Tick(ctx); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				if db.Dialect() == "mysql" {
					b.ReportMetric(float64(questions(b, db)-q0-1)/float64(b.N), "statements/op")
				}
			})
		}
	}
}
