// Package cli is the operator's command line of the yujing alerting
// library: configuration checks and config as code, silences and
// maintenance windows, acknowledgements, the alert states and the audit, on
// the database the engines share. The yujing binary (cmd/yujing) is this
// package with no options; a host mounts the same commands in its own
// binary with its own scenes, CEL functions and channel types:
//
//	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr,
//	    cli.WithEngineOptions(alert.WithScenes(sms), alert.WithRuleOptions(myFuncs)))
//
// or adds cli.Command(…) under its own cobra root. Install the plain binary
// with
//
//	go install github.com/yujing-go/yujing/cmd/yujing@latest
//
// Every command takes the database as --dsn (MySQL/MariaDB, e.g.
// 'ops:password@tcp(db.example.com:3306)/alerts') or --sqlite PATH, exactly
// one; a DSN's password is never printed, not even in an error. Output is
// a table by default and one JSON document with -o json (field names in
// snake_case, every field present, null when unset; times in RFC 3339,
// UTC).
//
// # Commands
//
//	yujing version                 module and Go version; the schema version with a database
//	yujing migrate                 brings the schema up to date (creates a missing --sqlite file)
//	yujing apply -f FILE           applies a YAML configuration file (--dry-run: the plan only; --prune, --owner, --by)
//	yujing silence add             a one-off silence (--until, --from) or a maintenance window (--schedule)
//	yujing silence list [--all]    the silences, newest first (--all: expired ones too)
//	yujing silence expire CODE     ends a silence now
//	yujing channel list            the channels, secrets masked, and whether each builds
//	yujing channel test CODE       sends a real test message (--lang, --by) and classifies the answer
//	yujing ack                     acknowledges a firing scene × country (--scene, --country, --by, --until)
//	yujing state                   the alert states (--scene, --country, --state, paged with --limit, --after)
//	yujing events                  the audit: configuration changes, silences created and expired, acknowledgements
//	yujing history                 alerts, pending and archived, with each channel's outcome (filters; paged with --after)
//	yujing explain CODE            the whole path of a record (bu_no) or alert (sl_no)
//	yujing check                   lints the configuration with the engine's checks (exit 3 on an error finding)
//	yujing template render         renders a template text with sample values (no database), or a saved
//	                               template (--mod, --value, --kind) in both languages as the engine sends it
//	yujing rule test               tries a draft rule over the last --days of stored windows
//	yujing backtest                replays a rule (--rule, or a draft --expr) over stored windows: fires, sends, differences
//
// For example:
//
//	yujing migrate --sqlite alerts.db
//	yujing silence add --sqlite alerts.db --scene 1 --country PH --schedule "SUN 02:00-04:00" \
//	    --comment "provider maintenance" --by ops-lead
//	yujing state --sqlite alerts.db --state firing
//	yujing ack --sqlite alerts.db --scene 1 --country PH --by maria
//	yujing events --sqlite alerts.db -o json
//	yujing history --sqlite alerts.db --scene 1 --country PH --status failed --since 24h
//	yujing explain --sqlite alerts.db SL01M85E8FH0B0RV6KF11PB9Z0P0
//
// Silences are written through the configuration API with the store's
// checks and the schedule's; the scene is not checked against an engine's
// scenes (the command line has none). "yujing <command> --help" tells the
// rest.
//
// # Exit status
//
//	0  done
//	1  failed: the database (unreachable, not migrated), anything else
//	2  usage: an unknown command or flag, a missing or malformed flag,
//	   --dsn and --sqlite both or neither, a --sqlite file that does not exist
//	3  refused by the checks: the error names the column
//	   (store: yujing_silence.country_no: …), or the template's placeholder
//	4  not found: no silence with that code, no record or alert with that code
//	5  ack: the scene × country does not fire (nothing to acknowledge)
//	6  ack: already acknowledged
//
// Errors are one line on stderr, starting with "yujing: ".
package cli
