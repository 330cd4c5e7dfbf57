package ops_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/ops"
)

// applyBenchFile is a configuration of n each of rules, rule routes,
// templates, country templates, channels and routings (6n rows).
func applyBenchFile(n int) string {
	var b strings.Builder
	b.WriteString("owner: bench\nrules:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {rule_no: R%03d, fun_code: \"rate < threshold\", threshold: \"0.%03d\"}\n", i, i+1)
	}
	b.WriteString("rule_routes:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {bu_no: RR%03d, info_type: 1, country_no: \"*\", rule_no: R%03d}\n", i, i)
	}
	b.WriteString("templates:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {mod_no: MD%03d, info_type: 1, en: {content: \"{country_name}: {rate_pct} (%d)\"}}\n", i, i)
	}
	b.WriteString("country_templates:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {bu_no: CM%03d, country_no: C%02d, country_name: c%d, info_type: 1, mod_no: MD%03d}\n", i, i%100, i, i)
	}
	b.WriteString("channels:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {channel_no: CH%03d, type: webhook, details: {url: \"https://h.example.com/%d\", secret: {env: HOOK_SECRET}}}\n", i, i)
	}
	b.WriteString("routings:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {routing_no: RT%03d, country_no: C%02d, country_name: c%d, info_type: 1, channel_no: CH%03d}\n", i, i%100, i, i)
	}
	return b.String()
}

// BenchmarkApplyNoChanges measures the plan of a re-apply that changes
// nothing (what a CI job runs on every commit), 600 rows, on SQLite and MariaDB:
// reading the stored rows, the engine's checks of every row, the diff.
func BenchmarkApplyNoChanges(b *testing.B) {
	for _, be := range testdb.Backends() {
		b.Run(be.Name, func(b *testing.B) { applyBenchNoChanges(b, be.Open) })
	}
}

func applyBenchNoChanges(b *testing.B, open testdb.Opener) {
	const n = 100
	f := newApplyFixture(b, open)
	file, err := ops.ParseApplyFile("bench.yaml", []byte(applyBenchFile(n)), applyEnv(map[string]string{"HOOK_SECRET": applySecret}))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := f.kit.Apply(ctx, file, ops.ApplyOptions{By: "bench"}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		plan, err := f.kit.Apply(ctx, file, ops.ApplyOptions{By: "bench"})
		if err != nil || plan.HasChanges() {
			b.Fatalf("%v %v", err, plan.HasChanges())
		}
	}
	b.ReportMetric(float64(6*n*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkApplyCreate measures a first apply of 60 rows on a fresh
// SQLite database (the database is made outside the timer).
func BenchmarkApplyCreate(b *testing.B) {
	const n = 10
	src := []byte(applyBenchFile(n))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		f := newApplyFixture(b, testdb.SQLite)
		file, err := ops.ParseApplyFile("bench.yaml", src, applyEnv(map[string]string{"HOOK_SECRET": applySecret}))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if plan, err := f.kit.Apply(ctx, file, ops.ApplyOptions{By: "bench"}); err != nil || plan.Count(ops.ActionCreate) != 6*n {
			b.Fatalf("%v", err)
		}
	}
	b.ReportMetric(float64(6*n*b.N)/b.Elapsed().Seconds(), "rows/s")
}
