package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jmoiron/sqlx"
)

// OpenMySQL opens a store on MySQL 8, MariaDB 10.6+ or a MySQL-compatible
// database. Whatever the DSN says, the connection parses times as UTC
// (parseTime=true, loc=UTC, session time_zone '+00:00'), interpolates
// parameters client-side (one round trip a statement), and runs in strict
// SQL mode for the session, so that the server refuses what would not fit
// instead of truncating it (the store checks lengths itself as well). The
// pool recycles connections every 3 minutes. Call Migrate before use.
func OpenMySQL(ctx context.Context, dsn string, opts ...Option) (*DB, error) {
	cfg, err := mysql.ParseDSN(dsn)
	if err != nil {
		return nil, fmt.Errorf("open mysql: parse DSN: %w", err) // ParseDSN errors do not echo the password
	}
	cfg.ParseTime = true
	cfg.Loc = time.UTC
	cfg.InterpolateParams = true
	cfg.MultiStatements = false
	if cfg.Params == nil {
		cfg.Params = map[string]string{}
	}
	cfg.Params["time_zone"] = "'+00:00'"
	if _, ok := cfg.Params["sql_mode"]; !ok {
		cfg.Params["sql_mode"] = "CONCAT(@@sql_mode, ',STRICT_ALL_TABLES')"
	}
	db, err := newDB(nil, dialectMySQL, opts)
	if err != nil {
		return nil, err
	}
	cfg.Logger = driverLogger{log: db.log} // the driver's own messages go to the store's logger, not stderr
	connector, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, fmt.Errorf("open mysql: %w", err)
	}
	x := sqlx.NewDb(sql.OpenDB(connector), "mysql")
	db.x = x
	x.SetMaxOpenConns(32)
	x.SetMaxIdleConns(32)
	x.SetConnMaxLifetime(3 * time.Minute)
	if err := x.PingContext(ctx); err != nil {
		x.Close()
		return nil, fmt.Errorf("open mysql %s@%s/%s: %w", cfg.User, cfg.Addr, cfg.DBName, err)
	}
	var version string
	if err := x.GetContext(ctx, &version, "SELECT VERSION()"); err != nil {
		x.Close()
		return nil, fmt.Errorf("open mysql: %w", err)
	}
	db.skipLocked = !db.portable && hasSkipLocked(version)
	return db, nil
}

// hasSkipLocked reports whether a server of this VERSION() has SELECT …
// FOR UPDATE SKIP LOCKED: MySQL 8.0.1 and later, MariaDB 10.6 and later,
// not TiDB (whose version string also says 8.0).
func hasSkipLocked(version string) bool {
	if strings.Contains(version, "TiDB") {
		return false
	}
	var major, minor, patch int
	if _, err := fmt.Sscanf(version, "%d.%d.%d", &major, &minor, &patch); err != nil {
		return false
	}
	if strings.Contains(version, "MariaDB") {
		return major > 10 || major == 10 && minor >= 6
	}
	return major > 8 || major == 8 && (minor > 0 || patch >= 1)
}

// driverLogger passes the MySQL driver's messages (a dropped connection,
// say) to the store's logger at debug level.
type driverLogger struct{ log *slog.Logger }

func (l driverLogger) Print(v ...any) { l.log.Debug("mysql driver", "msg", fmt.Sprint(v...)) }
