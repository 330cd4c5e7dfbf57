package httpsend

import (
	"fmt"
	"sort"

	"github.com/yujing-go/yujing/channel/internal/render"
)

// MarshalFit encodes build(text) as JSON in at most limit bytes, where text is
// head+tail with head truncated as little as possible (see render.Fit).
// JSON escaping makes the body longer than the text by an amount known only
// once encoded, so an oversized message is fitted by a binary search over
// the text's length.
func MarshalFit(limit int, head, tail string, build func(text string) any) ([]byte, error) {
	full := len(head) + len(tail)
	body, err := Marshal(build(head + tail))
	if err != nil || len(body) <= limit {
		return body, err
	}
	n := sort.Search(full, func(n int) bool {
		b, err := Marshal(build(render.Fit(head, tail, n)))
		return err != nil || len(b) > limit
	}) - 1
	// The length of the body grows with n but not strictly (escapes are cut
	// whole): step down from the search's answer until it fits.
	for n >= 0 {
		b, err := Marshal(build(render.Fit(head, tail, n)))
		if err != nil {
			return nil, err
		}
		if len(b) <= limit {
			return b, nil
		}
		n -= len(b) - limit
	}
	return nil, fmt.Errorf("message does not fit in %d bytes", limit)
}
