package store

import (
	"fmt"
	"strings"
	"unicode"
)

// A country code (country_no of monitor_routing, monitor_rule_route and
// monitor_country_mod) is AllCountries ("*"), or 2 to 3 characters each an
// upper-case ASCII letter or a digit: an ISO 3166-1 alpha-2 code such as PH
// or ID (alpha-3, PHL, and numeric, 608, fit too). The engine matches codes
// exactly, so "ph" or "Philippines" would never meet the samples a scene
// reports for PH: the configuration API refuses them.

// checkCountry checks the country code of a configuration row.
func checkCountry(table, code string) error {
	if validCountry(code) {
		return nil
	}
	return invalid(table, "country_no", "%s", countryProblem(code))
}

// validCountry reports whether code is AllCountries or 2–3 upper-case
// letters or digits.
func validCountry(code string) bool {
	if code == AllCountries {
		return true
	}
	if len(code) < 2 || len(code) > 3 {
		return false
	}
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// countryProblem says what is wrong with code, with the code it likely
// meant when that is obvious.
func countryProblem(code string) string {
	const rule = "a country code is 2–3 upper-case letters or digits (ISO 3166, e.g. PH), or * for every country"
	if fixed := strings.ToUpper(strings.TrimSpace(code)); fixed != code && validCountry(fixed) {
		return fmt.Sprintf("%q is not a country code: did you mean %q? (%s)", code, fixed, rule)
	}
	if looksLikeName(code) {
		return fmt.Sprintf("%q is not a country code (%s); a country's name goes in country_name", code, rule)
	}
	return fmt.Sprintf("%q is not a country code (%s)", code, rule)
}

// looksLikeName reports whether s reads as a country's name: longer than a
// code, letters and spaces only, some of them lower case ("Philippines",
// "South Africa", "菲律宾").
func looksLikeName(s string) bool {
	s = strings.TrimSpace(s)
	if len([]rune(s)) <= 3 && !strings.ContainsFunc(s, func(r rune) bool { return r > unicode.MaxASCII }) {
		return false
	}
	lower := false
	for _, r := range s {
		switch {
		case unicode.IsLower(r) || (unicode.IsLetter(r) && !unicode.IsUpper(r)):
			lower = true
		case unicode.IsLetter(r) || r == ' ':
		default:
			return false
		}
	}
	return lower
}
