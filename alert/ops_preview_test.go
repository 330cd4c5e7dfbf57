package alert_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// TemplateProblems lists every column's problem; the first is the one
// Validation refuses the template for.
func TestTemplateProblemsEveryColumn(t *testing.T) {
	e, err := alert.New(alert.WithStore(testdb.SQLite(t)))
	if err != nil {
		t.Fatal(err)
	}
	tpl := store.Template{Content: new("{rat}"), ContentChinese: new("{country_name"), Title: new("ok {scene}"),
		ResolvedContent: new("{ack_link}"), Params: store.Params{Param3: new(-5)}}
	var cols []string
	for _, p := range e.TemplateProblems(tpl) {
		cols = append(cols, p.Column)
	}
	if want := []string{"content", "content_chinese", "param3", "resolved_content"}; !slices.Equal(cols, want) {
		t.Fatalf("columns %v, want %v", cols, want)
	}
	var ve *store.ValidationError
	if err := e.Validation().Template(tpl); !errors.As(err, &ve) || ve.Column != "content" {
		t.Fatalf("Validation refuses for %v, want content", err)
	}
	if got := e.TemplateProblems(store.Template{Content: new("{country_name}")}); len(got) != 0 {
		t.Fatalf("a good template: %v", got)
	}
	if got := alert.UnknownPlaceholders([]string{"rate", "rat", "vars.x", "vars."}); !slices.Equal(got, []string{"rat", "vars."}) {
		t.Fatalf("unknown: %v", got)
	}
}

// TimeZone says whether the engine has a zone for a country.
func TestTimeZone(t *testing.T) {
	ph := time.FixedZone("UTC+8", 8*3600)
	e, err := alert.New(alert.WithStore(testdb.SQLite(t)), alert.WithTimeZones(map[string]*time.Location{"PH": ph}))
	if err != nil {
		t.Fatal(err)
	}
	if z, ok := e.TimeZone("PH"); !ok || z != ph {
		t.Errorf("PH: %v %v", z, ok)
	}
	if z, ok := e.TimeZone("VN"); ok || z != time.UTC {
		t.Errorf("VN: %v %v", z, ok)
	}
}
