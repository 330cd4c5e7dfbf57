//go:build unix

package testdb

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// lockCluster holds a lock on the cluster named by nodes until the test
// ends: shared, or exclusive when alone. The lock is a file lock (flock),
// so it holds across the test processes of one go test run.
func lockCluster(t testing.TB, nodes string, alone bool) {
	t.Helper()
	sum := sha256.Sum256([]byte(nodes))
	path := filepath.Join(os.TempDir(), "yujing-galera-"+hex.EncodeToString(sum[:8])+".lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		t.Fatalf("galera test lock: %v", err)
	}
	how := syscall.LOCK_SH
	if alone {
		how = syscall.LOCK_EX
	}
	if err := syscall.Flock(int(f.Fd()), how); err != nil {
		f.Close()
		t.Fatalf("galera test lock %s: %v", path, err)
	}
	t.Cleanup(func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	})
}
