package store

import "testing"

func TestHasSkipLocked(t *testing.T) {
	for v, want := range map[string]bool{
		"10.11.19-MariaDB-0+deb12u1": true, "10.6.0-MariaDB": true, "10.5.23-MariaDB": false, "11.4.2-MariaDB": true,
		"8.0.36": true, "8.0.0": false, "5.7.44-log": false, "8.4.1": true, "9.0.0": true,
		"8.0.11-TiDB-v7.5.1": false, "garbage": false,
	} {
		if got := hasSkipLocked(v); got != want {
			t.Errorf("hasSkipLocked(%q) = %v, want %v", v, got, want)
		}
	}
}
