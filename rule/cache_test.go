package rule_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/yujing-go/yujing/rule"
)

func TestCompilationsSteadyState(t *testing.T) {
	ev := newEvaluator(t)
	ctx := context.Background()
	r := rule.Rule{No: "R1", Desc: "low", Code: "denominator >= 100 && rate < threshold", Threshold: "0.85"}
	in := sample("PH", 81, 100)

	ev.Evaluate(ctx, []rule.Rule{r}, in, nil) // warm
	warm := ev.Compilations()
	if warm != 1 {
		t.Fatalf("%d compilations after warming, want 1", warm)
	}
	for range 1000 {
		ev.Evaluate(ctx, []rule.Rule{r}, in, nil)
	}
	if n := ev.Compilations() - warm; n != 0 {
		t.Fatalf("1000 evaluations compiled %d times, want 0", n)
	}

	// Fields that do not change the program do not recompile.
	r.Desc, r.Sort = "renamed", 3
	ev.Evaluate(ctx, []rule.Rule{r}, in, nil)
	if n := ev.Compilations() - warm; n != 0 {
		t.Fatalf("renaming compiled %d times, want 0", n)
	}

	r.Code = "denominator >= 50 && rate < threshold"
	for range 10 {
		if !ev.Evaluate(ctx, []rule.Rule{r}, in, nil).Fired() {
			t.Fatal("edited rule did not fire")
		}
	}
	if n := ev.Compilations() - warm; n != 1 {
		t.Fatalf("editing the code: %d compilations, want 1", n)
	}

	r.Threshold = "0.5"
	for range 10 {
		if ev.Evaluate(ctx, []rule.Rule{r}, in, nil).Fired() {
			t.Fatal("the old threshold was used")
		}
	}
	if n := ev.Compilations() - warm; n != 2 {
		t.Fatalf("editing the threshold: %d compilations, want 2", n)
	}

	// Validate shares the cache.
	if err := ev.Validate(r); err != nil || ev.Compilations()-warm != 2 {
		t.Fatalf("Validate of a cached rule: %v, %d compilations", err, ev.Compilations()-warm)
	}

	// Invalid rules are not compiled again either.
	bad := rule.Rule{No: "BAD", Code: "rat < 1"}
	for range 10 {
		ev.Evaluate(ctx, []rule.Rule{bad}, in, nil)
	}
	if n := ev.Compilations() - warm; n != 3 {
		t.Fatalf("an invalid rule: %d compilations, want 3", n)
	}

	// Batches too.
	set := rule.NewRuleSet([]rule.Rule{r, bad}, []rule.Route{
		{InfoType: 1, Country: rule.AllCountries, RuleNo: "R1"},
		{InfoType: 1, Country: "PH", RuleNo: "BAD"},
	})
	inputs := []rule.Input{sample("PH", 1, 2), sample("ID", 1, 2), sample("VN", 1, 2)}
	for range 100 {
		if _, err := ev.EvaluateBatch(ctx, set, inputs, nil); err != nil {
			t.Fatal(err)
		}
	}
	if n := ev.Compilations() - warm; n != 3 {
		t.Fatalf("batches: %d compilations, want 3", n)
	}
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	ev := newEvaluator(t, rule.WithCacheSize(2))
	r1 := rule.Rule{No: "R1", Code: "rate < 0.1"}
	r2 := rule.Rule{No: "R2", Code: "rate < 0.2"}
	r3 := rule.Rule{No: "R3", Code: "rate < 0.3"}
	compiles := func(r rule.Rule) uint64 {
		before := ev.Compilations()
		if err := ev.Validate(r); err != nil {
			t.Fatal(err)
		}
		return ev.Compilations() - before
	}
	for _, step := range []struct {
		r    rule.Rule
		want uint64
	}{
		{r1, 1}, {r2, 1}, {r1, 0}, // R1 is now more recent than R2
		{r3, 1},          // evicts R2
		{r1, 0}, {r3, 0}, // kept
		{r2, 1}, // evicts R1
		{r1, 1},
	} {
		if got := compiles(step.r); got != step.want {
			t.Fatalf("%s: %d compilations, want %d", step.r.No, got, step.want)
		}
	}
}

// TestConcurrentUse runs evaluations, batches, validations and edits at
// once, with a cache small enough to evict all the time; run with -race.
func TestConcurrentUse(t *testing.T) {
	ev := newEvaluator(t, rule.WithCacheSize(3))
	ctx := context.Background()
	in := sample("PH", 80, 100) // rate 0.8
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				// Each goroutine edits its own rules' thresholds; the result
				// must follow the threshold passed in.
				thr := 0.5 + float64((g+i)%5)/10 // 0.5 … 0.9
				r := rule.Rule{No: fmt.Sprintf("R%d", (g+i)%5), Code: "rate < threshold", Threshold: fmt.Sprint(thr)}
				want := 0.8 < thr
				switch i % 3 {
				case 0:
					if got := ev.Evaluate(ctx, []rule.Rule{r}, in, nil).Fired(); got != want {
						t.Errorf("threshold %v: fired %v, want %v", thr, got, want)
					}
				case 1:
					set := rule.NewRuleSet([]rule.Rule{r}, []rule.Route{{InfoType: 1, Country: "PH", RuleNo: r.No}})
					res, err := ev.EvaluateBatch(ctx, set, []rule.Input{in, in}, nil)
					if err != nil || res[0].Fired() != want || res[1].Fired() != want {
						t.Errorf("batch, threshold %v: %v, %v", thr, res, err)
					}
				case 2:
					if err := ev.Validate(r); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
}
