package ops

import (
	"context"
	"errors"
	"fmt"

	"github.com/yujing-go/yujing/store"
)

// kind is what planning and applying need of one kind of row: how to
// read, show and write it through the configuration API.
type kind[T any] struct {
	section, table string
	code           func(*T) string
	status         func(*T) *store.ConfigStatus
	setStatus      func(*T, store.ConfigStatus)
	owner          func(*T) string
	fields         func(*T) []field
	list           func(context.Context, *store.Config) ([]T, error)
	load           func(context.Context, *store.Config, *T) error // optional: what list leaves out (channel details)
	create         func(context.Context, *store.Config, *T) error
	update         func(ctx context.Context, cfg *store.Config, old, row *T) error
	writeStatus    func(*store.Config, context.Context, string, store.ConfigStatus) error // a Set…Status method
	duplicate      func(context.Context, *store.Config, *T) error                         // optional: the store's duplicate check
}

// dupCheck is a duplicate check of a row to create or change, made once
// the kind is planned.
type dupCheck[T any] struct {
	index int
	code  string
	row   T
}

// want is one row the file names.
type want[T any] struct {
	index   int
	code    string
	enabled bool
	onto    func(row *T) error // sets the managed fields (and the owner)
	check   func(row *T) error // the engine's and the references' checks
}

// step is one write of an apply.
type step struct {
	what string // "rules R1", for errors
	run  func(context.Context) error
}

// planKind compares the rows the file names with the stored ones and
// adds their changes and writes to the planner; the owner's stored rows
// the file no longer names are kept, or disabled with --prune.
func planKind[T any](ctx context.Context, p *planner, k kind[T], wants []want[T]) error {
	rows, err := k.list(ctx, p.cfg)
	if err != nil {
		return fmt.Errorf("ops: apply: read %s: %w", k.table, err)
	}
	stored := make(map[string]*T, len(rows))
	for i := range rows {
		stored[k.code(&rows[i])] = &rows[i]
		p.known[k.section][k.code(&rows[i])] = true
	}
	named := map[string]bool{}
	var dups []dupCheck[T]
	for _, w := range wants {
		named[w.code] = true
		d, err := planRow(ctx, p, k, w, stored[w.code])
		if err != nil {
			return err
		}
		dups = append(dups, d...)
	}
	var prune []Change
	var steps []step
	for i := range rows {
		row := &rows[i]
		code := k.code(row)
		if named[code] || k.owner(row) != p.owner || statusOf(k.status(row)) != store.ConfigEnabled {
			continue
		}
		c := Change{Section: k.section, Table: k.table, Code: code, Action: ActionKept,
			Note: "owned by " + p.owner + ", no longer in the file (kept; --prune disables it)"}
		if p.prune {
			c.Action, c.Note = ActionDisable, "owned by "+p.owner+", no longer in the file"
			steps = append(steps, step{k.section + " " + code, func(ctx context.Context) error {
				return k.writeStatus(p.cfg, ctx, code, store.ConfigDisabled)
			}})
		}
		prune = append(prune, c)
	}
	p.prunes = append(prune, p.prunes...)
	p.pruneSteps = append(steps, p.pruneSteps...)
	return checkDuplicates(ctx, p, k, dups, len(steps) > 0)
}

// checkDuplicates makes the store's duplicate check of the rows to create
// or change, before anything is written, when the plan changes no other
// stored row of the kind: then a duplicate found now is one the write
// would refuse. When the plan also updates or disables rows of the kind
// (one may be the twin), the write's own check decides.
func checkDuplicates[T any](ctx context.Context, p *planner, k kind[T], dups []dupCheck[T], disables bool) error {
	if k.duplicate == nil || disables {
		return nil
	}
	var updated []string
	for _, c := range p.changes {
		if c.Section == k.section && c.Action == ActionUpdate {
			updated = append(updated, c.Code)
		}
	}
	for _, d := range dups {
		if len(updated) > 1 || (len(updated) == 1 && updated[0] != d.code) {
			continue // another row of the kind changes: it may be the twin
		}
		err := k.duplicate(ctx, p.cfg, &d.row)
		if errors.Is(err, store.ErrDuplicate) {
			p.problems = append(p.problems, p.file.wrap(k.section, d.index, d.code, err))
			continue
		}
		if err != nil {
			return fmt.Errorf("ops: apply: look for duplicates in %s: %w", k.table, err)
		}
	}
	return nil
}

// planRow plans one row the file names.
func planRow[T any](ctx context.Context, p *planner, k kind[T], w want[T], old *T) ([]dupCheck[T], error) {
	var row T
	if old != nil {
		if k.load != nil {
			if err := k.load(ctx, p.cfg, old); err != nil {
				return nil, fmt.Errorf("ops: apply: read %s %s: %w", k.table, w.code, err)
			}
		}
		row = *old
	}
	if err := w.onto(&row); err != nil {
		p.problems = append(p.problems, p.file.wrap(k.section, w.index, w.code, err))
		return nil, nil
	}
	st := store.ConfigEnabled
	if !w.enabled {
		st = store.ConfigDisabled
	}
	if old == nil {
		k.setStatus(&row, st)
	}
	if err := w.check(&row); err != nil {
		p.problems = append(p.problems, p.file.wrap(k.section, w.index, w.code, err))
		return nil, nil
	}
	what := k.section + " " + w.code
	if old == nil {
		p.changes = append(p.changes, Change{Section: k.section, Table: k.table, Code: w.code, Action: ActionCreate, Fields: created(k.fields(&row))})
		p.steps = append(p.steps, step{what, func(ctx context.Context) error { return k.create(ctx, p.cfg, &row) }})
		return []dupCheck[T]{{w.index, w.code, row}}, nil
	}
	withStatus := row
	k.setStatus(&withStatus, st)
	fields := diff(k.fields(old), k.fields(&withStatus))
	if len(fields) == 0 {
		p.changes = append(p.changes, Change{Section: k.section, Table: k.table, Code: w.code, Action: ActionUnchanged})
		return nil, nil
	}
	p.changes = append(p.changes, Change{Section: k.section, Table: k.table, Code: w.code, Action: ActionUpdate, Fields: fields})
	if len(diff(k.fields(old), k.fields(&row))) > 0 {
		p.steps = append(p.steps, step{what, func(ctx context.Context) error { return k.update(ctx, p.cfg, old, &row) }})
	}
	if statusOf(k.status(old)) != st {
		p.steps = append(p.steps, step{what, func(ctx context.Context) error { return k.writeStatus(p.cfg, ctx, w.code, st) }})
	}
	return []dupCheck[T]{{w.index, w.code, withStatus}}, nil
}
