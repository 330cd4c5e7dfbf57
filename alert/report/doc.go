// Package report turns the detail rows of a report scene (one country, one
// window: monitor_basic_data and its monitor_basic_data_item rows) into an
// Excel file and stores that file where an alert can link to it.
//
// Write streams the rows into an .xlsx with excelize's StreamWriter: memory
// stays flat however many rows there are (the worksheet's XML goes through
// a temporary file, and the zip is written straight to the destination).
// Amounts stay exact from the scene to the file: they are never a float64,
// and the cells hold the decimal's exact digits (see Write).
//
// FileName, SheetName and ObjectKey name a report for a person, for Excel
// and for storage. An Uploader stores the file under its ObjectKey and
// returns the URL that goes into monitor_basic_data.file_url: LocalDir keeps
// files in a directory; package report/s3 stores them in any S3-compatible
// service (AWS S3, MinIO, Alibaba OSS).
//
// The engine's use, for one report:
//
//	f, _ := os.CreateTemp("", "report-*.xlsx") // a temp file, not memory
//	sum, err := report.Write(ctx, f, meta, rows)
//	size, _ := f.Seek(0, io.SeekEnd)
//	url, err := uploader.Upload(ctx, report.ObjectKey(meta), f, size, report.ContentType)
package report
