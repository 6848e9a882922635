package review

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/assure-dev/assure/internal/jsonpos"
)

// GerritAccount is who owns a change or cast a vote.
type GerritAccount struct {
	AccountID int64
	Name      string
	Email     string
	Username  string
}

// GerritApproval is one vote on a label.
type GerritApproval struct {
	By    GerritAccount
	Value int
	Date  string // as Gerrit wrote it; formats differ between REST and query
}

// GerritLabel is one label of the current patch set and its votes. Min and
// Max are the label's range when the export says it (REST "values"); both
// are 0 when it does not.
type GerritLabel struct {
	Name     string
	Min, Max int
	Votes    []GerritApproval
}

// GerritChange is one change from a Gerrit export.
type GerritChange struct {
	ID              string // REST "id" (project~branch~Change-Id or project~number); the Change-Id for query output
	Number          int64
	Project         string
	Branch          string
	ChangeID        string // the Change-Id trailer value, I followed by 40 hex digits
	Subject         string
	Status          string // NEW, MERGED, ABANDONED
	Owner           GerritAccount
	CurrentRevision string
	Labels          []GerritLabel // sorted by name; votes in export order

	File string
	Line int
}

// Label returns the label named name, if the change has it.
func (c *GerritChange) Label(name string) (*GerritLabel, bool) {
	for i := range c.Labels {
		if c.Labels[i].Name == name {
			return &c.Labels[i], true
		}
	}
	return nil, false
}

const gerritHint = "export it with: curl 'https://GERRIT/changes/?q=QUERY&o=DETAILED_LABELS&o=CURRENT_REVISION' > changes.json" +
	", or: ssh -p 29418 GERRIT gerrit query --format=JSON --current-patch-set QUERY > changes.json"

// xssiPrefix is the line Gerrit's REST API puts before every JSON response.
const xssiPrefix = ")]}'"

// ParseGerrit reads a Gerrit export named name. It accepts:
//
//   - REST: the ChangeInfo object, or array of them, that GET /changes/
//     returns with o=DETAILED_LABELS (o=CURRENT_REVISION adds the revision),
//     with or without the )]}' line before it; several queries' arrays
//     nested in one array, as Gerrit answers q=A&q=B. Without
//     DETAILED_LABELS a label only names who approved and who rejected it;
//     those are read as votes of the label's highest and lowest value;
//   - `gerrit query --format=JSON --current-patch-set` (or --all-approvals)
//     output: one change object per line and a closing "stats" row. Votes
//     come from currentPatchSet, else from the last of patchSets.
//
// Changes come back in file order.
func ParseGerrit(name string, data []byte) ([]GerritChange, error) {
	d := &decoder{file: name, data: data, hint: gerritHint}
	if rest := bytes.TrimLeft(data, " \t\r\n\ufeff"); bytes.HasPrefix(rest, []byte(xssiPrefix)) {
		d.base = len(data) - len(rest) + len(xssiPrefix)
	}
	docs, err := d.parse()
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, d.errorf(nil, "", "no changes: the file is empty")
	}
	var out []GerritChange
	var walk func(v *jsonpos.Value, path string) error
	walk = func(v *jsonpos.Value, path string) error {
		switch v.Kind {
		case jsonpos.Array:
			for i, e := range v.Elems {
				if err := walk(e, jsonpos.Index(path, i)); err != nil {
					return err
				}
			}
			return nil
		case jsonpos.Object:
			c, ok, err := d.gerritChange(v, path)
			if ok {
				out = append(out, c)
			}
			return err
		}
		return d.errorf(v, path, "expected a change object, got %s", describe(v))
	}
	for i, doc := range docs {
		path := ""
		if len(docs) > 1 && doc.Kind != jsonpos.Object {
			path = "document " + strconv.Itoa(i+1) + " "
		}
		if err := walk(doc, path); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// gerritChange reads one object; ok is false for the query's stats row.
func (d *decoder) gerritChange(v *jsonpos.Value, path string) (GerritChange, bool, error) {
	f, _ := d.object(v, path)
	switch typ := f.str("type", false); typ {
	case "stats":
		return GerritChange{}, false, f.err
	case "error":
		return GerritChange{}, false, d.errorf(v, path, "the export holds Gerrit's error: %s", f.str("message", false))
	}
	c := GerritChange{File: d.file}
	c.Line, _ = d.pos(v)
	if v.Get("change_id") != nil {
		return c, true, d.gerritREST(f, &c)
	}
	return c, true, d.gerritQuery(f, &c)
}

func (d *decoder) gerritREST(f *fields, c *GerritChange) error {
	c.ID = f.str("id", false)
	c.Project = f.str("project", true)
	c.Branch = f.str("branch", false)
	c.ChangeID = f.str("change_id", true)
	c.Subject = f.str("subject", false)
	c.Status = f.str("status", false)
	c.Number, _ = f.integer("_number", false, false)
	c.CurrentRevision = strings.ToLower(f.str("current_revision", false))
	if o := f.member("owner", jsonpos.Object, false); o != nil {
		c.Owner = d.gerritAccount(f, o, jsonpos.Key(f.path, "owner"))
	}
	labels := f.member("labels", jsonpos.Object, false)
	if f.err != nil {
		return f.err
	}
	if err := d.checkChangeID(f, c, "change_id"); err != nil || labels == nil {
		return err
	}
	lpath := jsonpos.Key(f.path, "labels")
	for i, name := range labels.Keys {
		lp := jsonpos.Key(lpath, name)
		lf, err := d.object(labels.Vals[i], lp)
		if err != nil {
			return err
		}
		l := GerritLabel{Name: name}
		if vals := lf.member("values", jsonpos.Object, false); vals != nil {
			for j, k := range vals.Keys {
				n, err := strconv.Atoi(strings.TrimSpace(k))
				if err != nil {
					return d.errorf(vals.Vals[j], jsonpos.Key(jsonpos.Key(lp, "values"), k), "expected a vote value like \"+2\" as key, got %q", k)
				}
				l.Min, l.Max = min(l.Min, n), max(l.Max, n)
			}
		}
		if lf.v.Get("all") == nil {
			// Without o=DETAILED_LABELS Gerrit names only who gave the
			// label's extreme values: take those as votes of that value.
			for _, ext := range []struct {
				key  string
				val  int
				dflt int
			}{{"approved", l.Max, 2}, {"rejected", l.Min, -2}} {
				if a := lf.member(ext.key, jsonpos.Object, false); a != nil {
					val := ext.val
					if val == 0 {
						val = ext.dflt
					}
					acct := d.gerritAccount(lf, a, jsonpos.Key(lp, ext.key))
					l.Votes = append(l.Votes, GerritApproval{By: acct, Value: val})
				}
			}
		}
		for j, a := range lf.array("all", false) {
			ap := jsonpos.Index(jsonpos.Key(lp, "all"), j)
			af, err := d.object(a, ap)
			if err != nil {
				return err
			}
			// A reviewer who has not voted is listed without a value.
			val, voted := af.integer("value", false, false)
			date := af.str("date", false)
			acct := d.gerritAccount(af, a, ap)
			if af.err != nil {
				return af.err
			}
			if voted && val != 0 {
				l.Votes = append(l.Votes, GerritApproval{By: acct, Value: int(val), Date: date})
			}
		}
		if lf.err != nil {
			return lf.err
		}
		c.Labels = append(c.Labels, l)
	}
	sortLabels(c.Labels)
	return nil
}

func (d *decoder) gerritQuery(f *fields, c *GerritChange) error {
	c.ChangeID = f.str("id", true)
	c.ID = c.ChangeID
	c.Project = f.str("project", true)
	c.Branch = f.str("branch", false)
	c.Subject = f.str("subject", false)
	c.Status = f.str("status", false)
	c.Number, _ = f.integer("number", false, true)
	if o := f.member("owner", jsonpos.Object, false); o != nil {
		c.Owner = d.gerritAccount(f, o, jsonpos.Key(f.path, "owner"))
	}
	ps := f.member("currentPatchSet", jsonpos.Object, false)
	psPath := jsonpos.Key(f.path, "currentPatchSet")
	if all := f.array("patchSets", false); ps == nil && len(all) > 0 {
		ps, psPath = all[len(all)-1], jsonpos.Index(jsonpos.Key(f.path, "patchSets"), len(all)-1)
	}
	if f.err != nil {
		return f.err
	}
	if ps == nil {
		return d.errorf(f.v, jsonpos.Key(f.path, "currentPatchSet"), "missing: the export has no patch set, so no votes (hint: run gerrit query with --current-patch-set)")
	}
	pf, err := d.object(ps, psPath)
	if err != nil {
		return err
	}
	c.CurrentRevision = strings.ToLower(pf.str("revision", false))
	byLabel := map[string]*GerritLabel{}
	for j, a := range pf.array("approvals", false) {
		ap := jsonpos.Index(jsonpos.Key(psPath, "approvals"), j)
		af, err := d.object(a, ap)
		if err != nil {
			return err
		}
		typ := af.str("type", true)
		val, _ := af.integer("value", true, true)
		var by GerritAccount
		if b := af.member("by", jsonpos.Object, false); b != nil {
			by = d.gerritAccount(af, b, jsonpos.Key(ap, "by"))
		}
		if af.err != nil {
			return af.err
		}
		var date string
		if g, ok := af.integer("grantedOn", false, true); ok {
			date = strconv.FormatInt(g, 10)
		}
		if af.err != nil {
			return af.err
		}
		l := byLabel[typ]
		if l == nil {
			l = &GerritLabel{Name: typ}
			byLabel[typ] = l
		}
		if val != 0 {
			l.Votes = append(l.Votes, GerritApproval{By: by, Value: int(val), Date: date})
		}
	}
	if pf.err != nil {
		return pf.err
	}
	for _, l := range byLabel {
		c.Labels = append(c.Labels, *l)
	}
	sortLabels(c.Labels)
	return d.checkChangeID(f, c, "id")
}

// gerritAccount reads an AccountInfo (REST) or account attribute (query);
// errors land in parent.
func (d *decoder) gerritAccount(parent *fields, v *jsonpos.Value, path string) GerritAccount {
	if parent.err != nil {
		return GerritAccount{}
	}
	af, _ := d.object(v, path)
	a := GerritAccount{Name: af.str("name", false), Email: af.str("email", false), Username: af.str("username", false)}
	a.AccountID, _ = af.integer("_account_id", false, false)
	parent.err = af.err
	return a
}

// checkChangeID rejects a Change-Id that no commit trailer could match.
func (d *decoder) checkChangeID(f *fields, c *GerritChange, key string) error {
	id := c.ChangeID
	if len(id) == 41 && id[0] == 'I' && isHexSHA(id[1:]) {
		return nil
	}
	return d.errorf(f.v.Get(key), jsonpos.Key(f.path, key), "expected a Change-Id (I followed by 40 hex digits), got %q", id)
}

func sortLabels(ls []GerritLabel) {
	sort.SliceStable(ls, func(i, j int) bool { return ls[i].Name < ls[j].Name })
}
