package ops

import (
	"context"
	"strings"

	"github.com/yujing-go/yujing/store"
)

// Templates and their country mappings: monitor_mod and
// monitor_country_mod.

func (p *planner) templateKind() kind[store.Template] {
	return kind[store.Template]{section: "templates", table: "monitor_mod",
		code:      func(t *store.Template) string { return deref(t.ModNo) },
		status:    func(t *store.Template) *store.ConfigStatus { return t.Status },
		setStatus: func(t *store.Template, s store.ConfigStatus) { t.Status = &s },
		owner:     (*store.Template).ApplyOwner,
		fields:    templateFields,
		list: func(ctx context.Context, c *store.Config) ([]store.Template, error) {
			return c.ListTemplates(ctx, store.Filter{})
		},
		create: func(ctx context.Context, c *store.Config, t *store.Template) error {
			_, err := c.CreateTemplate(ctx, *t)
			return err
		},
		update: func(ctx context.Context, c *store.Config, _, t *store.Template) error {
			_, err := c.UpdateTemplate(ctx, *t)
			return err
		},
		writeStatus: (*store.Config).SetTemplateStatus,
	}
}

// sendType reads realtime (the default) or scheduled.
func sendType(s string) (store.SendType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "realtime", "1":
		return store.SendRealtime, nil
	case "scheduled", "2":
		return store.SendScheduled, nil
	}
	return 0, invalidf("monitor_mod", "send_type", "%q: realtime or scheduled", s)
}

func (p *planner) templateWants() []want[store.Template] {
	const table = "monitor_mod"
	var out []want[store.Template]
	for i, ft := range p.file.Templates {
		if p.skip["templates"][i] {
			continue
		}
		out = append(out, want[store.Template]{index: i, code: ft.ModNo, enabled: enabled(ft.Enabled),
			onto: func(t *store.Template) error {
				st, err := sendType(ft.SendType)
				if err != nil {
					return err
				}
				t.ModNo, t.InfoType, t.SendType, t.Remark = &ft.ModNo, ft.InfoType, &st, ft.Remark
				t.Param4, t.Param3, t.Param2 = ft.Schedule, ft.SlotSeconds, ft.RepeatSeconds
				t.Title, t.Content, t.ResolvedContent, t.NoDataContent = ft.EN.Title, ft.EN.Content, ft.EN.Resolved, ft.EN.NoData
				t.Param6, t.ContentChinese, t.ResolvedContentChinese, t.NoDataContentChinese = ft.ZH.Title, ft.ZH.Content, ft.ZH.Resolved, ft.ZH.NoData
				t.SetApplyOwner(p.owner)
				return nil
			},
			check: func(t *store.Template) error {
				return firstErr(p.scene(table, t.InfoType), need(table, "content", t.Content != nil || t.ContentChinese != nil),
					lengths(table, t), engineCheck(table, "content", p.v.Template, *t))
			},
		})
	}
	return out
}

func (p *planner) countryTemplateKind() kind[store.CountryTemplate] {
	return kind[store.CountryTemplate]{section: "country_templates", table: "monitor_country_mod",
		code:      func(m *store.CountryTemplate) string { return deref(m.BuNo) },
		status:    func(m *store.CountryTemplate) *store.ConfigStatus { return m.Status },
		setStatus: func(m *store.CountryTemplate, s store.ConfigStatus) { m.Status = &s },
		owner:     (*store.CountryTemplate).ApplyOwner,
		fields:    countryTemplateFields,
		list: func(ctx context.Context, c *store.Config) ([]store.CountryTemplate, error) {
			return c.ListCountryTemplates(ctx, store.Filter{})
		},
		create: func(ctx context.Context, c *store.Config, m *store.CountryTemplate) error {
			_, err := c.CreateCountryTemplate(ctx, *m)
			return err
		},
		update: func(ctx context.Context, c *store.Config, _, m *store.CountryTemplate) error {
			_, err := c.UpdateCountryTemplate(ctx, *m)
			return err
		},
		writeStatus: (*store.Config).SetCountryTemplateStatus,
		duplicate: func(ctx context.Context, c *store.Config, r *store.CountryTemplate) error {
			return c.CheckDuplicate(ctx, r)
		},
	}
}

func (p *planner) countryTemplateWants() []want[store.CountryTemplate] {
	const table = "monitor_country_mod"
	var out []want[store.CountryTemplate]
	for i, fm := range p.file.CountryTemplates {
		if p.skip["country_templates"][i] {
			continue
		}
		out = append(out, want[store.CountryTemplate]{index: i, code: fm.BuNo, enabled: enabled(fm.Enabled),
			onto: func(m *store.CountryTemplate) error {
				m.BuNo, m.CountryNo, m.CountryName, m.InfoType, m.ModNo, m.Remark = &fm.BuNo, nonEmpty(fm.CountryNo), fm.CountryName, fm.InfoType, nonEmpty(fm.ModNo), fm.Remark
				m.SetApplyOwner(p.owner)
				return nil
			},
			check: func(m *store.CountryTemplate) error {
				return firstErr(p.scene(table, m.InfoType), checkCountry(table, fm.CountryNo), p.ref(table, "mod_no", "templates", fm.ModNo),
					p.sameScene(fm), lengths(table, m))
			},
		})
	}
	return out
}

// sameScene refuses a mapping to a template of another scene, when the
// file holds the template (the store checks a stored one).
func (p *planner) sameScene(fm FileCountryTemplate) error {
	for _, ft := range p.file.Templates {
		if ft.ModNo == fm.ModNo && ft.InfoType != nil && fm.InfoType != nil && *ft.InfoType != *fm.InfoType {
			return invalidf("monitor_country_mod", "info_type", "%d, but template %s is for info_type %d", *fm.InfoType, fm.ModNo, *ft.InfoType)
		}
	}
	return nil
}
