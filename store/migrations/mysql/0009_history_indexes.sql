-- Migration 9: indexes for the operator's history (ops.History, yujing
-- history) over monitor_send_log_hist, which grows without bound. The
-- history is read newest first by (expect_send_time, sl_no) (sl_no breaks
-- ties and survives archiving, so paging neither repeats nor skips a row);
-- each index serves one of the filters an operator uses in that order, so
-- a page reads about as many index entries as it returns rows:
--   scene + country (+ time range): (info_type, country_no, expect_send_time, sl_no)
--   status (failed, muted…):        (status, expect_send_time, sl_no)
--   no filter, a channel, a kind:   (expect_send_time, sl_no)
-- monitor_send_log holds only the rows not yet archived (an hour by
-- default) and its seed keys serve it; it gets no new index, so the
-- engine's writes there cost what they did. Additive only.
CREATE INDEX `key_monitor_send_log_hist_itype_cno_estime` ON `monitor_send_log_hist` (`info_type`,`country_no`,`expect_send_time`,`sl_no`);
CREATE INDEX `key_monitor_send_log_hist_status_estime` ON `monitor_send_log_hist` (`status`,`expect_send_time`,`sl_no`);
CREATE INDEX `key_monitor_send_log_hist_estime_slno` ON `monitor_send_log_hist` (`expect_send_time`,`sl_no`);
