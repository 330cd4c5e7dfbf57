package alert

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/yujing-go/yujing/ack"
	"github.com/yujing-go/yujing/alert/report"
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/rule"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// Option configures an Engine.
type Option func(*Engine) error

// WithStore gives the engine one database that holds both sides of the
// schema (a *store.DB does).
func WithStore(s store.Store) Option {
	return func(e *Engine) error {
		e.platform, e.business = s, s
		return nil
	}
}

// WithPlatformStore sets the platform side (configuration, pending alerts,
// history), when it lives apart from the business side.
func WithPlatformStore(p store.Platform) Option {
	return func(e *Engine) error { e.platform = p; return nil }
}

// WithBusinessStore sets the business side (windows, records, reports).
func WithBusinessStore(b store.Business) Option {
	return func(e *Engine) error { e.business = b; return nil }
}

// WithScenes adds the scenes the engine collects. Two scenes may not share
// an info type.
func WithScenes(scenes ...scene.Scene) Option {
	return func(e *Engine) error {
		for _, s := range scenes {
			if err := checkWindow(s.Window()); err != nil {
				return fmt.Errorf("scene %d (%s): %w", s.InfoType(), s.Name(), err)
			}
			for _, have := range e.scenes {
				if have.InfoType() == s.InfoType() {
					return fmt.Errorf("scenes %q and %q share info type %d", have.Name(), s.Name(), s.InfoType())
				}
			}
			e.scenes = append(e.scenes, s)
		}
		return nil
	}
}

// checkWindow refuses a window length the store cannot hold: times are
// stored in whole seconds, so a window under a second, or one that is not
// a whole number of seconds, would lose samples between stored windows.
func checkWindow(d time.Duration) error {
	if d < time.Second || d%time.Second != 0 {
		return fmt.Errorf("window %s: must be a whole number of seconds, at least 1s (times are stored in whole seconds)", d)
	}
	return nil
}

// WithFireTypes declares info types that the host raises only with Fire,
// without a Scene that collects them, so that the configuration checks
// (Engine.Config) accept templates and routes for them. Info types of
// scenes and report scenes need no declaring.
func WithFireTypes(infoTypes ...int) Option {
	return func(e *Engine) error {
		e.fireTypes = append(e.fireTypes, infoTypes...)
		return nil
	}
}

// WithClock sets the clock (time.Now by default). Tests pass one they
// control; every time the engine stores or compares comes from it, and
// every timestamp it writes: a *store.DB given to the engine stamps
// create_time, update_time and generated codes with it too (see
// store.DB.Clocked), so no column mixes two clocks.
func WithClock(now func() time.Time) Option {
	return func(e *Engine) error { e.now = now; return nil }
}

// WithLogger sets the logger (slog.Default() by default).
func WithLogger(l *slog.Logger) Option {
	return func(e *Engine) error { e.log = l; return nil }
}

// WithBatchSize sets how many rows a stage claims at once (500 by
// default), and WithMaxBatches how many batches a stage works per Tick (20
// by default): one Tick is bounded, and memory stays flat however large
// the backlog.
func WithBatchSize(n int) Option {
	return func(e *Engine) error {
		if n <= 0 {
			return fmt.Errorf("batch size %d: must be positive", n)
		}
		e.batch = n
		return nil
	}
}

// WithMaxBatches sets how many batches each stage works per Tick.
func WithMaxBatches(n int) Option {
	return func(e *Engine) error {
		if n <= 0 {
			return fmt.Errorf("max batches %d: must be positive", n)
		}
		e.maxBatches = n
		return nil
	}
}

// WithLease sets how long a claim holds (2 minutes by default): a host
// that dies leaves its rows to the others once its leases end. It must
// exceed the time one batch takes, sends included.
func WithLease(d time.Duration) Option {
	return func(e *Engine) error {
		if d <= 0 {
			return fmt.Errorf("lease %s: must be positive", d)
		}
		e.lease = d
		return nil
	}
}

// WithRetryBackoff sets the wait between attempts of a failed rule call,
// recording or delivery (30 s doubling up to 10 minutes, jittered by
// default). A channel's own Retry-After wins when it is longer.
func WithRetryBackoff(base, max time.Duration) Option {
	return func(e *Engine) error {
		if base <= 0 || max < base {
			return fmt.Errorf("retry backoff %s..%s: need 0 < base <= max", base, max)
		}
		e.backoff = Backoff{Base: base, Max: max}
		return nil
	}
}

// WithCollectDelay sets how long after a window ends it is collected (1
// minute by default), so that late data lands first.
func WithCollectDelay(d time.Duration) Option {
	return func(e *Engine) error {
		if d < 0 {
			return fmt.Errorf("collect delay %s: must not be negative", d)
		}
		e.collectDelay = d
		return nil
	}
}

// WithMaxMissedWindows sets how many of a scene's latest windows a Tick
// looks at (12 by default): windows missed while no host ran are collected
// as long as they are among them.
func WithMaxMissedWindows(n int) Option {
	return func(e *Engine) error {
		if n <= 0 {
			return fmt.Errorf("max missed windows %d: must be positive", n)
		}
		e.maxMissed = n
		return nil
	}
}

// WithCollectFrom sets the first window the engine collects: windows that
// begin before t are never collected, however many are missed. A team that
// adopts the engine on a database an older system filled passes the
// moment of the switch, so that the first Tick starts from now instead of
// catching up the last WithMaxMissedWindows windows. The zero time (the
// default) sets no limit.
func WithCollectFrom(t time.Time) Option {
	return func(e *Engine) error { e.collectFrom = t.UTC(); return nil }
}

// WithTimeZones sets each country's time zone (by country_no): scheduled
// alerts are due in it, realtime slots align to it, and messages show
// times in it. Countries not listed use UTC.
func WithTimeZones(zones map[string]*time.Location) Option {
	return func(e *Engine) error {
		for c, z := range zones {
			if z == nil {
				return fmt.Errorf("time zone of %s is nil", c)
			}
			e.zones[c] = z
		}
		return nil
	}
}

// WithSchedule sets the default schedule of scheduled (send_type 2)
// templates, a 5-field cron expression in the country's time zone ("0 9 *
// * *", 09:00 daily, by default). A template's param4 overrides it.
func WithSchedule(spec string) Option {
	return func(e *Engine) error {
		s, err := parseSchedule(spec)
		if err != nil {
			return err
		}
		e.schedule, e.scheduleSpec = s, spec
		return nil
	}
}

// WithRealtimeSlot sets the default slot of realtime (send_type 1)
// templates (10 minutes by default): a country and scene alert at most once
// per slot. A template's param3 (seconds) overrides it.
func WithRealtimeSlot(d time.Duration) Option {
	return func(e *Engine) error {
		if d < time.Second {
			return fmt.Errorf("realtime slot %s: must be at least a second", d)
		}
		e.realtimeSlot = d
		return nil
	}
}

// WithArchiveAfter sets how long a finished alert stays in
// monitor_send_log before it moves to monitor_send_log_hist (1 hour by
// default; never before its slot has ended, so the slot keeps deduplicating).
func WithArchiveAfter(d time.Duration) Option {
	return func(e *Engine) error {
		if d < 0 {
			return fmt.Errorf("archive after %s: must not be negative", d)
		}
		e.archiveAfter = d
		return nil
	}
}

// WithSendConcurrency sets how many deliveries run at once (16 by default).
func WithSendConcurrency(n int) Option {
	return func(e *Engine) error {
		if n <= 0 {
			return fmt.Errorf("send concurrency %d: must be positive", n)
		}
		e.sendConcurrency = n
		return nil
	}
}

// WithSendWait sets how long a Tick waits for its slowest sends (1 s by
// default) before it returns and lets them finish on their own: a channel
// that hangs until its timeout then delays neither the Tick's other
// alerts nor the next Tick's. A send that outlives its Tick keeps its
// row claimed, writes its outcome when it answers, and is counted in the
// next Tick's result (errors too). A negative d waits for every send.
// Engine.Wait waits for the sends still running, before a host exits.
//
// A send's claim is counted on the engine's clock (WithClock) and its wait
// in real time: a test clock moved on faster than real time between Ticks
// can end the claim of a send still running, and another engine sends it
// again; such tests pass -1.
func WithSendWait(d time.Duration) Option {
	return func(e *Engine) error { e.sendWait = d; return nil }
}

// WithConfigReload sets how long an engine keeps the configuration it read
// (a minute by default). Every write of the configuration API makes every
// engine read it again on its next Tick; rows written with SQL are seen
// after d at the latest, or at once after
// "UPDATE yujing_config_version SET version = version + 1". Zero reads the
// whole configuration on every Tick.
func WithConfigReload(d time.Duration) Option {
	return func(e *Engine) error {
		if d < 0 {
			return fmt.Errorf("config reload %s: must not be negative", d)
		}
		e.configReload = d
		return nil
	}
}

// WithRuleOptions passes options to the rule evaluator: host CEL functions
// (rule.WithEnvOptions), host variables (rule.WithVariable), the cost
// limit, the cache size, the baseline days.
func WithRuleOptions(opts ...rule.Option) Option {
	return func(e *Engine) error { e.ruleOpts = append(e.ruleOpts, opts...); return nil }
}

// WithChannelRegistry sets the registry that builds senders (all six
// built-in types by default). Use it to set the registry's HTTP client,
// clock or rate limits.
func WithChannelRegistry(r *channel.Registry) Option {
	return func(e *Engine) error { e.channels = r; return nil }
}

// WithChannelType registers a channel type of the host's own on the
// engine's registry.
func WithChannelType(typ int, name string, f channel.Factory) Option {
	return func(e *Engine) error {
		e.extraTypes = append(e.extraTypes, extraType{typ, name, f})
		return nil
	}
}

// WithObserver sets a hook that receives each Tick's counts and latencies
// and each delivery, for metrics.
func WithObserver(o Observer) Option {
	return func(e *Engine) error { e.observer = o; return nil }
}

// WithInstanceName names this engine in claims and logs (host name and a
// random suffix by default); at most 40 characters.
func WithInstanceName(name string) Option {
	return func(e *Engine) error {
		if name == "" || len(name) > 40 {
			return fmt.Errorf("instance name %q: 1 to 40 characters", name)
		}
		e.instance = name
		return nil
	}
}

// WithReportScenes adds report scenes: their detail rows become Excel
// files, uploaded with the report uploader, and an alert per report
// carries the link (and, for email, the file). They need an uploader
// (WithReportDir or WithReportUploader). A report scene's info type may not
// be a scene's.
func WithReportScenes(scenes ...scene.ReportScene) Option {
	return func(e *Engine) error {
		for _, s := range scenes {
			if err := checkWindow(s.Window()); err != nil {
				return fmt.Errorf("report scene %d (%s): %w", s.InfoType(), s.Name(), err)
			}
		}
		e.reportScenes = append(e.reportScenes, scenes...)
		return nil
	}
}

// WithReportUploader sets where report files go (an S3-compatible bucket
// with package alert/report/s3, or the host's own).
func WithReportUploader(u report.Uploader) Option {
	return func(e *Engine) error { e.uploader = u; return nil }
}

// WithReportDir keeps report files in a local directory, the default
// uploader: file_url is baseURL + "/" + the file's key, or a file:// URL
// when baseURL is empty.
func WithReportDir(dir, baseURL string) Option {
	return func(e *Engine) error {
		u, err := report.NewLocalDir(dir, baseURL)
		if err != nil {
			return err
		}
		e.uploader = u
		return nil
	}
}

// WithReportAttachLimit sets the largest report file attached to email
// alerts (5 MiB by default); a larger one is linked instead. 0 never
// attaches.
func WithReportAttachLimit(bytes int64) Option {
	return func(e *Engine) error {
		if bytes < 0 {
			return fmt.Errorf("report attach limit %d: must not be negative", bytes)
		}
		e.attachLimit = bytes
		return nil
	}
}

// WithAckLinks makes {ack_link} in templates a link, signed by s, that
// acknowledges the firing alert a message tells of; the host serves it
// with ack.NewHandler(s, engine). Without it a template that uses
// {ack_link} is refused.
func WithAckLinks(s *ack.Signer) Option {
	return func(e *Engine) error {
		if s == nil {
			return errors.New("alert: WithAckLinks needs a signer")
		}
		e.acks = s
		return nil
	}
}
