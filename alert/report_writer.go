package alert

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

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

// itemBatch is how many detail rows are written per statement.
const itemBatch = 1000

// reportWriter writes the detail rows of report scenes' windows, for the
// collect stage.
type reportWriter struct {
	*env
	scenes []scene.ReportScene
}

// collectReportWindow writes the reports of one claimed window, one per
// country, then marks the window collected.
func (e *reportWriter) collectWindow(ctx context.Context, ts *tickState, rs scene.ReportScene, w scene.Window, owner string) error {
	now := ts.now
	countries, err := safeCountries(ctx, rs, w)
	if err != nil {
		return err
	}
	total := 0
	for _, c := range countries {
		n, err := e.write(ctx, now, rs, w, c)
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
	ts.res.Collect.Windows++
	e.log.InfoContext(ctx, "report window collected", "scene", rs.Name(), "info_type", rs.InfoType(), "window", w.String(),
		"countries", len(countries), "rows", total)
	return nil
}

// write writes one country's report rows. A row that does not fit its
// columns (an over-long case id, an amount with too many digits) is not
// stored: it is counted and named in the report's reason and the log,
// never dropped silently. It returns how many rows were stored.
func (e *reportWriter) write(ctx context.Context, now time.Time, rs scene.ReportScene, w scene.Window, c scene.Country) (int, error) {
	owner := e.owner()
	bd := &store.BasicData{CountryName: new(c.Name), BeginTime: new(w.Begin), EndTime: new(w.End), InfoType: new(rs.InfoType())}
	bd.SetCountryNo(c.No)
	ok, err := e.business.BeginBasicData(ctx, bd, owner, now, e.lease)
	if err != nil || !ok {
		return 0, err
	}
	items := &itemWriter{store: e.business, groupNo: bd.GroupNo, buf: make([]store.BasicDataItem, 0, itemBatch)}
	err = safeRows(ctx, rs, w, c, func(r scene.DetailRow) error { return items.emit(ctx, r) })
	if err == nil {
		err = items.flush(ctx)
	}
	if err != nil {
		e.release(ctx, "report", func(cx context.Context) error { return e.business.ReleaseBasicData(cx, owner, bd.ID) })
		return 0, err
	}
	reason := ""
	if items.rejected > 0 {
		reason = fmt.Sprintf("%d row(s) not stored, first: %s", items.rejected, items.firstReject)
		e.log.WarnContext(ctx, "report rows not stored", "scene", rs.Name(), "country", c.No, "window", w.String(),
			"group_no", str(bd.GroupNo), "rejected", items.rejected, "first", items.firstReject)
	}
	if err := e.business.EndBasicData(ctx, owner, bd.ID, reason, now); err != nil {
		return 0, err
	}
	return items.stored, nil
}

// itemWriter stores a report's detail rows in batches of itemBatch,
// counting the rows that do not fit their columns.
type itemWriter struct {
	store   store.ReportStore
	groupNo *string
	buf     []store.BasicDataItem

	row, stored, rejected int
	firstReject           string
}

// emit takes one row from the scene.
func (w *itemWriter) emit(ctx context.Context, r scene.DetailRow) error {
	w.row++
	item := store.BasicDataItem{GroupNo: w.groupNo, CaseID: new(r.CaseID), ExternalNo: new(r.ExternalNo),
		RepaymentMoney: new(r.RepaymentMoney), PracticalRepaymentMoney: new(r.PracticalRepaymentMoney)}
	if r.CaseID == "" {
		item.CaseID = nil // stored as NULL, reported as a problem in the file
	}
	if err := w.store.CheckBasicDataItem(&item); err != nil {
		w.rejected++
		if w.firstReject == "" {
			w.firstReject = fmt.Sprintf("row %d (case %q): %v", w.row, r.CaseID, err)
		}
		return nil
	}
	w.buf = append(w.buf, item)
	if len(w.buf) == itemBatch {
		return w.flush(ctx)
	}
	return nil
}

// flush stores the rows taken since the last flush.
func (w *itemWriter) flush(ctx context.Context) error {
	if len(w.buf) == 0 {
		return nil
	}
	if _, err := w.store.InsertBasicDataItems(ctx, w.buf); err != nil {
		return err
	}
	w.stored += len(w.buf)
	w.buf = w.buf[:0]
	return nil
}

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
