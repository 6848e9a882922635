package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/assure-dev/assure/internal/analysis"
	"github.com/assure-dev/assure/internal/check"
	"github.com/assure-dev/assure/internal/gate"
	"github.com/assure-dev/assure/internal/identity"
	"github.com/assure-dev/assure/internal/model"
	"github.com/assure-dev/assure/internal/waiver"
)

func init() { register(newWaiverCmd) }

func newWaiverCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "waiver",
		Short: "record, approve and list waivers of static-analysis findings",
		Long: `waiver keeps the central record of static-analysis waivers (security/waivers.yaml,
or analysis.waivers in the model): add records one for a current finding with
the analysis and git facts filled in, approve adds a security reviewer's
approval, list shows them. See docs/waivers.md.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newWaiverAddCmd(e), newWaiverApproveCmd(e), newWaiverListCmd(e))
	return cmd
}

// waiverCtx is what every waiver command loads.
type waiverCtx struct {
	root   string
	model  *model.Model
	reg    *waiver.Registry
	people waiver.People
}

func waiverLoad(ctx context.Context, e *env) (*waiverCtx, error) {
	root, err := repoRoot(ctx, e)
	if err != nil {
		return nil, err
	}
	m, err := gate.LoadModel(root, e.modelPath)
	if err != nil {
		return nil, inputErr(err)
	}
	reg, err := waiver.Load(root, check.WaiverRegistry(m))
	if err != nil {
		return nil, inputErr(err)
	}
	mm, err := waiverMailmap(root)
	if err != nil {
		return nil, inputErr(err)
	}
	return &waiverCtx{root: root, model: m, reg: reg, people: waiver.ModelPeople{Model: m, Mailmap: mm}}, nil
}

func waiverMailmap(root string) (*identity.Mailmap, error) {
	data, err := waiverReadFile(root, ".mailmap")
	if err != nil || data == nil {
		return nil, err
	}
	return identity.ParseMailmap(".mailmap", data)
}

type waiverAddFlags struct {
	rule, file, tool string
	category, reason string
	expires          string
}

func newWaiverAddCmd(e *env) *cobra.Command {
	var f waiverAddFlags
	cmd := &cobra.Command{
		Use:   "add [FINDING]",
		Short: "record a waiver for a current finding, under review until approved",
		Long: `add records a waiver for one current finding of the configured analyzers, named
by its finding id or fingerprint (as 'assure findings' shows them) or by --rule
and --file FILE:LINE. It runs the analysis, fills in the tool and its version,
today's date, the branch, the parent revision and the author of the waived
lines (git blame, through .mailmap and the model's people), issues the next id
and writes the registry. The waiver is under review until a security reviewer
approves it with 'assure waiver approve'.`,
		Example: `  assure waiver add F-3f9c0d2a1b7e4c55 --category false-positive --reason "dst is sized by the caller"
  assure waiver add --rule FF1001 --file src/parse.c:12 --category accepted-risk --reason "legacy" --expires 2026-12-31`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runWaiverAdd(cmd.Context(), e, f, args) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.rule, "rule", "", "the analyzer's `RULE` id (with --file)")
	fl.StringVar(&f.file, "file", "", "`FILE:LINE` of the finding (with --rule)")
	fl.StringVar(&f.tool, "tool", "", "only findings of `TOOL` (with --rule)")
	fl.StringVar(&f.category, "category", "", "`CATEGORY` of the reason: "+waiverCategories())
	fl.StringVar(&f.reason, "reason", "", "why the finding is waived (`TEXT`)")
	fl.StringVar(&f.expires, "expires", "", "the waiver ends on `YYYY-MM-DD`")
	return cmd
}

func waiverCategories() string {
	var s []string
	for _, c := range waiver.Categories() {
		s = append(s, string(c))
	}
	return strings.Join(s, ", ")
}

func runWaiverAdd(ctx context.Context, e *env, f waiverAddFlags, args []string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	q := waiver.Query{Tool: f.tool, Rule: f.rule}
	switch {
	case len(args) == 1 && (f.rule != "" || f.file != ""):
		return usageErr("give a finding id or --rule with --file, not both")
	case len(args) == 1:
		q.ID = args[0]
	case f.rule == "" || f.file == "":
		return usageErr("name the finding: assure waiver add FINDING-ID, or --rule RULE --file FILE:LINE")
	default:
		file, line, ok := strings.Cut(f.file, ":")
		n, err := strconv.Atoi(line)
		if !ok || err != nil || n < 1 {
			return usageErr("--file %q: want FILE:LINE, e.g. src/parse.c:12", f.file)
		}
		q.File, q.Line = file, n
	}
	if f.category == "" || f.reason == "" {
		return usageErr("a waiver needs --category (%s) and --reason", waiverCategories())
	}
	wc, err := waiverLoad(ctx, e)
	if err != nil {
		return err
	}
	a, err := check.Analyze(ctx, wc.root, wc.model)
	if err != nil {
		return inputErr(err)
	}
	r, err := waiver.Find(a.Results, q)
	if err != nil {
		return inputErr(err)
	}
	rec, err := waiverRecord(ctx, e, wc, r)
	if err != nil {
		return err
	}
	rec.Category, rec.Reason, rec.Expires = waiver.Category(f.category), f.reason, f.expires
	w, err := waiver.Add(wc.reg, r, rec)
	if err != nil {
		return inputErr(err)
	}
	if err := waiver.Save(wc.root, wc.reg); err != nil {
		return inputErr(fmt.Errorf("writing %s: %w", wc.reg.File, err))
	}
	fmt.Fprintf(e.stdout, "%s: %s %s at %s recorded in %s (under review; author %s)\n", w.ID, r.Tool, r.Rule, r.Location(), wc.reg.File, w.Author)
	fmt.Fprintf(e.stdout, "next: write /* assure: waive %s */ on line %d of %s or the line above it,\n      and have a security reviewer run: assure waiver approve %s --by PERSON\n",
		w.ID, r.Region.StartLine, r.File, w.ID)
	return nil
}

// record gathers the facts of the analysis run and git for a new waiver.
func waiverRecord(ctx context.Context, e *env, wc *waiverCtx, r *analysis.Result) (waiver.Record, error) {
	var rec waiver.Record
	var err error
	rec.Date = check.Today()
	if rec.Revision, err = waiver.Revision(ctx, wc.root); err != nil {
		return rec, inputErr(fmt.Errorf("the waiver records the parent revision, and there is none: %w (hint: commit first)", err))
	}
	if rec.Branch, err = waiver.Branch(ctx, wc.root, e.getenv); err != nil {
		return rec, inputErr(err)
	}
	last := max(r.Region.EndLine, r.Region.StartLine)
	au, err := waiver.Blame(ctx, wc.root, r.File, r.Region.StartLine, last)
	if err != nil {
		return rec, inputErr(fmt.Errorf("finding the author of the waived code: %w", err))
	}
	if au.Uncommitted {
		// Lines not committed yet are the work of whoever commits them.
		if au.Name, au.Email, err = waiver.Identity(ctx, wc.root); err != nil {
			return rec, inputErr(err)
		}
	}
	rec.Author = au.Email
	if p, ok := wc.people.Person(au.Email); ok {
		rec.Author = p.ID
	}
	return rec, nil
}

func newWaiverApproveCmd(e *env) *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "approve W-NNNN",
		Short: "record a security reviewer's approval of a waiver",
		Long: `approve records the approval of a waiver by a security reviewer of the model. The
approver is the person git knows you as (user.email, through .mailmap); --by
names them explicitly and must be that same person. Approving a waiver of your
own code is refused, as is an approver without the role security-reviewer.
Once enough reviewers agreed (two for category not-an-issue) the waiver is
accepted.`,
		Example: `  assure waiver approve W-0003
  assure waiver approve W-0003 --by rita`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runWaiverApprove(cmd.Context(), e, args[0], by) },
	}
	cmd.Flags().StringVar(&by, "by", "", "the approving `PERSON` (id or e-mail in the model); default: your git identity")
	return cmd
}

func runWaiverApprove(ctx context.Context, e *env, id, by string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if !waiver.ValidID(id) {
		return usageErr("%q is not a waiver id (hint: waiver ids look like W-0042)", id)
	}
	wc, err := waiverLoad(ctx, e)
	if err != nil {
		return err
	}
	name, email, err := waiver.Identity(ctx, wc.root)
	if err != nil {
		return inputErr(err)
	}
	me, known := wc.people.Person(email)
	if by == "" && !known {
		return inputErr(fmt.Errorf("your git identity %s <%s> is not a person of the model (hint: set git config user.email to your address in the model)", name, email))
	}
	approver := me
	if by != "" {
		p, ok := wc.people.Person(by)
		if !ok {
			return inputErr(fmt.Errorf("--by %q is not a person of the model", by))
		}
		if !known || p.ID != me.ID {
			return inputErr(fmt.Errorf("only %s can record their own approval, and git knows you as %s <%s> (hint: the approver runs this command)", p.ID, name, email))
		}
		approver = p
	}
	w, err := waiver.Approve(wc.reg, id, approver, check.Today(), wc.people)
	if err != nil {
		return inputErr(err)
	}
	if err := waiver.Save(wc.root, wc.reg); err != nil {
		return inputErr(fmt.Errorf("writing %s: %w", wc.reg.File, err))
	}
	fmt.Fprintf(e.stdout, "%s: approved by %s (%d of %d security reviewers); status %s\n",
		w.ID, approver.ID, waiver.Qualified(w, wc.people), w.Category.Approvers(), w.Status)
	for _, p := range waiver.Validate(&waiver.Registry{File: wc.reg.File, NextID: wc.reg.NextID, Waivers: []waiver.Waiver{*w}}, wc.people, waiver.Options{Today: check.Today()}) {
		if p.Kind == waiver.KindField {
			fmt.Fprintf(e.stderr, "note: %s\n", p.Message)
		}
	}
	return nil
}

type waiverListFlags struct {
	status, module, tool, expiring, format string
}

func newWaiverListCmd(e *env) *cobra.Command {
	var f waiverListFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "list the waivers of the registry",
		Example: `  assure waiver list --status under-review
  assure waiver list --module crypto --expiring 30d --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runWaiverList(cmd.Context(), e, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.status, "status", "", "only waivers in `STATUS`: under-review, accepted, rejected")
	fl.StringVar(&f.module, "module", "", "only waivers of files in `MODULE` (a module id of the model)")
	fl.StringVar(&f.tool, "tool", "", "only waivers of `TOOL`")
	fl.StringVar(&f.expiring, "expiring", "", "only waivers that expire within `DAYS` (30d) or by a date (YYYY-MM-DD), expired ones included")
	fl.StringVarP(&f.format, "format", "f", "text", "output `FORMAT`: text or json")
	return cmd
}

func runWaiverList(ctx context.Context, e *env, f waiverListFlags) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if f.format != "text" && f.format != "json" {
		return usageErr("unknown format %q (hint: text or json)", f.format)
	}
	st := waiver.Status(f.status)
	if f.status != "" && !st.Valid() {
		return usageErr("unknown status %q (hint: under-review, accepted or rejected)", f.status)
	}
	by, err := waiverExpiringBy(f.expiring)
	if err != nil {
		return err
	}
	wc, err := waiverLoad(ctx, e)
	if err != nil {
		return err
	}
	if f.module != "" && !waiverModuleExists(wc.model, f.module) {
		return usageErr("unknown module %q (hint: a module id of the model)", f.module)
	}
	ws := wc.reg.Select(waiver.Filter{Status: st, Tool: f.tool, Module: f.module, ExpiringBy: by}, wc.model)
	if f.format == "json" {
		return waiverWriteJSON(e, waiverJSON(ws))
	}
	if len(ws) == 0 {
		fmt.Fprintf(e.stdout, "no waivers in %s match\n", wc.reg.File)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tTOOL\tRULE\tFILE\tCATEGORY\tAUTHOR\tAPPROVERS\tEXPIRES")
	for _, w := range ws {
		var ap []string
		for _, a := range w.Approvers {
			ap = append(ap, a.Person)
		}
		loc := w.File
		if w.Line > 0 {
			loc += ":" + strconv.Itoa(w.Line)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", w.ID, w.Status, w.Tool, w.Rule, loc, w.Category,
			waiverDash(w.Author), waiverDash(strings.Join(ap, ",")), waiverDash(w.Expires))
	}
	return tw.Flush()
}

func waiverDash(s string) string {
	if s == "" {
		return "-"
	}
	return waiverOneLine(s)
}

// oneLineText keeps a value on its table row.
func waiverOneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func waiverModuleExists(m *model.Model, id string) bool {
	for _, mod := range m.Modules {
		if mod.ID == id {
			return true
		}
	}
	return false
}

// expiringBy turns "30d" or a date into the last date that counts.
func waiverExpiringBy(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err == nil && n >= 0 {
			t, _ := time.Parse(waiver.DateLayout, check.Today())
			return t.AddDate(0, 0, n).Format(waiver.DateLayout), nil
		}
	}
	if _, err := time.Parse(waiver.DateLayout, s); err == nil {
		return s, nil
	}
	return "", usageErr("--expiring %q: want a number of days (30d) or a date (YYYY-MM-DD)", s)
}

type waiverOut struct {
	ID           string           `json:"id"`
	Status       string           `json:"status"`
	Tool         string           `json:"tool"`
	ToolVersion  string           `json:"tool_version,omitempty"`
	Rule         string           `json:"rule"`
	File         string           `json:"file"`
	Line         int              `json:"line,omitempty"`
	Fingerprint  string           `json:"fingerprint,omitempty"`
	AnalysisDate string           `json:"analysis_date,omitempty"`
	Branch       string           `json:"branch,omitempty"`
	Revision     string           `json:"revision,omitempty"`
	Category     string           `json:"category,omitempty"`
	Reason       string           `json:"reason,omitempty"`
	Author       string           `json:"author,omitempty"`
	Approvers    []map[string]any `json:"approvers"`
	Expires      string           `json:"expires,omitempty"`
}

func waiverJSON(ws []*waiver.Waiver) []waiverOut {
	out := []waiverOut{}
	for _, w := range ws {
		o := waiverOut{ID: w.ID, Status: string(w.Status), Tool: w.Tool, ToolVersion: w.ToolVersion, Rule: w.Rule, File: w.File,
			Line: w.Line, Fingerprint: w.Fingerprint, AnalysisDate: w.AnalysisDate, Branch: w.Branch, Revision: w.Revision,
			Category: string(w.Category), Reason: w.Reason, Author: w.Author, Expires: w.Expires, Approvers: []map[string]any{}}
		for _, a := range w.Approvers {
			o.Approvers = append(o.Approvers, map[string]any{"person": a.Person, "date": a.Date})
		}
		out = append(out, o)
	}
	return out
}

func waiverWriteJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// waiverReadFile reads a file of the repository, or nil when it does not
// exist. It reads through the root: a file of the repository that links out
// of it is not followed.
func waiverReadFile(root, name string) ([]byte, error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data, err := r.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}
