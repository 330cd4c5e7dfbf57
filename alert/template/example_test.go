package template_test

import (
	"fmt"

	"github.com/yujing-go/yujing/alert/template"
)

func ExampleParse() {
	t, err := template.Parse("{country_name}: {rate_pct} in {window} {{{vars.provider}}}")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.Names())
	if err := template.Check(t.Names()); err != nil {
		fmt.Println(err)
	}

	_, err = template.Parse("告警 {rate_pct} 低于 }")
	fmt.Println(err)
	// Output:
	// [country_name rate_pct window vars.provider]
	// character 18: '}' without an opening '{' (write }} for a literal brace)
}

func ExampleTemplate_Render() {
	d := template.SampleData()
	vals := template.Values(template.Recorded, d) // stored with the alert
	template.AddSent(vals, d)                     // when it is sent

	t, _ := template.Parse("{country_name}: {rate_pct} in {window} ({tz}), {count} alert(s)")
	text, err := t.Render(vals)
	fmt.Println(text, err)

	t, _ = template.Parse("{scene} {begin}–{end}")
	_, err = t.Render(map[string]string{"scene": "SMS"})
	fmt.Println(err)
	// Output:
	// Philippines: 81.23% in 2026-11-24 10:00–10:10 (Asia/Manila), 1 alert(s) <nil>
	// no value for {begin}, {end}
}

// An operator previews both languages of a template before saving it.
func ExamplePreview() {
	for _, src := range []string{
		"{country_name}: SMS verification success {rate_pct} ({numerator}/{denominator}) in {window}, below {threshold}. Provider: {vars.provider}.",
		"{country_name}：短信验证成功率 {rate_pct}（{numerator}/{denominator}），时段 {window}，低于阈值 {threshold}。服务商：{vars.provider}。",
	} {
		text, err := template.Preview(src, nil)
		fmt.Println(text, err)
	}
	// Output:
	// Philippines: SMS verification success 81.23% (8123/10000) in 2026-11-24 10:00–10:10, below 0.9. Provider: acme-sms. <nil>
	// Philippines：短信验证成功率 81.23%（8123/10000），时段 2026-11-24 10:00–10:10，低于阈值 0.9。服务商：acme-sms。 <nil>
}
