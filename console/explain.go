package console

import (
	"net/http"
	"strings"

	"github.com/yujing-go/yujing/ops"
)

// explainBody is the explain page's data: the whole path of one record
// or alert, as ops.Explain tells it.
type explainBody struct {
	Code string
	X    *ops.Explanation
	// AlertStatus names the alert's send status ("sent", …).
	AlertStatus string
}

// explain tells the path of a record (?code=bu_no) or an alert
// (?code=sl_no): its values, the stored verdict beside the rules now, the
// template, the state, acknowledgement, silences and audit, the slot, the
// routing with its levels, and each channel's attempts, answers and
// waits. A code that is neither is 404; no code, 422.
func (c *console) explain(w http.ResponseWriter, r *http.Request, p *pageData) error {
	code := strings.TrimSpace(r.URL.Query().Get("code"))
	x, err := c.kit().Explain(r.Context(), code)
	if err != nil {
		return refusal(err)
	}
	body := &explainBody{Code: code, X: x}
	if x.Alert != nil {
		body.AlertStatus = statusName(x.Alert.Status)
	}
	p.Body = body
	return nil
}
