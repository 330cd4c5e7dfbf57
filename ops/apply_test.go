package ops_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testclock"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// applyScene is the SMS success rate of PH (62%) and ID (97%).
type applyScene struct{}

func (applyScene) InfoType() int         { return 1 }
func (applyScene) Name() string          { return "SMS verification success" }
func (applyScene) Window() time.Duration { return 10 * time.Minute }
func (applyScene) Collect(context.Context, scene.Window) ([]scene.Sample, error) {
	return []scene.Sample{{Country: "PH", Numerator: 620, Denominator: 1000, Vars: map[string]any{"provider": "acme-sms"}},
		{Country: "ID", Numerator: 970, Denominator: 1000, Vars: map[string]any{"provider": "acme-sms"}}}, nil
}

// applyFixture is a database, an engine with the SMS scene (and info_type 0
// for Fire), its toolkit and what the engine logged.
type applyFixture struct {
	db     *store.DB
	engine *alert.Engine
	kit    *ops.Toolkit
	clock  *testclock.Clock
	logs   *bytes.Buffer
}

func newApplyFixture(t testing.TB, open testdb.Opener) *applyFixture {
	t.Helper()
	clock := testclock.New(time.Date(2026, 11, 24, 10, 0, 30, 0, time.UTC))
	db := open(t, store.WithClock(clock.Now))
	logs := &bytes.Buffer{}
	e, err := alert.New(alert.WithStore(db), alert.WithScenes(applyScene{}), alert.WithFireTypes(0), alert.WithClock(clock.Now),
		alert.WithMaxMissedWindows(1), alert.WithLogger(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err != nil {
		t.Fatal(err)
	}
	return &applyFixture{db: db, engine: e, kit: ops.New(e, db, ops.WithClock(clock.Now)), clock: clock, logs: logs}
}

// applyEnv is a fixed environment.
func applyEnv(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// apply parses and applies src, failing the test on an error.
func (f *applyFixture) apply(t *testing.T, src string, vars map[string]string, opts ops.ApplyOptions) *ops.Plan {
	t.Helper()
	file, err := ops.ParseApplyFile("test.yaml", []byte(src), applyEnv(vars))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if opts.By == "" {
		opts.By = "ops-lead"
	}
	plan, err := f.kit.Apply(context.Background(), file, opts)
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	return plan
}

func applyPlanText(t *testing.T, p *ops.Plan) string {
	t.Helper()
	var b strings.Builder
	if err := p.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

const applyFullFile = `
owner: team-sms
rules:
  - rule_no: R-LOW
    fun_code: "denominator >= 100 && rate < threshold"
    threshold: "0.9"
    desc: below 90%
    pending_windows: 1
rule_routes:
  - {bu_no: RR-ALL, info_type: 1, country_no: "*", rule_no: R-LOW, nodata_windows: 3}
templates:
  - mod_no: MD-SMS
    info_type: 1
    repeat_seconds: 3600
    en: {title: SMS low, content: "{country_name}: SMS success {rate_pct}", resolved: "{country_name}: recovered"}
    zh: {title: 短信低, content: "{country_name}：成功率 {rate_pct}", nodata: "{country_name}：无数据"}
country_templates:
  - {bu_no: CM-PH, country_no: PH, country_name: Philippines, info_type: 1, mod_no: MD-SMS}
  - {bu_no: CM-ID, country_no: ID, country_name: Indonesia, info_type: 1, mod_no: MD-SMS}
channels:
  - channel_no: CH-HOOK
    name: ops hook
    type: webhook
    details:
      url: {env: HOOK_URL}
      secret: {env: HOOK_SECRET}
routings:
  - {routing_no: RT-PH, country_no: PH, country_name: Philippines, info_type: 1, channel_no: CH-HOOK}
  - {routing_no: RT-ID, country_no: ID, country_name: Indonesia, info_type: 1, channel_no: CH-HOOK}
  - routing_no: RT-ESC
    country_no: "*"
    country_name: every country
    info_type: 1
    channel_no: CH-HOOK
    sort: 1.5
    escalation: {level: 1, delay_seconds: 1800, repeat_seconds: 3600}
silences:
  - {silence_no: SI-TH, info_type: 1, country_no: TH, schedule: "SUN 02:00-04:00", comment: maintenance}
`

const applySecret = "s3cr3t-hmac-key-0123456789"

// TestApplyEndToEnd applies a full configuration, then the engine ticks
// and delivers to the webhook the file names; a second apply changes
// nothing.
func TestApplyEndToEnd(t *testing.T) {
	for _, b := range testdb.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			f := newApplyFixture(t, b.Open)
			hook := webhooktest.New(applySecret)
			defer hook.Close()
			vars := map[string]string{"HOOK_URL": hook.URL + "/alerts", "HOOK_SECRET": applySecret}
			plan := f.apply(t, applyFullFile, vars, ops.ApplyOptions{})
			if got := plan.Count(ops.ActionCreate); got != 10 || !plan.Applied {
				t.Fatalf("first apply: %d creates, applied %v, want 10 and true:\n%s", got, plan.Applied, applyPlanText(t, plan))
			}
			ctx := context.Background()
			for i := 0; i < 5 && len(hook.Got()) == 0; i++ {
				if _, err := f.engine.Tick(ctx); err != nil {
					t.Fatal(err)
				}
				f.clock.Advance(time.Minute)
			}
			got := hook.Got()
			if len(got) != 1 || !strings.Contains(got[0].Payload.English.Text, "Philippines: SMS success 62.00%") {
				t.Fatalf("deliveries %+v, problems %v; want one for PH", got, hook.Problems())
			}
			again := f.apply(t, applyFullFile, vars, ops.ApplyOptions{})
			if again.HasChanges() || again.Count(ops.ActionUnchanged) != 10 {
				t.Fatalf("second apply changes something:\n%s", applyPlanText(t, again))
			}
			if text := applyPlanText(t, again); !strings.Contains(text, "No changes: 10 rows as the file says.") {
				t.Errorf("second plan does not say so:\n%s", text)
			}
			rt, err := f.engine.Config(f.db).GetRouting(ctx, "RT-ESC")
			if err != nil || rt.EscalationLevel() != 1 || rt.EscalationDelay() != 1800 || rt.EscalationRepeat() != 3600 || rt.ApplyOwner() != "team-sms" {
				t.Errorf("RT-ESC %+v, %v", rt, err)
			}
			if rt.CreateUID == nil || *rt.CreateUID != "ops-lead" {
				t.Errorf("create_uid %v, want the user ops-lead", rt.CreateUID)
			}
			applyNoSecret(t, applySecret, f.logs.String())
		})
	}
}

// applyNoSecret fails when text holds the secret.
func applyNoSecret(t *testing.T, secret string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(s, secret) {
			t.Errorf("the secret appears in: %s", s)
		}
	}
}

// TestApplyOneFieldDiff changes one field of the file: the plan is one
// update of that field, and applying it stores it.
func TestApplyOneFieldDiff(t *testing.T) {
	for _, b := range testdb.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			f := newApplyFixture(t, b.Open)
			vars := map[string]string{"HOOK_URL": "https://hooks.example.com/a", "HOOK_SECRET": applySecret}
			f.apply(t, applyFullFile, vars, ops.ApplyOptions{})
			changed := strings.Replace(applyFullFile, `threshold: "0.9"`, `threshold: "0.85"`, 1)
			plan := f.apply(t, changed, vars, ops.ApplyOptions{DryRun: true})
			var updates []ops.Change
			for _, c := range plan.Changes {
				if c.Action != ops.ActionUnchanged {
					updates = append(updates, c)
				}
			}
			want := ops.FieldChange{Field: "threshold", Old: `"0.9"`, New: `"0.85"`}
			if len(updates) != 1 || updates[0].Code != "R-LOW" || len(updates[0].Fields) != 1 || updates[0].Fields[0] != want {
				t.Fatalf("changes %+v, want one: rules R-LOW threshold", updates)
			}
			text := applyPlanText(t, plan)
			if !strings.Contains(text, "  ~ rules R-LOW\n      threshold: \"0.9\" → \"0.85\"\n") {
				t.Errorf("plan text:\n%s", text)
			}
			f.apply(t, changed, vars, ops.ApplyOptions{})
			r, err := f.engine.Config(f.db).GetRule(context.Background(), "R-LOW")
			if err != nil || *r.ThresholdVal != "0.85" {
				t.Errorf("rule after apply: %v %v", r.ThresholdVal, err)
			}
		})
	}
}

// TestApplyDryRunWritesNothing: a dry run plans every create and writes
// no row and no configuration version.
func TestApplyDryRunWritesNothing(t *testing.T) {
	for _, b := range testdb.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			f := newApplyFixture(t, b.Open)
			ctx := context.Background()
			before, err := f.db.ConfigVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			plan := f.apply(t, applyFullFile, map[string]string{"HOOK_URL": "https://h.example.com/x", "HOOK_SECRET": applySecret}, ops.ApplyOptions{DryRun: true})
			if plan.Count(ops.ActionCreate) != 10 || plan.Applied {
				t.Fatalf("dry run plan:\n%s", applyPlanText(t, plan))
			}
			if !strings.Contains(plan.Summary(), "dry run: nothing written") {
				t.Errorf("summary %q", plan.Summary())
			}
			cfg := f.engine.Config(f.db)
			rules, _ := cfg.ListRules(ctx, store.Filter{})
			channels, _ := cfg.ListChannels(ctx, store.Filter{})
			silences, _ := cfg.ListSilences(ctx, store.SilenceFilter{IncludeExpired: true})
			after, _ := f.db.ConfigVersion(ctx)
			if len(rules)+len(channels)+len(silences) != 0 || after != before {
				t.Errorf("dry run wrote: %d rules, %d channels, %d silences, version %d → %d", len(rules), len(channels), len(silences), before, after)
			}
		})
	}
}

// TestApplySecretsMasked: a secret from the environment never appears in
// the plan's text or JSON, in an error or in a log line; a changed secret
// shows as "(secret, changed)".
func TestApplySecretsMasked(t *testing.T) {
	f := newApplyFixture(t, testdb.SQLite)
	const url = "https://hooks.example.com/robot/send?key=7f3e9c2a-token"
	vars := map[string]string{"HOOK_URL": url, "HOOK_SECRET": applySecret}
	first := f.apply(t, applyFullFile, vars, ops.ApplyOptions{})
	vars["HOOK_SECRET"] = "another-secret-987654321"
	second := f.apply(t, applyFullFile, vars, ops.ApplyOptions{})
	var texts []string
	for _, p := range []*ops.Plan{first, second} {
		js, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, applyPlanText(t, p), string(js))
	}
	if !strings.Contains(texts[2], "details.secret: (secret) → (secret, changed)") || !strings.Contains(texts[0], "details.url: (secret)") {
		t.Errorf("masks missing:\n%s\n%s", texts[0], texts[2])
	}
	// A file the engine refuses: the channel's error names the key, not the value.
	bad := strings.Replace(applyFullFile, "secret: {env: HOOK_SECRET}", "secret: {env: HOOK_SECRET}\n      timout: {env: HOOK_SECRET}", 1)
	file, err := ops.ParseApplyFile("bad.yaml", []byte(bad), applyEnv(vars))
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.kit.Apply(context.Background(), file, ops.ApplyOptions{By: "ops-lead"})
	if err == nil || !strings.Contains(err.Error(), "timout") {
		t.Fatalf("error %v, want the unknown key named", err)
	}
	texts = append(texts, err.Error(), f.logs.String())
	for _, s := range []string{url, "7f3e9c2a-token", applySecret, "another-secret-987654321"} {
		applyNoSecret(t, s, texts...)
	}
}

// TestApplyFileErrors: unknown keys and refused rows are reported with
// their line, all at once, before anything is written; a missing
// environment variable is named.
func TestApplyFileErrors(t *testing.T) {
	f := newApplyFixture(t, testdb.SQLite)
	_, err := ops.ParseApplyFile("x.yaml", []byte("rules:\n  - rule_no: R1\n    fun_code: rate < 1\n    thresold: 0.9\n"), applyEnv(nil))
	if _, ok := errors.AsType[*store.ValidationError](err); !ok || !strings.Contains(err.Error(), `x.yaml: line 4: unknown key "thresold" in rules`) {
		t.Errorf("unknown key: %v", err)
	}
	_, err = ops.ParseApplyFile("x.yaml", []byte(applyFullFile), applyEnv(map[string]string{"HOOK_URL": "https://h.example.com"}))
	if err == nil || !strings.Contains(err.Error(), "environment variable HOOK_SECRET is not set") || !strings.Contains(err.Error(), "x.yaml:21: channels CH-HOOK") {
		t.Errorf("missing variable: %v", err)
	}
	src := `rules:
  - {rule_no: R1, fun_code: "rat < 1"}
routings:
  - {routing_no: RT1, country_no: PH, country_name: Philippines, info_type: 1, channel_no: CH-NOPE}
  - {routing_no: RT1, country_no: ph, country_name: Philippines, info_type: 9, channel_no: CH-NOPE}
`
	file, err := ops.ParseApplyFile("y.yaml", []byte(src), applyEnv(nil))
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.kit.Apply(context.Background(), file, ops.ApplyOptions{By: "ops-lead"})
	ae, ok := errors.AsType[*ops.ApplyError](err)
	if !ok || len(ae.Problems) != 3 {
		t.Fatalf("want 3 problems, got %v", err)
	}
	for i, want := range []string{"y.yaml:5: routings RT1: store: routings.routing_no: the code appears twice",
		"y.yaml:2: rules R1: store: monitor_rule.fun_code: ", "y.yaml:4: routings RT1: store: monitor_routing.channel_no: \"CH-NOPE\" is neither"} {
		if !strings.HasPrefix(ae.Problems[i].Error(), want) {
			t.Errorf("problem %d: %q, want prefix %q", i, ae.Problems[i].Error(), want)
		}
	}
	rules, _ := f.engine.Config(f.db).ListRules(context.Background(), store.Filter{})
	if len(rules) != 0 {
		t.Errorf("a refused file wrote %d rules", len(rules))
	}
}

// TestApplyPruneOwnership: rows the file no longer names are kept without
// --prune, disabled with it, and only the owner's: a hand-made row and
// another owner's rows are never touched.
func TestApplyPruneOwnership(t *testing.T) {
	for _, b := range testdb.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			f := newApplyFixture(t, b.Open)
			ctx := context.Background()
			vars := map[string]string{"HOOK_URL": "https://h.example.com/x", "HOOK_SECRET": applySecret}
			f.apply(t, applyFullFile, vars, ops.ApplyOptions{})
			other := "channels:\n  - {channel_no: CH-B, type: webhook, details: {url: \"https://b.example.com\"}}\n" +
				"routings:\n  - {routing_no: RT-B, country_no: TH, country_name: Thailand, info_type: 1, channel_no: CH-HOOK}\n"
			f.apply(t, other, nil, ops.ApplyOptions{Owner: "team-b"})
			cfg := f.engine.Config(f.db, store.AsUser("maria"))
			if _, err := cfg.CreateRouting(ctx, store.Routing{RoutingNo: "RT-HAND", CountryNo: "ID", CountryName: "Indonesia",
				InfoType: new(1), ChannelNo: new("CH-B")}); err != nil {
				t.Fatal(err)
			}
			smaller := strings.Replace(applyFullFile, "  - {routing_no: RT-ID, country_no: ID, country_name: Indonesia, info_type: 1, channel_no: CH-HOOK}\n", "", 1)
			smaller = strings.Replace(smaller, "silences:\n  - {silence_no: SI-TH, info_type: 1, country_no: TH, schedule: \"SUN 02:00-04:00\", comment: maintenance}\n", "", 1)
			kept := f.apply(t, smaller, vars, ops.ApplyOptions{})
			if kept.Count(ops.ActionKept) != 2 || kept.HasChanges() {
				t.Fatalf("without --prune:\n%s", applyPlanText(t, kept))
			}
			pruned := f.apply(t, smaller, vars, ops.ApplyOptions{Prune: true})
			text := applyPlanText(t, pruned)
			if pruned.Count(ops.ActionDisable) != 2 || !strings.Contains(text, "  - silences SI-TH (disable)") ||
				!strings.Contains(text, "  - routings RT-ID (disable)") {
				t.Fatalf("with --prune:\n%s", text)
			}
			status := func(code string) store.ConfigStatus {
				r, err := cfg.GetRouting(ctx, code)
				if err != nil {
					t.Fatal(err)
				}
				return *r.Status
			}
			if status("RT-ID") != store.ConfigDisabled || status("RT-B") != store.ConfigEnabled || status("RT-HAND") != store.ConfigEnabled {
				t.Errorf("statuses: RT-ID %d RT-B %d RT-HAND %d", status("RT-ID"), status("RT-B"), status("RT-HAND"))
			}
			si, err := cfg.GetSilence(ctx, "SI-TH")
			if err != nil || si.ExpiredAt == nil {
				t.Errorf("SI-TH not expired: %+v %v", si, err)
			}
			if again := f.apply(t, smaller, vars, ops.ApplyOptions{Prune: true}); again.HasChanges() {
				t.Errorf("pruning twice changes something:\n%s", applyPlanText(t, again))
			}
		})
	}
}

// TestApplyExampleFile applies examples/config/yujing.yaml (the
// quickstart's scene) cleanly, and again with no change.
func TestApplyExampleFile(t *testing.T) {
	for _, b := range testdb.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			f := newApplyFixture(t, b.Open)
			data, err := os.ReadFile("../examples/config/yujing.yaml")
			if err != nil {
				t.Fatal(err)
			}
			vars := map[string]string{"OPS_WEBHOOK_URL": "https://hooks.example.com/yujing", "OPS_WEBHOOK_SECRET": applySecret,
				"ONCALL_WEBHOOK_URL": "https://oncall.example.com/yujing"}
			file, err := ops.ParseApplyFile("yujing.yaml", data, applyEnv(vars))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			plan, err := f.kit.Apply(ctx, file, ops.ApplyOptions{By: "ops-lead"})
			if err != nil {
				t.Fatal(err)
			}
			if plan.Owner != "quickstart" || plan.Count(ops.ActionCreate) != 16 {
				t.Fatalf("plan:\n%s", applyPlanText(t, plan))
			}
			again, err := f.kit.Apply(ctx, file, ops.ApplyOptions{By: "ops-lead"})
			if err != nil || again.HasChanges() {
				t.Fatalf("again: %v\n%s", err, applyPlanText(t, again))
			}
		})
	}
}

// TestApplyStatusAndType: enabled: false disables a row through the
// status API (the plan shows the status field); a channel's type is not
// changed, with a refusal that says what to do.
func TestApplyStatusAndType(t *testing.T) {
	f := newApplyFixture(t, testdb.SQLite)
	vars := map[string]string{"HOOK_URL": "https://h.example.com/x", "HOOK_SECRET": applySecret}
	f.apply(t, applyFullFile, vars, ops.ApplyOptions{})
	off := strings.Replace(applyFullFile, "    pending_windows: 1\n", "    pending_windows: 1\n    enabled: false\n", 1)
	plan := f.apply(t, off, vars, ops.ApplyOptions{})
	text := applyPlanText(t, plan)
	if !strings.Contains(text, "  ~ rules R-LOW\n      status: enabled → disabled\n") || plan.Count(ops.ActionUpdate) != 1 {
		t.Errorf("disable plan:\n%s", text)
	}
	r, err := f.engine.Config(f.db).GetRule(context.Background(), "R-LOW")
	if err != nil || *r.Status != store.ConfigDisabled {
		t.Errorf("rule status %v, %v", r.Status, err)
	}
	typ := strings.Replace(applyFullFile, "    type: webhook\n", "    type: slack\n", 1)
	file, err := ops.ParseApplyFile("t.yaml", []byte(typ), applyEnv(vars))
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.kit.Apply(context.Background(), file, ops.ApplyOptions{By: "ops-lead", DryRun: true})
	if err == nil || !strings.Contains(err.Error(), "t.yaml:21: channels CH-HOOK: store: monitor_channel.type: the stored channel is of type webhook, the file says slack") {
		t.Errorf("type change: %v", err)
	}
}

// TestApplyRenameWithPrune: a routing whose code changes in the file is a
// new row with the old one's key; with --prune the old one is disabled
// first, so the new one is not refused as its duplicate.
func TestApplyRenameWithPrune(t *testing.T) {
	f := newApplyFixture(t, testdb.SQLite)
	vars := map[string]string{"HOOK_URL": "https://h.example.com/x", "HOOK_SECRET": applySecret}
	f.apply(t, applyFullFile, vars, ops.ApplyOptions{})
	renamed := strings.Replace(applyFullFile, "routing_no: RT-PH,", "routing_no: RT-PH-2,", 1)
	plan := f.apply(t, renamed, vars, ops.ApplyOptions{Prune: true})
	text := applyPlanText(t, plan)
	if !strings.HasPrefix(strings.SplitN(text, "\n", 2)[1], "  - routings RT-PH (disable)") || plan.Count(ops.ActionCreate) != 1 {
		t.Fatalf("rename plan:\n%s", text)
	}
	r, err := f.engine.Config(f.db).GetRouting(context.Background(), "RT-PH-2")
	if err != nil || applyStatusOf(r.Status) != store.ConfigEnabled {
		t.Errorf("RT-PH-2: %+v %v", r, err)
	}
}

func applyStatusOf(s *store.ConfigStatus) store.ConfigStatus {
	if s == nil {
		return store.ConfigEnabled
	}
	return *s
}

// TestApplyDuplicateBeforeWriting: a row that repeats an enabled row the
// file does not name (made by hand) is refused before anything is written,
// as the configuration API would refuse it.
func TestApplyDuplicateBeforeWriting(t *testing.T) {
	for _, b := range testdb.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			f := newApplyFixture(t, b.Open)
			ctx := context.Background()
			cfg := f.engine.Config(f.db, store.AsUser("maria"))
			if _, err := cfg.CreateRule(ctx, store.Rule{RuleNo: new("R-HAND"), FunCode: new("denominator >= 100 && rate < threshold"),
				ThresholdVal: new("0.9")}); err != nil {
				t.Fatal(err)
			}
			vars := map[string]string{"HOOK_URL": "https://h.example.com/x", "HOOK_SECRET": applySecret}
			if _, err := cfg.CreateChannel(ctx, store.Channel{ChannelNo: new("CH-HAND"), Type: new(store.ChannelWebhook)},
				[]store.ChannelDetail{{DataKey: new("url"), DataValue: new(vars["HOOK_URL"])}, {DataKey: new("secret"), DataValue: new(applySecret)}}); err != nil {
				t.Fatal(err)
			}
			file, err := ops.ParseApplyFile("d.yaml", []byte(applyFullFile), applyEnv(vars))
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.kit.Apply(ctx, file, ops.ApplyOptions{By: "ops-lead"})
			ae, ok := errors.AsType[*ops.ApplyError](err)
			if !ok || len(ae.Problems) != 2 || !errors.Is(err, store.ErrDuplicate) ||
				!strings.Contains(ae.Problems[0].Error(), "d.yaml:4: rules R-LOW: store: monitor_rule.threshold_val: the enabled row rule_no R-HAND") ||
				!strings.Contains(ae.Problems[1].Error(), "d.yaml:21: channels CH-HOOK: store: monitor_channel_detail.data_value: the enabled channel channel_no CH-HAND") {
				t.Fatalf("want two duplicates, got %v", err)
			}
			applyNoSecret(t, applySecret, err.Error())
			rules, _ := cfg.ListRules(ctx, store.Filter{})
			if len(rules) != 1 {
				t.Errorf("%d rules, want only the hand-made one", len(rules))
			}
		})
	}
}

// TestApplyFilePrintsNoSecret: a parsed file printed with fmt or slog
// shows a detail from the environment by its variable, not its value.
func TestApplyFilePrintsNoSecret(t *testing.T) {
	file, err := ops.ParseApplyFile("p.yaml", []byte(applyFullFile), applyEnv(map[string]string{"HOOK_URL": "https://h.example.com/tok-991", "HOOK_SECRET": applySecret}))
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("file", "channel", file.Channels[0].Details["secret"])
	out := fmt.Sprintf("%v %+v %#v", *file, file.Channels, file.Channels[0].Details) + logs.String()
	applyNoSecret(t, applySecret, out)
	applyNoSecret(t, "tok-991", out)
	if !strings.Contains(out, "{env: HOOK_SECRET}") {
		t.Errorf("the variable is not named: %s", out)
	}
}
