-- Migration 6: a configuration version, so that an idle Tick does not read
-- every configuration row. Every write of the configuration API adds one;
-- an engine reloads the configuration when the version moved, and at least
-- every WithConfigReload (a minute by default) for rows written with SQL.
-- After editing configuration with SQL, this makes every engine reload on
-- its next Tick:  UPDATE yujing_config_version SET version = version + 1;
CREATE TABLE IF NOT EXISTS `yujing_config_version` (`id` int NOT NULL,`version` bigint NOT NULL DEFAULT 0 COMMENT 'bumped by every configuration write (yujing)',`update_time` timestamp NULL DEFAULT NULL,PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='configuration version (yujing)';
INSERT IGNORE INTO `yujing_config_version` (`id`, `version`) VALUES (1, 0);
