package store

import (
	"context"
	"fmt"
	"time"
)

// Snapshot is the enabled configuration the pipeline works from, read in
// one query per table (no lookups per record).
type Snapshot struct {
	Channels         []Channel
	ChannelDetails   []ChannelDetail
	Routings         []Routing
	Templates        []Template
	CountryTemplates []CountryTemplate
	RuleRoutes       []RuleRoute
	Rules            []Rule
	// Silences are the silences not expired and not ended a day before
	// the snapshot (migration 8).
	Silences []Silence
}

// LoadSnapshot reads every enabled configuration row (status 0), ordered
// by sort (larger first) where the table has one, then by id. On a database
// that was never migrated the error wraps ErrNotMigrated.
func (db *DB) LoadSnapshot(ctx context.Context) (*Snapshot, error) {
	s := &Snapshot{}
	for _, q := range []struct {
		m     *mapping
		dst   any
		order string
	}{
		{db.t.channel, &s.Channels, "`sort` DESC, `id`"},
		{db.t.channelDetail, &s.ChannelDetails, "`id`"},
		{db.t.routing, &s.Routings, "`sort` DESC, `id`"},
		{db.t.template, &s.Templates, "`id`"},
		{db.t.countryTemplate, &s.CountryTemplates, "`id`"},
		{db.t.ruleRoute, &s.RuleRoutes, "`sort` DESC, `id`"},
		{db.t.rule, &s.Rules, "`sort` DESC, `id`"},
	} {
		if err := db.selectRows(ctx, db.x, q.m, q.dst, "WHERE `status` = ? ORDER BY "+q.order, int(ConfigEnabled)); err != nil {
			return nil, fmt.Errorf("load configuration: %w", db.dialect.notMigrated(err))
		}
	}
	var err error
	if s.Silences, err = db.LiveSilences(ctx, db.clock().Add(-24*time.Hour)); err != nil {
		return nil, fmt.Errorf("load configuration: %w", err)
	}
	return s, nil
}
