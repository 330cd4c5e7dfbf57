package store

import (
	"errors"
	"fmt"
)

// ErrNotFound is returned when a row looked up by its code does not exist.
var ErrNotFound = errors.New("store: not found")

// ErrDuplicate is returned when a write would break a unique key.
var ErrDuplicate = errors.New("store: duplicate key")

// ErrNotMigrated is wrapped by the errors of a database that lacks this
// module's tables or columns: Migrate was not called (or did not finish).
var ErrNotMigrated = errors.New("store: the database is not migrated (a table or column is missing): call Migrate")

// ErrClaimLost is returned when a completion write finds that the row is no
// longer claimed by the caller (its lease expired and another host took it).
var ErrClaimLost = errors.New("store: claim lost")

// ValidationError reports a value that does not fit its column, or a
// missing, malformed or refused field: every refusal of the configuration
// API, the store's own checks and the engine's (Validation) alike. It names
// the table and the column; Err, when set, is the cause (the engine's error,
// or ErrDuplicate for a row that repeats an enabled one).
type ValidationError struct {
	Table  string
	Column string
	Reason string
	Err    error
}

func (e *ValidationError) Error() string {
	return fmt.Sprintf("store: %s.%s: %s", e.Table, e.Column, e.Reason)
}

// Unwrap returns the cause.
func (e *ValidationError) Unwrap() error { return e.Err }

func invalid(table, column, format string, args ...any) error {
	return &ValidationError{Table: table, Column: column, Reason: fmt.Sprintf(format, args...)}
}

// refused turns an error of a Validation check into a *ValidationError
// naming table and column, unless it is one already (then it names its own).
func refused(table, column string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := errors.AsType[*ValidationError](err); ok {
		return err
	}
	return &ValidationError{Table: table, Column: column, Reason: err.Error(), Err: err}
}
