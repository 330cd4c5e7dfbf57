package console

import (
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/yujing-go/yujing/ack"
	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/store"
)

// console is the handler New returns.
type console struct {
	settings
	engine *alert.Engine
	db     *store.DB
	views  *views
	words  map[Lang]Text
	mux    *http.ServeMux

	routeMemo routesMemo // the routes page's reading of the configuration (routes_memo.go)
}

// New returns the console of engine over db as an http.Handler that the
// host mounts under any prefix (with http.StripPrefix: every link the
// console writes is relative) and wraps with its own authentication.
//
// Its pages (see the package documentation) read through the store's
// bounded queries; its writes go through the engine's validated API
// (engine.Config(db, store.AsUser(user)), engine.Acknowledge), refuse
// cross-origin requests, and are recorded with the user (WithUser).
func New(engine *alert.Engine, db *store.DB, opts ...Option) (http.Handler, error) {
	if engine == nil || db == nil {
		return nil, errors.New("console: New needs an engine and a database")
	}
	c := &console{engine: engine, db: db, words: wordings(), settings: settings{
		user: func(*http.Request) string { return DefaultUser }, lang: English, log: slog.Default(),
		refresh: 30 * time.Second, pageSize: 25, trendSize: 12}}
	for _, o := range opts {
		if err := o(&c.settings); err != nil {
			return nil, err
		}
	}
	v, err := parseViews(pages())
	if err != nil {
		return nil, err
	}
	c.views = v
	c.mux = c.routes()
	return c, nil
}

// ServeHTTP sets the headers every answer carries and serves the route.
func (c *console) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "+
		"frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	c.mux.ServeHTTP(w, r)
}

// routes mounts the pages, the writes and the static files. Every page
// lives one segment below the console's root, so that relative links
// ("silences", "./") work under any prefix.
func (c *console) routes() *http.ServeMux {
	mux := http.NewServeMux()
	for _, p := range pages() {
		mux.Handle("GET /"+p.path, c.page(p, p.get(c)))
	}
	mux.Handle("POST /silences", c.write(c.createSilence))
	mux.Handle("POST /silence-expire", c.write(c.expireSilence))
	mux.Handle("POST /acknowledge", c.write(c.acknowledge))
	mux.Handle("POST /rules", c.write(c.saveRule))
	mux.HandleFunc("GET /rule-check", c.ruleCheck)
	mux.Handle("POST /templates", c.write(c.saveTemplate))
	mux.HandleFunc("GET /template-preview", c.templatePreview)
	mux.Handle("POST /channels", c.write(c.saveChannel))
	mux.Handle("POST /channel-test", c.write(c.testChannel))
	static, _ := fs.Sub(assets, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", noStoreOff(http.FileServerFS(static))))
	if c.signer != nil {
		mux.Handle("/ack", c.ackLinks())
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		c.fail(w, r, http.StatusNotFound, "err.notFound", nil)
	})
	return mux
}

// ackLinks serves the signed links of delivered messages with package
// ack's handler, the engine as its Acknowledger; read-only, it refuses
// their confirmation.
func (c *console) ackLinks() http.Handler {
	opts := []ack.HandlerOption{ack.WithClock(c.engine.Now), ack.WithLogger(c.log)}
	if c.userSet {
		opts = append(opts, ack.WithUser(c.user))
	}
	if len(c.ackDurs) > 0 {
		opts = append(opts, ack.WithDurations(c.ackDurs...))
	}
	h := ack.NewHandler(c.signer, c.engine, opts...)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c.readOnly && r.Method == http.MethodPost {
			c.fail(w, r, http.StatusForbidden, "err.readOnly", nil)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// noStoreOff lets the browser cache the embedded files for an hour.
func noStoreOff(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}
