package cli

import "github.com/spf13/cobra"

// migrateResult is the JSON of yujing migrate.
type migrateResult struct {
	Database string `json:"database"` // mysql or sqlite
	Before   int    `json:"before"`   // the schema version before (0: never migrated)
	After    int    `json:"after"`    // and after
}

func newMigrateCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Bring the database's schema up to date",
		Long: `migrate creates the tables yujing needs (or finds them, on a database made
from the seed's schema) and applies the migrations not yet applied, then
prints the schema version before and after. It is idempotent, and safe
while engines run or another migrate runs at the same moment.

With --sqlite, a missing file is created.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			db, err := a.open(ctx, dbCreate)
			if err != nil {
				return err
			}
			res := migrateResult{Database: db.Dialect()}
			if res.Before, err = schemaVersion(ctx, db); err != nil {
				return err
			}
			if err := db.Migrate(ctx); err != nil {
				return err
			}
			if res.After, err = schemaVersion(ctx, db); err != nil {
				return err
			}
			if a.isJSON() {
				return a.writeJSON(res)
			}
			t := newTable(a.stdout, "DATABASE", "BEFORE", "AFTER", "RESULT")
			note := "up to date"
			if res.After != res.Before {
				note = "migrated"
			}
			t.row(res.Database, itoa(res.Before), itoa(res.After), note)
			return t.flush()
		},
	}
}
