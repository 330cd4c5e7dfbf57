package store

import (
	"context"
	"time"
)

// The interfaces the alert engine works through, split the way the seed
// splits its scripts: the business side (the scene's data, records and
// reports) and the platform side (configuration, pending alerts and their
// history). One database may hold both sides (one DB serves as both), or
// two databases one side each.

// WindowStore tracks which windows of a scene are collected
// (monitor_hist_data).
type WindowStore interface {
	ClaimWindow(ctx context.Context, c WindowClaim) (bool, error)
	FinishWindow(ctx context.Context, owner string, now time.Time, h HistData) error
	ReleaseWindow(ctx context.Context, owner string, infoType int, begin, end time.Time) error
	Windows(ctx context.Context, infoType int, since time.Time) ([]HistData, error)
}

// RecordStore holds the per-country values and their way through the
// rules (monitor_record).
type RecordStore interface {
	InsertRecords(ctx context.Context, rows []Record) (int64, error)
	ClaimRecords(ctx context.Context, status RecordStatus, c ClaimRequest) ([]Record, error)
	FinishRecords(ctx context.Context, owner string, now time.Time, updates []RecordUpdate) (int64, error)
	ClaimedRecordIDs(ctx context.Context, status RecordStatus, owner string, until time.Time) (map[string]int64, error)
	ReleaseRecords(ctx context.Context, owner string, ids []int64) error
	RecordsByWindows(ctx context.Context, infoType int, countries []string, begins []time.Time) ([]Record, error)
	GetRecord(ctx context.Context, buNo string) (Record, error)
}

// ReportStore holds report scenes' detail rows and their uploads
// (monitor_basic_data, monitor_basic_data_item).
type ReportStore interface {
	BeginBasicData(ctx context.Context, bd *BasicData, owner string, now time.Time, lease time.Duration) (bool, error)
	InsertBasicDataItems(ctx context.Context, rows []BasicDataItem) (int64, error)
	CheckBasicDataItem(item *BasicDataItem) error
	EndBasicData(ctx context.Context, owner string, id int64, reason string, now time.Time) error
	ReleaseBasicData(ctx context.Context, owner string, id int64) error
	ClaimBasicData(ctx context.Context, c ClaimRequest) ([]BasicData, error)
	FinishBasicData(ctx context.Context, owner string, now time.Time, updates []BasicDataUpdate) (int64, error)
	BasicDataItems(ctx context.Context, groupNo string, afterID int64, limit int) ([]BasicDataItem, error)
	GetBasicData(ctx context.Context, groupNo string) (BasicData, error)
}

// Business is the business side of the schema (业务系统相关脚本).
type Business interface {
	WindowStore
	RecordStore
	ReportStore
}

// ConfigSource reads the enabled configuration.
type ConfigSource interface {
	LoadSnapshot(ctx context.Context) (*Snapshot, error)
	// ConfigVersion moves with every write of the configuration API (see
	// DB.ConfigVersion); an engine reloads when it does.
	ConfigVersion(ctx context.Context) (int64, error)
}

// SendLogStore holds pending alerts, their delivery and their history
// (monitor_send_log, monitor_send_log_hist).
type SendLogStore interface {
	EnqueueSendLogs(ctx context.Context, now time.Time, rows []SendLog) ([]EnqueueResult, error)
	ClaimSendLogs(ctx context.Context, c ClaimRequest) ([]SendLog, error)
	FinishSendLogs(ctx context.Context, owner string, now time.Time, updates []SendLogUpdate) (int64, error)
	ReleaseSendLogs(ctx context.Context, owner string, ids []int64) error
	ArchiveSendLogs(ctx context.Context, c ClaimRequest) (int64, error)
	// GetSendLog and GetSendLogHist find an alert by its sl_no (the SlNo
	// of the records it holds, the SlNo of an EnqueueResult): while it
	// waits or is sent, and once archived. GetSendLog fails with
	// ErrNotFound when the row has moved to the history.
	GetSendLog(ctx context.Context, slNo string) (SendLog, error)
	GetSendLogHist(ctx context.Context, slNo string) ([]SendLogHist, error)
}

// Platform is the platform side of the schema (预警平台相关脚本).
type Platform interface {
	ConfigSource
	SendLogStore
	RobotStore
	AlertStateStore
	SilenceStore
}

// Store is both sides of the schema in one store: what the alert engine
// needs when one database holds everything (alert.WithStore takes it). A
// *DB is a Store; a backend of another kind implements Store to run the
// engine on it, and passes the conformance suite in package storetest
// (storetest.Run).
type Store interface {
	Platform
	Business
}

var (
	_ Business = (*DB)(nil)
	_ Platform = (*DB)(nil)
	_ Store    = (*DB)(nil)
)
