package feishu

import (
	"strconv"
	"time"

	"github.com/yujing-go/yujing/channel/internal/robot"
)

// Sign returns the timestamp (Unix seconds) and the signature of a request
// at time now: base64(HMAC-SHA256(key=timestamp+"\n"+secret, msg="")).
// Unlike DingTalk's, the key is the timestamped string, the message is
// empty and the signature goes into the JSON body, not URL-encoded.
func Sign(secret string, now time.Time) (timestamp, sign string) {
	timestamp = strconv.FormatInt(now.Unix(), 10)
	return timestamp, robot.HMACBase64(timestamp+"\n"+secret, "")
}
