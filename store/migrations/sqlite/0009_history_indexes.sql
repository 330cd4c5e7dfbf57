-- Migration 9: the same indexes as the MySQL migration 9 (see there), for
-- the operator's history over monitor_send_log_hist.
CREATE INDEX IF NOT EXISTS key_monitor_send_log_hist_itype_cno_estime ON monitor_send_log_hist (info_type, country_no, expect_send_time, sl_no);
CREATE INDEX IF NOT EXISTS key_monitor_send_log_hist_status_estime ON monitor_send_log_hist (status, expect_send_time, sl_no);
CREATE INDEX IF NOT EXISTS key_monitor_send_log_hist_estime_slno ON monitor_send_log_hist (expect_send_time, sl_no);
