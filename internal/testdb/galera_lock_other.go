//go:build !unix

package testdb

import "testing"

// lockCluster does nothing where flock is not available: the Galera tests
// run on Linux (shared/galera/cluster.sh).
func lockCluster(testing.TB, string, bool) {}
