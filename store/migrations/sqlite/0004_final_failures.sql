-- Migration 4: the same as the MySQL migration 4 (see there): records this
-- library failed for good under the old retry count are never claimed again.
UPDATE monitor_record SET claim_until = '2038-01-19 03:14:07' WHERE claim_until IS NOT NULL AND ((status = 1 AND rule_retry_time <= 0) OR (status = 5 AND send_retry_time <= 0));
