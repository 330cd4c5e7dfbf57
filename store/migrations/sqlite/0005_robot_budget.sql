-- Migration 5: the same as the MySQL migration 5 (see there): each robot's
-- send budget, shared by every replica.
CREATE TABLE IF NOT EXISTS yujing_robot (robot VARCHAR(80) NOT NULL PRIMARY KEY, next_ms BIGINT NOT NULL DEFAULT 0, paused_until_ms BIGINT NOT NULL DEFAULT 0, reason VARCHAR(512) DEFAULT NULL, update_time TIMESTAMP NULL DEFAULT NULL);
