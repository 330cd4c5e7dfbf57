package alert_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/store"
)

type channelState map[string]struct {
	Status   string `json:"status"`
	Attempts int    `json:"attempts"`
	Code     string `json:"code"`
	Error    string `json:"error"`
}

func (f *fixture) alertRow() store.SendLog {
	f.t.Helper()
	rows := f.sendLogs("monitor_send_log")
	if len(rows) != 1 {
		f.t.Fatalf("%d send-log rows, want 1", len(rows))
	}
	return rows[0]
}

func stateOf(t *testing.T, l store.SendLog) channelState {
	t.Helper()
	st := channelState{}
	if err := json.Unmarshal([]byte(str(l.ChannelState)), &st); err != nil {
		t.Fatalf("channel_state %q: %v", str(l.ChannelState), err)
	}
	return st
}

// TestDeliveryPerChannel: one alert to five channels. A channel that
// answers 500 is retried with backoff; 429 with Retry-After waits that
// long; one that hangs past its timeout costs a retry; a 400 ends that
// channel at once; a channel that succeeded is never sent to again. The
// reasons are readable in the row.
func TestDeliveryPerChannel(t *testing.T) {
	f := newFixture(t, testdb.SQLite)
	f.configure("PH")
	for _, no := range []string{"CH-B", "CH-C", "CH-D", "CH-E"} {
		f.route("PH", f.addWebhook(no, "/"+strings.ToLower(no[3:])))
	}
	// CH-E's sends time out after 300 ms.
	if err := f.engine.Config(f.db).SetChannelDetails(context.Background(), "CH-E", []store.ChannelDetail{
		{DataKey: new("url"), DataValue: new(f.recv.URL + "/e")}, {DataKey: new("secret"), DataValue: new(webhookSecret)},
		{DataKey: new("timeout"), DataValue: new("300ms")}}); err != nil {
		t.Fatal(err)
	}
	f.recv.Answer(func(r webhooktest.Received, n int) webhooktest.Reply {
		switch r.Path {
		case "/alerts": // CH-HOOK: 500, 500, then 200
			if n <= 2 {
				return webhooktest.Reply{Status: http.StatusInternalServerError}
			}
		case "/c":
			return webhooktest.Reply{Status: http.StatusBadRequest}
		case "/d":
			if n == 1 {
				return webhooktest.Reply{Status: http.StatusTooManyRequests, RetryAfter: "600"}
			}
		case "/e":
			if n == 1 {
				return webhooktest.Reply{Delay: 2 * time.Second}
			}
		}
		return webhooktest.Reply{}
	})
	if _, err := f.engine.Fire(context.Background(), alert.Alert{InfoType: smsScene, Country: "PH", Numerator: 50, Denominator: 100, Values: map[string]any{"provider": "acme"}}); err != nil {
		t.Fatal(err)
	}

	res := f.tick()
	if res.Send.Deliveries != 1 || res.Send.DeliveryErrors != 4 || res.Send.Retrying != 1 {
		t.Fatalf("first attempt: %+v", res.Send)
	}
	row := f.alertRow()
	st := stateOf(t, row)
	if st["CH-B"].Status != "sent" || st["CH-C"].Status != "failed" || st["CH-C"].Code != "HTTP 400" ||
		st["CH-HOOK"].Status != "retry" || st["CH-HOOK"].Code != "HTTP 500" || st["CH-D"].Code != "HTTP 429" || st["CH-E"].Status != "retry" {
		t.Fatalf("state after the first attempt: %+v", st)
	}
	if *row.Status != store.SendWaiting || *row.RetryTimes != 1 || !strings.Contains(str(row.Reason), "CH-C") {
		t.Fatalf("row after the first attempt: status %d retries %d reason %q", *row.Status, *row.RetryTimes, str(row.Reason))
	}
	// Retry-After (600 s) wins over the backoff (at most 1 minute here).
	if wait := row.ClaimUntil.Sub(f.clock.Now()); wait < 600*time.Second {
		t.Fatalf("next attempt in %s, want at least the 600 s of Retry-After", wait)
	}
	f.clock.Advance(5 * time.Minute)
	if res := f.tick(); res.Send.Alerts != 0 {
		t.Fatalf("attempt before Retry-After ended: %+v", res.Send)
	}
	f.clock.Advance(6 * time.Minute)
	res = f.tick()
	if res.Send.Deliveries != 2 || res.Send.DeliveryErrors != 1 { // D and E now; CH-HOOK 500 again
		t.Fatalf("second attempt: %+v", res.Send)
	}
	f.clock.Advance(10 * time.Minute)
	res = f.tick()
	if res.Send.Deliveries != 1 || res.Send.Failed != 1 { // CH-HOOK at last; CH-C's 400 makes the alert failed
		t.Fatalf("third attempt: %+v", res.Send)
	}
	row = f.alertRow()
	if *row.Status != store.SendFailed || !strings.Contains(str(row.Reason), "CH-C (webhook) failed after 1 attempt(s)") {
		t.Fatalf("final row: status %d reason %q", *row.Status, str(row.Reason))
	}
	st = stateOf(t, row)
	if st["CH-HOOK"].Attempts != 3 || st["CH-B"].Attempts != 1 || st["CH-D"].Attempts != 2 || st["CH-E"].Attempts != 2 {
		t.Fatalf("attempts: %+v", st)
	}
	for key, n := range f.recv.Accepted() {
		if n != 1 {
			t.Errorf("%s accepted %d times", key, n)
		}
	}
	if len(f.recv.Accepted()) != 4 {
		t.Errorf("accepted deliveries %v, want CH-HOOK, CH-B, CH-D, CH-E", f.recv.Accepted())
	}
}

// TestDeliveryRetriesExhausted: a channel that always answers 500 is tried
// three times (retry_times 2), then the alert fails with the reason.
func TestDeliveryRetriesExhausted(t *testing.T) {
	f := newFixture(t, testdb.SQLite)
	f.configure("PH")
	f.recv.Answer(func(webhooktest.Received, int) webhooktest.Reply {
		return webhooktest.Reply{Status: http.StatusBadGateway}
	})
	if _, err := f.engine.Fire(context.Background(), alert.Alert{InfoType: smsScene, Country: "PH", Values: map[string]any{"provider": "acme"}}); err != nil {
		t.Fatal(err)
	}
	attempts := 0
	for range 10 {
		attempts += f.tick().Send.DeliveryErrors
		f.clock.Advance(6 * time.Minute)
	}
	if attempts != 3 {
		t.Fatalf("%d attempts, want 3", attempts)
	}
	f.clock.Advance(time.Hour)
	f.tick()
	hist := f.sendLogs("monitor_send_log_hist")
	if len(hist) != 1 {
		t.Fatalf("%d archived rows", len(hist))
	}
	h := hist[0]
	if *h.Status != store.SendFailed || *h.RetryTimes != 0 || !strings.HasPrefix(str(h.Reason), "retries exhausted: CH-HOOK (webhook) failed after 3 attempt(s)") {
		t.Fatalf("archived row: status %d retries %d reason %q", *h.Status, *h.RetryTimes, str(h.Reason))
	}
	if strings.Contains(str(h.Reason), webhookToken) || strings.Contains(str(h.ChannelState), webhookToken) {
		t.Fatal("the webhook token reached the database")
	}
}
