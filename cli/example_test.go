package cli_test

import (
	"context"
	"os"

	"github.com/yujing-go/yujing/cli"
)

// A host's own binary runs the same commands with its own engine options
// (scenes, CEL functions, channel types); this one renders a template
// with the sample values, which needs no database.
func ExampleRun() {
	code := cli.Run(context.Background(),
		[]string{"template", "render", "--text", "{country_name}: SMS success {rate_pct}"},
		os.Stdout, os.Stderr)
	if code != 0 {
		os.Exit(code)
	}
	// Output:
	// Philippines: SMS success 81.23%
}
