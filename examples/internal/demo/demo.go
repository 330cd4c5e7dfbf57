// Package demo is the pipeline the quickstart and MySQL examples run: an
// SMS-success-rate scene over three countries (one degrading), a rule, a
// template in English and Chinese, and a webhook channel served in-process,
// on a simulated clock.
package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/channel/webhook"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// SMSInfoType is the demo scene's info_type; CollectionsInfoType the
// report scene's (the seed's 0, 催收).
const (
	SMSInfoType         = 1
	CollectionsInfoType = 0
)

// Clock is a simulated clock the demo moves by hand.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock stopped at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now returns the simulated time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

// SMSSuccess is the scene: per country, verification SMS delivered out of
// those sent in a 10-minute window. Here the numbers are made up; a real
// scene queries the business's own tables or metrics.
type SMSSuccess struct {
	DegradeFrom time.Time // PH's rate drops to 62% from this window on
}

// InfoType is the scene's code.
func (s *SMSSuccess) InfoType() int { return SMSInfoType }

// Name names the scene.
func (s *SMSSuccess) Name() string { return "SMS verification success" }

// Window is 10 minutes.
func (s *SMSSuccess) Window() time.Duration { return 10 * time.Minute }

// Collect returns one sample per country.
func (s *SMSSuccess) Collect(_ context.Context, w scene.Window) ([]scene.Sample, error) {
	sent := map[string]int64{"PH": 1200, "ID": 2300, "TH": 800}
	var out []scene.Sample
	for _, c := range []string{"PH", "ID", "TH"} {
		ok := sent[c] * 97 / 100
		if c == "PH" && !w.Begin.Before(s.DegradeFrom) {
			ok = sent[c] * 62 / 100
		}
		out = append(out, scene.Sample{Country: c, Numerator: ok, Denominator: sent[c], Vars: map[string]any{"provider": "acme-sms"}})
	}
	return out, nil
}

// Collections is the report scene: per country and hour, the repayments
// due and paid (made up here; a real scene pages through its own tables).
type Collections struct{}

// InfoType is the seed's collections code.
func (Collections) InfoType() int { return CollectionsInfoType }

// Name names the scene.
func (Collections) Name() string { return "Collections" }

// Window is an hour.
func (Collections) Window() time.Duration { return time.Hour }

// Countries returns the countries with rows in the window.
func (Collections) Countries(context.Context, scene.Window) ([]scene.Country, error) {
	return []scene.Country{{No: "PH", Name: "Philippines"}, {No: "ID", Name: "Indonesia"}}, nil
}

// Rows hands over 250 rows per country; one has a negative amount, which
// the report flags.
func (Collections) Rows(_ context.Context, w scene.Window, c scene.Country, emit func(scene.DetailRow) error) error {
	for i := range 250 {
		due := decimal.New(int64(1000+i*37), -2).Add(decimal.RequireFromString("0.12345678"))
		paid := due.Mul(decimal.New(int64(i%4), 0)).Div(decimal.New(4, 0)).Truncate(8)
		if i == 17 {
			due = due.Neg()
		}
		row := scene.DetailRow{CaseID: fmt.Sprintf("%s-%s-%04d", c.No, w.Begin.Format("1504"), i), ExternalNo: fmt.Sprintf("PAY%08d", i*7919),
			RepaymentMoney: due, PracticalRepaymentMoney: paid}
		if err := emit(row); err != nil {
			return err
		}
	}
	return nil
}

// Receiver is the webhook endpoint: it prints each alert as it arrives.
type Receiver struct {
	*httptest.Server
	mu  sync.Mutex
	out io.Writer
	n   int
}

// NewReceiver starts the receiver, printing to out.
func NewReceiver(out io.Writer) *Receiver {
	r := &Receiver{out: out}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		var p webhook.Payload
		if err := json.NewDecoder(req.Body).Decode(&p); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		r.n++
		fmt.Fprintf(r.out, "── alert %d (%s, slot %s) ──\n  EN: %s\n      %s\n", r.n, p.Labels["scene"], p.Labels["slot"], p.English.Title, p.English.Text)
		if p.Chinese.Text != "" {
			fmt.Fprintf(r.out, "  ZH: %s\n      %s\n", p.Chinese.Title, p.Chinese.Text)
		}
	}))
	return r
}

// Received is how many alerts arrived.
func (r *Receiver) Received() int { r.mu.Lock(); defer r.mu.Unlock(); return r.n }

// Configure writes the demo's configuration through the engine's validated
// configuration API: what an operator would do once.
func Configure(ctx context.Context, e *alert.Engine, db *store.DB, webhookURL string) error {
	cfg := e.Config(db, store.AsUser("quickstart"))
	r, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("denominator >= 100 && rate < threshold"), ThresholdVal: new("0.9"),
		FunDesc: new("SMS success below 90%")})
	if err != nil {
		return err
	}
	if _, err := cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(SMSInfoType), CountryNo: new(store.AllCountries), RuleNo: r.RuleNo}); err != nil {
		return err
	}
	sms := store.Template{Title: new("SMS success low"), InfoType: new(SMSInfoType), SendType: new(store.SendRealtime),
		Content:        new("{country_name}: SMS verification success {rate_pct} ({numerator}/{denominator}) in {window}, below {threshold}. Provider: {vars.provider}."),
		ContentChinese: new("{country_name}：短信验证成功率 {rate_pct}（{numerator}/{denominator}），时段 {window}，低于阈值 {threshold}。服务商：{vars.provider}。")}
	sms.SetTitleChinese("短信验证成功率低")
	tpl, err := cfg.CreateTemplate(ctx, sms)
	if err != nil {
		return err
	}
	ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelName: new("ops webhook"), Type: new(store.ChannelWebhook)},
		[]store.ChannelDetail{{DataKey: new("url"), DataValue: new(webhookURL)}, {DataKey: new("secret"), DataValue: new("quickstart-secret")}})
	if err != nil {
		return err
	}
	collections := store.Template{Title: new("Collections report"), InfoType: new(CollectionsInfoType), SendType: new(store.SendRealtime),
		Content:        new("{country_name} collections {window}: {vars.rows} rows, due {vars.due}, paid {vars.paid}, {vars.problems} row(s) flagged. {link}"),
		ContentChinese: new("{country_name} 催收报表 {window}：{vars.rows} 条，应还 {vars.due}，实还 {vars.paid}，{vars.problems} 条待核查。{link}")}
	collections.SetTitleChinese("催收报表")
	report, err := cfg.CreateTemplate(ctx, collections)
	if err != nil {
		return err
	}
	if _, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(store.AllCountries), ModNo: report.ModNo,
		InfoType: new(CollectionsInfoType)}); err != nil {
		return err
	}
	if _, err := cfg.CreateRouting(ctx, store.Routing{CountryNo: store.AllCountries, CountryName: "every country",
		InfoType: new(CollectionsInfoType), ChannelNo: ch.ChannelNo}); err != nil {
		return err
	}
	for no, name := range map[string]string{"PH": "Philippines", "ID": "Indonesia", "TH": "Thailand"} {
		if _, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(no), CountryName: new(name), ModNo: tpl.ModNo,
			InfoType: new(SMSInfoType)}); err != nil {
			return err
		}
		if _, err := cfg.CreateRouting(ctx, store.Routing{CountryNo: no, CountryName: name, InfoType: new(SMSInfoType), ChannelNo: ch.ChannelNo}); err != nil {
			return err
		}
	}
	return nil
}

// Summary adds up what the ticks did.
type Summary struct {
	Ticks      int
	Windows    int // windows collected
	Records    int // records stored (one per country and window)
	Alerting   int // records the rule fired on
	Alerts     int // alert messages (alerting records in one slot are one message)
	Reports    int // report files uploaded
	Deliveries int // messages delivered to a channel
	Failures   int // failed delivery attempts
}

func (s *Summary) add(r alert.TickResult) {
	s.Ticks++
	s.Windows += r.Collect.Windows
	s.Records += r.Collect.Records
	s.Alerting += r.Collect.Alerts + r.Rules.Alert
	s.Alerts += r.Record.Enqueued
	s.Reports += r.Reports.Uploaded
	s.Deliveries += r.Send.Deliveries
	s.Failures += r.Send.DeliveryErrors
}

// Print writes the summary.
func (s Summary) Print(w io.Writer) {
	fmt.Fprintf(w, "\nsummary: %d ticks, %d windows, %d records, %d alerting records → %d alerts (one per country and 30-minute slot, "+
		"plus one per report), %d reports, %d deliveries, %d failed deliveries\n",
		s.Ticks, s.Windows, s.Records, s.Alerting, s.Alerts, s.Reports, s.Deliveries, s.Failures)
}

// Start is when the quickstart's simulated clock starts.
func Start() time.Time { return time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC) }

// HostOptions are the engine options of the demo's host that say what its
// alerts are and how they are sent: its scenes (PH degrading from
// degradeFrom), the report scene with its files in reportDir, the
// countries' time zones and the 30-minute slot. The simulation runs its
// engine with them, and the quickstart mounts the operator's command line
// with them, so that a backtest or a check knows what the engine knew.
func HostOptions(degradeFrom time.Time, reportDir string) []alert.Option {
	return []alert.Option{
		alert.WithScenes(&SMSSuccess{DegradeFrom: degradeFrom}),
		alert.WithReportScenes(Collections{}),
		alert.WithReportDir(reportDir, ""), // file:// links; set a base URL where the directory is served
		alert.WithTimeZones(map[string]*time.Location{"PH": time.FixedZone("UTC+8", 8*3600), "ID": time.FixedZone("UTC+7", 7*3600),
			"TH": time.FixedZone("UTC+7", 7*3600)}),
		alert.WithRealtimeSlot(30 * time.Minute), // at most one alert per country every 30 minutes
	}
}

// Run migrates db, configures it, and simulates hours of 10-minute windows
// (a Tick every 5 simulated minutes, PH degrading after the first hour),
// and hourly collections reports written as .xlsx files into reportDir,
// printing each alert as the receiver gets it.
func Run(ctx context.Context, db *store.DB, clock *Clock, out io.Writer, hours int, reportDir string) (Summary, error) {
	var sum Summary
	if err := db.Migrate(ctx); err != nil {
		return sum, fmt.Errorf("migrate: %w", err)
	}
	recv := NewReceiver(out)
	defer recv.Close()
	start := clock.Now()
	opts := append(HostOptions(start.Add(time.Hour), reportDir),
		alert.WithStore(db),
		alert.WithClock(clock.Now),
		alert.WithMaxMissedWindows(1), // a new install starts with the latest window
		alert.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))),
	)
	e, err := alert.New(opts...)
	if err != nil {
		return sum, err
	}
	if err := Configure(ctx, e, db, recv.URL+"/alerts"); err != nil {
		return sum, fmt.Errorf("configure: %w", err)
	}
	for clock.Now().Before(start.Add(time.Duration(hours) * time.Hour)) {
		clock.Advance(5 * time.Minute)
		res, err := e.Tick(ctx)
		if err != nil {
			return sum, fmt.Errorf("tick at %s: %w", clock.Now().Format(time.RFC3339), err)
		}
		sum.add(res)
	}
	return sum, nil
}
