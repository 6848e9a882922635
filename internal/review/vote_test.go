package review

import (
	"reflect"
	"testing"
)

func TestFromTrailers(t *testing.T) {
	trailers := []Trailer{
		{Key: "Signed-off-by", Value: "Author <author@example.com>", Line: 5},
		{Key: "Reviewed-by", Value: "Jane Doe <jane@example.com>", Line: 6},
		{Key: "reviewed-BY", Value: "bob@example.com", Line: 7},
		{Key: "Acked-by", Value: "Carol", Line: 8},
		{Key: "Reviewed-by", Value: "<>", Line: 9},
		{Key: "Tested-by", Value: "Dan <dan@example.com>", Line: 10},
	}
	type vote struct{ name, email, source string }
	tests := []struct {
		name string
		keys []string
		want []vote
	}{
		{"defaults", DefaultApprovalTrailers, []vote{
			{"Jane Doe", "jane@example.com", "Reviewed-by trailer"},
			{"", "bob@example.com", "Reviewed-by trailer"},
			{"Carol", "", "Acked-by trailer"},
		}},
		{"policy spelling wins", []string{" tested-by "}, []vote{{"Dan", "dan@example.com", "tested-by trailer"}}},
		{"no keys", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []vote
			for _, v := range FromTrailers(trailers, tc.keys) {
				if !v.Approve || v.Veto || v.Commit != "" || v.ChangeID != "" {
					t.Errorf("unexpected vote fields: %+v", v)
				}
				got = append(got, vote{v.Reviewer.Name, v.Reviewer.Email, v.Source})
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}
