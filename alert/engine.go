// Package alert is the alert engine: it collects each scene's windows,
// evaluates the rules, records pending alerts, delivers them through the
// channels with retries, and archives them, in one call to Tick that the
// host makes from its own scheduler. Several hosts may call Tick at the same
// time on one database: every row is claimed before it is worked, so
// nothing is lost and nothing is sent twice (unless a host dies in the
// middle of a send: then that send is repeated once its claim expires).
//
// The pipeline, each arrow a status change in the database:
//
//	Scene.Collect → monitor_hist_data (scene total) + monitor_record (status 0)
//	rules         → record 2 (fine) | 3 (alert) | 1 (rule error, retried)
//	record        → monitor_send_log (status 0, due at its slot); record 4 | 5 (retried)
//	send          → channels; send log 1 (sent) | 2 (failed) | 0 (retry later)
//	archive       → monitor_send_log_hist
//
// Collect and rules are fused: the records of a collected window are judged
// in memory and stored with their verdict (one row write for a fine
// record); those that alert are stored claimed in status 3, and the alerts
// of the ones really stored (an existing record of the window is never
// stored again, so it never alerts again) go into their send slots at once.
// The rules stage still takes records that arrive in status 0 by other
// means and retries failed ones.
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
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/yujing-go/yujing/alert/report"
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
	platform  store.Platform
	business  store.Business
	scenes    []scene.Scene
	fireTypes []int // info types raised only with Fire (WithFireTypes)
	now       func() time.Time

	reportScenes []scene.ReportScene
	uploader     report.Uploader
	attachLimit  int64
	log          *slog.Logger
	observer     Observer

	rules      *rule.Evaluator
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

	instance string
	seq      atomic.Uint64

	tickMu    sync.Mutex // one Tick at a time per engine
	pending   pendingWrites
	templates templateCache
}

type extraType struct {
	typ  int
	name string
	f    channel.Factory
}

// New makes an engine. It needs a store (WithStore, or both
// WithPlatformStore and WithBusinessStore); everything else has a default.
func New(opts ...Option) (*Engine, error) {
	e := &Engine{
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
		attachLimit:     5 << 20,
	}
	e.schedule, _ = parseSchedule("0 9 * * *")
	e.scheduleSpec = "0 9 * * *"
	for _, o := range opts {
		if err := o(e); err != nil {
			return nil, fmt.Errorf("alert: %w", err)
		}
	}
	if e.platform == nil || e.business == nil {
		return nil, errors.New("alert: a store is required (WithStore, or WithPlatformStore and WithBusinessStore)")
	}
	if len(e.reportScenes) > 0 && e.uploader == nil {
		return nil, errors.New("alert: report scenes need an uploader (WithReportDir or WithReportUploader)")
	}
	seen := map[int]string{}
	for _, s := range e.scenes {
		seen[s.InfoType()] = s.Name()
	}
	for _, s := range e.reportScenes {
		if other, ok := seen[s.InfoType()]; ok {
			return nil, fmt.Errorf("alert: report scene %q and scene %q share info type %d", s.Name(), other, s.InfoType())
		}
		seen[s.InfoType()] = s.Name()
	}
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
		return nil, fmt.Errorf("alert: rules: %w", err)
	}
	if e.channels == nil {
		e.channels = builtin.NewRegistry()
	}
	for _, x := range e.extraTypes {
		if err := e.channels.Register(x.typ, x.name, x.f); err != nil {
			return nil, fmt.Errorf("alert: channel type %d: %w", x.typ, err)
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
	return e, nil
}

// owner returns a claim owner token unique to one claim (at most 64
// characters): the instance name and a sequence number.
func (e *Engine) owner() string {
	return fmt.Sprintf("%s#%d", e.instance, e.seq.Add(1))
}

// zone returns a country's time zone.
func (e *Engine) zone(country string) *time.Location {
	if z, ok := e.zones[country]; ok {
		return z
	}
	return time.UTC
}

// sceneName names a scene by info type, for messages and logs.
func (e *Engine) sceneName(infoType int) string {
	for _, s := range e.scenes {
		if s.InfoType() == infoType {
			return s.Name()
		}
	}
	for _, s := range e.reportScenes {
		if s.InfoType() == infoType {
			return s.Name()
		}
	}
	return fmt.Sprintf("info_type %d", infoType)
}

// clock returns the engine's time, in UTC, whole seconds (what the
// database stores).
func (e *Engine) clock() time.Time { return e.now().UTC().Truncate(time.Second) }
