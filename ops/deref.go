package ops

// deref is *s, or "" for nil: the configuration's nullable columns.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
