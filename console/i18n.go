package console

import (
	"net/http"
	"strings"
)

// Lang is a language of the console's pages.
type Lang string

// The console's languages.
const (
	English Lang = "en"
	Chinese Lang = "zh"
)

func (l Lang) valid() bool { return l == English || l == Chinese }

// langCookie remembers a visitor's choice of ?lang=.
const langCookie = "yujing_console_lang"

// language picks the request's language: ?lang=, then the cookie, then
// the default. A valid ?lang= is remembered in the cookie (set on w).
func (c *console) language(w http.ResponseWriter, r *http.Request) Lang {
	if q := Lang(strings.ToLower(r.URL.Query().Get("lang"))); q.valid() {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(q), MaxAge: 365 * 24 * 3600,
			HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
		return q
	}
	if ck, err := r.Cookie(langCookie); err == nil && Lang(ck.Value).valid() {
		return Lang(ck.Value)
	}
	return c.lang
}

// Text is the wording of a page in one language, by key; templates read it
// as {{.T.key}}.
type Text map[string]string

// wordings returns the wording of each language, made once per console.
func wordings() map[Lang]Text {
	return map[Lang]Text{English: mergeText(Text{}, textSources(English)...), Chinese: mergeText(Text{}, textSources(Chinese)...)}
}

// textSources are a language's wordings, one per group of pages; a key in
// two of them has the same words in both (TestWordingsDoNotCollide).
func textSources(l Lang) []Text {
	if l == Chinese {
		return []Text{chineseText(), alertsText(Chinese), rulesText(Chinese)}
	}
	return []Text{englishText(), alertsText(English), rulesText(English)}
}

func englishText() Text {
	t := Text{
		"console": "Yujing console", "overview": "Overview", "silences": "Silences", "language": "中文", "langCode": "zh",
		"user": "Signed in as", "readOnly": "read-only", "scene": "Scene", "country": "Country", "noScenes": "This engine has no scenes.",
		"noCountries": "No scene × country has a state yet: the engine writes one on its first windows.",
		"ok":          "ok", "pending": "pending", "firing": "firing", "nodata": "no data", "resolved": "resolved", "muted": "muted",
		"acknowledged": "acknowledged", "firingSince": "firing since", "last": "last", "by": "by", "until": "until",
		"acknowledge": "Acknowledge", "untilResolved": "until it resolves", "refreshes": "Refreshes every", "seconds": "s",
		"previous": "Previous", "next": "Next", "pager": "Page %d of %d · %d countries",
		"active": "Current", "all": "All, expired too", "code": "Code", "matchers": "Matches", "when": "When", "schedule": "Schedule",
		"createdBy": "Created by", "comment": "Comment", "expired": "Expired", "expire": "Expire", "ended": "ended",
		"noSilences": "No silence.", "newSilence": "New silence", "channel": "Channel", "rule": "Rule", "any": "any (*)",
		"oneOff": "One-off", "recurring": "Recurring (maintenance window)", "from": "From (UTC)", "untilUTC": "Until (UTC)",
		"duration": "or for", "durationHint": "e.g. 2h, 30m", "scheduleHint": `e.g. "SUN 02:00-04:00", "MON-FRI 22:00-06:00", "cron 0 2 * * 0 for 2h" (country's time zone)`,
		"notifyResolved": "Send resolves during the silence", "create": "Create silence", "everything": "everything", "always": "always",
		"done.silence": "Silence created.", "done.expire": "Silence expired.", "done.ack": "Acknowledged.",
		"err.title": "Refused", "err.crossOrigin": "This request came from another site and was refused.",
		"err.readOnly": "This console is read-only.", "err.noUser": "You are not signed in: the console does not know who you are.",
		"err.notFound": "Not found.", "err.internal": "Something went wrong; it is logged. Try again.",
		"err.stale":   "It no longer fires, or fires again since: nothing was acknowledged.",
		"err.already": "It is acknowledged already.", "err.form": "The form could not be read.",
		"back": "Back to the overview", "reason": "Reason", "noValue": "no value",
		"kind": "Kind", "mutedBy": "muted by silence", "error": "Refused", "acknowledgements": "Acknowledged alerts", "noAcks": "No firing alert is acknowledged.",
		"moreAcks": "More are acknowledged than listed here: the overview shows every one.",
	}
	return t
}

func chineseText() Text {
	t := Text{
		"console": "预警控制台", "overview": "总览", "silences": "静默", "language": "English", "langCode": "en",
		"user": "当前用户", "readOnly": "只读", "scene": "场景", "country": "国家", "noScenes": "此引擎没有场景。",
		"noCountries": "还没有任何场景 × 国家的状态：引擎在最初的时间窗后写入。",
		"ok":          "正常", "pending": "待定", "firing": "告警中", "nodata": "无数据", "resolved": "已恢复", "muted": "已静默",
		"acknowledged": "已确认", "firingSince": "告警开始于", "last": "最新值", "by": "确认人", "until": "直到",
		"acknowledge": "确认", "untilResolved": "直到恢复", "refreshes": "自动刷新间隔", "seconds": "秒",
		"previous": "上一页", "next": "下一页", "pager": "第 %d 页，共 %d 页 · %d 个国家",
		"active": "当前", "all": "全部（含已过期）", "code": "编号", "matchers": "匹配", "when": "时间", "schedule": "周期",
		"createdBy": "创建人", "comment": "备注", "expired": "已过期", "expire": "使过期", "ended": "已结束",
		"noSilences": "没有静默。", "newSilence": "新建静默", "channel": "渠道", "rule": "规则", "any": "任意 (*)",
		"oneOff": "一次性", "recurring": "周期性（维护窗口）", "from": "开始（UTC）", "untilUTC": "结束（UTC）",
		"duration": "或持续", "durationHint": "例如 2h、30m", "scheduleHint": `例如 "SUN 02:00-04:00"、"MON-FRI 22:00-06:00"、"cron 0 2 * * 0 for 2h"（国家时区）`,
		"notifyResolved": "静默期间仍发送恢复通知", "create": "创建静默", "everything": "全部", "always": "始终",
		"done.silence": "静默已创建。", "done.expire": "静默已过期。", "done.ack": "已确认。",
		"err.title": "已拒绝", "err.crossOrigin": "此请求来自其他站点，已拒绝。",
		"err.readOnly": "此控制台为只读。", "err.noUser": "未登录：控制台不知道您是谁。",
		"err.notFound": "未找到。", "err.internal": "出错了，已记录日志，请重试。",
		"err.stale":   "它已不再告警，或已重新告警：未确认任何内容。",
		"err.already": "它已被确认。", "err.form": "无法读取表单。",
		"back": "返回总览", "reason": "原因", "noValue": "无数值",
		"kind": "类型", "mutedBy": "静默规则", "error": "已拒绝", "acknowledgements": "已确认的告警", "noAcks": "没有已确认的告警。",
		"moreAcks": "已确认的告警多于此处所列：总览中可见全部。",
	}
	return t
}
