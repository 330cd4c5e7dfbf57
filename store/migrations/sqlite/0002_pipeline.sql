-- Migration 2: the same additions as the MySQL migration 2 (see there).
ALTER TABLE monitor_record ADD COLUMN claim_owner VARCHAR(64) DEFAULT NULL;
ALTER TABLE monitor_record ADD COLUMN claim_until TIMESTAMP NULL DEFAULT NULL;
ALTER TABLE monitor_record ADD COLUMN reason VARCHAR(512) DEFAULT NULL;
CREATE INDEX key_monitor_record_claim ON monitor_record (status, claim_until, claim_owner);

ALTER TABLE monitor_send_log ADD COLUMN claim_owner VARCHAR(64) DEFAULT NULL;
ALTER TABLE monitor_send_log ADD COLUMN claim_until TIMESTAMP NULL DEFAULT NULL;
ALTER TABLE monitor_send_log ADD COLUMN reason VARCHAR(512) DEFAULT NULL;
ALTER TABLE monitor_send_log ADD COLUMN channel_state TEXT DEFAULT NULL;
CREATE INDEX key_monitor_send_log_claim ON monitor_send_log (status, claim_until, claim_owner);

ALTER TABLE monitor_send_log_hist ADD COLUMN reason VARCHAR(512) DEFAULT NULL;
ALTER TABLE monitor_send_log_hist ADD COLUMN channel_state TEXT DEFAULT NULL;

ALTER TABLE monitor_basic_data ADD COLUMN claim_owner VARCHAR(64) DEFAULT NULL;
ALTER TABLE monitor_basic_data ADD COLUMN claim_until TIMESTAMP NULL DEFAULT NULL;
ALTER TABLE monitor_basic_data ADD COLUMN reason VARCHAR(512) DEFAULT NULL;
CREATE INDEX key_monitor_basic_data_claim ON monitor_basic_data (status, claim_until, claim_owner);

ALTER TABLE monitor_hist_data ADD COLUMN claim_owner VARCHAR(64) DEFAULT NULL;
ALTER TABLE monitor_hist_data ADD COLUMN claim_until TIMESTAMP NULL DEFAULT NULL;
ALTER TABLE monitor_hist_data ADD COLUMN collected_time TIMESTAMP NULL DEFAULT NULL;
