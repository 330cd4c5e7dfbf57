package ops

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/yujing-go/yujing/store"
)

// ApplyOptions says who applies a file, as whom, and how.
type ApplyOptions struct {
	// Owner names the configuration the file owns: 1 to 20 letters,
	// digits, '.', '_' or '-'. Empty: the file's owner: key, else
	// "default". Every row the apply writes carries it (param5; a
	// silence's created_by ends with " (apply:OWNER)").
	Owner string
	// By is the user the configuration API writes as (create_uid,
	// update_uid, the audit): required, at most 32 characters.
	By string
	// DryRun computes the plan and writes nothing.
	DryRun bool
	// Prune disables the enabled rows of the owner that the file no longer
	// names (and expires its silences). Without it they are kept, and the
	// plan lists them as kept.
	Prune bool
}

// ownerName is what an owner may be.
var ownerName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,20}$`)

// planner holds one apply's plan as it is made.
type planner struct {
	file  *ApplyFile
	cfg   *store.Config
	v     store.Validation
	owner string
	by    string
	prune bool
	now   time.Time

	known      map[string]map[string]bool // section → codes in the file or the database
	skip       map[string]map[int]bool    // section → entries whose code is refused
	changes    []Change
	prunes     []Change
	steps      []step
	pruneSteps []step
	problems   []*Problem
}

// Apply makes the database's configuration what the file says: it reads
// the stored rows the file names by their codes, plans for each a create,
// an update (field: old → new), or nothing, and for the owner's rows the
// file no longer names a disable (with Prune) or nothing; then, unless
// DryRun, writes the plan through the engine's configuration API
// (engine.Config, with the engine's checks, as opts.By): first the
// disables of --prune, in reverse dependency order (so that a row renamed
// in the file, its old code pruned, is not refused as a duplicate of its
// old self), then the rows the file names in dependency order: rules,
// templates, channels, country templates, rule routes, routings,
// silences.
//
// The whole file is checked before anything is written: codes (required,
// unique in their section), required fields, column sizes, country codes,
// references (a code neither in the file nor in the database), the
// engine's checks (CEL, placeholders, channel details, scenes, schedules),
// and the store's duplicate check (a row that repeats an enabled row the
// file does not name; when the plan also changes other rows of that kind,
// one of which may be the twin, the write's own check decides).
// Every problem is returned at once, as an *ApplyError with the lines.
// Applying the same file again changes nothing (the plan says so). A
// silence cannot be changed once created, nor a channel's type: give the
// new one a new code. A stored row the file names becomes the file's
// owner's (the plan shows the owner field changing).
//
// The writes are not one transaction: a write refused all the same (a
// duplicate the checks above left to the write, a row another operator
// changed meanwhile) stops the apply there, with the rows before it
// written; applying again continues from there.
func (k *Toolkit) Apply(ctx context.Context, f *ApplyFile, opts ApplyOptions) (*Plan, error) {
	p, err := k.plan(ctx, f, opts)
	if err != nil {
		return nil, err
	}
	plan := &Plan{File: f.Name, Owner: p.owner, By: p.by, DryRun: opts.DryRun, Prune: opts.Prune,
		Changes: append(p.prunes, p.changes...)}
	if opts.DryRun {
		return plan, nil
	}
	steps := append(p.pruneSteps, p.steps...)
	for i, s := range steps {
		if err := s.run(ctx); err != nil {
			return plan, fmt.Errorf("ops: apply: %s (after %d of %d writes; applying again continues): %w", s.what, i, len(steps), err)
		}
	}
	plan.Applied = true
	return plan, nil
}

// plan checks the file and plans every row.
func (k *Toolkit) plan(ctx context.Context, f *ApplyFile, opts ApplyOptions) (*planner, error) {
	owner := opts.Owner
	if owner == "" {
		owner = f.Owner
	}
	if owner == "" {
		owner = "default"
	}
	if !ownerName.MatchString(owner) {
		return nil, fileError(f.Name, fmt.Sprintf("owner %q: 1 to 20 letters, digits, '.', '_' or '-'", owner))
	}
	if n := len([]rune(opts.By)); n == 0 || n > 32 {
		return nil, fileError(f.Name, fmt.Sprintf("by: a user of 1 to 32 characters is needed (create_uid holds 32), got %d", n))
	}
	p := &planner{file: f, cfg: k.engine.Config(k.db, store.AsUser(opts.By)), v: k.engine.Validation(), owner: owner, by: opts.By,
		prune: opts.Prune, now: k.now(), known: map[string]map[string]bool{}, skip: map[string]map[int]bool{}}
	p.collectCodes()
	if err := p.planAll(ctx); err != nil {
		return nil, err
	}
	if err := joinProblems(p.problems); err != nil {
		return nil, err
	}
	return p, nil
}

// planAll plans each kind of row, in dependency order (the references of
// a kind are planned before it).
func (p *planner) planAll(ctx context.Context) error {
	for _, fn := range []func(context.Context) error{
		func(ctx context.Context) error { return planKind(ctx, p, p.ruleKind(), p.ruleWants()) },
		func(ctx context.Context) error { return planKind(ctx, p, p.templateKind(), p.templateWants()) },
		func(ctx context.Context) error { return planKind(ctx, p, p.channelKind(), p.channelWants()) },
		func(ctx context.Context) error {
			return planKind(ctx, p, p.countryTemplateKind(), p.countryTemplateWants())
		},
		func(ctx context.Context) error { return planKind(ctx, p, p.ruleRouteKind(), p.ruleRouteWants()) },
		func(ctx context.Context) error { return planKind(ctx, p, p.routingKind(), p.routingWants()) },
		p.planSilences,
	} {
		if err := fn(ctx); err != nil {
			return err
		}
	}
	return nil
}

// collectCodes records the codes the file names, checking each: present,
// at most 32 characters, not repeated in its section. An entry whose code
// fails is not planned further.
func (p *planner) collectCodes() {
	add := func(section, col string, codes []string) {
		seen, skip := map[string]bool{}, map[int]bool{}
		for i, code := range codes {
			reason := ""
			switch {
			case code == "":
				reason = "required: apply names every row by its code"
			case len([]rune(code)) > 32:
				reason = fmt.Sprintf("%d characters, at most 32", len([]rune(code)))
			case seen[code]:
				reason = "the code appears twice in " + section
			}
			if reason != "" {
				p.problems = append(p.problems, p.file.problem(section, i, code, section, col, reason))
				skip[i] = true
			}
			seen[code] = true
		}
		p.known[section], p.skip[section] = seen, skip
	}
	f := p.file
	add("rules", "rule_no", codes(f.Rules, func(r FileRule) string { return r.RuleNo }))
	add("templates", "mod_no", codes(f.Templates, func(r FileTemplate) string { return r.ModNo }))
	add("channels", "channel_no", codes(f.Channels, func(r FileChannel) string { return r.ChannelNo }))
	add("country_templates", "bu_no", codes(f.CountryTemplates, func(r FileCountryTemplate) string { return r.BuNo }))
	add("rule_routes", "bu_no", codes(f.RuleRoutes, func(r FileRuleRoute) string { return r.BuNo }))
	add("routings", "routing_no", codes(f.Routings, func(r FileRouting) string { return r.RoutingNo }))
	add("silences", "silence_no", codes(f.Silences, func(r FileSilence) string { return r.SilenceNo }))
}

func codes[E any](es []E, code func(E) string) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = code(e)
	}
	return out
}
