package ops

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/store"
)

// Severity says whether a finding stops the engine from doing its work
// (error) or only makes the configuration misleading (warning).
type Severity string

// Severities of a finding.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// What a finding is about (Finding.Check).
const (
	CheckNoTemplate     = "no_template"     // a scene × country with rules resolves no template
	CheckNoChannel      = "no_channel"      // a scene × country with rules is routed to no enabled channel
	CheckTemplate       = "template"        // a template the engine refuses: brace, placeholder, schedule…
	CheckChannel        = "channel"         // a channel that does not build from its details
	CheckChannelKey     = "channel_key"     // a channel detail key its type does not read (a likely typo, ignored)
	CheckRule           = "rule"            // a rule whose CEL or threshold does not compile
	CheckUnknownScene   = "unknown_scene"   // a row of an info_type the engine has no scene of
	CheckNoScenes       = "no_scenes"       // the engine knows no scene: scene checks skipped
	CheckDisabledTarget = "disabled_target" // a row naming a template, channel or rule that is not enabled
	CheckShadowed       = "shadowed"        // a row another makes moot
	CheckDuplicate      = "duplicate"       // a row that repeats another
	CheckNoTimeZone     = "no_time_zone"    // a country with routes and no time zone: UTC
)

// Finding is one problem of the configuration.
type Finding struct {
	Severity Severity `json:"severity"`
	Check    string   `json:"check"`  // CheckNoTemplate, CheckShadowed…
	Table    string   `json:"table"`  // the table at fault, e.g. monitor_mod
	Code     string   `json:"code"`   // the row's code (mod_no, channel_no, rule_no, routing_no, bu_no); "" for a missing row
	Column   string   `json:"column"` // the column at fault
	Scene    *int     `json:"scene"`  // the scene (info_type) it concerns, when it is about one
	Country  string   `json:"country"`
	Message  string   `json:"message"`
}

// CheckReport is the outcome of Check: the findings in a deterministic
// order (errors first, then by table, code, column, scene, country).
type CheckReport struct {
	Findings []Finding `json:"findings"`
	Errors   int       `json:"errors"`
	Warnings int       `json:"warnings"`
}

// OK reports whether no finding is an error.
func (r *CheckReport) OK() bool { return r.Errors == 0 }

// Check lints the whole enabled configuration, like amtool check-config,
// with the engine's own checks and its own reading of the rows
// (alert.ViewConfig): every scene × country with rules resolves a
// template and an enabled channel; templates, channels and rules pass the
// engine's Validation; every row's scene is one the engine knows; rows
// that name disabled rows, that another row makes moot, or repeat one;
// countries without a time zone. No finding holds a channel's secret.
func (k *Toolkit) Check(ctx context.Context) (*CheckReport, error) {
	snap, err := k.db.LoadSnapshot(ctx)
	if err != nil {
		return nil, fmt.Errorf("ops: check: %w", err)
	}
	return k.CheckSnapshot(snap), nil
}

// checker gathers the findings of one Check.
type checker struct {
	engine   *alert.Engine
	snap     *store.Snapshot
	view     *alert.ConfigView
	pairs    map[sceneCountry]string // the scene × country pairs with rules (alertingPairs)
	findings []Finding
}

func (c *checker) add(f Finding) { c.findings = append(c.findings, f) }

// report sorts the findings and takes every channel detail value long
// enough to be a secret out of their messages.
func (c *checker) report() *CheckReport {
	var secrets []string
	for _, d := range c.snap.ChannelDetails {
		if v := str(d.DataValue); len(v) >= 8 {
			secrets = append(secrets, v)
		}
	}
	r := &CheckReport{Findings: []Finding{}}
	for _, f := range c.findings {
		f.Message = channel.RedactString(f.Message, secrets...)
		if f.Severity == SeverityError {
			r.Errors++
		} else {
			r.Warnings++
		}
		r.Findings = append(r.Findings, f)
	}
	slices.SortStableFunc(r.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(sevRank(a.Severity), sevRank(b.Severity)), cmp.Compare(a.Table, b.Table),
			cmp.Compare(a.Code, b.Code), cmp.Compare(a.Column, b.Column), cmp.Compare(intOf(a.Scene), intOf(b.Scene)),
			cmp.Compare(a.Country, b.Country), cmp.Compare(a.Check, b.Check), cmp.Compare(a.Message, b.Message))
	})
	return r
}

func sevRank(s Severity) int {
	if s == SeverityError {
		return 0
	}
	return 1
}

func intOf(p *int) int {
	if p == nil {
		return -1 << 31
	}
	return *p
}
