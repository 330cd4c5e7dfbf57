// Package ops is the operator's toolkit of the yujing alerting library:
// the week-one tasks of every team that runs it, as a Go API built on the
// engine's own code paths, so that what the toolkit says is what the
// engine does.
//
//   - TestChannel sends a real test message to one channel, in its
//     language, and classifies the service's answer.
//   - Preview renders a template in both languages, reporting unknown
//     placeholders and lengths over a channel's limit.
//   - Backtest replays a rule, saved or a draft, over stored windows, and
//     says which would fire, what the pending, repeat and slot logic would
//     have sent, and how that differs from what was sent.
//   - Explain tells the whole path of one record or alert.
//   - History filters delivered and archived alerts, with each channel's
//     typed state.
//   - Check lints the whole configuration, like amtool check-config.
//   - Apply writes declarative configuration from YAML into rows,
//     idempotent on the codes, with a dry run that prints the diff.
//
// A Toolkit is made from the host's engine (its scenes, CEL functions,
// channel types and time zones) and the database the engines share:
//
//	engine, _ := alert.New(alert.WithStore(db), alert.WithScenes(sms))
//	kit := ops.New(engine, db)
//	report, _ := kit.Check(ctx)
//
// The command line (package cli) and the web console (package console)
// are built on it.
package ops
