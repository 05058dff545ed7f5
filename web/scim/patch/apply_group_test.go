package patch

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

const team = `{"id":"g1","displayName":"Team","members":[{"value":"1","display":"one"},{"value":"2"},{"value":"3"}]}`

func TestApplyGroup(t *testing.T) {
	t.Parallel()
	g := GroupSchema
	runApply(t, []applyCase{
		{name: "Entra ID: Remove members with a value list removes exactly those", schema: g, res: team,
			ops:  `[{"op":"Remove","path":"members","value":[{"value":"1"},{"value":"3"}]}]`,
			want: `{"id":"g1","displayName":"Team","members":[{"value":"2"}]}`},
		{name: "Okta: remove members[value eq id] without a value removes that member only", schema: g, res: team,
			ops:  `[{"op":"remove","path":"members[value eq \"2\"]"}]`,
			want: `{"id":"g1","displayName":"Team","members":[{"value":"1","display":"one"},{"value":"3"}]}`},
		{name: "remove members without value or filter removes all members", schema: g, res: team,
			ops: `[{"op":"remove","path":"members"}]`, want: `{"id":"g1","displayName":"Team"}`},
		{name: "Entra ID: removing a member that is already gone succeeds", schema: g, res: team,
			ops:  `[{"op":"Remove","path":"members","value":[{"value":"9"}]},{"op":"remove","path":"members[value eq \"9\"]"}]`,
			want: team},
		{name: "Entra ID: add members without type", schema: g, res: `{"displayName":"Team"}`,
			ops:  `[{"op":"Add","path":"members","value":[{"value":"12"}]}]`,
			want: `{"displayName":"Team","members":[{"value":"12"}]}`},
		{name: "Okta: adding a present member does not duplicate it", schema: g, res: team,
			ops:  `[{"op":"add","path":"members","value":[{"value":"2","display":"two"},{"value":"4"},{"value":"4"}]}]`,
			want: `{"id":"g1","displayName":"Team","members":[{"value":"1","display":"one"},{"value":"2"},{"value":"3"},{"value":"4"}]}`},
		{name: "Okta: replace members with a full list replaces the whole list", schema: g, res: team,
			ops:  `[{"op":"replace","path":"members","value":[{"value":"1"},{"value":"5"}]}]`,
			want: `{"id":"g1","displayName":"Team","members":[{"value":"1"},{"value":"5"}]}`},
		{name: "Okta: id inside a group PATCH value is ignored", schema: g, res: team,
			ops:  `[{"op":"replace","value":{"id":"5","displayName":"X"}}]`,
			want: `{"id":"g1","displayName":"X","members":[{"value":"1","display":"one"},{"value":"2"},{"value":"3"}]}`},
		{name: "authentik: a single member object on add is a one-element list", schema: g, res: `{"displayName":"T"}`,
			ops: `[{"op":"add","path":"members","value":{"value":"7"}}]`, want: `{"displayName":"T","members":[{"value":"7"}]}`},
		{name: "JumpCloud: remove members through an or filter of three ids", schema: g, res: team,
			ops:  `[{"op":"remove","path":"members[value eq \"1\" or value eq \"2\" or value eq \"3\"]"}]`,
			want: `{"id":"g1","displayName":"Team"}`},
		{name: "a member without value is invalidValue", schema: g, res: team,
			ops: `[{"op":"add","path":"members","value":[{"display":"x"}]}]`, errType: InvalidValue},
		{name: "changing an immutable member value is mutability", schema: g, res: team,
			ops: `[{"op":"replace","path":"members[value eq \"2\"].value","value":"22"}]`, errType: Mutability},
		{name: "more than one op: member added then removed ends without it", schema: g, res: `{"displayName":"T"}`,
			ops:  `[{"op":"add","path":"members","value":[{"value":"1"},{"value":"2"}]},{"op":"remove","path":"members[value eq \"1\"]"}]`,
			want: `{"displayName":"T","members":[{"value":"2"}]}`},
	})
}

// Entra ID's initial sync of a big group: adding and removing 10,000 members
// must be linear. The 100,000-member case would take minutes if add or
// remove were quadratic; it is a test of complexity, not of time.
func TestMembersAtScale(t *testing.T) {
	t.Parallel()
	const n = 100_000
	var b strings.Builder
	b.WriteString(`[`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"value":"%d"}`, i)
	}
	b.WriteString(`]`)
	list := json.RawMessage(b.String())
	res := map[string]any{"displayName": "Big"}
	op := []Operation{{Op: "add", Path: "members", Value: list}, {Op: "add", Path: "members", Value: list}}
	if err := Apply(res, op, GroupSchema); err != nil {
		t.Fatal(err)
	}
	if got := len(res["members"].([]any)); got != n {
		t.Fatalf("after adding the same %d members twice: %d members", n, got)
	}
	if err := Apply(res, []Operation{{Op: "Remove", Path: "members", Value: list}}, GroupSchema); err != nil {
		t.Fatal(err)
	}
	if _, ok := res["members"]; ok {
		t.Fatalf("members left after removing all: %d", len(res["members"].([]any)))
	}
}

func TestTooManyOperations(t *testing.T) {
	t.Parallel()
	many := make([]Operation, MaxOperations+1)
	for i := range many {
		many[i] = Operation{Op: "replace", Path: "displayName", Value: json.RawMessage(`"x"`)}
	}
	scimErr(t, Apply(map[string]any{"displayName": "T"}, many, GroupSchema), "", 413)
	if err := Apply(map[string]any{"displayName": "T"}, many[:MaxOperations], GroupSchema); err != nil {
		t.Errorf("%d operations refused: %v", MaxOperations, err)
	}
}

func TestRequestValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, body, errType string }{
		{"Okta: PatchOp schema declared", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"title","value":"x"}]}`, ""},
		{"no schemas is invalidSyntax", `{"Operations":[{"op":"add","path":"title","value":"x"}]}`, InvalidSyntax},
		{"no operations is invalidSyntax", `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}`, InvalidSyntax},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var r Request
			if err := json.Unmarshal([]byte(tc.body), &r); err != nil {
				t.Fatal(err)
			}
			err := r.Validate()
			if tc.errType == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			scimErr(t, err, tc.errType, 400)
		})
	}
}
