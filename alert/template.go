package alert

import "github.com/yujing-go/yujing/alert/template"

// Placeholders lists the names a template may use, with what they hold
// (the table of package alert/template). Besides these, {vars.NAME} is the
// sample's extra value NAME (a scene's Sample.Vars, or the Values of an
// alert raised with Fire).
func Placeholders() map[string]string { return template.Docs() }
