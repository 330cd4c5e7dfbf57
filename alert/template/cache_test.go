package template

import (
	"fmt"
	"sync"
	"testing"
)

func TestCacheBound(t *testing.T) {
	var c Cache
	first, err := c.Parse("{a}")
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := c.Parse("{a}"); again != first {
		t.Error("the same text was parsed again")
	}
	if _, err := c.Parse("{"); err == nil || len(c.m) != 1 {
		t.Errorf("a text that does not parse: %v, %d cached", err, len(c.m))
	}
	for i := len(c.m); i <= cacheLimit; i++ {
		if _, err := c.Parse(fmt.Sprintf("{a} %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.m) != cacheLimit+1 {
		t.Fatalf("%d cached, want %d", len(c.m), cacheLimit+1)
	}
	// One more starts the cache over.
	if _, err := c.Parse("one more"); err != nil {
		t.Fatal(err)
	}
	if len(c.m) != 1 || c.m["one more"] == nil {
		t.Errorf("after the bound: %d cached, want only the last", len(c.m))
	}
	if again, _ := c.Parse("{a}"); again == first {
		t.Error("a text from before the cache started over is still cached")
	}
}

// Run with -race: goroutines parse and render overlapping texts, many more
// than the bound, so that the cache starts over under them.
func TestCacheConcurrent(t *testing.T) {
	var c Cache
	const goroutines, texts = 8, 3 * cacheLimit
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := range goroutines {
		wg.Go(func() {
			for i := range texts {
				n := (i*7 + g*131) % texts
				tpl, err := c.Parse(fmt.Sprintf("{{%d}} {a}", n))
				if err != nil {
					errs <- err
					return
				}
				want := fmt.Sprintf("{%d} A%d", n, g)
				if got, err := tpl.Render(map[string]string{"a": fmt.Sprint("A", g)}); err != nil || got != want {
					errs <- fmt.Errorf("got %q, %v; want %q", got, err, want)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(c.m) > cacheLimit+1 {
		t.Errorf("%d cached, over the bound", len(c.m))
	}
}
