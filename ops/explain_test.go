package ops_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/ack"
	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// TestExplainArchivedFailedDelivery: a record whose alert failed (400)
// and was archived is explained end to end, by its bu_no and by the
// alert's sl_no, with the channel's answer and no secret.
func TestExplainArchivedFailedDelivery(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open testdb.Opener) {
		f := newFixture(t, open)
		f.run()
		ctx := context.Background()
		var hist []store.SendLogHist
		histMust(t, f.db.Select(ctx, &hist, "WHERE `country_no` = 'ID' AND `status` = ? ORDER BY `id`", int(store.SendFailed)))
		if len(hist) == 0 || hist[0].RecordBuNo() == "" {
			t.Fatalf("archived failed alerts of ID: %+v", hist)
		}
		buNo, slNo := hist[0].RecordBuNo(), *hist[0].SlNo
		x, err := f.kit.Explain(ctx, buNo)
		histMust(t, err)
		checkExplanation(t, x, buNo)
		if x.Found != "record" || x.Code != buNo {
			t.Errorf("found %q code %q", x.Found, x.Code)
		}
		bySl, err := f.kit.Explain(ctx, slNo)
		histMust(t, err)
		checkExplanation(t, bySl, buNo)
		if bySl.Found != "alert" {
			t.Errorf("found %q for an sl_no", bySl.Found)
		}
		b, err := json.Marshal(x)
		histMust(t, err)
		for _, secret := range []string{webhookToken, webhookSecret} {
			if strings.Contains(string(b), secret) {
				t.Errorf("the explanation shows %q", secret)
			}
		}
	})
}

// checkExplanation checks every section of the explanation of the ID
// record buNo.
func checkExplanation(t *testing.T, x *ops.Explanation, buNo string) {
	t.Helper()
	if x.Record == nil || x.Record.BuNo != buNo || x.Record.Status != store.RecordRecorded || x.Record.RuleNo != "R-SMS-LOW" ||
		x.Record.Values["numerator"] == "" || x.Record.Begin == nil {
		t.Fatalf("record %+v", x.Record)
	}
	r := x.Rules
	if r == nil || !r.Agrees || r.Now.Status != store.RecordAlert || r.Now.RuleNo != "R-SMS-LOW" || len(r.Now.Rules) != 1 ||
		!r.Now.Rules[0].Fired || r.Now.Rules[0].Seen["rate"] == nil || !strings.Contains(r.Now.Rules[0].Explain, "fired") {
		t.Errorf("rules %+v", r)
	}
	if x.Template == nil || x.Template.ModNo != "MD-SMS" || x.Template.RecordedModNo != "MD-SMS" {
		t.Errorf("template %+v", x.Template)
	}
	a := x.Alert
	if a == nil || !a.Archived || a.Status != store.SendFailed || a.MergeCount != 1 || a.RecordBuNo != buNo || len(a.Channels) != 1 {
		t.Fatalf("alert %+v", a)
	}
	if c := a.Channels[0]; c.ChannelNo != "CH-BAD" || c.Outcome != alert.OutcomeFailed || c.Answer != "HTTP 400" || c.Attempts != 1 {
		t.Errorf("channel %+v", c)
	}
	if len(x.Routes) != 1 || x.Routes[0].ChannelNo != "CH-BAD" || !x.Routes[0].Gets || x.Routes[0].TypeName != "webhook" || x.Routes[0].Level != 0 {
		t.Errorf("routes %+v", x.Routes)
	}
	if x.State == nil || x.State.State != store.StateFiring {
		t.Errorf("state %+v", x.State)
	}
}

// TestExplainSilenceAndAck: a silence that muted the alert and an
// acknowledgement show, and a missing code is not found.
func TestExplainSilenceAndAck(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open testdb.Opener) {
		f := newFixture(t, open)
		ctx := context.Background()
		cfg := f.engine.Config(f.db, store.AsUser("ops"))
		sil, err := cfg.CreateSilence(ctx, store.Silence{InfoType: "1", CountryNo: "PH", ChannelNo: "*", RuleNo: "*",
			StartsAt: new(histT0), EndsAt: new(histT0.Add(24 * time.Hour)), CreatedBy: "maria"})
		histMust(t, err)
		f.tickAt(11 * time.Minute)
		histMust(t, f.engine.Acknowledge(ctx, ack.Request{Target: ack.Target{InfoType: histScene, Country: "PH"}, By: "maria", Via: "test"}))
		var rec []store.Record
		histMust(t, f.db.Select(ctx, &rec, "WHERE `country_no` = 'PH' ORDER BY `id` DESC"))
		x, err := f.kit.Explain(ctx, *rec[0].BuNo)
		histMust(t, err)
		found := false
		for _, s := range x.Silences {
			found = found || s.SilenceNo == sil.SilenceNo && len(s.Why) > 0 && s.Describe != ""
		}
		if !found {
			t.Errorf("silences %+v, want %s", x.Silences, sil.SilenceNo)
		}
		if len(x.Events) == 0 || x.Events[0].Kind != store.EventAcknowledged || x.Ack == nil || x.Ack.By != "maria" {
			t.Errorf("audit %+v ack %+v", x.Events, x.Ack)
		}
		if x.State == nil || x.State.MutedBy == nil || *x.State.MutedBy != sil.SilenceNo {
			t.Errorf("state %+v, want muted by %s", x.State, sil.SilenceNo)
		}
		_, err = f.kit.Explain(ctx, "NO-SUCH-CODE")
		if !errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), "NO-SUCH-CODE") {
			t.Errorf("missing code: %v", err)
		}
	})
}

// TestHistoryAndExplainShowWaits: a channel that does not answer
// (connection refused) waits for its retry: its outcome, attempts, error
// and the wait until the next attempt show, with no token of its URL.
func TestHistoryAndExplainShowWaits(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open testdb.Opener) {
		f := newFixture(t, open)
		ctx := context.Background()
		down := httptest.NewServer(http.NotFoundHandler())
		down.Close()
		cfg := f.engine.Config(f.db, store.AsUser("ops"))
		_, err := cfg.CreateChannel(ctx, store.Channel{ChannelNo: new("CH-DOWN"), ChannelName: new("down"), Type: new(store.ChannelWebhook),
			Sort: new(decimal.RequireFromString("0"))}, []store.ChannelDetail{
			{DataKey: new("url"), DataValue: new(down.URL + "/down?token=" + webhookToken)}, {DataKey: new("secret"), DataValue: new(webhookSecret)}})
		histMust(t, err)
		_, err = cfg.CreateRouting(ctx, store.Routing{CountryNo: "PH", CountryName: "PH", InfoType: new(histScene), ChannelNo: new("CH-DOWN")})
		histMust(t, err)
		f.tickAt(11 * time.Minute)
		page, err := f.kit.History(ctx, ops.HistoryFilter{Country: "PH", Status: new(store.SendWaiting), From: histT0})
		histMust(t, err)
		if len(page.Entries) == 0 {
			t.Fatal("no waiting alert in PH")
		}
		e := page.Entries[0]
		byNo := map[string]ops.ChannelDelivery{}
		for _, c := range e.Channels {
			byNo[c.ChannelNo] = c
		}
		d, ok := byNo["CH-DOWN"]
		if e.NextAttempt == nil || byNo["CH-OK"].Outcome != alert.OutcomeSent || !ok || d.Outcome != alert.OutcomeRetry || d.Attempts != 1 ||
			d.Error == "" || d.NextAttempt == nil || !d.NextAttempt.Equal(*e.NextAttempt) || d.Wait <= 0 {
			t.Fatalf("waiting alert %+v channels %+v", e, e.Channels)
		}
		x, err := f.kit.Explain(ctx, e.SlNo)
		histMust(t, err)
		b, err := json.Marshal([]any{page, x})
		histMust(t, err)
		if strings.Contains(string(b), webhookToken) || strings.Contains(string(b), webhookSecret) {
			t.Errorf("a secret shows: %s", b)
		}
		if x.Alert == nil || len(x.Alert.Channels) != 2 || len(x.Routes) != 2 {
			t.Errorf("explain %+v routes %+v", x.Alert, x.Routes)
		}
	})
}
