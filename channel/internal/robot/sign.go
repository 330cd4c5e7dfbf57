package robot

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
)

// HMACBase64 returns base64(HMAC-SHA256(key, msg)): the signature of
// DingTalk's and Feishu's robots, which differ in what key and msg are.
func HMACBase64(key, msg string) string {
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(msg))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
