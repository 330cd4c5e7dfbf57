package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
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
	return db, nil
}

// driverLogger passes the MySQL driver's messages (a dropped connection,
// say) to the store's logger at debug level.
type driverLogger struct{ log *slog.Logger }

func (l driverLogger) Print(v ...any) { l.log.Debug("mysql driver", "msg", fmt.Sprint(v...)) }
