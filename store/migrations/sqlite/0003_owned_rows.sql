-- Migration 3: the same as the MySQL migration 3 (see there): rows this
-- library wrote before every row of its own carried a claim_until get one.
UPDATE monitor_record SET claim_until = COALESCE(update_time, create_time, '1970-01-01 00:00:01') WHERE claim_until IS NULL AND reason IS NOT NULL;
UPDATE monitor_send_log SET claim_until = COALESCE(update_time, create_time, '1970-01-01 00:00:01') WHERE claim_until IS NULL AND (reason IS NOT NULL OR channel_state IS NOT NULL);
UPDATE monitor_basic_data SET claim_until = COALESCE(update_time, create_time, '1970-01-01 00:00:01') WHERE claim_until IS NULL AND reason IS NOT NULL;
