// Package template parses and renders alert message templates and holds
// the one table of the placeholders they may use.
//
// # Syntax
//
// A template (monitor_mod.content, content_chinese, title, param6) is text
// with placeholders in braces: "{country_name}: {rate_pct} in {window}".
// A name is letters, digits, '_' and '.', not starting or ending with '.';
// spaces inside the braces are ignored ("{ rate }" is {rate}). "{{" and
// "}}" write a literal brace. Parse reports a brace that opens or closes
// no placeholder, and a bad name, with its position in characters (a
// Chinese character counts one). Render fails, naming each placeholder
// without a value once, rather than leave a blank; an empty value is a
// value. Check refuses names that are no placeholder; the engine calls it
// when a template is saved.
//
// # Phases
//
// Every placeholder has a Phase. Recorded values ({rate}, {window},
// {vars.NAME}…) are known when the alert is recorded: the engine stores
// those a template uses with the alert, so the message says what the
// sample said however late it is sent. Sent values ({count}, {sl_no},
// {sent_at}, {link}…) are known only when the message goes out. Values
// gives the values of one phase from a Data; AddSent completes the stored
// values when the message is sent. {vars.NAME} is the sample's extra value
// NAME (Data.Vars): a string as it is, anything else as JSON.
//
// # Adding a placeholder
//
// Add one row to the table in placeholders.go: its name, what it holds,
// its phase and a func computing it from a Data (add a Data field if the
// value needs one the engine must fill); Has if a Data may lack it (as
// {window} without a window). Nothing else lists placeholders:
// Check, IsSent, Values, AddSent, Docs and MarkdownTable all read the table.
// The README shows MarkdownTable; a test holds them equal, and
//
//	go test ./alert/template -run TestREADME -update-readme
//
// rewrites the README's table.
//
// # Previews
//
// SampleData returns plausible values for every placeholder, and Preview
// checks and renders a template with them, so an operator sees the English
// and the Chinese text before saving a template.
package template
