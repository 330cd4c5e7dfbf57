package dingtalk

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"time"
)

// Sign returns the timestamp (Unix milliseconds) and the signature of a
// request at time now: base64(HMAC-SHA256(key=secret,
// msg=timestamp+"\n"+secret)). The caller URL-encodes the signature into
// the query.
func Sign(secret string, now time.Time) (timestamp, sign string) {
	timestamp = strconv.FormatInt(now.UnixMilli(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp + "\n" + secret))
	return timestamp, base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
