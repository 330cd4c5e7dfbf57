package store

import (
	"errors"
	"fmt"
)

// ErrNotFound is returned when a row looked up by its code does not exist.
var ErrNotFound = errors.New("store: not found")

// ErrDuplicate is returned when a write would break a unique key.
var ErrDuplicate = errors.New("store: duplicate key")

// ErrClaimLost is returned when a completion write finds that the row is no
// longer claimed by the caller (its lease expired and another host took it).
var ErrClaimLost = errors.New("store: claim lost")

// ValidationError reports a value that does not fit its column, or a
// missing or malformed field. It names the table and the column.
type ValidationError struct {
	Table  string
	Column string
	Reason string
}

func (e *ValidationError) Error() string {
	return fmt.Sprintf("store: %s.%s: %s", e.Table, e.Column, e.Reason)
}

func invalid(table, column, format string, args ...any) error {
	return &ValidationError{Table: table, Column: column, Reason: fmt.Sprintf(format, args...)}
}
