package alert

import (
	"context"
	"fmt"
	"time"

	"github.com/yujing-go/yujing/store"
)

// archiveStage moves finished alerts whose archive time has come to
// monitor_send_log_hist.
func (e *Engine) archiveStage(ctx context.Context, now time.Time, st *ArchiveStats) error {
	for range e.maxBatches {
		n, err := e.platform.ArchiveSendLogs(ctx, store.ClaimRequest{Owner: e.owner(), Now: now, Lease: e.lease, Limit: e.batch})
		if err != nil {
			return fmt.Errorf("archive: %w", err)
		}
		st.Moved += int(n)
		if int(n) < e.batch {
			return nil
		}
	}
	return nil
}
