-- Migration 4: no schema change. Records, pending alerts and reports now
-- count their retries one way: the counter holds the retries left, a failed
-- attempt that finds one left uses it and is tried again, one that finds none
-- is final. A record has no final status of its own (1 and 5 are retried), so
-- a final one gets the last TIMESTAMP as claim_until and is never claimed.
-- Records this library failed for good before (0 retries left under the old
-- count) get that mark here; rows of other systems (claim_until NULL) are
-- not touched.
UPDATE `monitor_record` SET `claim_until` = '2038-01-19 03:14:07' WHERE `claim_until` IS NOT NULL AND ((`status` = 1 AND `rule_retry_time` <= 0) OR (`status` = 5 AND `send_retry_time` <= 0));
