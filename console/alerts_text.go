package console

// alertsText is the wording of the alerts, explain, channels and routes
// pages in language l, merged into englishText and chineseText.
func alertsText(l Lang) Text {
	if l == Chinese {
		return alertsChinese()
	}
	return alertsEnglish()
}

func alertsEnglish() Text {
	return Text{
		"alerts": "Alerts", "explain": "Explain", "channels": "Channels", "routes": "Routes",
		"anyOf": "any", "status": "Status", "search": "Search", "range": "From", "now": "now", "noAlerts": "No alert matches.",
		"slot": "Send slot", "deliveries": "Channels", "archived": "archived", "nextAttempt": "next attempt", "firstPage": "First page",
		"send.waiting": "waiting", "send.sent": "sent", "send.failed": "failed", "send.muted": "muted",
		"record": "Record", "window": "Window", "sameSlot": "Same slot", "rulesRouted": "Rules", "stored": "Stored verdict",
		"rulesNow": "The rules now", "agrees": "The rules now agree with the stored verdict.", "disagrees": "The rules now say otherwise.",
		"expression": "Expression", "threshold": "Threshold", "fired": "Fired", "account": "Account", "templateUsed": "Template",
		"sendType": "send type", "recordedWith": "recorded with", "stateAckSilences": "State, acknowledgement, silences, audit",
		"since": "since", "level": "level", "notified": "notified", "noState": "No state row.", "silence": "Silence", "ref": "Ref",
		"detail": "Detail", "merged": "merged", "retriesLeft": "retries left", "sentAt": "sent at", "routing": "Routing",
		"noRoutes": "No enabled route.", "route": "Route", "escalation": "Escalation delay / repeat", "getsIt": "Gets it",
		"outcome": "Outcome", "attempts": "Attempts", "answer": "Answer", "waits": "waits", "noDeliveries": "No channel outcome yet.",
		"notes":     "Notes",
		"draftTest": "Test of the draft", "testOf": "Test of", "answerCode": "code", "took": "took", "retryAfter": "retry after",
		"asAlert": "an alert would be", "detailKey": "detail", "unknownKeys": "keys its type does not read", "noChannels": "No channel.",
		"name": "Name", "type": "Type", "details": "Details", "problem": "Problem", "secret": "secret", "edit": "Edit",
		"sendTest": "Send test", "editChannel": "Edit channel", "newChannel": "New channel",
		"retype":    "Secret values are not sent back to the browser: type any you changed again (left empty, a stored secret is kept).",
		"generated": "generated when empty", "remark": "Remark", "key": "Key", "value": "Value", "remove": "Remove",
		"unchanged": "(unchanged — type to replace)", "typeSecret": "secret: type the value",
		"secretHint": "A secret is never shown after saving; leave its field empty to keep the stored value.",
		"save":       "Save channel", "testDraft": "Send test (not saved)", "done.channel": "Channel saved.",
		"verdict.sent":         "the service accepted the message.",
		"verdict.refused":      "the service said no for good (a bad token or signature, a bad request): sending again fails the same way.",
		"verdict.rate_limited": "the robot is throttled, or its rate budget had no slot in time.",
		"verdict.unavailable":  "a server error or the network: a retry may succeed.",
		"verdict.bad_config":   "the channel does not build from its details: nothing was sent.",
		"checkSays":            "Check finds", "errors": "errors", "warnings": "warnings", "routed": "routed", "gap": "gap (error)",
		"warning": "warning", "partial": "rules, no template or channel here", "noRules": "no rule", "everyCountry": "every country", "routesPager": "Page %d of %d · %d countries",
		"otherFindings": "Other findings", "noFindings": "No other finding.", "severity": "Severity", "check": "Check",
		"table": "Table", "message": "Message",
	}
}

func alertsChinese() Text {
	return Text{
		"alerts": "告警", "explain": "解释", "channels": "渠道", "routes": "路由",
		"anyOf": "任意", "status": "状态", "search": "搜索", "range": "范围", "now": "现在", "noAlerts": "没有匹配的告警。",
		"slot": "发送时段", "deliveries": "渠道", "archived": "已归档", "nextAttempt": "下次尝试", "firstPage": "第一页",
		"send.waiting": "等待中", "send.sent": "已发送", "send.failed": "失败", "send.muted": "已静默",
		"record": "记录", "window": "时间窗", "sameSlot": "同一时段", "rulesRouted": "规则", "stored": "存储的判定",
		"rulesNow": "当前规则", "agrees": "当前规则与存储的判定一致。", "disagrees": "当前规则的判定不同。",
		"expression": "表达式", "threshold": "阈值", "fired": "触发", "account": "说明", "templateUsed": "模板",
		"sendType": "发送方式", "recordedWith": "记录时使用", "stateAckSilences": "状态、确认、静默、审计",
		"since": "自", "level": "级别", "notified": "已通知", "noState": "没有状态行。", "silence": "静默", "ref": "引用",
		"detail": "详情", "merged": "合并", "retriesLeft": "剩余重试", "sentAt": "发送于", "routing": "路由",
		"noRoutes": "没有启用的路由。", "route": "路由", "escalation": "升级延迟 / 重复", "getsIt": "收到",
		"outcome": "结果", "attempts": "尝试次数", "answer": "应答", "waits": "等待", "noDeliveries": "尚无渠道结果。",
		"notes":     "备注",
		"draftTest": "草稿测试", "testOf": "测试", "answerCode": "代码", "took": "耗时", "retryAfter": "重试间隔",
		"asAlert": "作为告警将为", "detailKey": "配置项", "unknownKeys": "该类型不读取的配置项", "noChannels": "没有渠道。",
		"name": "名称", "type": "类型", "details": "配置", "problem": "问题", "secret": "密钥", "edit": "编辑",
		"sendTest": "发送测试", "editChannel": "编辑渠道", "newChannel": "新建渠道",
		"retype":    "密钥不会回传到浏览器：请重新输入修改过的密钥（留空则保留已存储的密钥）。",
		"generated": "留空自动生成", "remark": "备注", "key": "键", "value": "值", "remove": "删除",
		"unchanged": "（未改变 — 输入以替换）", "typeSecret": "密钥：请输入",
		"secretHint": "保存后密钥不再显示；留空则保留已存储的值。",
		"save":       "保存渠道", "testDraft": "发送测试（不保存）", "done.channel": "渠道已保存。",
		"verdict.sent":         "服务已接收消息。",
		"verdict.refused":      "服务永久拒绝（令牌或签名错误、请求错误）：重发同样失败。",
		"verdict.rate_limited": "机器人被限流，或其速率预算没有及时的空位。",
		"verdict.unavailable":  "服务器错误或网络问题：重试可能成功。",
		"verdict.bad_config":   "渠道无法按其配置构建：未发送任何内容。",
		"checkSays":            "检查发现", "errors": "个错误", "warnings": "个警告", "routed": "已路由", "gap": "缺口（错误）",
		"warning": "警告", "partial": "有规则，此处无模板或渠道", "noRules": "无规则", "everyCountry": "所有国家", "routesPager": "第 %d 页，共 %d 页 · %d 个国家",
		"otherFindings": "其他发现", "noFindings": "没有其他发现。", "severity": "严重性", "check": "检查项",
		"table": "表", "message": "信息",
	}
}
