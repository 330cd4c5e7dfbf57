-- Migration 2: additions the pipeline needs. Additive only: new nullable
-- columns and new indexes; the seed's columns, keys and codes are unchanged.
-- Each statement is applied on its own; one that finds its column or index
-- already there (1060, 1061) counts as done, so a migration cut off half way
-- resumes where it stopped.

-- Claims (a lease per row) so that concurrent hosts never work one row twice
-- and a crashed host's rows are taken over when the lease ends; between
-- attempts claim_until holds the row's backoff or due time.
ALTER TABLE `monitor_record` ADD COLUMN `claim_owner` varchar(64) DEFAULT NULL COMMENT 'claim owner token (yujing)';
ALTER TABLE `monitor_record` ADD COLUMN `claim_until` timestamp NULL DEFAULT NULL COMMENT 'claim lease end, or retry not before (yujing)';
ALTER TABLE `monitor_record` ADD COLUMN `reason` varchar(512) DEFAULT NULL COMMENT 'why the row is in its status (yujing)';
CREATE INDEX `key_monitor_record_claim` ON `monitor_record` (`status`,`claim_until`,`claim_owner`);

ALTER TABLE `monitor_send_log` ADD COLUMN `claim_owner` varchar(64) DEFAULT NULL COMMENT 'claim owner token (yujing)';
ALTER TABLE `monitor_send_log` ADD COLUMN `claim_until` timestamp NULL DEFAULT NULL COMMENT 'claim lease end, or send not before (yujing)';
ALTER TABLE `monitor_send_log` ADD COLUMN `reason` varchar(512) DEFAULT NULL COMMENT 'last failure or what is missing (yujing)';
ALTER TABLE `monitor_send_log` ADD COLUMN `channel_state` text DEFAULT NULL COMMENT 'per-channel delivery state, JSON (yujing)';
CREATE INDEX `key_monitor_send_log_claim` ON `monitor_send_log` (`status`,`claim_until`,`claim_owner`);

ALTER TABLE `monitor_send_log_hist` ADD COLUMN `reason` varchar(512) DEFAULT NULL COMMENT 'last failure or what is missing (yujing)';
ALTER TABLE `monitor_send_log_hist` ADD COLUMN `channel_state` text DEFAULT NULL COMMENT 'per-channel delivery state, JSON (yujing)';

ALTER TABLE `monitor_basic_data` ADD COLUMN `claim_owner` varchar(64) DEFAULT NULL COMMENT 'claim owner token (yujing)';
ALTER TABLE `monitor_basic_data` ADD COLUMN `claim_until` timestamp NULL DEFAULT NULL COMMENT 'claim lease end, or retry not before (yujing)';
ALTER TABLE `monitor_basic_data` ADD COLUMN `reason` varchar(512) DEFAULT NULL COMMENT 'last failure (yujing)';
CREATE INDEX `key_monitor_basic_data_claim` ON `monitor_basic_data` (`status`,`claim_until`,`claim_owner`);

-- A window is claimed for collection by inserting its monitor_hist_data row;
-- collected_time is set once the window's records are stored.
ALTER TABLE `monitor_hist_data` ADD COLUMN `claim_owner` varchar(64) DEFAULT NULL COMMENT 'collecting host token (yujing)';
ALTER TABLE `monitor_hist_data` ADD COLUMN `claim_until` timestamp NULL DEFAULT NULL COMMENT 'collection lease end (yujing)';
ALTER TABLE `monitor_hist_data` ADD COLUMN `collected_time` timestamp NULL DEFAULT NULL COMMENT 'when the window was collected (yujing)';
