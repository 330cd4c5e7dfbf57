package ops

import (
	"strings"
	"testing"

	"github.com/yujing-go/yujing/store"
)

// report takes every channel detail value long enough to be a secret out
// of the findings' messages, whatever check wrote them.
func TestReportRedactsDetailValues(t *testing.T) {
	const secret = "tok-never-printed-5e6f"
	c := &checker{snap: &store.Snapshot{ChannelDetails: []store.ChannelDetail{{DataKey: new("token"), DataValue: new(secret)},
		{DataKey: new("lang"), DataValue: new("zh")}}}}
	c.add(Finding{Severity: SeverityError, Check: CheckChannel, Message: "bad token " + secret + " in lang zh"})
	rep := c.report()
	if got := rep.Findings[0].Message; strings.Contains(got, secret) || !strings.Contains(got, "[REDACTED]") || !strings.Contains(got, "lang zh") {
		t.Fatalf("message %q", got)
	}
	if rep.Errors != 1 || rep.OK() {
		t.Fatalf("report %+v", rep)
	}
}
