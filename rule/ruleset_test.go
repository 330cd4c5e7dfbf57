package rule_test

import (
	"slices"
	"testing"

	"github.com/yujing-go/yujing/rule"
)

func ruleNos(rules []rule.Rule) []string {
	var nos []string
	for _, r := range rules {
		nos = append(nos, r.No)
	}
	return nos
}

func TestRuleSetFor(t *testing.T) {
	rules := []rule.Rule{
		{No: "A", Sort: 1}, {No: "B", Sort: 2}, {No: "C", Sort: 2}, {No: "D", Sort: 9},
		{No: "E"}, {No: "F", Sort: -1}, {No: "A", Sort: 99}, // a duplicate number: the first wins
	}
	routes := []rule.Route{
		{InfoType: 1, Country: "PH", RuleNo: "A", Sort: 5},
		{InfoType: 1, Country: "PH", RuleNo: "B", Sort: 1.5},
		{InfoType: 1, Country: "PH", RuleNo: "C", Sort: 1.5},
		{InfoType: 1, Country: rule.AllCountries, RuleNo: "D", Sort: 1.5},
		{InfoType: 1, Country: rule.AllCountries, RuleNo: "A", Sort: 0},  // also routed to PH
		{InfoType: 1, Country: rule.AllCountries, RuleNo: "E", Sort: -2}, // lowest
		{InfoType: 1, Country: "PH", RuleNo: "MISSING", Sort: 10},        // not an enabled rule
		{InfoType: 2, Country: "PH", RuleNo: "F", Sort: 0},               // another scene
		{InfoType: 1, Country: "ID", RuleNo: "F", Sort: 3},               // another country
		{InfoType: 1, Country: rule.AllCountries, RuleNo: "F", Sort: -3}, // F everywhere, low
		{InfoType: 1, Country: "ID", RuleNo: "E", Sort: 10},              // E routed twice in ID
	}
	set := rule.NewRuleSet(rules, routes)
	tests := []struct {
		infoType int
		country  string
		want     []string
	}{
		// route sort desc (A 5; D, C, B 1.5; E -2; F -3), then rule sort desc (D 9; B, C 2), then number.
		{1, "PH", []string{"A", "D", "B", "C", "E", "F"}},
		// E and F are routed twice; the larger route sort counts.
		{1, "ID", []string{"E", "F", "D", "A"}},
		{1, "VN", []string{"D", "A", "E", "F"}},
		{2, "PH", []string{"F"}},
		{2, "ID", nil},
		{3, "PH", nil},
	}
	for _, tt := range tests {
		if got := ruleNos(set.For(tt.infoType, tt.country)); !slices.Equal(got, tt.want) {
			t.Errorf("For(%d, %s) = %v, want %v", tt.infoType, tt.country, got, tt.want)
		}
	}
	if got := set.For(1, "PH")[0].Sort; got != 1 {
		t.Errorf("rule A has sort %v, want the first definition's 1", got)
	}

	// The result is the caller's.
	got := set.For(1, "VN")
	got[0] = rule.Rule{No: "X"}
	if ruleNos(set.For(1, "VN"))[0] != "D" {
		t.Error("modifying For's result changed the rule set")
	}
}

func TestRuleSetEmpty(t *testing.T) {
	var nilSet *rule.RuleSet
	if got := nilSet.For(1, "PH"); got != nil {
		t.Errorf("nil set: %v", got)
	}
	if got := rule.NewRuleSet(nil, []rule.Route{{InfoType: 1, Country: "PH", RuleNo: "A"}}).For(1, "PH"); len(got) != 0 {
		t.Errorf("routes without rules: %v", got)
	}
}
