-- Migration 3: no schema change. From this version on, every row the library
-- writes into monitor_record, monitor_send_log and monitor_basic_data carries a
-- claim_until, and a row without one is another system's: the engine never
-- claims, changes or archives it. Rows this library wrote before that rule,
-- and left with a NULL claim_until, are recognised by a column only the
-- library writes (reason, channel_state) and given claim_until = their last
-- update, so they are worked on as before. Rows of other systems are not
-- touched: they have neither column set.
UPDATE `monitor_record` SET `claim_until` = COALESCE(`update_time`, `create_time`, '1970-01-01 00:00:01') WHERE `claim_until` IS NULL AND `reason` IS NOT NULL;
UPDATE `monitor_send_log` SET `claim_until` = COALESCE(`update_time`, `create_time`, '1970-01-01 00:00:01') WHERE `claim_until` IS NULL AND (`reason` IS NOT NULL OR `channel_state` IS NOT NULL);
UPDATE `monitor_basic_data` SET `claim_until` = COALESCE(`update_time`, `create_time`, '1970-01-01 00:00:01') WHERE `claim_until` IS NULL AND `reason` IS NOT NULL;
