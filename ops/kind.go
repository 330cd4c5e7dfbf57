package ops

import (
	"errors"
	"strconv"
	"strings"

	"github.com/yujing-go/yujing/store"
)

// ParseKind reads a message kind by name: alert ("" too), firing,
// repeat, resolved, nodata (or "no data"), escalated.
func ParseKind(s string) (store.MessageKind, error) {
	switch name := strings.ToLower(strings.TrimSpace(s)); name {
	case "":
		return store.KindAlert, nil
	case "nodata", "no_data":
		return store.KindNoData, nil
	default:
		for _, kd := range []store.MessageKind{store.KindAlert, store.KindFiring, store.KindRepeat, store.KindResolved,
			store.KindNoData, store.KindEscalated} {
			if kd.String() == name {
				return kd, nil
			}
		}
	}
	return 0, errors.New("ops: message kind " + strconv.Quote(s) + ": want alert, firing, repeat, resolved, nodata or escalated")
}
