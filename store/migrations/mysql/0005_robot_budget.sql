-- Migration 5: a robot's send budget, shared by every replica. One row per
-- robot (its channel type and a hash of its key, token or URL; never the
-- secret): the earliest time the next send may start, and until when a
-- throttling answer paused it. Times are milliseconds since 1970, since
-- sends are spaced by fractions of a second.
CREATE TABLE IF NOT EXISTS `yujing_robot` (`robot` varchar(80) NOT NULL COMMENT 'channel type and identity hash (yujing)',`next_ms` bigint NOT NULL DEFAULT 0 COMMENT 'next send not before, ms since 1970',`paused_until_ms` bigint NOT NULL DEFAULT 0 COMMENT 'paused by a throttling answer until, ms since 1970',`reason` varchar(512) DEFAULT NULL COMMENT 'why it was paused',`update_time` timestamp NULL DEFAULT NULL,PRIMARY KEY (`robot`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='robot send budgets (yujing)';
