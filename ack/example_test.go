package ack_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"time"

	"github.com/yujing-go/yujing/ack"
)

// printer is an Acknowledger that prints what it is asked to record.
type printer struct{}

func (printer) Acknowledge(_ context.Context, r ack.Request) error {
	fmt.Printf("acknowledge scene %d in %s (firing since %s) by %s via %s, until resolved: %v\n",
		r.InfoType, r.Country, r.FiringSince.Format(time.RFC3339), r.By, r.Via, r.Until.IsZero())
	return nil
}

func ExampleNewHandler() {
	now := time.Date(2026, 11, 24, 10, 30, 0, 0, time.UTC)
	key := []byte("an example key: use 32 random bytes from crypto/rand")

	signer, err := ack.NewSigner(key, "https://ops.example.com/alerts/ack", 4*time.Hour)
	if err != nil {
		fmt.Println(err)
		return
	}
	h := ack.NewHandler(signer, printer{},
		ack.WithClock(func() time.Time { return now }),
		ack.WithDurations(time.Hour, 4*time.Hour),
		ack.WithLogger(slog.New(slog.DiscardHandler)))

	// The alert message carries the link.
	link := signer.Link(ack.Target{InfoType: 7, Country: "PH", FiringSince: now.Add(-30 * time.Minute)}, now)
	fmt.Println(link)

	// Opening it shows the confirmation page and records nothing.
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, link, nil))
	fmt.Println("GET:", w.Code)

	// Its form posts a name and a duration back to the same URL.
	body := url.Values{"name": {"Ana"}, "duration": {""}}.Encode()
	r := httptest.NewRequest(http.MethodPost, link, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println("POST:", w.Code)

	// A link altered by hand is refused.
	w = httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, strings.Replace(link, "country=PH", "country=ID", 1), nil))
	fmt.Println("altered:", w.Code)
	// Output:
	// https://ops.example.com/alerts/ack?type=7&country=PH&since=1795514400&exp=1795530600&sig=_j3b9JAlwPMD46MxFRuDeZAiSV1c0sxowFqW1y36bG4
	// GET: 200
	// acknowledge scene 7 in PH (firing since 2026-11-24T10:00:00Z) by Ana via link, until resolved: true
	// POST: 200
	// altered: 403
}
