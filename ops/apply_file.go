package ops

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ApplyFile is a declarative configuration file, parsed. Every row is
// named by its code, which makes applying it idempotent. The keys (an
// unknown key is an error with its line; examples/config/yujing.yaml is a
// complete file):
//
//	version: 1                 # optional
//	owner: payments            # optional; ApplyOptions.Owner wins
//	rules:                     # monitor_rule
//	  - rule_no, fun_code, threshold (threshold_val), desc (fun_desc), sort, remark,
//	    pending_windows (param1), resolve_windows (param2), enabled
//	templates:                 # monitor_mod
//	  - mod_no, info_type, send_type (realtime | scheduled), schedule (param4),
//	    slot_seconds (param3), repeat_seconds (param2), remark, enabled,
//	    en: {title, content, resolved, nodata}
//	    zh: {title (param6), content (content_chinese), resolved, nodata}
//	country_templates:         # monitor_country_mod
//	  - bu_no, country_no, country_name, info_type, mod_no, remark, enabled
//	channels:                  # monitor_channel and its enabled details
//	  - channel_no, name, type (a number or wecom, email, dingtalk, slack,
//	    feishu, webhook), sort, remark, enabled,
//	    details: {KEY: text, KEY: {env: VARIABLE}, …}
//	rule_routes:               # monitor_rule_route
//	  - bu_no, info_type, country_no, rule_no, sort, remark, nodata_windows (param1), enabled
//	routings:                  # monitor_routing
//	  - routing_no, country_no, country_name, info_type, channel_no, sort, enabled,
//	    escalation: {level (param1), delay_seconds (param3), repeat_seconds (param2)}
//	silences:                  # yujing_silence (created once, never changed)
//	  - silence_no, info_type, country_no, channel_no, rule_no (each a value or
//	    "*", the default), schedule, starts_at, ends_at (RFC 3339),
//	    notify_resolved, comment
//
// A field left out is NULL (or the column's default): the file says all
// of a row. enabled (default true) false writes the row disabled.
type ApplyFile struct {
	// Name is the file's name in errors ("yujing.yaml:12: …").
	Name string
	// Owner is the file's owner: key, "" when absent.
	Owner string

	Rules            []FileRule            `yaml:"rules"`
	Templates        []FileTemplate        `yaml:"templates"`
	CountryTemplates []FileCountryTemplate `yaml:"country_templates"`
	Channels         []FileChannel         `yaml:"channels"`
	RuleRoutes       []FileRuleRoute       `yaml:"rule_routes"`
	Routings         []FileRouting         `yaml:"routings"`
	Silences         []FileSilence         `yaml:"silences"`

	lines map[string][]int // section → line of each entry
}

// fileDoc is the document as YAML holds it.
type fileDoc struct {
	Version          int                   `yaml:"version"`
	Owner            string                `yaml:"owner"`
	Rules            []FileRule            `yaml:"rules"`
	Templates        []FileTemplate        `yaml:"templates"`
	CountryTemplates []FileCountryTemplate `yaml:"country_templates"`
	Channels         []FileChannel         `yaml:"channels"`
	RuleRoutes       []FileRuleRoute       `yaml:"rule_routes"`
	Routings         []FileRouting         `yaml:"routings"`
	Silences         []FileSilence         `yaml:"silences"`
}

// FileRule is an entry of rules: a monitor_rule row.
type FileRule struct {
	RuleNo         string  `yaml:"rule_no"`
	FunCode        string  `yaml:"fun_code"`
	Threshold      *string `yaml:"threshold"`
	Desc           *string `yaml:"desc"`
	Sort           *string `yaml:"sort"`
	Remark         *string `yaml:"remark"`
	PendingWindows *int    `yaml:"pending_windows"` // param1
	ResolveWindows *int    `yaml:"resolve_windows"` // param2
	Enabled        *bool   `yaml:"enabled"`
}

// FileText is one language of a template.
type FileText struct {
	Title    *string `yaml:"title"`
	Content  *string `yaml:"content"`
	Resolved *string `yaml:"resolved"`
	NoData   *string `yaml:"nodata"`
}

// FileTemplate is an entry of templates: a monitor_mod row.
type FileTemplate struct {
	ModNo         string   `yaml:"mod_no"`
	InfoType      *int     `yaml:"info_type"`
	SendType      string   `yaml:"send_type"` // realtime (default) or scheduled
	Schedule      *string  `yaml:"schedule"`  // param4
	SlotSeconds   *int     `yaml:"slot_seconds"`
	RepeatSeconds *int     `yaml:"repeat_seconds"`
	Remark        *string  `yaml:"remark"`
	EN            FileText `yaml:"en"`
	ZH            FileText `yaml:"zh"`
	Enabled       *bool    `yaml:"enabled"`
}

// FileCountryTemplate is an entry of country_templates: a
// monitor_country_mod row.
type FileCountryTemplate struct {
	BuNo        string  `yaml:"bu_no"`
	CountryNo   string  `yaml:"country_no"`
	CountryName *string `yaml:"country_name"`
	InfoType    *int    `yaml:"info_type"`
	ModNo       string  `yaml:"mod_no"`
	Remark      *string `yaml:"remark"`
	Enabled     *bool   `yaml:"enabled"`
}

// FileChannel is an entry of channels: a monitor_channel row and its
// enabled monitor_channel_detail rows.
type FileChannel struct {
	ChannelNo string                `yaml:"channel_no"`
	Name      *string               `yaml:"name"`
	Type      string                `yaml:"type"` // a number, or wecom, email, dingtalk, slack, feishu, webhook
	Sort      *string               `yaml:"sort"`
	Remark    *string               `yaml:"remark"`
	Details   map[string]FileDetail `yaml:"details"`
	Enabled   *bool                 `yaml:"enabled"`
}

// FileDetail is a channel detail's value: literal text, or {env: NAME}, the
// value of an environment variable, which is a secret: a plan shows it as
// "(secret)", never its value.
type FileDetail struct {
	Value  string
	Env    string
	secret bool
}

// String shows the detail as a plan does: a value from the environment
// as {env: NAME}, never its value (so that printing a parsed file with
// fmt shows no secret).
func (d FileDetail) String() string {
	if d.Env != "" {
		return "{env: " + d.Env + "}"
	}
	return d.Value
}

// GoString is String, for %#v.
func (d FileDetail) GoString() string { return d.String() }

// LogValue is String, for log/slog.
func (d FileDetail) LogValue() slog.Value { return slog.StringValue(d.String()) }

// UnmarshalYAML reads a literal scalar or a mapping {env: NAME}.
func (d *FileDetail) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		d.Value = n.Value
		return nil
	case yaml.MappingNode:
		if len(n.Content) == 2 && n.Content[0].Value == "env" && n.Content[1].Kind == yaml.ScalarNode && n.Content[1].Value != "" {
			d.Env = n.Content[1].Value
			return nil
		}
	}
	return fmt.Errorf("line %d: a detail value is text or {env: VARIABLE}", n.Line)
}

// FileRuleRoute is an entry of rule_routes: a monitor_rule_route row.
type FileRuleRoute struct {
	BuNo          string  `yaml:"bu_no"`
	InfoType      *int    `yaml:"info_type"`
	CountryNo     string  `yaml:"country_no"`
	RuleNo        string  `yaml:"rule_no"`
	Sort          *string `yaml:"sort"`
	Remark        *string `yaml:"remark"`
	NoDataWindows *int    `yaml:"nodata_windows"` // param1
	Enabled       *bool   `yaml:"enabled"`
}

// FileEscalation is a routing's escalation: level (param1), delay
// (param3) and repeat (param2) in seconds.
type FileEscalation struct {
	Level         int  `yaml:"level"`
	DelaySeconds  *int `yaml:"delay_seconds"`
	RepeatSeconds *int `yaml:"repeat_seconds"`
}

// FileRouting is an entry of routings: a monitor_routing row.
type FileRouting struct {
	RoutingNo   string          `yaml:"routing_no"`
	CountryNo   string          `yaml:"country_no"`
	CountryName string          `yaml:"country_name"`
	InfoType    *int            `yaml:"info_type"`
	ChannelNo   string          `yaml:"channel_no"`
	Sort        *string         `yaml:"sort"`
	Escalation  *FileEscalation `yaml:"escalation"`
	Enabled     *bool           `yaml:"enabled"`
}

// FileSilence is an entry of silences: a yujing_silence row. Matchers
// left out match everything ("*"). Times are RFC 3339.
type FileSilence struct {
	SilenceNo      string  `yaml:"silence_no"`
	InfoType       string  `yaml:"info_type"`
	CountryNo      string  `yaml:"country_no"`
	ChannelNo      string  `yaml:"channel_no"`
	RuleNo         string  `yaml:"rule_no"`
	Schedule       *string `yaml:"schedule"`
	StartsAt       *string `yaml:"starts_at"`
	EndsAt         *string `yaml:"ends_at"`
	NotifyResolved bool    `yaml:"notify_resolved"`
	Comment        *string `yaml:"comment"`
}

// LoadApplyFile reads and parses the file at path (see ParseApplyFile).
func LoadApplyFile(path string, env func(string) (string, bool)) (*ApplyFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ops: apply: %w", err)
	}
	return ParseApplyFile(path, data, env)
}

// ParseApplyFile parses a configuration file. An unknown key, a value of
// the wrong type and a detail {env: NAME} whose variable env (os.LookupEnv
// when nil) does not hold are refused with the line; the error names the
// variable, never a value. The rows are checked against the database and
// the engine by Apply.
func ParseApplyFile(name string, data []byte, env func(string) (string, bool)) (*ApplyFile, error) {
	if env == nil {
		env = os.LookupEnv
	}
	var doc fileDoc
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, fileError(name, yamlProblem(err))
	}
	if doc.Version != 0 && doc.Version != 1 {
		return nil, fileError(name, fmt.Sprintf("version %d: this yujing reads version 1", doc.Version))
	}
	f := &ApplyFile{Name: name, Owner: doc.Owner, Rules: doc.Rules, Templates: doc.Templates, CountryTemplates: doc.CountryTemplates,
		Channels: doc.Channels, RuleRoutes: doc.RuleRoutes, Routings: doc.Routings, Silences: doc.Silences}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err == nil {
		f.lines = entryLines(&root)
	}
	var problems []*Problem
	for i := range f.Channels {
		for _, key := range slices.Sorted(maps.Keys(f.Channels[i].Details)) {
			d := f.Channels[i].Details[key]
			if d.Env == "" {
				continue
			}
			v, ok := env(d.Env)
			if !ok {
				problems = append(problems, f.problem("channels", i, f.Channels[i].ChannelNo, "monitor_channel_detail", "data_value",
					fmt.Sprintf("detail %s: environment variable %s is not set", key, d.Env)))
				continue
			}
			d.Value, d.secret = v, true
			f.Channels[i].Details[key] = d
		}
	}
	return f, joinProblems(problems)
}

// entryLines maps each top-level section to the line of each entry.
func entryLines(root *yaml.Node) map[string][]int {
	out := map[string][]int{}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return out
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		for _, item := range m.Content[i+1].Content {
			out[m.Content[i].Value] = append(out[m.Content[i].Value], item.Line)
		}
	}
	return out
}

// unknownField is the decoder's words for an unknown key.
var unknownField = regexp.MustCompile(`: field (\S+) not found in type `)

// typeName turns the decoder's Go type names into the file's sections.
var typeName = regexp.MustCompile(`in type ops\.(\w+)`)

var sectionOf = map[string]string{"fileDoc": "the file", "FileRule": "rules", "FileTemplate": "templates", "FileText": "a template's en or zh",
	"FileCountryTemplate": "country_templates", "FileChannel": "channels", "FileRuleRoute": "rule_routes",
	"FileEscalation": "a routing's escalation", "FileRouting": "routings", "FileSilence": "silences"}

// yamlProblem rewrites the decoder's error in the file's words: "line 7:
// unknown key "thresold" in rules".
func yamlProblem(err error) string {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return strings.TrimPrefix(err.Error(), "yaml: ")
	}
	msgs := make([]string, len(te.Errors))
	for i, m := range te.Errors {
		m = unknownField.ReplaceAllString(m, `: unknown key "$1" in type `)
		m = typeName.ReplaceAllStringFunc(m, func(s string) string { return "in " + sectionOf[typeName.FindStringSubmatch(s)[1]] })
		msgs[i] = m
	}
	return strings.Join(msgs, "; ")
}
