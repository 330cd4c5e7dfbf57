package feishu

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"time"
)

// Sign returns the timestamp (Unix seconds) and the signature of a request
// at time now: base64(HMAC-SHA256(key=timestamp+"\n"+secret, msg="")).
// Unlike DingTalk's, the key is the timestamped string, the message is
// empty and the signature goes into the JSON body, not URL-encoded.
func Sign(secret string, now time.Time) (timestamp, sign string) {
	timestamp = strconv.FormatInt(now.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(timestamp+"\n"+secret))
	return timestamp, base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
