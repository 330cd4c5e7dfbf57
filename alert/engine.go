// Package alert is the alert engine: it collects each scene's windows,
// evaluates the rules, keeps the lifecycle of each scene × country
// (pending, firing, resolved, no data, escalated), records pending alerts,
// delivers them through the channels with retries, and archives them, in
// one call to Tick that the host makes from its own scheduler. Several
// hosts may call Tick at the same time on one database: every row is
// claimed before it is worked and every state write is a compare-and-set,
// so nothing is lost and nothing is sent twice (unless a host dies in the
// middle of a send: then that send is repeated once its claim expires).
//
// Tick runs the pipeline, a list of stages (pipeline in tick.go), each a
// type in its own file; each arrow is a status change in the database:
//
//	collect  (collect.go)  Scene.Collect → monitor_hist_data (scene total) + monitor_record
//	                        judged at once: 2 (fine) | 1 (rule error, retried) | 0 claimed → settled
//	                        ReportScene rows → monitor_basic_data 3 → 0 (+ monitor_basic_data_item)
//	rules    (rules.go)    monitor_record 0 and 1 → judged and settled | 1
//	reports  (reports.go)  monitor_basic_data 0 → .xlsx → uploader → 1 (file_url) | 2; its alert → record 3
//	record   (record.go)   monitor_record 3 and 5 → monitor_send_log 0 (due at its slot); record 4 | 5
//	escalate (escalate.go) yujing_alert_state firing, next_due come → monitor_send_log 0 (kind 6)
//	send     (send.go)     monitor_send_log 0 → channels → 1 (sent) | 2 (failed) | 0 (retry later)
//	archive  (archive.go)  monitor_send_log 1 and 2 → monitor_send_log_hist
//
// "Settled" is the keeper's work (keeper.go): a judged window goes through
// its scene × country's state (the pure transitions are in lifecycle.go),
// the states that changed are written, and the window either records its
// message (firing, repeat, resolved, no data: record 4 | 5) or ends in 2
// with the reason it sends none (pending 2/3, repeat interval not reached).
//
// The stages share an env (env.go: the stores, the clock, claims, drain in
// batches) and a tickState (the configuration, held claims, the result).
// A stage that works records claims its next batch and writes the last
// batch's outcomes while it works on one (workRecords). Alerts due now are
// inserted claimed and held for the send stage; a Tick that records more
// than it may hold (a backlog) hands them, batch by batch, to sends that
// run while it records the rest (early.go), so that a backlog is
// delivered as fast as live traffic and no alert is claimed twice.
// One recorder (recorder.go) turns judged records into alerts in their send
// slots for the keeper, record and escalate; nextDelivery (delivery.go)
// decides what follows a delivery round.
//
// Collect and rules are fused: the records of a collected window are judged
// in memory and stored with their verdict (one row write for a fine record
// of a plain ok state); those whose lifecycle may change are stored claimed
// and waiting, and the ones really stored (an existing record of the window
// is never stored again, so it never alerts again) are settled at once.
// The rules stage still takes records that arrive in status 0 by other
// means (or that a crashed host left) and retries failed ones.
//
// Operators' configuration (rules, templates, channels, routes) is written
// through Engine.Config, which refuses what the engine could not run: CEL
// that does not compile, unknown placeholders, channel details that do not
// build a sender or hold a key the type does not read, and rows for an
// info type that is none of the engine's scenes.
package alert

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/yujing-go/yujing/ack"
	"github.com/yujing-go/yujing/alert/report"
	"github.com/yujing-go/yujing/alert/template"
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/builtin"
	"github.com/yujing-go/yujing/internal/ids"
	"github.com/yujing-go/yujing/rule"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// Engine runs the alert pipeline. Make one with New; it is safe for
// concurrent use, but Tick calls on one Engine take turns (run several
// engines, in one process or many, to work in parallel).
type Engine struct {
	settings

	env        *env
	cat        *catalog
	rules      *rule.Evaluator
	templates  *template.Cache
	send       *sendStage
	pipeline   pipeline
	config     configCache    // the configuration between Ticks (loadConfig)
	sceneNames map[int]string // knownScenes, made once: the checks of every configuration row read it
	views      viewCache      // the operator's view of the configuration (View)

	tickMu sync.Mutex // one Tick at a time per engine
}

// settings are what the options set.
type settings struct {
	platform     store.Platform
	business     store.Business
	scenes       []scene.Scene
	reportScenes []scene.ReportScene
	fireTypes    []int // info types raised only with Fire (WithFireTypes)
	now          func() time.Time
	log          *slog.Logger
	observer     Observer

	uploader    report.Uploader
	attachLimit int64

	ruleOpts   []rule.Option
	channels   *channel.Registry
	extraTypes []extraType

	batch, maxBatches int
	lease             time.Duration
	backoff           Backoff
	collectDelay      time.Duration
	maxMissed         int
	collectFrom       time.Time
	zones             map[string]*time.Location
	schedule          cron.Schedule
	scheduleSpec      string
	realtimeSlot      time.Duration
	archiveAfter      time.Duration
	sendConcurrency   int
	sendWait          time.Duration
	configReload      time.Duration
	instance          string
	acks              *ack.Signer
}

type extraType struct {
	typ  int
	name string
	f    channel.Factory
}

// New makes an engine. It needs a store (WithStore, or both
// WithPlatformStore and WithBusinessStore); everything else has a default.
func New(opts ...Option) (*Engine, error) {
	e := &Engine{settings: settings{
		now:             time.Now,
		log:             slog.Default(),
		batch:           500,
		maxBatches:      20,
		lease:           2 * time.Minute,
		backoff:         Backoff{Base: 30 * time.Second, Max: 10 * time.Minute},
		collectDelay:    time.Minute,
		maxMissed:       12,
		zones:           map[string]*time.Location{},
		realtimeSlot:    10 * time.Minute,
		archiveAfter:    time.Hour,
		sendConcurrency: 16,
		sendWait:        time.Second,
		configReload:    time.Minute,
		attachLimit:     5 << 20,
	}}
	e.schedule, _ = parseSchedule("0 9 * * *")
	e.scheduleSpec = "0 9 * * *"
	for _, o := range opts {
		if err := o(e); err != nil {
			return nil, fmt.Errorf("alert: %w", err)
		}
	}
	if err := e.check(); err != nil {
		return nil, err
	}
	if err := e.defaults(); err != nil {
		return nil, err
	}
	e.build()
	return e, nil
}

// check refuses settings the engine cannot run with.
func (e *Engine) check() error {
	if e.platform == nil || e.business == nil {
		return errors.New("alert: a store is required (WithStore, or WithPlatformStore and WithBusinessStore)")
	}
	if len(e.reportScenes) > 0 && e.uploader == nil {
		return errors.New("alert: report scenes need an uploader (WithReportDir or WithReportUploader)")
	}
	seen := map[int]string{}
	for _, s := range e.scenes {
		seen[s.InfoType()] = s.Name()
	}
	for _, s := range e.reportScenes {
		if other, ok := seen[s.InfoType()]; ok {
			return fmt.Errorf("alert: report scene %q and scene %q share info type %d", s.Name(), other, s.InfoType())
		}
		seen[s.InfoType()] = s.Name()
	}
	return nil
}

// defaults fills what the options left: the store on the engine's clock,
// the observer, the rule evaluator, the channel registry, the instance name.
func (e *Engine) defaults() error {
	// One clock: the store stamps the rows it writes for this engine with
	// the engine's clock.
	if db, ok := e.platform.(*store.DB); ok {
		e.platform = db.Clocked(e.now)
	}
	if db, ok := e.business.(*store.DB); ok {
		e.business = db.Clocked(e.now)
	}
	if e.observer == nil {
		e.observer = nopObserver{}
	}
	var err error
	if e.rules, err = rule.New(e.ruleOpts...); err != nil {
		return fmt.Errorf("alert: rules: %w", err)
	}
	if e.channels == nil {
		// Robots' budgets live in the database, shared by every engine and
		// replica (a registry of the host's own keeps its own limiters).
		e.channels = builtin.NewRegistry(channel.WithLimiterSource(sharedLimiters(e.platform)))
	}
	for _, x := range e.extraTypes {
		if err := e.channels.Register(x.typ, x.name, x.f); err != nil {
			return fmt.Errorf("alert: channel type %d: %w", x.typ, err)
		}
	}
	if e.instance == "" {
		host, _ := os.Hostname()
		if len(host) > 24 {
			host = host[:24]
		}
		e.instance = host + "-" + ids.New("", time.Now())[20:]
	}
	e.log = e.log.With("engine", e.instance)
	return nil
}

// build wires the stages of the pipeline from the settings.
func (e *Engine) build() {
	e.sceneNames = e.knownScenes()
	v := &env{platform: e.platform, business: e.business, now: e.now, log: e.log, observer: e.observer, tracer: tracerOf(e.observer),
		lease: e.lease, batch: e.batch, maxBatches: e.maxBatches, instance: e.instance}
	cat := &catalog{names: map[int]string{}, zones: e.zones}
	for _, s := range e.scenes {
		cat.names[s.InfoType()] = s.Name()
	}
	for _, s := range e.reportScenes {
		cat.names[s.InfoType()] = s.Name()
	}
	templates := &template.Cache{}
	sl := &slots{cat: cat, schedule: e.schedule, realtime: e.realtimeSlot}
	jd := &judge{rules: e.rules, history: historySource{e.business}}
	retry := retryPolicy{delay: e.backoff.Delay}
	rec := &recorder{env: v, cat: cat, slots: sl, templates: templates, retry: retry}
	e.env, e.cat, e.templates = v, cat, templates
	e.send = &sendStage{env: v, channels: e.channels, slots: sl, retry: retry, concurrency: e.sendConcurrency, wait: e.sendWait,
		archiveAfter: e.archiveAfter, composer: &composer{cat: cat, templates: templates, business: e.business,
			uploader: e.uploader, attachLimit: e.attachLimit, log: e.log, acks: e.acks}}
	kp := &keeper{env: v, recorder: rec}
	e.pipeline = pipeline{
		&collectStage{env: v, scenes: e.scenes, reports: &reportWriter{env: v, scenes: e.reportScenes}, judge: jd, keeper: kp,
			retry: retry, delay: e.collectDelay, maxMissed: e.maxMissed, from: e.collectFrom},
		&rulesStage{env: v, judge: jd, keeper: kp, retry: retry},
		&reportsStage{env: v, uploader: e.uploader, cat: cat, retry: retry},
		&recordStage{env: v, recorder: rec},
		&escalateStage{env: v, recorder: rec},
		e.send,
		&archiveStage{env: v},
	}
}
