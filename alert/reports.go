package alert

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/alert/report"
	"github.com/yujing-go/yujing/store"
)

// ReportRule is the rule_no recorded for the alert of an uploaded report.
const ReportRule = "REPORT"

// reportsStage makes and uploads the files of reports whose rows are
// written, and raises each report's alert (a record in status 3 that the
// record stage sends like any other).
type reportsStage struct {
	*env
	uploader report.Uploader // nil: no report scenes
	cat      *catalog
	retry    retryPolicy
}

func (s *reportsStage) timing(r *TickResult) *time.Duration { return &r.Reports.Duration }
func (s *reportsStage) name() string                        { return "reports" }

func (s *reportsStage) run(ctx context.Context, ts *tickState) error {
	if s.uploader == nil {
		return nil
	}
	for range s.maxBatches {
		owner := s.owner()
		// Files are made one at a time: claim a few.
		bds, err := s.business.ClaimBasicData(ctx, s.claim(owner, ts.now, 4))
		if err != nil {
			return fmt.Errorf("reports: claim: %w", err)
		}
		if len(bds) == 0 {
			return nil
		}
		updates := make([]store.BasicDataUpdate, len(bds))
		for i := range bds {
			updates[i] = s.upload(ctx, ts.now, &bds[i], &ts.res.Reports)
		}
		if _, err := s.business.FinishBasicData(ctx, owner, ts.now, updates); err != nil {
			return fmt.Errorf("reports: %w", err)
		}
	}
	return nil
}

// uploadReport makes one report's file, uploads it, records its alert,
// and returns the report's new state.
func (e *reportsStage) upload(ctx context.Context, now time.Time, bd *store.BasicData, st *ReportStats) store.BasicDataUpdate {
	meta := e.cat.reportMeta(bd)
	log := e.log.With("scene", meta.Scene, "country", meta.CountryNo, "group_no", meta.GroupNo,
		"window", meta.Begin.Format(time.RFC3339)+"/"+meta.End.Format(time.RFC3339))
	st.Reports++
	url, size, sum, err := e.makeAndUpload(ctx, meta)
	if err == nil {
		err = e.raiseReportAlert(ctx, meta, bd, url, sum)
	}
	if err != nil {
		u := store.BasicDataUpdate{ID: bd.ID, Reason: err.Error()}
		left, at := e.retry.afterFailure(now, intOr(bd.RetryTime, store.DefaultRetries), 0)
		if at.IsZero() || errors.Is(err, report.ErrURLTooLong) || errors.Is(err, report.ErrBadKey) {
			u.Status = store.BasicDataFailed
			st.Failed++
			log.ErrorContext(ctx, "report failed", "err", err)
			return u
		}
		u.Status, u.RetryTime, u.RetryAt = store.BasicDataWaiting, &left, at
		st.Retrying++
		log.WarnContext(ctx, "report upload failed; retried", "retries_left", left, "err", err)
		return u
	}
	st.Uploaded++
	reason := str(bd.Reason)
	if len(sum.Problems) > 0 || sum.ProblemsOmitted > 0 {
		reason = joinReason(reason, fmt.Sprintf("%d row(s) with problems, first: %s", len(sum.Problems)+sum.ProblemsOmitted, sum.Problems[0]))
		log.WarnContext(ctx, "report rows with problems", "count", len(sum.Problems)+sum.ProblemsOmitted, "first", sum.Problems[0].String())
	}
	log.InfoContext(ctx, "report uploaded", "rows", sum.Rows, "bytes", size, "url", url)
	return store.BasicDataUpdate{ID: bd.ID, Status: store.BasicDataUploaded, FileURL: &url, FileSize: &size, Reason: reason}
}

func joinReason(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// makeAndUpload streams the report's rows from the store into a temporary
// .xlsx and uploads it.
func (e *reportsStage) makeAndUpload(ctx context.Context, meta report.Meta) (url string, size int64, sum report.Summary, err error) {
	f, err := os.CreateTemp("", "yujing-report-*.xlsx")
	if err != nil {
		return "", 0, sum, fmt.Errorf("temporary file: %w", err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	sum, err = report.Write(ctx, f, meta, e.reportRows(ctx, meta.GroupNo))
	if err != nil {
		return "", 0, sum, fmt.Errorf("write %s: %w", report.FileName(meta), err)
	}
	if size, err = f.Seek(0, 2); err != nil {
		return "", 0, sum, err
	}
	url, err = e.uploader.Upload(ctx, report.ObjectKey(meta), f, size, report.ContentType)
	if err != nil {
		return "", 0, sum, fmt.Errorf("upload %s: %w", report.FileName(meta), err)
	}
	return url, size, sum, nil
}

// reportRows pages a report's rows out of the store.
func (e *reportsStage) reportRows(ctx context.Context, groupNo string) iter.Seq2[report.Row, error] {
	return func(yield func(report.Row, error) bool) {
		var after int64
		for {
			page, err := e.business.BasicDataItems(ctx, groupNo, after, itemBatch)
			if err != nil {
				yield(report.Row{}, err)
				return
			}
			for _, it := range page {
				r := report.Row{CaseID: str(it.CaseID), ExternalNo: str(it.ExternalNo)}
				if it.RepaymentMoney != nil {
					r.Due = *it.RepaymentMoney
				}
				if it.PracticalRepaymentMoney != nil {
					r.Paid = *it.PracticalRepaymentMoney
				}
				if !yield(r, nil) {
					return
				}
			}
			if len(page) < itemBatch {
				return
			}
			after = page[len(page)-1].ID
		}
	}
}

// raiseReportAlert records the alert of an uploaded report (status 3, rule
// REPORT), once per report: its values are the report's group_no (the
// link and the file are looked up when it is sent), rows and totals.
func (e *reportsStage) raiseReportAlert(ctx context.Context, meta report.Meta, bd *store.BasicData, url string, sum report.Summary) error {
	vars := map[string]any{
		reportVar:  meta.GroupNo,
		"rows":     sum.Rows,
		"due":      sum.Due.StringFixed(2),
		"paid":     sum.Paid.StringFixed(2),
		"problems": len(sum.Problems) + sum.ProblemsOmitted,
		"file":     report.FileName(meta),
	}
	rate := 0.0
	if !sum.Due.IsZero() {
		rate = sum.Paid.Div(sum.Due).InexactFloat64()
	}
	content, err := sampleContent(int64(sum.Rows), int64(sum.Rows), rate, vars)
	if err != nil {
		return err
	}
	rec := store.Record{InfoType: new(meta.InfoType), CountryNo: new(meta.CountryNo), BeginTime: new(meta.Begin), EndTime: new(meta.End),
		Content: &content, CompareVal: new(decimal.NewFromFloat(rate).StringFixed(4)), Status: new(store.RecordAlert),
		Reason: new("report " + meta.GroupNo + " uploaded: " + url)}
	rec.SetRuleNo(ReportRule)
	if _, err := e.business.InsertRecords(ctx, []store.Record{rec}); err != nil {
		return fmt.Errorf("record the report's alert: %w", err)
	}
	return nil
}

// reportVar is the extra value that ties an alert to its report.
const reportVar = "report_group"
