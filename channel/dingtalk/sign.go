package dingtalk

import (
	"strconv"
	"time"

	"github.com/yujing-go/yujing/channel/internal/robot"
)

// Sign returns the timestamp (Unix milliseconds) and the signature of a
// request at time now: base64(HMAC-SHA256(key=secret,
// msg=timestamp+"\n"+secret)). The caller URL-encodes the signature into
// the query.
func Sign(secret string, now time.Time) (timestamp, sign string) {
	timestamp = strconv.FormatInt(now.UnixMilli(), 10)
	return timestamp, robot.HMACBase64(secret, timestamp+"\n"+secret)
}
