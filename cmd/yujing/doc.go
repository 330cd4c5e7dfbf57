// Command yujing is the operator's command line of the yujing alerting
// library. It is package cli with no host options: the commands, flags and
// exit statuses are documented there (go doc github.com/yujing-go/yujing/cli).
//
//	go install github.com/yujing-go/yujing/cmd/yujing@latest
package main
