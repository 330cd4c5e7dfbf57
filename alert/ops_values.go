package alert

// RecordValue is the sample a monitor_record row holds, decoded as the
// engine decodes it when it judges the row: numerator, denominator, rate
// and the scene's extra values.
type RecordValue struct {
	Numerator   int64
	Denominator int64
	Rate        float64
	Vars        map[string]any // nil when the sample has none
}

// DecodeRecordValue reads a record's content (and compare_val, for the
// rate of a row whose content lacks it) with the engine's own decoder:
// DecodeRecordValue(rec.Content, rec.CompareVal) for a store.Record or a
// store.RecordSample.
func DecodeRecordValue(content, compareVal *string) (RecordValue, error) {
	s, err := decodeSample(content, compareVal)
	if err != nil {
		return RecordValue{}, err
	}
	return RecordValue{Numerator: s.num, Denominator: s.den, Rate: s.rate, Vars: s.vars}, nil
}
