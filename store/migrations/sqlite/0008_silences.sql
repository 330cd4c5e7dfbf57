-- Migration 8: the same as the MySQL migration 8 (see there): silences,
-- the alert audit, and the silence that muted a state's latest message.
CREATE TABLE IF NOT EXISTS yujing_silence (id INTEGER PRIMARY KEY AUTOINCREMENT, silence_no VARCHAR(32) NOT NULL, info_type VARCHAR(16) NOT NULL DEFAULT '*', country_no VARCHAR(32) NOT NULL DEFAULT '*', channel_no VARCHAR(32) NOT NULL DEFAULT '*', rule_no VARCHAR(32) NOT NULL DEFAULT '*', starts_at TIMESTAMP NULL DEFAULT NULL, ends_at TIMESTAMP NULL DEFAULT NULL, schedule VARCHAR(128) DEFAULT NULL, notify_resolved INTEGER NOT NULL DEFAULT 0, created_by VARCHAR(64) NOT NULL, comment VARCHAR(255) DEFAULT NULL, create_time TIMESTAMP NULL DEFAULT NULL, expired_by VARCHAR(64) DEFAULT NULL, expired_at TIMESTAMP NULL DEFAULT NULL, update_time TIMESTAMP NULL DEFAULT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS uk_yujing_silence_no ON yujing_silence (silence_no);
CREATE INDEX IF NOT EXISTS key_yujing_silence_live ON yujing_silence (expired_at, ends_at);
CREATE TABLE IF NOT EXISTS yujing_alert_event (id INTEGER PRIMARY KEY AUTOINCREMENT, event_time TIMESTAMP NOT NULL, info_type INTEGER DEFAULT NULL, country_no VARCHAR(32) DEFAULT NULL, kind VARCHAR(32) NOT NULL, actor VARCHAR(64) DEFAULT NULL, ref VARCHAR(32) DEFAULT NULL, detail VARCHAR(512) DEFAULT NULL);
CREATE INDEX IF NOT EXISTS key_yujing_alert_event_key ON yujing_alert_event (info_type, country_no, event_time);
CREATE INDEX IF NOT EXISTS key_yujing_alert_event_time ON yujing_alert_event (event_time);
ALTER TABLE yujing_alert_state ADD COLUMN muted_by VARCHAR(32) DEFAULT NULL;
