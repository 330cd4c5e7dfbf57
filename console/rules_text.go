package console

// rulesText is the wording of the rules and templates pages, merged into
// the console's Text of each language.
func rulesText(l Lang) Text {
	if l == Chinese {
		return Text{
			"rules": "规则", "templates": "模板", "newRule": "新建规则", "editRule": "编辑规则", "celExpression": "表达式 (CEL)",
			"description": "说明", "threshold": "阈值", "pendingWindows": "待定窗口数", "resolveWindows": "恢复窗口数", "status": "状态",
			"status.0": "启用", "status.1": "停用", "status.2": "作废", "noRulesYet": "还没有规则。", "edit": "编辑",
			"saveEdit": "保存", "checkDraft": "检查", "checkOK": "表达式与阈值可以编译。", "position": "位置", "line": "行", "column": "列",
			"backtest": "回测", "days": "最近天数", "countries": "国家 (空格分隔，最多 10 个)", "runBacktest": "运行回测",
			"windows": "窗口", "fired": "触发", "messages": "消息", "differences": "差异", "recordsPerSec": "记录/秒",
			"wouldFire": "会触发", "wasSent": "实际发送", "wouldSend": "会发送", "rate": "值", "state": "状态", "difference": "差异",
			"actual": "实际", "listedWindows": "列出触发、发送或有差异的窗口", "moreWindows": "窗口过多，只列出前面的部分。",
			"chartOf": "值与阈值", "noWindows": "这段时间没有记录。", "draft": "草稿", "backtestTook": "耗时",
			"done.rule": "规则已保存。", "done.template": "模板已保存。", "newTemplate": "新建模板", "editTemplate": "编辑模板",
			"noTemplates": "还没有模板。", "title": "标题 (英文)", "titleZh": "标题 (中文)", "content": "内容 (英文)", "contentZh": "内容 (中文)",
			"resolvedContent": "恢复内容 (英文)", "resolvedContentZh": "恢复内容 (中文)", "nodataContent": "无数据内容 (英文)",
			"nodataContentZh": "无数据内容 (中文)", "sendTypeLabel": "发送方式", "sendType.1": "实时", "sendType.2": "定时",
			"repeatSeconds": "重复间隔 (秒，0 不重复)", "scheduleCron": "定时 (cron，仅定时发送)", "preview": "预览",
			"placeholders": "占位符", "problems": "引擎的意见", "overLimit": "超出长度", "unknownPlaceholder": "未知占位符",
			"english": "English", "chinese": "中文", "previewError": "无法渲染", "previewNotes": "说明", "kindOf": "消息类型",
			"scenePick": "场景", "code2": "编号", "resolvedMsg": "恢复消息", "nodataMsg": "无数据消息",
		}
	}
	return Text{
		"rules": "Rules", "templates": "Templates", "newRule": "New rule", "editRule": "Edit rule", "celExpression": "Expression (CEL)",
		"description": "Description", "threshold": "Threshold", "pendingWindows": "Pending windows", "resolveWindows": "Resolve windows",
		"status": "Status", "status.0": "enabled", "status.1": "disabled", "status.2": "voided", "noRulesYet": "No rule yet.", "edit": "Edit",
		"saveEdit": "Save", "checkDraft": "Check", "checkOK": "The expression and threshold compile.", "position": "Position", "line": "line",
		"column": "column", "backtest": "Backtest", "days": "Last days", "countries": "Countries (space-separated, at most 10)",
		"runBacktest": "Run backtest", "windows": "Windows", "fired": "Fired", "messages": "Messages", "differences": "Differences",
		"recordsPerSec": "records/s", "wouldFire": "would fire", "wasSent": "was sent", "wouldSend": "would send", "rate": "Value",
		"state": "State", "difference": "Difference", "actual": "Actual", "listedWindows": "Windows that fired, sent or differ",
		"moreWindows": "More windows than listed: only the first are shown.", "chartOf": "value against threshold",
		"noWindows": "No records in this range.", "draft": "draft", "backtestTook": "Took",
		"done.rule": "Rule saved.", "done.template": "Template saved.", "newTemplate": "New template", "editTemplate": "Edit template",
		"noTemplates": "No template yet.", "title": "Title (English)", "titleZh": "Title (Chinese)", "content": "Content (English)",
		"contentZh": "Content (Chinese)", "resolvedContent": "Resolved (English)", "resolvedContentZh": "Resolved (Chinese)",
		"nodataContent": "No data (English)", "nodataContentZh": "No data (Chinese)", "sendTypeLabel": "Send type", "sendType.1": "realtime",
		"sendType.2": "scheduled", "repeatSeconds": "Repeat every (s, 0: never)", "scheduleCron": "Schedule (cron, scheduled only)",
		"preview": "Preview", "placeholders": "Placeholders", "problems": "The engine's objections", "overLimit": "Over a channel's limit",
		"unknownPlaceholder": "unknown placeholder", "english": "English", "chinese": "中文", "previewError": "Does not render",
		"previewNotes": "Notes", "kindOf": "Message", "scenePick": "Scene", "code2": "Code", "resolvedMsg": "Resolved message", "nodataMsg": "No-data message",
	}
}

// mergeText adds the keys of more to t (a page's own wording) and returns t.
func mergeText(t Text, more ...Text) Text {
	for _, m := range more {
		for k, v := range m {
			t[k] = v
		}
	}
	return t
}
