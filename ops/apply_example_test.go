package ops_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// ExampleToolkit_Apply applies a small configuration file twice: the first
// plan creates the rows, the second finds nothing to change.
func ExampleToolkit_Apply() {
	ctx := context.Background()
	db, err := store.OpenSQLite(ctx, ":memory:")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		panic(err)
	}
	engine, err := alert.New(alert.WithStore(db), alert.WithFireTypes(1), alert.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		panic(err)
	}
	kit := ops.New(engine, db)

	src := []byte(`
owner: payments
rules:
  - {rule_no: R-SMS-LOW, fun_code: "denominator >= 100 && rate < threshold", threshold: "0.9"}
rule_routes:
  - {bu_no: RR-SMS, info_type: 1, country_no: "*", rule_no: R-SMS-LOW}
channels:
  - channel_no: CH-PH
    name: PH ops
    type: wecom
    details: {key: {env: WECOM_KEY}, lang: zh}
`)
	env := func(name string) (string, bool) { return "0f1e2d3c-key", name == "WECOM_KEY" } // os.LookupEnv when nil
	file, err := ops.ParseApplyFile("payments.yaml", src, env)
	if err != nil {
		panic(err)
	}
	for range 2 {
		plan, err := kit.Apply(ctx, file, ops.ApplyOptions{By: "ops-lead"})
		if err != nil {
			panic(err)
		}
		_ = plan.WriteText(os.Stdout)
	}
	fmt.Println("done")
	// Output:
	// payments.yaml (owner payments, by ops-lead)
	//   + rules R-SMS-LOW
	//       fun_code: "denominator >= 100 && rate < threshold"
	//       threshold: "0.9"
	//       status: enabled
	//       owner: "payments"
	//   + channels CH-PH
	//       name: "PH ops"
	//       type: wecom
	//       status: enabled
	//       owner: "payments"
	//       details.key: (secret)
	//       details.lang: "zh"
	//   + rule_routes RR-SMS
	//       info_type: 1
	//       country_no: "*"
	//       rule_no: "R-SMS-LOW"
	//       status: enabled
	//       owner: "payments"
	// 3 to create, 0 to update, 0 to disable, 0 unchanged (applied).
	// payments.yaml (owner payments, by ops-lead)
	//   = rules R-SMS-LOW (unchanged)
	//   = channels CH-PH (unchanged)
	//   = rule_routes RR-SMS (unchanged)
	// No changes: 3 rows as the file says.
	// done
}
