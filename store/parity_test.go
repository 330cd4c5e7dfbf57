package store_test

import (
	"context"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// dbSchema is a schema as read back from a live database.
type dbSchema struct {
	columns map[string][]string // table → columns in order
	unique  map[string][]string // table → unique keys, each "a,b,c", sorted
}

func readSQLiteSchema(t *testing.T, db *store.DB) dbSchema {
	t.Helper()
	ctx := context.Background()
	s := dbSchema{columns: map[string][]string{}, unique: map[string][]string{}}
	var tables []string
	if err := db.SQL().SelectContext(ctx, &tables, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"); err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		var cols []string
		if err := db.SQL().SelectContext(ctx, &cols, "SELECT name FROM pragma_table_info(?) ORDER BY cid", tb); err != nil {
			t.Fatal(err)
		}
		s.columns[tb] = cols
		var idx []string
		if err := db.SQL().SelectContext(ctx, &idx, "SELECT name FROM pragma_index_list(?) WHERE \"unique\" = 1 AND origin <> 'pk'", tb); err != nil {
			t.Fatal(err)
		}
		for _, ix := range idx {
			var kc []string
			if err := db.SQL().SelectContext(ctx, &kc, "SELECT name FROM pragma_index_info(?) ORDER BY seqno", ix); err != nil {
				t.Fatal(err)
			}
			s.unique[tb] = append(s.unique[tb], strings.Join(kc, ","))
		}
		sort.Strings(s.unique[tb])
	}
	return s
}

func readMySQLSchema(t *testing.T, db *store.DB) dbSchema {
	t.Helper()
	ctx := context.Background()
	s := dbSchema{columns: map[string][]string{}, unique: map[string][]string{}}
	var cols []struct {
		Table  string `db:"TABLE_NAME"`
		Column string `db:"COLUMN_NAME"`
	}
	if err := db.SQL().SelectContext(ctx, &cols, "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS "+
		"WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION"); err != nil {
		t.Fatal(err)
	}
	for _, c := range cols {
		s.columns[c.Table] = append(s.columns[c.Table], c.Column)
	}
	var keys []struct {
		Table  string `db:"TABLE_NAME"`
		Index  string `db:"INDEX_NAME"`
		Column string `db:"COLUMN_NAME"`
	}
	if err := db.SQL().SelectContext(ctx, &keys, "SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS "+
		"WHERE TABLE_SCHEMA = DATABASE() AND NON_UNIQUE = 0 AND INDEX_NAME <> 'PRIMARY' ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"); err != nil {
		t.Fatal(err)
	}
	byIndex := map[[2]string][]string{}
	var order [][2]string
	for _, k := range keys {
		id := [2]string{k.Table, k.Index}
		if _, ok := byIndex[id]; !ok {
			order = append(order, id)
		}
		byIndex[id] = append(byIndex[id], k.Column)
	}
	for _, id := range order {
		s.unique[id[0]] = append(s.unique[id[0]], strings.Join(byIndex[id], ","))
	}
	for tb := range s.unique {
		sort.Strings(s.unique[tb])
	}
	return s
}

// expectedSchema is the schema the store describes (store.Schema).
func expectedSchema() dbSchema {
	s := dbSchema{columns: map[string][]string{}, unique: map[string][]string{}}
	for _, ti := range store.Schema() {
		for _, c := range ti.Columns {
			s.columns[ti.Name] = append(s.columns[ti.Name], c.Name)
		}
		for _, uk := range ti.UniqueKeys {
			s.unique[ti.Name] = append(s.unique[ti.Name], strings.Join(uk, ","))
		}
		sort.Strings(s.unique[ti.Name])
	}
	return s
}

func compareSchemas(t *testing.T, aName string, a dbSchema, bName string, b dbSchema, onlyTables map[string][]string) {
	t.Helper()
	for tb := range onlyTables {
		if !reflect.DeepEqual(a.columns[tb], b.columns[tb]) {
			t.Errorf("%s: columns differ\n%s: %v\n%s: %v", tb, aName, a.columns[tb], bName, b.columns[tb])
		}
		if !reflect.DeepEqual(a.unique[tb], b.unique[tb]) {
			t.Errorf("%s: unique keys differ\n%s: %v\n%s: %v", tb, aName, a.unique[tb], bName, b.unique[tb])
		}
	}
}

// TestSQLiteSchemaMatchesStore reads the migrated SQLite schema back and
// compares it with the store's description of the 13 tables.
func TestSQLiteSchemaMatchesStore(t *testing.T) {
	want := expectedSchema()
	got := readSQLiteSchema(t, testdb.SQLite(t))
	compareSchemas(t, "store", want, "sqlite", got, want.columns)
}

// TestSchemaParity reads both migrated schemas back from the databases:
// the same tables, columns (in order) and unique keys.
func TestSchemaParity(t *testing.T) {
	my := readMySQLSchema(t, testdb.MySQL(t))
	lite := readSQLiteSchema(t, testdb.SQLite(t))
	var myTables, liteTables []string
	for tb := range my.columns {
		if tb != "yujing_schema_lock" { // MySQL's migration lease; SQLite migrates in one immediate transaction
			myTables = append(myTables, tb)
		}
	}
	for tb := range lite.columns {
		liteTables = append(liteTables, tb)
	}
	sort.Strings(myTables)
	sort.Strings(liteTables)
	if !reflect.DeepEqual(myTables, liteTables) {
		t.Fatalf("tables differ\nmysql:  %v\nsqlite: %v", myTables, liteTables)
	}
	delete(my.columns, "yujing_schema_lock")
	compareSchemas(t, "mysql", my, "sqlite", lite, my.columns)
	compareSchemas(t, "store", expectedSchema(), "mysql", my, expectedSchema().columns)
}

// TestMySQLColumnLimits checks the limits the store enforces against the
// column definitions MySQL reports, so that the store never lets through
// what the server would clip.
func TestMySQLColumnLimits(t *testing.T) {
	db := testdb.MySQL(t)
	type col struct {
		Table     string  `db:"TABLE_NAME"`
		Column    string  `db:"COLUMN_NAME"`
		DataType  string  `db:"DATA_TYPE"`
		CharLen   *int64  `db:"CHARACTER_MAXIMUM_LENGTH"`
		Precision *int64  `db:"NUMERIC_PRECISION"`
		Scale     *int64  `db:"NUMERIC_SCALE"`
		Nullable  string  `db:"IS_NULLABLE"`
		Default   *string `db:"COLUMN_DEFAULT"`
	}
	var cols []col
	if err := db.SQL().Select(&cols, "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, "+
		"NUMERIC_SCALE, IS_NULLABLE, COLUMN_DEFAULT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"); err != nil {
		t.Fatal(err)
	}
	live := map[string]col{}
	for _, c := range cols {
		live[c.Table+"."+c.Column] = c
	}
	for _, ti := range store.Schema() {
		for _, c := range ti.Columns {
			l, ok := live[ti.Name+"."+c.Name]
			if !ok {
				t.Errorf("%s.%s missing in MySQL", ti.Name, c.Name)
				continue
			}
			if l.DataType != c.Type {
				t.Errorf("%s.%s: MySQL type %s, store %s", ti.Name, c.Name, l.DataType, c.Type)
			}
			switch c.Type {
			case "varchar":
				if l.CharLen == nil || *l.CharLen != int64(c.Size) {
					t.Errorf("%s.%s: MySQL length %v, store %d", ti.Name, c.Name, l.CharLen, c.Size)
				}
			case "decimal":
				if *l.Precision != int64(c.Precision) || *l.Scale != int64(c.Scale) {
					t.Errorf("%s.%s: MySQL decimal(%d,%d), store (%d,%d)", ti.Name, c.Name, *l.Precision, *l.Scale, c.Precision, c.Scale)
				}
			}
			if (l.Nullable == "NO") != c.NotNull {
				t.Errorf("%s.%s: MySQL nullable %s, store not-null %v", ti.Name, c.Name, l.Nullable, c.NotNull)
			}
			if c.Default != nil && (l.Default == nil || strings.Trim(*l.Default, "'") != strconv.Itoa(*c.Default)) {
				t.Errorf("%s.%s: MySQL default %v, store %d", ti.Name, c.Name, l.Default, *c.Default)
			}
		}
	}
}
