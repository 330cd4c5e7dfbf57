package console_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/console"
	"github.com/yujing-go/yujing/store"
)

// The host mounts the console under its own prefix, behind its own
// authentication, naming the user the console writes into what it changes.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "console-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, err := store.OpenSQLite(ctx, filepath.Join(dir, "alerts.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		log.Fatal(err)
	}
	engine, err := alert.New(alert.WithStore(db), alert.WithScenes(&rates{name: "SMS verification success"}))
	if err != nil {
		log.Fatal(err)
	}
	h, err := console.New(engine, db,
		console.WithUser(func(r *http.Request) string { return r.Header.Get("X-Authenticated-User") }),
		console.WithLanguage(console.Chinese))
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/ops/alerts/", http.StripPrefix("/ops/alerts", h)) // wrap it with the host's authentication

	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/ops/alerts/silences", nil))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	// Output: 200 text/html; charset=utf-8
}
