package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// historyFlags are the filters of yujing history.
type historyFlags struct {
	scene, channelType                              int
	status, kind, country, channel, from, to, after string
	since                                           time.Duration
	limit                                           int
}

func newHistoryCmd(a *app) *cobra.Command {
	var hf historyFlags
	c := &cobra.Command{
		Use:   "history",
		Short: "List alerts, pending and archived, newest first, with each channel's outcome (paged with --after)",
		Long: `history lists the alerts of monitor_send_log and monitor_send_log_hist
together, newest first by send slot, with each channel's outcome, attempts
and last answer. The range is --from/--to (RFC 3339) or the last --since
(24h by default). The last line names the cursor of the next page: pass it
to --after.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := hf.filter(cmd, a.now())
			if err != nil {
				return err
			}
			engine, db, err := a.engine(cmd.Context())
			if err != nil {
				return err
			}
			page, err := ops.New(engine, db, ops.WithClock(a.now)).History(cmd.Context(), f)
			if err != nil {
				return err
			}
			if a.isJSON() {
				return a.writeJSON(historyJSONOf(page))
			}
			return a.historyTable(page)
		},
	}
	fl := c.Flags()
	fl.IntVar(&hf.scene, "scene", 0, "only this scene (info_type)")
	fl.StringVar(&hf.country, "country", "", "only this country, e.g. PH")
	fl.StringVar(&hf.channel, "channel", "", "only alerts to this channel (channel_no)")
	fl.IntVar(&hf.channelType, "channel-type", 0, "only alerts to channels of this type (0 WeCom, 1 email, 2 DingTalk, 3 Slack, 4 Feishu, 5 webhook)")
	fl.StringVar(&hf.status, "status", "", "only this status: waiting, sent, failed, muted (or 0-3)")
	fl.StringVar(&hf.kind, "kind", "", "only this kind: alert, firing, repeat, resolved, recovered, no-data, escalated, unmuted (or 0-7)")
	fl.StringVar(&hf.from, "from", "", "send slots from this time (RFC 3339)")
	fl.StringVar(&hf.to, "to", "", "send slots before this time (RFC 3339)")
	fl.DurationVar(&hf.since, "since", ops.DefaultHistoryRange, "without --from: this long before --to (or now)")
	fl.StringVar(&hf.after, "after", "", "the cursor a page printed: the next page")
	fl.IntVar(&hf.limit, "limit", ops.DefaultHistoryLimit, fmt.Sprintf("at most this many (1 to %d)", ops.MaxHistoryLimit))
	return c
}

// filter reads the flags into the toolkit's filter.
func (hf *historyFlags) filter(cmd *cobra.Command, now time.Time) (ops.HistoryFilter, error) {
	if err := positive("limit", hf.limit); err != nil {
		return ops.HistoryFilter{}, err
	}
	f := ops.HistoryFilter{Country: strings.TrimSpace(hf.country), ChannelNo: strings.TrimSpace(hf.channel), After: hf.after, Limit: hf.limit}
	changed := cmd.Flags().Changed
	if changed("scene") {
		f.Scene = &hf.scene
	}
	if changed("channel-type") {
		f.ChannelType = &hf.channelType
	}
	var err error
	if changed("status") {
		if f.Status, err = parseSendStatus(hf.status); err != nil {
			return f, err
		}
	}
	if changed("kind") {
		if f.Kind, err = parseKind(hf.kind); err != nil {
			return f, err
		}
	}
	if hf.to != "" {
		if f.To, err = parseTime("to", hf.to); err != nil {
			return f, err
		}
	}
	if hf.from != "" {
		f.From, err = parseTime("from", hf.from)
		return f, err
	}
	if hf.since <= 0 {
		return f, usagef("--since %s: want a positive duration, e.g. 24h", hf.since)
	}
	end := f.To
	if end.IsZero() {
		end = now
	}
	f.From = end.Add(-hf.since)
	return f, nil
}

// historyTable prints a page and its cursor.
func (a *app) historyTable(page ops.HistoryPage) error {
	t := newTable(a.stdout, "SLOT", "SL_NO", "SCENE", "COUNTRY", "KIND", "STATUS", "ARCHIVED", "CHANNELS", "REASON")
	for _, e := range page.Entries {
		var chans []string
		for _, c := range e.Channels {
			s := fmt.Sprintf("%s:%s×%d", c.ChannelNo, c.Outcome, c.Attempts)
			if c.Answer != "" {
				s += "(" + c.Answer + ")"
			}
			chans = append(chans, s)
		}
		archived := "no"
		if e.Archived {
			archived = "yes"
		}
		t.row(fmtTime(&e.ExpectSendTime), e.SlNo, itoa(e.Scene), e.Country, e.Kind.String(), e.Status.String(), archived,
			strings.Join(chans, " "), e.Reason)
	}
	if err := t.flush(); err != nil {
		return err
	}
	if page.Next != "" {
		_, err := fmt.Fprintf(a.stdout, "next page: --after %s\n", page.Next)
		return err
	}
	_, err := fmt.Fprintln(a.stdout, "(last page)")
	return err
}

// sendStatusNames are the names --status takes, by code.
func sendStatusNames() []string { return []string{"waiting", "sent", "failed", "muted"} }

// parseSendStatus reads --status: a name or a code.
func parseSendStatus(v string) (*store.SendStatus, error) {
	names := sendStatusNames()
	i, ok := nameOrCode(v, names)
	if !ok {
		return nil, usagef("--status %q: want one of %s (or 0-%d)", v, strings.Join(names, ", "), len(names)-1)
	}
	return new(store.SendStatus(i)), nil
}

// kindNames are the names --kind takes, by code (store.MessageKind).
func kindNames() []string {
	return []string{"alert", "firing", "repeat", "resolved", "recovered", "no-data", "escalated", "unmuted"}
}

// parseKind reads --kind: a name or a code.
func parseKind(v string) (*store.MessageKind, error) {
	names := kindNames()
	i, ok := nameOrCode(v, names)
	if !ok {
		return nil, usagef("--kind %q: want one of %s (or 0-%d)", v, strings.Join(names, ", "), len(names)-1)
	}
	return new(store.MessageKind(i)), nil
}

// nameOrCode finds v among names (case, '_' and ' ' for '-' aside) or as
// a code that indexes them.
func nameOrCode(v string, names []string) (int, bool) {
	v = strings.NewReplacer("_", "-", " ", "-").Replace(strings.ToLower(strings.TrimSpace(v)))
	for i, n := range names {
		if v == n || v == strconv.Itoa(i) {
			return i, true
		}
	}
	return 0, false
}
