package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	csv := `NLOC,CCN,token,PARAM,length,location,file,function,long_name,start,end
5,3,20,1,5,"f@1-5@t/a.c","t/a.c","f","f( int a , int b)",1,5
4,2,20,1,4,"g@7-10@t/a.c","t/a.c","g","g()",7,10
3,1,9,0,3,"if@20-22@t/a.c","t/a.c","if","if( x)",20,22
2,1,9,0,2,"main@1-2@t/s.py","t/s.py","main","main()",1,2
`
	theirs, err := parseLizardCSV([]byte(csv), "t")
	if err != nil {
		t.Fatal(err)
	}
	ours := []fn{
		{file: "a.c", name: "f", start: 1, end: 5, ccn: 3, nloc: 5},
		{file: "a.c", name: "g", start: 7, end: 10, ccn: 4, nloc: 4},
		{file: "a.c", name: "g", start: 7, end: 30, ccn: 4, nloc: 9}, // the #else body
		{file: "a.c", name: "late", start: 40, end: 44, ccn: 1, nloc: 5},
		{file: "b.c", name: "twin", start: 1, end: 2, ccn: 1, nloc: 2},
		{file: "a.c", name: "mystery", start: 3, end: 3, ccn: 1, nloc: 1},
	}
	c := compare(theirs, ours)
	c.explain(func(file string) bool { return file == "b.c" })
	if c.both != 2 || c.sameCCN != 1 || len(c.ccnDiff) != 1 || c.ccnDiff[0][0].name != "g" {
		t.Errorf("both %d, same CCN %d, diffs %v", c.both, c.sameCCN, c.ccnDiff)
	}
	classes := map[string]int{"dup": len(c.dupOurs), "lost": len(c.lostByLizard), "variants": len(c.variants),
		"language": len(c.otherLanguage), "keyword": len(c.keywordFuncs), "onlyOurs": len(c.onlyOurs), "onlyLizard": len(c.onlyLizard)}
	want := map[string]int{"dup": 1, "lost": 1, "variants": 1, "language": 1, "keyword": 1, "onlyOurs": 1, "onlyLizard": 0}
	for k, v := range want {
		if classes[k] != v {
			t.Errorf("%s: %d, want %d (all: %v)", k, classes[k], v, classes)
		}
	}
	var out bytes.Buffer
	c.write(&out, true)
	for _, s := range []string{"same CCN:  1 of 2 (50.00%)", "unexplained: only lizard 0, only assure 1", "a.c:3-3 mystery"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, out.String())
		}
	}
	if _, err := parseLizardCSV([]byte("1,x,3,4,5,l,f,n,ln,1,2\n"), "t"); err == nil {
		t.Error("a malformed number was accepted")
	}
}
