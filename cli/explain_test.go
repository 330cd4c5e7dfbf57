package cli

import (
	"os"
	"strings"
	"testing"
)

// explainDoc is the part of yujing explain's JSON the test reads.
type explainDoc struct {
	Code   string `json:"code"`
	Found  string `json:"found"`
	Record *struct {
		BuNo   string            `json:"bu_no"`
		Values map[string]string `json:"values"`
	} `json:"record"`
	Rules *struct {
		Agrees      bool `json:"agrees"`
		Evaluations []struct {
			RuleNo string `json:"rule_no"`
			Fired  bool   `json:"fired"`
		} `json:"evaluations"`
	} `json:"rules"`
	Alert *struct {
		SlNo     string `json:"sl_no"`
		Archived bool   `json:"archived"`
		Channels []struct {
			Answer string `json:"answer"`
		} `json:"channels"`
	} `json:"alert"`
	Routes []struct {
		ChannelNo string `json:"channel_no"`
		Gets      bool   `json:"gets"`
	} `json:"routes"`
}

// TestExplainCommand: an archived failed alert explained in text and JSON
// by its sl_no and its record's bu_no, with the answer and no secret; a
// missing code exits 4.
func TestExplainCommand(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		b.migrated(t)
		slNo := seedAlerts(t, b)
		var doc explainDoc
		decode(t, must(t, b.args("explain", slNo, "-o", "json")...), &doc)
		if doc.Found != "alert" || doc.Record == nil || doc.Rules == nil || !doc.Rules.Agrees || len(doc.Rules.Evaluations) != 1 ||
			!doc.Rules.Evaluations[0].Fired || doc.Alert == nil || !doc.Alert.Archived || doc.Alert.Channels[0].Answer != "HTTP 400" ||
			len(doc.Routes) != 1 || doc.Routes[0].ChannelNo != "CH-BAD" || !doc.Routes[0].Gets {
			t.Fatalf("explain %s: %+v", slNo, doc)
		}
		text := must(t, b.args("explain", doc.Record.BuNo)...)
		for _, want := range []string{"record " + doc.Record.BuNo, "== Rules", "rule R-LOW", "fired", "== Template", "MD-1",
			"== Send slot", "sl_no " + slNo, "== Routing", "CH-BAD", "== Channels", "answer HTTP 400"} {
			if !strings.Contains(text.stdout, want) {
				t.Errorf("the text does not say %q:\n%s", want, text.stdout)
			}
		}
		if os.Getenv("YUJING_SHOW_EXPLAIN") != "" {
			t.Log("\n" + text.stdout)
		}
		for _, out := range []string{text.stdout, text.stderr} {
			if strings.Contains(out, hookToken) || strings.Contains(out, hookSecret) {
				t.Errorf("explain shows a secret:\n%s", out)
			}
		}
		yujing(t, b.args("explain", "NO-SUCH-CODE")...).want(t, exitNotFound, "NO-SUCH-CODE")
		yujing(t, b.args("explain")...).want(t, exitUsage)
	})
}
