-- Migration 7: the same as the MySQL migration 7 (see there): the state of
-- each scene × country, and a template's resolved and no-data messages.
CREATE TABLE IF NOT EXISTS yujing_alert_state (id INTEGER PRIMARY KEY AUTOINCREMENT, info_type INTEGER NOT NULL, country_no VARCHAR(32) NOT NULL, state VARCHAR(16) NOT NULL DEFAULT 'ok', active INTEGER NOT NULL DEFAULT 0, rule_no VARCHAR(32) DEFAULT NULL, since TIMESTAMP NULL DEFAULT NULL, firing_since TIMESTAMP NULL DEFAULT NULL, last_window_end TIMESTAMP NULL DEFAULT NULL, last_record VARCHAR(32) DEFAULT NULL, last_kind INTEGER NOT NULL DEFAULT 0, bad_windows INTEGER NOT NULL DEFAULT 0, good_windows INTEGER NOT NULL DEFAULT 0, empty_windows INTEGER NOT NULL DEFAULT 0, last_notified TIMESTAMP NULL DEFAULT NULL, notify_count INTEGER NOT NULL DEFAULT 0, escalation_level INTEGER NOT NULL DEFAULT 0, escalated_at TIMESTAMP NULL DEFAULT NULL, next_due TIMESTAMP NULL DEFAULT NULL, ack_by VARCHAR(64) DEFAULT NULL, ack_at TIMESTAMP NULL DEFAULT NULL, ack_until TIMESTAMP NULL DEFAULT NULL, last_sl_no VARCHAR(32) DEFAULT NULL, reason VARCHAR(512) DEFAULT NULL, version BIGINT NOT NULL DEFAULT 0, update_time TIMESTAMP NULL DEFAULT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS uk_yujing_alert_state ON yujing_alert_state (info_type, country_no);
CREATE INDEX IF NOT EXISTS key_yujing_alert_state_active ON yujing_alert_state (active, info_type);
CREATE INDEX IF NOT EXISTS key_yujing_alert_state_due ON yujing_alert_state (next_due);
ALTER TABLE monitor_mod ADD COLUMN resolved_content VARCHAR(512) DEFAULT NULL;
ALTER TABLE monitor_mod ADD COLUMN resolved_content_chinese VARCHAR(512) DEFAULT NULL;
ALTER TABLE monitor_mod ADD COLUMN nodata_content VARCHAR(512) DEFAULT NULL;
ALTER TABLE monitor_mod ADD COLUMN nodata_content_chinese VARCHAR(512) DEFAULT NULL;
