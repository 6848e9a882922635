package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/assure-dev/assure/internal/audit"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/store"
	"github.com/assure-dev/assure/internal/vuln"
)

func init() {
	scriptCommands["audit-seed"] = auditSeed
	scriptCommands["sqlite"] = sqliteExec
}

// auditSeed DATADIR N: a server data directory (audit key, SQLite database)
// in which a reporter filed N reports and the security team triaged each,
// as the server would have written them.
func auditSeed(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: audit-seed DATADIR N")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	dir := ts.MkAbs(args[0])
	signer, _, err := audit.LoadOrCreateKey(dir, "assure-audit")
	ts.Check(err)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, store.DefaultFile), store.Options{Signer: signer})
	ts.Check(err)
	defer st.Close()
	rita := vuln.Actor{ID: "rita", Roles: []vuln.Role{vuln.RoleReporter}}
	sam := vuln.Actor{ID: "sam", Roles: []vuln.Role{vuln.RoleSecurityTeam}}
	env := vuln.Env{Config: vuln.Config{}.Defaults(), Model: &model.Model{Modules: []model.Module{{ID: "net"}}}}
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	v := "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
	for i := 0; i < n; i++ {
		r, err := vuln.New(rita, vuln.Intake{Title: "overflow " + strconv.Itoa(i), Description: "d"}, env.Config, t0)
		ts.Check(err)
		ts.Check(st.CreateReport(ctx, r, store.Extra{}))
		ts.Check(r.StartTriage(sam, t0.Add(time.Hour)))
		ts.Check(r.Triage(sam, vuln.Triage{CVSS: &v, Stride: []vuln.Stride{"D"}, Modules: []string{"net"}}, env, t0.Add(2*time.Hour)))
		ts.Check(st.UpdateReport(ctx, r, store.Extra{}))
	}
}

// sqlite FILE STATEMENT: change the database behind assure's back.
func sqliteExec(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sqlite FILE STATEMENT")
	}
	db, err := sql.Open("sqlite", "file:"+ts.MkAbs(args[0]))
	ts.Check(err)
	defer db.Close()
	_, err = db.Exec(args[1])
	ts.Check(err)
}
