package measure

import "github.com/yujing-go/yujing/alert"

// DeliveryResult is the value of the label "result" of a delivery: "sent",
// or "error" when it failed.
func DeliveryResult(d *alert.Delivery) string {
	if d.Err != nil {
		return "error"
	}
	return "sent"
}
