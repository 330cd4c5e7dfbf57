package store

import (
	"os"
	"strings"
	"testing"
)

func TestSplitSeedKeepsQuotedSemicolons(t *testing.T) {
	src, err := os.ReadFile("migrations/mysql/0001_seed.sql")
	if err != nil {
		t.Fatal(err)
	}
	stmts := splitStatements(string(src))
	if len(stmts) != 13 {
		t.Fatalf("the seed splits into %d statements, want 13", len(stmts))
	}
	for _, s := range stmts {
		if !strings.HasPrefix(s, "CREATE TABLE") {
			t.Fatalf("statement does not start with CREATE TABLE: %.60q", s)
		}
	}
	if !strings.Contains(stmts[0], "'渠道类型:0企业微信;1邮箱;2钉钉'") {
		t.Fatal("a semicolon inside a quoted comment was split")
	}
}

func TestSplitStatementsQuotingAndComments(t *testing.T) {
	got := splitStatements("-- a; comment\nSELECT 'it''s;';\n/* x; */ SELECT \"a\\\";\" ; # tail;\nSELECT `a;b`")
	want := []string{"SELECT 'it''s;'", "SELECT \"a\\\";\"", "SELECT `a;b`"}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("statement %d: got %q, want %q", i, got[i], want[i])
		}
	}
}
