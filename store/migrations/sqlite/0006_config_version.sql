-- Migration 6: the same as the MySQL migration 6 (see there): a
-- configuration version that every configuration write bumps.
CREATE TABLE IF NOT EXISTS yujing_config_version (id INTEGER NOT NULL PRIMARY KEY, version BIGINT NOT NULL DEFAULT 0, update_time TIMESTAMP NULL DEFAULT NULL);
INSERT OR IGNORE INTO yujing_config_version (id, version) VALUES (1, 0);
