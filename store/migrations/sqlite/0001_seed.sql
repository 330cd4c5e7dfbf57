-- The seed schema translated for SQLite: same tables, columns, unique keys
-- and defaults. Index names are global in SQLite, so the two the seed reuses
-- on monitor_hist_data are renamed. decimal(20,8) columns are TEXT so that
-- all 20 digits survive (SQLite's NUMERIC keeps 15); decimal(4,2) and
-- decimal(8,4) fit NUMERIC exactly.
CREATE TABLE monitor_channel (
  id INTEGER PRIMARY KEY AUTOINCREMENT, channel_no VARCHAR(32) DEFAULT NULL, channel_name VARCHAR(20) DEFAULT NULL,
  type INTEGER DEFAULT 0, sort DECIMAL(4,2) DEFAULT NULL, status INTEGER DEFAULT 0, remark VARCHAR(20) DEFAULT NULL,
  create_uid VARCHAR(32) DEFAULT NULL, create_time TIMESTAMP NULL DEFAULT NULL, update_uid VARCHAR(32) DEFAULT NULL,
  update_time TIMESTAMP NULL DEFAULT NULL, param1 INTEGER DEFAULT NULL, param2 INTEGER DEFAULT NULL,
  param3 INTEGER DEFAULT NULL, param4 VARCHAR(32) DEFAULT NULL, param5 VARCHAR(64) DEFAULT NULL, param6 VARCHAR(128) DEFAULT NULL
);
CREATE UNIQUE INDEX uk_monitor_channel_cno ON monitor_channel (channel_no);

CREATE TABLE monitor_channel_detail (
  id INTEGER PRIMARY KEY AUTOINCREMENT, channel_no VARCHAR(32) DEFAULT NULL, data_key VARCHAR(128) DEFAULT NULL,
  data_value VARCHAR(128) DEFAULT NULL, data_remark VARCHAR(20) DEFAULT NULL, status INTEGER DEFAULT 0,
  create_uid VARCHAR(32) DEFAULT NULL, create_time TIMESTAMP NULL DEFAULT NULL, update_uid VARCHAR(32) DEFAULT NULL,
  update_time TIMESTAMP NULL DEFAULT NULL, param1 INTEGER DEFAULT NULL, param2 INTEGER DEFAULT NULL,
  param3 INTEGER DEFAULT NULL, param4 VARCHAR(32) DEFAULT NULL, param5 VARCHAR(64) DEFAULT NULL, param6 VARCHAR(128) DEFAULT NULL
);
CREATE UNIQUE INDEX uk_monitor_channel_detail_cds ON monitor_channel_detail (channel_no, data_key, status);

CREATE TABLE monitor_routing (
  id INTEGER PRIMARY KEY AUTOINCREMENT, routing_no VARCHAR(32) NOT NULL, country_no VARCHAR(32) NOT NULL,
  country_name VARCHAR(32) NOT NULL, info_type INTEGER DEFAULT NULL, channel_no VARCHAR(32) DEFAULT NULL,
  channel_name VARCHAR(20) DEFAULT NULL, sort DECIMAL(4,2) DEFAULT NULL, status INTEGER DEFAULT 0,
  create_uid VARCHAR(32) DEFAULT NULL, create_time TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP, update_uid VARCHAR(32) DEFAULT NULL,
  update_time TIMESTAMP NULL DEFAULT NULL, param1 INTEGER DEFAULT NULL, param2 INTEGER DEFAULT NULL,
  param3 INTEGER DEFAULT NULL, param4 VARCHAR(20) DEFAULT NULL, param5 VARCHAR(32) DEFAULT NULL, param6 VARCHAR(64) DEFAULT NULL
);
CREATE UNIQUE INDEX uk_monitor_routing_rt_no ON monitor_routing (routing_no);
CREATE UNIQUE INDEX uk_monitor_routing_cno_cpno_status_type ON monitor_routing (country_no, channel_no, status, info_type);

CREATE TABLE monitor_mod (
  id INTEGER PRIMARY KEY AUTOINCREMENT, mod_no VARCHAR(32) DEFAULT NULL, title VARCHAR(20) DEFAULT NULL,
  status INTEGER DEFAULT 0, content VARCHAR(512) DEFAULT NULL, content_chinese VARCHAR(512) DEFAULT NULL,
  info_type INTEGER DEFAULT NULL, send_type INTEGER DEFAULT NULL, remark VARCHAR(20) DEFAULT NULL,
  create_uid VARCHAR(32) DEFAULT NULL, create_time TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP, update_uid VARCHAR(32) DEFAULT NULL,
  update_time TIMESTAMP NULL DEFAULT NULL, param1 INTEGER DEFAULT NULL, param2 INTEGER DEFAULT NULL,
  param3 INTEGER DEFAULT NULL, param4 VARCHAR(20) DEFAULT NULL, param5 VARCHAR(32) DEFAULT NULL, param6 VARCHAR(64) DEFAULT NULL
);
CREATE UNIQUE INDEX uk_monitor_mod_mno ON monitor_mod (mod_no);
CREATE INDEX key_monitor_mod_info_type ON monitor_mod (info_type);
CREATE INDEX key_monitor_mod_info_status ON monitor_mod (status);

CREATE TABLE monitor_country_mod (
  id INTEGER PRIMARY KEY AUTOINCREMENT, bu_no VARCHAR(32) DEFAULT NULL, country_no VARCHAR(32) DEFAULT NULL,
  country_name VARCHAR(32) DEFAULT NULL, mod_no VARCHAR(32) DEFAULT NULL, info_type INTEGER DEFAULT NULL,
  status INTEGER DEFAULT 0, remark VARCHAR(20) DEFAULT NULL,
  create_uid VARCHAR(32) DEFAULT NULL, create_time TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP, update_uid VARCHAR(32) DEFAULT NULL,
  update_time TIMESTAMP NULL DEFAULT NULL, param1 INTEGER DEFAULT NULL, param2 INTEGER DEFAULT NULL,
  param3 INTEGER DEFAULT NULL, param4 VARCHAR(32) DEFAULT NULL, param5 VARCHAR(32) DEFAULT NULL, param6 VARCHAR(128) DEFAULT NULL
);
CREATE UNIQUE INDEX uk_monitor_country_mod_bu_no ON monitor_country_mod (bu_no);
CREATE UNIQUE INDEX uk_monitor_country_mod_cno_mno_itype_status ON monitor_country_mod (country_no, mod_no, info_type, status);

CREATE TABLE monitor_rule_route (
  id INTEGER PRIMARY KEY AUTOINCREMENT, bu_no VARCHAR(32) DEFAULT NULL, info_type INTEGER DEFAULT NULL,
  country_no VARCHAR(32) DEFAULT NULL, rule_no VARCHAR(32) DEFAULT NULL, sort DECIMAL(4,2) DEFAULT NULL,
  status INTEGER DEFAULT 0, remark VARCHAR(20) DEFAULT NULL, create_time TIMESTAMP NULL DEFAULT NULL,
  update_time TIMESTAMP NULL DEFAULT NULL, param1 INTEGER DEFAULT NULL, param2 INTEGER DEFAULT NULL,
  param3 INTEGER DEFAULT NULL, param4 VARCHAR(20) DEFAULT NULL, param5 VARCHAR(32) DEFAULT NULL, param6 VARCHAR(64) DEFAULT NULL
);
CREATE UNIQUE INDEX uk_monitor_rule_route_bno ON monitor_rule_route (bu_no);

CREATE TABLE monitor_rule (
  id INTEGER PRIMARY KEY AUTOINCREMENT, rule_no VARCHAR(32) DEFAULT NULL, sort DECIMAL(4,2) DEFAULT NULL,
  fun_code VARCHAR(64) DEFAULT NULL, fun_desc VARCHAR(64) DEFAULT NULL, threshold_val VARCHAR(255) DEFAULT NULL,
  status INTEGER DEFAULT 0, remark VARCHAR(20) DEFAULT NULL, create_time TIMESTAMP NULL DEFAULT NULL,
  update_time TIMESTAMP NULL DEFAULT NULL, param1 INTEGER DEFAULT NULL, param2 INTEGER DEFAULT NULL,
  param3 INTEGER DEFAULT NULL, param4 VARCHAR(20) DEFAULT NULL, param5 VARCHAR(32) DEFAULT NULL, param6 VARCHAR(64) DEFAULT NULL
);
CREATE UNIQUE INDEX uk_monitor_rule_rno ON monitor_rule (rule_no);

CREATE TABLE monitor_send_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT, sl_no VARCHAR(32) DEFAULT NULL, country_no VARCHAR(32) DEFAULT NULL,
  channel_product_no VARCHAR(32) DEFAULT NULL, mod_no VARCHAR(32) DEFAULT NULL, content VARCHAR(255) DEFAULT NULL,
  info_type INTEGER DEFAULT NULL, expect_send_time TIMESTAMP NULL DEFAULT NULL, reality_send_time TIMESTAMP NULL DEFAULT NULL,
  status INTEGER DEFAULT NULL, retry_times INTEGER DEFAULT 2, create_time TIMESTAMP NULL DEFAULT NULL,
  update_time TIMESTAMP NULL DEFAULT NULL, param1 INTEGER DEFAULT NULL, param2 INTEGER DEFAULT NULL,
  param3 INTEGER DEFAULT NULL, param4 VARCHAR(32) DEFAULT NULL, param5 VARCHAR(64) DEFAULT NULL, param6 VARCHAR(128) DEFAULT NULL
);
CREATE UNIQUE INDEX uk_monitor_send_log_slno ON monitor_send_log (sl_no);
CREATE UNIQUE INDEX uk_monitor_send_log_cno_itype_estime ON monitor_send_log (country_no, info_type, expect_send_time);
CREATE INDEX key_monitor_send_log_cno ON monitor_send_log (country_no);
CREATE INDEX key_monitor_send_log_chpno ON monitor_send_log (channel_product_no);
CREATE INDEX key_monitor_send_log_exstime ON monitor_send_log (expect_send_time);
CREATE INDEX key_monitor_send_log_status ON monitor_send_log (status);
CREATE INDEX key_monitor_send_log_retimes ON monitor_send_log (retry_times);
CREATE INDEX key_monitor_send_log_create_time ON monitor_send_log (create_time);

CREATE TABLE monitor_send_log_hist (
  id INTEGER PRIMARY KEY AUTOINCREMENT, sl_no VARCHAR(32) DEFAULT NULL, country_no VARCHAR(32) DEFAULT NULL,
  channel_product_no VARCHAR(32) DEFAULT NULL, mod_no VARCHAR(32) DEFAULT NULL, content VARCHAR(255) DEFAULT NULL,
  info_type INTEGER DEFAULT NULL, expect_send_time TIMESTAMP NULL DEFAULT NULL, reality_send_time TIMESTAMP NULL DEFAULT NULL,
  status INTEGER DEFAULT NULL, retry_times INTEGER DEFAULT 2, create_time TIMESTAMP NULL DEFAULT NULL,
  update_time TIMESTAMP NULL DEFAULT NULL, param1 INTEGER DEFAULT NULL, param2 INTEGER DEFAULT NULL,
  param3 INTEGER DEFAULT NULL, param4 VARCHAR(32) DEFAULT NULL, param5 VARCHAR(64) DEFAULT NULL, param6 VARCHAR(128) DEFAULT NULL
);
CREATE INDEX uk_monitor_send_log_hist_slno ON monitor_send_log_hist (sl_no);
CREATE INDEX key_monitor_send_log_hist_cno ON monitor_send_log_hist (country_no);
CREATE INDEX key_monitor_send_log_hist_chpno ON monitor_send_log_hist (channel_product_no);
CREATE INDEX key_monitor_send_log_hist_exstime ON monitor_send_log_hist (expect_send_time);
CREATE INDEX key_monitor_send_log_hist_status ON monitor_send_log_hist (status);
CREATE INDEX key_monitor_send_log_hist_retimes ON monitor_send_log_hist (retry_times);
CREATE INDEX key_monitor_send_log_hist_create_time ON monitor_send_log_hist (create_time);

CREATE TABLE monitor_hist_data (
  id INTEGER PRIMARY KEY AUTOINCREMENT, bu_no VARCHAR(32) DEFAULT NULL, info_type INTEGER DEFAULT NULL,
  begin_time TIMESTAMP NULL DEFAULT NULL, end_time TIMESTAMP NULL DEFAULT NULL, numerator_count INTEGER DEFAULT NULL,
  denominator_count INTEGER DEFAULT NULL, rate DECIMAL(8,4) DEFAULT NULL, remark VARCHAR(20) DEFAULT NULL,
  create_time TIMESTAMP NULL DEFAULT NULL, update_time TIMESTAMP NULL DEFAULT NULL, param1 INTEGER DEFAULT NULL,
  param2 INTEGER DEFAULT NULL, param3 INTEGER DEFAULT NULL, param4 VARCHAR(20) DEFAULT NULL, param5 VARCHAR(32) DEFAULT NULL,
  param6 VARCHAR(64) DEFAULT NULL
);
CREATE UNIQUE INDEX uk_monitor_hist_data_bno ON monitor_hist_data (bu_no);
CREATE UNIQUE INDEX uk_monitor_hist_data_itype_btime_etime ON monitor_hist_data (info_type, begin_time, end_time);
CREATE INDEX monitor_hist_data_btime ON monitor_hist_data (begin_time);
CREATE INDEX monitor_hist_data_etime ON monitor_hist_data (end_time);

CREATE TABLE monitor_record (
  id INTEGER PRIMARY KEY AUTOINCREMENT, bu_no VARCHAR(32) DEFAULT NULL, info_type INTEGER DEFAULT NULL,
  country_no VARCHAR(32) DEFAULT NULL, begin_time TIMESTAMP NULL DEFAULT NULL, end_time TIMESTAMP NULL DEFAULT NULL,
  content VARCHAR(1024) DEFAULT NULL, compare_val VARCHAR(512) DEFAULT NULL, rule_retry_time INTEGER DEFAULT 2,
  send_retry_time INTEGER DEFAULT 2, status INTEGER DEFAULT 0, remark VARCHAR(20) DEFAULT NULL,
  create_time TIMESTAMP NULL DEFAULT NULL, update_time TIMESTAMP NULL DEFAULT NULL, param1 INTEGER DEFAULT NULL,
  param2 INTEGER DEFAULT NULL, param3 INTEGER DEFAULT NULL, param4 VARCHAR(20) DEFAULT NULL, param5 VARCHAR(32) DEFAULT NULL,
  param6 VARCHAR(64) DEFAULT NULL
);
CREATE UNIQUE INDEX uk_monitor_record_bno ON monitor_record (bu_no);
CREATE UNIQUE INDEX uk_monitor_record_type_cno_btime_etime ON monitor_record (info_type, country_no, begin_time, end_time);

CREATE TABLE monitor_basic_data (
  id INTEGER PRIMARY KEY AUTOINCREMENT, group_no VARCHAR(32) DEFAULT NULL, country_name VARCHAR(20) DEFAULT NULL,
  begin_time TIMESTAMP NULL DEFAULT NULL, end_time TIMESTAMP NULL DEFAULT NULL, info_type INTEGER DEFAULT NULL,
  status INTEGER DEFAULT 0, file_url VARCHAR(255) DEFAULT NULL, retry_time INTEGER DEFAULT 2, remark VARCHAR(20) DEFAULT NULL,
  create_time TIMESTAMP NULL DEFAULT NULL, update_time TIMESTAMP NULL DEFAULT NULL, param1 INTEGER DEFAULT NULL,
  param2 INTEGER DEFAULT NULL, param3 INTEGER DEFAULT NULL, param4 VARCHAR(20) DEFAULT NULL, param5 VARCHAR(32) DEFAULT NULL,
  param6 VARCHAR(64) DEFAULT NULL
);
CREATE UNIQUE INDEX uk_monitor_basic_data_gno ON monitor_basic_data (group_no);
CREATE UNIQUE INDEX uk_monitor_basic_data_cn_btime_etime ON monitor_basic_data (country_name, begin_time, end_time);
CREATE INDEX key_monitor_basic_data_btime ON monitor_basic_data (begin_time);
CREATE INDEX key_monitor_basic_data_etime ON monitor_basic_data (end_time);

CREATE TABLE monitor_basic_data_item (
  id INTEGER PRIMARY KEY AUTOINCREMENT, group_no VARCHAR(32) DEFAULT NULL, case_id VARCHAR(32) DEFAULT NULL,
  external_no VARCHAR(128) DEFAULT NULL, repayment_money TEXT DEFAULT NULL, practical_repayment_money TEXT DEFAULT NULL,
  create_time TIMESTAMP NULL DEFAULT NULL, update_time TIMESTAMP NULL DEFAULT NULL, param1 INTEGER DEFAULT NULL,
  param2 INTEGER DEFAULT NULL, param3 INTEGER DEFAULT NULL, param4 VARCHAR(20) DEFAULT NULL, param5 VARCHAR(32) DEFAULT NULL,
  param6 VARCHAR(64) DEFAULT NULL
);
CREATE INDEX key_monitor_basic_data_item_gno ON monitor_basic_data_item (group_no);
