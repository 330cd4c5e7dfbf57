package console

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/ack"
)

// acknowledge records that the user has a firing scene × country in
// hand, through engine.Acknowledge (the state's ack_by and the audit),
// for the episode the overview showed (a stale one is refused), then
// shows the overview's page again.
func (c *console) acknowledge(w http.ResponseWriter, r *http.Request, user string) error {
	f := r.PostForm
	infoType, err1 := strconv.Atoi(f.Get("info_type"))
	since, err2 := strconv.ParseInt(f.Get("since"), 10, 64)
	country := strings.TrimSpace(f.Get("country"))
	until, ok := untilOf(c.engine.Now(), f.Get("for"))
	if err1 != nil || err2 != nil || country == "" || !ok {
		return &httpError{status: http.StatusBadRequest, key: "err.form"}
	}
	err := c.engine.Acknowledge(r.Context(), ack.Request{Target: ack.Target{InfoType: infoType, Country: country,
		FiringSince: time.Unix(since, 0).UTC()}, By: user, Until: until, Via: "console"})
	switch {
	case errors.Is(err, ack.ErrStale):
		return &httpError{status: http.StatusConflict, key: "err.stale"}
	case errors.Is(err, ack.ErrAlreadyAcknowledged):
		return &httpError{status: http.StatusConflict, key: "err.already"}
	case err != nil:
		return err
	}
	c.log.InfoContext(r.Context(), "console: acknowledged", "info_type", infoType, "country", country, "by", user)
	seeOther(w, "./?done=ack&page="+strconv.Itoa(max(1, atoiOr(f.Get("page"), 1))))
	return nil
}
