package builtin_test

import (
	"bufio"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/builtin"
)

// TestKeysDocumented builds every type with every key KEYS.md lists for it
// (and the common keys), and checks that the type reads them all: the
// documentation and the code agree.
func TestKeysDocumented(t *testing.T) {
	f, err := os.Open("../KEYS.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	section := regexp.MustCompile("^## Type (\\d+):")
	row := regexp.MustCompile("^\\| `([^`]+)` \\|")
	keys := map[int][]string{}
	typ := -1
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := section.FindStringSubmatch(sc.Text()); m != nil {
			typ, _ = strconv.Atoi(m[1])
		} else if m := row.FindStringSubmatch(sc.Text()); m != nil && typ >= 0 {
			keys[typ] = append(keys[typ], m[1])
		}
	}
	if len(keys) != 6 {
		t.Fatalf("KEYS.md documents %d types", len(keys))
	}
	value := map[string]string{
		"base_url": "https://example.com", "url": "https://example.com/hook", "webhook_url": "https://hooks.example.com/services/T/B/X",
		"port": "587", "tls": "starttls", "at_all": "true", "attachment_max_bytes": "100",
		"from": "a@example.com", "to": "b@example.com", "cc": "c@example.com", "bcc": "d@example.com",
		"header.<Name>": "x", "lang": "zh", "format": "markdown", "rate_limit": "30", "timeout": "5s",
	}
	r := builtin.NewRegistry()
	for typ, list := range keys {
		variants := [][]string{list}
		if typ == channel.TypeSlack { // webhook_url, or token and channel
			variants = [][]string{without(list, "token", "channel"), without(list, "webhook_url")}
		}
		for _, list := range variants {
			details := map[string]string{}
			for _, k := range append(list, "lang", "format", "rate_limit", "timeout") {
				v, ok := value[k]
				if !ok {
					v = "value-" + k
				}
				details[strings.Replace(k, "<Name>", "X-Test", 1)] = v
			}
			b, err := r.Build(channel.Spec{No: "K", Type: typ, Details: details})
			if err != nil {
				t.Errorf("type %d: %v", typ, err)
				continue
			}
			if len(b.UnknownKeys) > 0 {
				t.Errorf("type %d does not read the documented keys %v", typ, b.UnknownKeys)
			}
		}
	}
}

func without(list []string, drop ...string) []string {
	return slices.DeleteFunc(slices.Clone(list), func(k string) bool { return slices.Contains(drop, k) })
}

// TestReadmeListsEveryKey: the README's channel tables hold every row of
// KEYS.md's, word for word.
func TestReadmeListsEveryKey(t *testing.T) {
	keys, err := os.ReadFile("../KEYS.md")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Skipf("no README beside this checkout: %v", err)
	}
	row := regexp.MustCompile("(?m)^\\| `[^`]+` \\|.*$")
	rows := row.FindAllString(string(keys), -1)
	if len(rows) < 30 {
		t.Fatalf("KEYS.md has only %d key rows", len(rows))
	}
	for _, r := range rows {
		if !strings.Contains(string(readme), r) {
			t.Errorf("README.md lacks the row %q", r)
		}
	}
}
