package alert_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/alert/report"
	"github.com/yujing-go/yujing/internal/smtptest"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

const collectionsScene = 0

// collections is a report scene: PH has a few rows (one of each kind of
// problem), ID has 2,500 ordinary rows.
type collections struct{}

func (collections) InfoType() int         { return collectionsScene }
func (collections) Name() string          { return "Collections" }
func (collections) Window() time.Duration { return time.Hour }
func (collections) Countries(context.Context, scene.Window) ([]scene.Country, error) {
	return []scene.Country{{No: "PH", Name: "Philippines"}, {No: "ID", Name: "Indonesia"}}, nil
}

func (collections) Rows(_ context.Context, w scene.Window, c scene.Country, emit func(scene.DetailRow) error) error {
	d := decimal.RequireFromString
	if c.No == "PH" {
		for _, r := range []scene.DetailRow{
			{CaseID: "PH-1", ExternalNo: "EXT-1", RepaymentMoney: d("12345678901.12345678"), PracticalRepaymentMoney: d("0.5")},
			{CaseID: "PH-2", ExternalNo: "EXT-2", RepaymentMoney: d("-3.25"), PracticalRepaymentMoney: d("0")},       // negative: reported
			{CaseID: "", ExternalNo: "EXT-3", RepaymentMoney: d("10"), PracticalRepaymentMoney: d("10")},             // no case id: reported
			{CaseID: strings.Repeat("X", 40), RepaymentMoney: d("1"), PracticalRepaymentMoney: d("1")},               // cannot be stored: reported
			{CaseID: "PH-5", ExternalNo: "EXT-5", RepaymentMoney: d("1.123456789"), PracticalRepaymentMoney: d("1")}, // too many places: reported
		} {
			if err := emit(r); err != nil {
				return err
			}
		}
		return nil
	}
	for i := range 2500 {
		if err := emit(scene.DetailRow{CaseID: fmt.Sprintf("ID-%d", i), ExternalNo: "E", RepaymentMoney: d("100.00000001"),
			PracticalRepaymentMoney: d("50")}); err != nil {
			return err
		}
	}
	return nil
}

// flakyUploader fails its first n uploads.
type flakyUploader struct {
	report.Uploader
	fail    atomic.Int32
	uploads atomic.Int32
}

func (u *flakyUploader) Upload(ctx context.Context, key string, body io.ReadSeeker, size int64, ct string) (string, error) {
	u.uploads.Add(1)
	if u.fail.Load() > 0 {
		u.fail.Add(-1)
		return "", errors.New("storage unavailable")
	}
	return u.Uploader.Upload(ctx, key, body, size, ct)
}

type reportFixture struct {
	*fixture
	dir  string
	up   *flakyUploader
	mail *smtptest.Server
}

func newReportFixture(t *testing.T) *reportFixture {
	dir := t.TempDir()
	local, err := report.NewLocalDir(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	up := &flakyUploader{Uploader: local}
	f := newFixture(t, testdb.SQLite, alert.WithReportScenes(collections{}), alert.WithReportUploader(up), alert.WithMaxMissedWindows(1))
	rf := &reportFixture{fixture: f, dir: dir, up: up, mail: smtptest.Start(t, smtptest.Options{})}
	ctx := context.Background()
	cfg := f.engine.Config(f.db)
	tpl, err := cfg.CreateTemplate(ctx, store.Template{Title: new("Collections"), InfoType: new(collectionsScene), SendType: new(store.SendRealtime),
		Content: new("Collections {country_name} {window}: {vars.rows} rows, due {vars.due}, paid {vars.paid}, {vars.problems} problem(s): {link}")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("*"), ModNo: tpl.ModNo, InfoType: new(collectionsScene)}); err != nil {
		t.Fatal(err)
	}
	hook := f.addWebhook("CH-HOOK", "/reports")
	mail, err := cfg.CreateChannel(ctx, store.Channel{ChannelNo: new("CH-MAIL"), Type: new(store.ChannelEmail)}, []store.ChannelDetail{
		{DataKey: new("host"), DataValue: new(rf.mail.Host)}, {DataKey: new("port"), DataValue: new(rf.mail.Port)},
		{DataKey: new("tls"), DataValue: new("none")}, {DataKey: new("from"), DataValue: new("alerts@example.com")},
		{DataKey: new("to"), DataValue: new("collections@example.com")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range []string{hook, *mail.ChannelNo} {
		if _, err := cfg.CreateRouting(ctx, store.Routing{CountryNo: "*", CountryName: "all", InfoType: new(collectionsScene), ChannelNo: new(ch)}); err != nil {
			t.Fatal(err)
		}
	}
	f.scene.countries = nil // only the report scene has data
	f.clock.Set(t0.Add(61 * time.Minute))
	return rf
}

func (rf *reportFixture) reports() map[string]store.BasicData {
	var rows []store.BasicData
	if err := rf.db.Select(context.Background(), &rows, "ORDER BY `id`"); err != nil {
		rf.t.Fatal(err)
	}
	out := map[string]store.BasicData{}
	for _, r := range rows {
		out[*r.Param4] = r
	}
	return out
}

// TestReportEndToEnd: a collections window becomes one Excel file per
// country in the local directory, with exact amounts and a totals row;
// bad rows are reported, not dropped; the alert carries the link (webhook)
// and the file (email).
func TestReportEndToEnd(t *testing.T) {
	rf := newReportFixture(t)
	res := rf.tick()
	if res.Collect.Windows != 2 || res.Reports.Uploaded != 2 || res.Send.Sent != 2 { // the SMS window (no data) and the report window
		t.Fatalf("tick: collect %+v reports %+v send %+v", res.Collect, res.Reports, res.Send)
	}
	reps := rf.reports()
	ph, id := reps["PH"], reps["ID"]
	for _, r := range []store.BasicData{ph, id} {
		if *r.Status != store.BasicDataUploaded || r.FileURL == nil || !strings.HasPrefix(*r.FileURL, "file://") || r.Param3 == nil {
			t.Fatalf("report %s: status %d url %v", *r.CountryName, *r.Status, r.FileURL)
		}
	}
	if !strings.Contains(str(ph.Reason), "2 row(s) not stored") || !strings.Contains(str(ph.Reason), "case_id") ||
		!strings.Contains(str(ph.Reason), "row(s) with problems") {
		t.Errorf("PH reason %q", str(ph.Reason))
	}
	// The file: exact amounts, the problems written as they came, totals.
	u, _ := url.Parse(*ph.FileURL)
	x, err := excelize.OpenFile(u.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(x.GetSheetName(0), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	text := fmt.Sprint(rows)
	for _, want := range []string{"12345678901.12345678", "-3.25", "EXT-3", "12345678907.87345678"} {
		if !strings.Contains(text, want) {
			t.Errorf("PH file lacks %s: %v", want, rows)
		}
	}
	if strings.Contains(text, strings.Repeat("X", 40)) || strings.Contains(text, "1.123456789") {
		t.Error("a row that could not be stored is in the file")
	}
	// The alerts.
	got := rf.recv.Got()
	if len(got) != 2 {
		t.Fatalf("%d webhook alerts", len(got))
	}
	for _, g := range got {
		txt := g.Payload.English.Text
		if !strings.Contains(txt, "file://") || len(g.Payload.Links) != 1 || !strings.HasPrefix(g.Payload.Links[0].URL, "file://") {
			t.Errorf("webhook alert without the link: %q %v", txt, g.Payload.Links)
		}
		if g.Payload.Labels["country"] == "ID" && !strings.Contains(txt, "2500 rows, due 250000.00, paid 125000.00, 0 problem(s)") {
			t.Errorf("ID alert %q", txt)
		}
	}
	mails := rf.mail.Received()
	if len(mails) != 2 {
		t.Fatalf("%d emails", len(mails))
	}
	for _, m := range mails {
		if !strings.Contains(string(m.Data), "Content-Disposition: attachment") || !strings.Contains(string(m.Data), ".xlsx") {
			t.Errorf("email without the report attached:\n%.600s", m.Data)
		}
	}
	var recs []store.Record
	if err := rf.db.Select(context.Background(), &recs, "WHERE `info_type` = ?", collectionsScene); err != nil || len(recs) != 2 {
		t.Fatalf("report alerts: %d %v", len(recs), err)
	}
	for _, r := range recs {
		if *r.Status != store.RecordRecorded || str(r.Param5) != alert.ReportRule {
			t.Errorf("report record: status %d rule %q reason %q", *r.Status, str(r.Param5), str(r.Reason))
		}
	}
	// Nothing is collected twice.
	if res := rf.tick(); res.Collect.Windows != 0 || res.Reports.Reports != 0 || res.Send.Alerts != 0 {
		t.Fatalf("second tick: %+v %+v %+v", res.Collect, res.Reports, res.Send)
	}
}

// TestReportUploadRetries: a failed upload counts retry_time down and is
// retried after a backoff; one that keeps failing ends in status 2 with the
// reason.
func TestReportUploadRetries(t *testing.T) {
	rf := newReportFixture(t)
	rf.up.fail.Store(5) // both reports fail twice; the first claimed fails its third and last attempt too, the other then succeeds
	for range 6 {
		rf.tick()
		rf.clock.Advance(6 * time.Minute)
	}
	reps := rf.reports()
	var failed, uploaded int
	for _, r := range reps {
		switch *r.Status {
		case store.BasicDataFailed:
			failed++
			if *r.RetryTime != 0 || !strings.Contains(str(r.Reason), "storage unavailable") {
				t.Errorf("failed report: retries %d reason %q", *r.RetryTime, str(r.Reason))
			}
		case store.BasicDataUploaded:
			uploaded++
		}
	}
	if rf.up.uploads.Load() != 5+1 || failed != 1 || uploaded != 1 {
		t.Fatalf("%d upload attempts, %d failed, %d uploaded", rf.up.uploads.Load(), failed, uploaded)
	}
}

// TestReportCrashBetweenUploadAndUpdate: a host that uploaded a report and
// died before recording it leaves the report to another host, which
// uploads it again under the same key: one file, not two.
func TestReportCrashBetweenUploadAndUpdate(t *testing.T) {
	rf := newReportFixture(t)
	ctx := context.Background()
	// Collect only (the uploader fails so nothing is uploaded yet).
	rf.up.fail.Store(2)
	rf.tick()
	// The dead host claims the reports again after the backoff and uploads them, then dies.
	rf.clock.Advance(5 * time.Minute)
	claimed, err := rf.db.ClaimBasicData(ctx, store.ClaimRequest{Owner: "dead", Now: rf.clock.Now(), Lease: 2 * time.Minute, Limit: 5})
	if err != nil || len(claimed) != 2 {
		t.Fatalf("dead host's claim: %d %v", len(claimed), err)
	}
	for _, bd := range claimed {
		meta := report.Meta{InfoType: collectionsScene, Country: *bd.CountryName, CountryNo: *bd.Param4, Begin: bd.BeginTime.UTC(),
			End: bd.EndTime.UTC(), GroupNo: *bd.GroupNo}
		if _, err := rf.up.Uploader.Upload(ctx, report.ObjectKey(meta), strings.NewReader("partial"), 7, report.ContentType); err != nil {
			t.Fatal(err)
		}
	}
	if res := rf.tick(); res.Reports.Reports != 0 {
		t.Fatalf("reports under a live claim were made again: %+v", res.Reports)
	}
	rf.clock.Advance(3 * time.Minute)
	if res := rf.tick(); res.Reports.Uploaded != 2 {
		t.Fatalf("after the lease: %+v", res.Reports)
	}
	var files []string
	_ = filepath.WalkDir(rf.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) != 2 {
		t.Fatalf("files %v, want one per report", files)
	}
	for _, p := range files {
		if b, _ := os.ReadFile(p); string(b) == "partial" {
			t.Errorf("%s still holds the dead host's upload", p)
		}
	}
}
