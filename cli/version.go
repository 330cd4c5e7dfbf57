package cli

import (
	"context"
	"errors"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/go-sql-driver/mysql"
	"github.com/spf13/cobra"

	"github.com/yujing-go/yujing/store"
)

// versionInfo is the JSON of yujing version.
type versionInfo struct {
	Version       string  `json:"version"`        // the module version, or "devel"
	Go            string  `json:"go"`             // the Go version it was built with
	Database      *string `json:"database"`       // mysql or sqlite; null without a database
	SchemaVersion *int    `json:"schema_version"` // the highest migration applied (0: none); null without a database
}

func newVersionCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, the Go version and, given a database, its schema version",
		Long: `version prints the module version of this binary (or "devel" when it was
built from a working tree), the Go version it was built with, and, when
--dsn or --sqlite is given, the database's schema migration version (0 when
it was never migrated).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			info := versionInfo{Version: moduleVersion(), Go: runtime.Version()}
			db, err := a.open(cmd.Context(), dbOptional)
			if err != nil {
				return err
			}
			if db != nil {
				v, err := schemaVersion(cmd.Context(), db)
				if err != nil {
					return err
				}
				info.Database, info.SchemaVersion = new(db.Dialect()), &v
			}
			if a.isJSON() {
				return a.writeJSON(info)
			}
			t := newTable(a.stdout, "WHAT", "VERSION")
			t.row("yujing", info.Version)
			t.row("go", info.Go)
			if db != nil {
				t.row("schema ("+*info.Database+")", schemaText(*info.SchemaVersion))
			}
			return t.flush()
		},
	}
}

// moduleVersion is the version of the main module the binary was built
// from: v1.2.3 for go install …@v1.2.3, "devel" from a working tree.
func moduleVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Version == "" || bi.Main.Version == "(devel)" {
		return "devel"
	}
	return bi.Main.Version
}

func schemaText(v int) string {
	if v == 0 {
		return "0 (not migrated: run yujing migrate)"
	}
	return itoa(v)
}

// schemaVersion is the highest migration applied: 0 when the database has
// none (no version table yet).
func schemaVersion(ctx context.Context, db *store.DB) (int, error) {
	v, err := db.MigrationVersion(ctx)
	if err != nil && missingTable(err) {
		return 0, nil
	}
	return v, err
}

// missingTable reports whether err says a table does not exist (MySQL's
// 1146, SQLite's "no such table").
func missingTable(err error) bool {
	if me, ok := errors.AsType[*mysql.MySQLError](err); ok {
		return me.Number == 1146
	}
	return strings.Contains(err.Error(), "no such table")
}
