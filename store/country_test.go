package store

import (
	"strings"
	"testing"
)

func TestCountryCodes(t *testing.T) {
	for _, ok := range []string{"PH", "ID", "PHL", "608", "*"} {
		if err := checkCountry(tableRouting, ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for code, want := range map[string]string{
		"ph":           `"ph" is not a country code: did you mean "PH"?`,
		"Ph":           `did you mean "PH"?`,
		"PH ":          `did you mean "PH"?`,
		"phl":          `did you mean "PHL"?`,
		"Philippines":  "a country's name goes in country_name",
		"South Africa": "a country's name goes in country_name",
		"菲律宾":          "a country's name goes in country_name",
		"P":            "2–3 upper-case letters or digits",
		"PH-1":         "2–3 upper-case letters or digits",
		"":             "2–3 upper-case letters or digits",
		"**":           "or * for every country",
		"ALL*":         "is not a country code (",
	} {
		err := checkCountry(tableRouting, code)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", code, err, want)
		}
		if code == "PH-1" && err != nil && strings.Contains(err.Error(), "country_name") {
			t.Errorf("%q is not a name: %v", code, err)
		}
	}
}
