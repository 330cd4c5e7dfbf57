package report

import (
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestFileName(t *testing.T) {
	m := testMeta(t)
	if got, want := FileName(m), "collections_PH_20261124-0000_20261125-0000.xlsx"; got != want {
		t.Errorf("FileName = %q, want %q", got, want)
	}
	m.Location = nil
	if got, want := FileName(m), "collections_PH_20261123-1600_20261124-1600.xlsx"; got != want {
		t.Errorf("FileName in UTC = %q, want %q", got, want)
	}
	m.Scene, m.CountryNo, m.Country = "催收 Daily/Report?", "", "Côte d'Ivoire"
	if got, want := FileName(m), "daily-report_C-te-d-Ivoire_20261123-1600_20261124-1600.xlsx"; got != want {
		t.Errorf("FileName = %q, want %q", got, want)
	}
	m.Scene, m.Country = "催收", "菲律宾"
	if got, want := FileName(m), "report_country_20261123-1600_20261124-1600.xlsx"; got != want {
		t.Errorf("FileName = %q, want %q", got, want)
	}
	m.Scene = strings.Repeat("ab-", 30)
	if got := FileName(m); strings.Contains(got, "-_") || len(strings.Split(got, "_")[0]) > 40 {
		t.Errorf("FileName = %q: scene not cut to 40 clean characters", got)
	}
}

func TestSheetName(t *testing.T) {
	m := testMeta(t)
	for _, tc := range []struct {
		name string
		edit func(*Meta)
		want string
	}{
		{"one day", func(*Meta) {}, "PH 2026-11-24"},
		{"UTC", func(m *Meta) { m.Location = nil }, "PH 20261123-1600~20261124-1600"},
		{"hours", func(m *Meta) { m.End = m.Begin.Add(6 * time.Hour) }, "PH 20261124-0000~20261124-0600"},
		{"two days", func(m *Meta) { m.End = m.Begin.Add(48 * time.Hour) }, "PH 20261124-0000~20261126-0000"},
		{"name only", func(m *Meta) { m.CountryNo = "" }, "Philippines 2026-11-24"},
		{"forbidden", func(m *Meta) { m.CountryNo = `'[P]:H*?/\'` }, "PH 2026-11-24"},
		{"long code", func(m *Meta) { m.CountryNo = "PHILIPPINES-LONG-CODE-XXXXXXXXXXX" }, "PHILIPPINES-LONG-COD 2026-11-24"},
		{"no country", func(m *Meta) { m.CountryNo, m.Country = "", "" }, "2026-11-24"},
		{"long and hours", func(m *Meta) { m.CountryNo = "PHL"; m.End = m.Begin.Add(time.Hour) }, "PHL 20261124-0000~20261124-0100"},
	} {
		mm := m
		tc.edit(&mm)
		if got := SheetName(mm); got != tc.want {
			t.Errorf("%s: SheetName = %q, want %q", tc.name, got, tc.want)
		}
	}
	if got, want := sheetName(m, 2), "PH 2026-11-24 (2)"; got != want {
		t.Errorf("part 2 = %q, want %q", got, want)
	}
}

// TestSheetNamesValid has excelize (which applies Excel's rules) take every
// name SheetName makes from awkward inputs.
func TestSheetNamesValid(t *testing.T) {
	m := testMeta(t)
	countries := []string{"", "PH", "'", "''x''", "[]:*?/\\", "Côte d'Ivoire", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝔫𝔞𝔪𝔢 𝔱𝔥𝔞𝔱 𝔦𝔰 𝔩𝔬𝔫𝔤", " padded  name ", "a\x00b\tc", strings.Repeat("菲", 40)}
	windows := []time.Duration{time.Hour, 24 * time.Hour, 7 * 24 * time.Hour}
	for _, c := range countries {
		for _, w := range windows {
			for _, part := range []int{1, 2, 10, 1000} {
				mm := m
				mm.CountryNo, mm.Country = c, c
				mm.End = mm.Begin.Add(w)
				name := sheetName(mm, part)
				f := excelize.NewFile()
				if err := f.SetSheetName("Sheet1", name); err != nil {
					t.Errorf("country %q, window %v, part %d: excelize refuses %q: %v", c, w, part, name, err)
				}
				if utf16Len(name) > maxSheetName || strings.TrimSpace(name) == "" {
					t.Errorf("bad name %q", name)
				}
				f.Close()
			}
		}
	}
}

func TestObjectKey(t *testing.T) {
	m := testMeta(t)
	if got, want := ObjectKey(m), "reports/0/PH/20261123T1600Z-20261124T1600Z-G20261124PH.xlsx"; got != want {
		t.Errorf("ObjectKey = %q, want %q", got, want)
	}
	// Only the identity counts.
	other := m
	other.Scene, other.Country, other.Location = "Other", "Other", time.UTC
	other.Begin, other.End = m.Begin.In(m.Location), m.End.In(m.Location)
	if ObjectKey(other) != ObjectKey(m) {
		t.Errorf("ObjectKey changed with the scene's name, country name or zone: %q", ObjectKey(other))
	}
	seen := map[string]Meta{}
	for _, edit := range []func(*Meta){
		func(*Meta) {},
		func(m *Meta) { m.InfoType = 1 },
		func(m *Meta) { m.CountryNo = "ID" },
		func(m *Meta) { m.CountryNo = "" },
		func(m *Meta) { m.CountryNo = "_" },
		func(m *Meta) { m.CountryNo = ".." },
		func(m *Meta) { m.CountryNo = "a/b" },
		func(m *Meta) { m.CountryNo = "a_2Fb" },
		func(m *Meta) { m.Begin = m.Begin.Add(time.Second) },
		func(m *Meta) { m.End = m.End.Add(time.Minute) },
		func(m *Meta) { m.GroupNo = "" },
		func(m *Meta) { m.GroupNo = "g.1" },
		func(m *Meta) { m.GroupNo = "g_2E1" },
		func(m *Meta) { m.GroupNo = "订单" },
	} {
		mm := m
		edit(&mm)
		k := ObjectKey(mm)
		if err := CheckKey(k); err != nil {
			t.Errorf("ObjectKey(%+v) = %q: %v", mm, k, err)
		}
		if prev, ok := seen[k]; ok {
			t.Errorf("two reports share the key %q: %+v and %+v", k, prev, mm)
		}
		seen[k] = mm
		if strings.ContainsFunc(k, func(r rune) bool {
			return !strings.ContainsRune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./", r)
		}) {
			t.Errorf("key %q holds characters that need escaping in a URL", k)
		}
	}
	if k := ObjectKey(Meta{Begin: m.Begin.Add(time.Second)}); !strings.Contains(k, "T160001Z") {
		t.Errorf("seconds missing from %q", k)
	}
}

func TestCheckKey(t *testing.T) {
	for _, k := range []string{"a.xlsx", "reports/0/PH/x.xlsx", "a/.b/c..d", "中文/名.xlsx"} {
		if err := CheckKey(k); err != nil {
			t.Errorf("CheckKey(%q) = %v", k, err)
		}
	}
	for _, k := range []string{"", "/a", "a/", "a//b", ".", "..", "a/../b", "./a", `a\b`, "a\x00b", "a\nb", "\xff", strings.Repeat("a", MaxKeyLength+1)} {
		if err := CheckKey(k); err == nil {
			t.Errorf("CheckKey(%q) accepted it", k)
		}
	}
}
