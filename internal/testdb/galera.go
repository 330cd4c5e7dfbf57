package testdb

import (
	"database/sql"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/yujing-go/yujing/internal/ids"
)

// EnvGalera names the nodes of a MariaDB Galera cluster for tests, comma
// separated, e.g. "root@tcp(127.0.0.1:3331)/,root@tcp(127.0.0.1:3332)/,…"
// (shared/galera/cluster.sh start prints them; .ci/run starts the cluster
// and sets it).
const EnvGalera = "ALERT_TEST_GALERA_DSNS"

// GaleraDSNs makes a fresh database on the cluster EnvGalera names and
// returns one DSN for it per node (the database replicates to every node;
// it is dropped when the test ends). Without EnvGalera the test skips,
// saying why.
//
// The test shares the cluster with the other tests that call GaleraDSNs,
// in this process and in others (go test runs packages at once), until it
// ends; a test that disturbs the cluster calls GaleraDSNsAlone instead.
func GaleraDSNs(t testing.TB) []string {
	t.Helper()
	return galeraDSNs(t, false)
}

// GaleraDSNsAlone is GaleraDSNs for a test that disturbs the cluster (it
// kills a node, say): it waits until no other test uses the cluster, and
// keeps the others waiting until it ends.
func GaleraDSNsAlone(t testing.TB) []string {
	t.Helper()
	return galeraDSNs(t, true)
}

func galeraDSNs(t testing.TB, alone bool) []string {
	t.Helper()
	nodes := strings.Split(os.Getenv(EnvGalera), ",")
	if nodes[0] == "" {
		t.Skip(EnvGalera + " is not set: skipping the Galera test (run shared/galera/cluster.sh start and set it to the DSNs it prints, or run bash .ci/run, which starts the cluster when it can)")
	}
	lockCluster(t, os.Getenv(EnvGalera), alone)
	name := "yujing_g_" + strings.ToLower(ids.New("", time.Now()))
	admin, err := sql.Open("mysql", nodes[0])
	if err != nil {
		t.Fatalf("open galera node: %v", err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE `" + name + "` DEFAULT CHARACTER SET utf8mb4"); err != nil {
		t.Fatalf("create database %s on the cluster: %v", name, err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("mysql", nodes[0])
		if err != nil {
			return
		}
		defer admin.Close()
		_, _ = admin.Exec("DROP DATABASE IF EXISTS `" + name + "`")
	})
	out := make([]string, len(nodes))
	for i, n := range nodes {
		cfg, err := mysql.ParseDSN(strings.TrimSpace(n))
		if err != nil {
			t.Fatalf("%s: %v", EnvGalera, err)
		}
		waitForDatabase(t, cfg.FormatDSN(), name)
		cfg.DBName = name
		out[i] = cfg.FormatDSN()
	}
	return out
}

// waitForDatabase waits until the node serves the database: a node may
// apply the replicated CREATE DATABASE a moment after the one it ran on.
func waitForDatabase(t testing.TB, node, name string) {
	t.Helper()
	db, err := sql.Open("mysql", node)
	if err != nil {
		t.Fatalf("open galera node: %v", err)
	}
	defer db.Close()
	for deadline := time.Now().Add(30 * time.Second); ; {
		var n int
		err := db.QueryRow("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", name).Scan(&n)
		if err == nil && n == 1 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("database %s did not reach node %s: %v", name, node, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
