package alert

import (
	"context"
	"fmt"
	"time"
)

// archiveStage moves finished alerts whose archive time has come to
// monitor_send_log_hist.
type archiveStage struct {
	*env
}

func (s *archiveStage) timing(r *TickResult) *time.Duration { return &r.Archive.Duration }
func (s *archiveStage) name() string                        { return "archive" }

func (s *archiveStage) run(ctx context.Context, ts *tickState) error {
	return s.drain(ctx, func() (int, error) {
		n, err := s.platform.ArchiveSendLogs(ctx, s.claim(s.owner(), ts.now, s.batch))
		if err != nil {
			return 0, fmt.Errorf("archive: %w", err)
		}
		ts.res.Archive.Moved += int(n)
		return int(n), nil
	})
}
