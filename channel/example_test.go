package channel_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/builtin"
)

// ExampleRegistry_Build builds a channel's sender from its detail rows (as
// monitor_channel_detail holds them) and sends a message in the channel's
// language; a channel whose details are incomplete is an error naming the
// key, never a value.
func ExampleRegistry_Build() {
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var p struct {
			Language, Title, Text string
		}
		body, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(body, &p)
		fmt.Printf("received (%s): %s / %s\n", p.Language, p.Title, p.Text)
	}))
	defer hook.Close()

	reg := builtin.NewRegistry()
	sender, err := reg.Build(channel.Spec{No: "CH-OPS", Type: channel.TypeWebhook,
		Details: map[string]string{"url": hook.URL, "lang": "zh", "secret": "whsec-example"}})
	if err != nil {
		panic(err)
	}
	err = sender.Send(context.Background(), channel.Message{ID: "SL-1-CH-OPS",
		English: channel.Content{Title: "SMS success low", Text: "PH: 62.00%"},
		Chinese: channel.Content{Title: "短信成功率低", Text: "菲律宾：62.00%"}})
	fmt.Println("sent:", err == nil)

	_, err = reg.Build(channel.Spec{No: "CH-BROKEN", Type: channel.TypeWebhook, Details: map[string]string{"secret": "whsec-example"}})
	fmt.Println(err)
	// Output:
	// received (zh): 短信成功率低 / 菲律宾：62.00%
	// sent: true
	// channel CH-BROKEN (webhook): detail "url": missing
}
