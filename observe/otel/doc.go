// Package otelobserver records the alert engine's work into OpenTelemetry
// metrics and traces: an alert.Observer (and alert.Tracer) to pass to
// alert.WithObserver. Only a host
// that imports this package links the OpenTelemetry API.
//
//	obs, err := otelobserver.New(otel.GetMeterProvider()) // or the host's own sdkmetric.MeterProvider
//	if err != nil { … }
//	engine, err := alert.New(alert.WithStore(db), alert.WithScenes(…), alert.WithObserver(obs))
//
// The instruments come from the Meter named ScopeName. From each Tick
// (alert.TickResult):
//
//	yujing.ticks                        counter {tick}
//	yujing.tick.errors                  counter {tick}: Ticks that returned errors
//	yujing.tick.duration                histogram, s
//	yujing.stage.duration               histogram, s; stage: collect, rules, reports, record, escalate, send, archive
//	yujing.windows.collected            counter {window}
//	yujing.windows.failed               counter {window}: windows whose Collect failed
//	yujing.records.stored               counter {record}
//	yujing.rules.fired                  counter {record} (collect and rules stages)
//	yujing.rule.failures                counter {record} (rules stage)
//	yujing.lifecycle.held               counter {window}: held by the lifecycle without a message
//	yujing.lifecycle.messages           counter {message}: firing, repeat, resolved, no data
//	yujing.escalations                  counter {message}
//	yujing.alerts.recorded              counter {record}; result: enqueued, merged, suppressed, failed
//	yujing.reports                      counter {report}; result: uploaded, retrying, failed
//	yujing.alert.sends                  counter {alert}; result: sent, retrying, failed, muted
//	yujing.channel.outcomes             counter {delivery}; result: sent, error (per channel, as written into the alerts)
//	yujing.archived.rows                counter {row}: rows moved to monitor_send_log_hist
//
// From each delivery attempt (alert.Delivery):
//
//	yujing.deliveries                   counter {delivery}; channel.type, result: sent, error
//	yujing.delivery.duration            histogram, s; channel.type
//
// The attributes are bounded: a delivery has its channel's type only,
// unless WithChannelAttribute adds the channel (channel_no) for a host with
// few channels; never the country or the sl_no. The histograms' default
// buckets go from 1 ms to 1 minute (WithBucketBoundaries); a stage's
// duration is recorded only in the Ticks that reached it. The counters
// with a result attribute have every result's series after the first Tick.
//
// # Traces
//
// The Observer is also an alert.Tracer: the engine starts a span for each
// Tick ("yujing.tick"), one per stage under it ("yujing.collect",
// "yujing.rules", "yujing.reports", "yujing.record", "yujing.escalate",
// "yujing.send", "yujing.archive") and one per delivery under the send
// stage's ("yujing.deliver", a client span). A delivery span carries
// yujing.scene (info_type), yujing.country, yujing.sl_no, yujing.channel
// (channel_no) and yujing.channel.type; a failed one records the error,
// as the engine's log has it (channels redact their secrets). No span
// carries a channel's key, token or URL, or a message's text. Spans go to
// WithTracerProvider's provider, otel.GetTracerProvider() by default.
//
//	obs, err := otelobserver.New(meterProvider, otelobserver.WithTracerProvider(tracerProvider))
package otelobserver
