package store

import "time"

// Params are the reserved columns param1..param6 every seed table carries.
// Their sizes differ between tables (see the schema, ColumnLimit); the
// store checks them. Where this module gives one a meaning, the table's
// type has a method named for it (Record.RuleNo, SendLog.MergeCount,
// Template.Schedule, BasicData.FileSize…): use those, not the fields.
type Params struct {
	Param1 *int    `db:"param1"`
	Param2 *int    `db:"param2"`
	Param3 *int    `db:"param3"`
	Param4 *string `db:"param4"`
	Param5 *string `db:"param5"`
	Param6 *string `db:"param6"`
}

// Stamps are the create and update times. The store fills them (UTC, whole
// seconds) on every write it makes.
type Stamps struct {
	CreateTime *time.Time `db:"create_time"`
	UpdateTime *time.Time `db:"update_time"`
}

// Authors are the ids of who created and last changed a configuration row
// ("-1" for the system). The configuration API fills them.
type Authors struct {
	CreateUID *string `db:"create_uid"`
	UpdateUID *string `db:"update_uid"`
}

// Claim is the lease a host holds on a pipeline row (an addition to the
// seed). A row is free when ClaimUntil is NULL or in the past; a worker that
// claims it writes its owner token and the lease's end, and every completion
// write is guarded by the owner token, so a late or duplicate completion
// changes nothing. Between attempts, ClaimUntil with a NULL owner holds the
// time before which the row is not retried (its backoff or due time).
type Claim struct {
	ClaimOwner *string    `db:"claim_owner"`
	ClaimUntil *time.Time `db:"claim_until"`
}
