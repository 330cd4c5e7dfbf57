package alert

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"runtime/debug"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/alert/report"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// Report scenes (the seed's info_type 0, collections) hand over detail rows
// instead of a rate. For each due window and country the engine writes a
// monitor_basic_data row and its monitor_basic_data_item rows (in batches,
// never all in memory), then, in the reports stage, streams them into an
// .xlsx, uploads it under a key derived from the row (so a repeated upload
// overwrites the same object), stores file_url, and raises an alert for
// the report: its template's {link} is the URL, and email channels get the
// file attached when it is small enough.

// ReportRule is the rule_no recorded for the alert of an uploaded report.
const ReportRule = "REPORT"

// itemBatch is how many detail rows are written per statement.
const itemBatch = 1000

// collectReportWindow writes the reports of one claimed window, one per
// country, then marks the window collected.
func (e *Engine) collectReportWindow(ctx context.Context, now time.Time, rs scene.ReportScene, w scene.Window, owner string, st *CollectStats) error {
	countries, err := safeCountries(ctx, rs, w)
	if err != nil {
		return err
	}
	total := 0
	for _, c := range countries {
		n, err := e.writeReport(ctx, now, rs, w, c)
		if err != nil {
			return fmt.Errorf("report of %s: %w", c.No, err)
		}
		total += n
	}
	h := store.HistData{InfoType: new(rs.InfoType()), BeginTime: new(w.Begin), EndTime: new(w.End), Remark: new("report rows")}
	if total <= 1<<31-1 {
		h.NumeratorCount = new(total)
	}
	if err := e.business.FinishWindow(ctx, owner, now, h); err != nil {
		return fmt.Errorf("store window total: %w", err)
	}
	st.Windows++
	e.log.InfoContext(ctx, "report window collected", "scene", rs.Name(), "info_type", rs.InfoType(), "window", w.String(),
		"countries", len(countries), "rows", total)
	return nil
}

// writeReport writes one country's report rows. A row that does not fit
// its columns (an over-long case id, an amount with too many digits) is not
// stored: it is counted and named in the report's reason and the log, never
// dropped silently. It returns how many rows were stored.
func (e *Engine) writeReport(ctx context.Context, now time.Time, rs scene.ReportScene, w scene.Window, c scene.Country) (int, error) {
	owner := e.owner()
	bd := &store.BasicData{CountryName: new(c.Name), BeginTime: new(w.Begin), EndTime: new(w.End), InfoType: new(rs.InfoType())}
	bd.Param4 = new(c.No)
	ok, err := e.business.BeginBasicData(ctx, bd, owner, now, e.lease)
	if err != nil || !ok {
		return 0, err
	}
	buf := make([]store.BasicDataItem, 0, itemBatch)
	stored, rejected, row := 0, 0, 0
	var firstReject string
	flush := func() error {
		if len(buf) == 0 {
			return nil
		}
		if _, err := e.business.InsertBasicDataItems(ctx, buf); err != nil {
			return err
		}
		stored += len(buf)
		buf = buf[:0]
		return nil
	}
	emit := func(r scene.DetailRow) error {
		row++
		item := store.BasicDataItem{GroupNo: bd.GroupNo, CaseID: new(r.CaseID), ExternalNo: new(r.ExternalNo),
			RepaymentMoney: new(r.RepaymentMoney), PracticalRepaymentMoney: new(r.PracticalRepaymentMoney)}
		if r.CaseID == "" {
			item.CaseID = nil // stored as NULL, reported as a problem in the file
		}
		if err := e.business.CheckBasicDataItem(&item); err != nil {
			rejected++
			if firstReject == "" {
				firstReject = fmt.Sprintf("row %d (case %q): %v", row, r.CaseID, err)
			}
			return nil
		}
		buf = append(buf, item)
		if len(buf) == itemBatch {
			return flush()
		}
		return nil
	}
	err = safeRows(ctx, rs, w, c, emit)
	if err == nil {
		err = flush()
	}
	if err != nil {
		e.release(ctx, "report", func(cx context.Context) error { return e.business.ReleaseBasicData(cx, owner, bd.ID) })
		return 0, err
	}
	reason := ""
	if rejected > 0 {
		reason = fmt.Sprintf("%d row(s) not stored, first: %s", rejected, firstReject)
		e.log.WarnContext(ctx, "report rows not stored", "scene", rs.Name(), "country", c.No, "window", w.String(),
			"group_no", str(bd.GroupNo), "rejected", rejected, "first", firstReject)
	}
	if err := e.business.EndBasicData(ctx, owner, bd.ID, reason, now); err != nil {
		return 0, err
	}
	return stored, nil
}

// reportStage makes and uploads the files of reports whose rows are
// written, and raises each report's alert.
func (e *Engine) reportStage(ctx context.Context, now time.Time, st *ReportStats) error {
	if e.uploader == nil {
		return nil
	}
	for range e.maxBatches {
		owner := e.owner()
		// Files are made one at a time: claim a few.
		bds, err := e.business.ClaimBasicData(ctx, store.ClaimRequest{Owner: owner, Now: now, Lease: e.lease, Limit: 4})
		if err != nil {
			return fmt.Errorf("reports: claim: %w", err)
		}
		if len(bds) == 0 {
			return nil
		}
		updates := make([]store.BasicDataUpdate, len(bds))
		for i := range bds {
			updates[i] = e.uploadReport(ctx, now, &bds[i], st)
		}
		if _, err := e.business.FinishBasicData(ctx, owner, now, updates); err != nil {
			return fmt.Errorf("reports: %w", err)
		}
	}
	return nil
}

// uploadReport makes one report's file, uploads it, records its alert,
// and returns the report's new state.
func (e *Engine) uploadReport(ctx context.Context, now time.Time, bd *store.BasicData, st *ReportStats) store.BasicDataUpdate {
	meta := e.reportMeta(bd)
	log := e.log.With("scene", meta.Scene, "country", meta.CountryNo, "group_no", meta.GroupNo,
		"window", meta.Begin.Format(time.RFC3339)+"/"+meta.End.Format(time.RFC3339))
	st.Reports++
	url, size, sum, err := e.makeAndUpload(ctx, meta)
	if err == nil {
		err = e.raiseReportAlert(ctx, meta, bd, url, sum)
	}
	if err != nil {
		u := store.BasicDataUpdate{ID: bd.ID, Reason: err.Error()}
		left := intOr(bd.RetryTime, store.DefaultRetries)
		if left <= 0 || errors.Is(err, report.ErrURLTooLong) || errors.Is(err, report.ErrBadKey) {
			u.Status = store.BasicDataFailed
			st.Failed++
			log.ErrorContext(ctx, "report failed", "err", err)
			return u
		}
		left--
		u.Status, u.RetryTime, u.RetryAt = store.BasicDataWaiting, &left, now.Add(e.backoff.Delay(store.DefaultRetries-left))
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
func (e *Engine) makeAndUpload(ctx context.Context, meta report.Meta) (url string, size int64, sum report.Summary, err error) {
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
func (e *Engine) reportRows(ctx context.Context, groupNo string) iter.Seq2[report.Row, error] {
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

// reportMeta describes a report row for the report package.
func (e *Engine) reportMeta(bd *store.BasicData) report.Meta {
	countryNo := str(bd.Param4)
	if countryNo == "" {
		countryNo = str(bd.CountryName)
	}
	m := report.Meta{Scene: e.sceneName(intOr(bd.InfoType, 0)), InfoType: intOr(bd.InfoType, 0), Country: str(bd.CountryName),
		CountryNo: countryNo, Location: e.zone(countryNo), GroupNo: str(bd.GroupNo)}
	if bd.BeginTime != nil {
		m.Begin = bd.BeginTime.UTC()
	}
	if bd.EndTime != nil {
		m.End = bd.EndTime.UTC()
	}
	return m
}

// raiseReportAlert records the alert of an uploaded report (status 3, rule
// REPORT), once per report: its values are the report's group_no (the
// link and the file are looked up when it is sent), rows and totals.
func (e *Engine) raiseReportAlert(ctx context.Context, meta report.Meta, bd *store.BasicData, url string, sum report.Summary) error {
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
	rec.Param5 = new(ReportRule)
	if _, err := e.business.InsertRecords(ctx, []store.Record{rec}); err != nil {
		return fmt.Errorf("record the report's alert: %w", err)
	}
	return nil
}

// reportVar is the extra value that ties an alert to its report.
const reportVar = "report_group"

// safeCountries and safeRows call a report scene, turning a panic into an
// error.
func safeCountries(ctx context.Context, rs scene.ReportScene, w scene.Window) (out []scene.Country, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("report scene Countries panicked: %v\n%s", p, debug.Stack())
		}
	}()
	return rs.Countries(ctx, w)
}

func safeRows(ctx context.Context, rs scene.ReportScene, w scene.Window, c scene.Country, emit func(scene.DetailRow) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("report scene Rows panicked: %v\n%s", p, debug.Stack())
		}
	}()
	return rs.Rows(ctx, w, c, emit)
}
