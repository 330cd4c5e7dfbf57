package template

import "time"

// SampleData returns plausible values for every placeholder, for previewing
// a template before it is saved: the Philippines (UTC+8), an SMS scene's
// 10-minute window, a rule that fired, two extra values (provider, a string,
// and retries, a number). Each call returns a new Data, to change at will.
func SampleData() *Data {
	manila := time.FixedZone("Asia/Manila", 8*60*60) // no DST: same as the tz database's
	begin := time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC)
	return &Data{
		Country:     "PH",
		CountryName: "Philippines",
		Scene:       "SMS verification success",
		InfoType:    1,
		Location:    manila,
		Begin:       begin,
		End:         begin.Add(10 * time.Minute),
		Rate:        0.8123,
		Numerator:   8123,
		Denominator: 10000,
		Rule:        "RU01KAXW3N6Q8Z2T5R7V9B1C4D6F",
		Threshold:   "0.9",
		RuleDesc:    "rate < 0.9",
		Vars:        map[string]any{"provider": "acme-sms", "retries": 3},
		State:       "firing",
		FiringSince: begin.Add(-20 * time.Minute),
		Duration:    30 * time.Minute,
		Link:        "https://files.example.com/reports/PH/2026-11-24.xlsx",
		Count:       1,
		SlNo:        "SL01KAXW4P0R2T4V6X8Z0B2D4F6H",
		SentAt:      begin.Add(10*time.Minute + 30*time.Second),
	}
}

// Preview renders src with every value of d, both phases (SampleData when
// d is nil), after checking it as the engine does when a template is
// saved: a parse error or an unknown placeholder is the error. Preview the
// English and the Chinese text alike.
func Preview(src string, d *Data) (string, error) {
	if d == nil {
		d = SampleData()
	}
	t, err := Parse(src)
	if err != nil {
		return "", err
	}
	if err := Check(t.Names()); err != nil {
		return "", err
	}
	vals := Values(Recorded, d)
	AddSent(vals, d)
	return t.Render(vals)
}
