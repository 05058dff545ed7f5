package patch

import "testing"

func TestCoerce(t *testing.T) {
	t.Parallel()
	ent := `"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"`
	for _, tc := range []struct {
		name    string
		schema  Schema
		in      string
		want    string
		errType string
	}{
		{name: "Okta: POST with id, meta and groups drops them and keeps known attributes", schema: UserSchema,
			in:   `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"x","meta":{"resourceType":"User"},"groups":[{"value":"1"}],"userName":"a","favourite":"red"}`,
			want: `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a"}`},
		{name: "Entra ID: active and primary as strings become booleans", schema: UserSchema,
			in:   `{"userName":"a","active":"True","emails":[{"value":"a@b.c","type":"work","primary":"true"}]}`,
			want: `{"userName":"a","active":true,"emails":[{"value":"a@b.c","type":"work","primary":true}]}`},
		{name: "OneLogin: names in other cases are rewritten to the schema's spelling", schema: UserSchema,
			in:   `{"USERNAME":"a","Name":{"GivenName":"G","familyname":"F"},"Emails":[{"Value":"a@b.c"}]}`,
			want: `{"userName":"a","name":{"givenName":"G","familyName":"F"},"emails":[{"value":"a@b.c"}]}`},
		{name: "Okta: PUT with null title leaves title absent", schema: UserSchema,
			in: `{"userName":"a","title":null,"name":{"middleName":null,"givenName":"G"}}`, want: `{"userName":"a","name":{"givenName":"G"}}`},
		{name: "Entra ID: enterprise extension object with a bare manager id", schema: UserSchema,
			in:   `{"userName":"a",` + ent + `:{"Department":"Sales","manager":"42"}}`,
			want: `{"userName":"a",` + ent + `:{"department":"Sales","manager":{"value":"42"}}}`},
		{name: "Okta: unsolicited password in PUT is kept for the server to decide", schema: UserSchema,
			in: `{"userName":"a","password":"pw-123456"}`, want: `{"userName":"a","password":"pw-123456"}`},
		{name: "JumpCloud: employeeNumber sent as a number becomes its text", schema: UserSchema,
			in: `{"userName":"a",` + ent + `:{"employeeNumber":1234}}`, want: `{"userName":"a",` + ent + `:{"employeeNumber":"1234"}}`},
		{name: "authentik: group with members, display kept, duplicates merged", schema: GroupSchema,
			in:   `{"displayName":"T","members":[{"value":"1","display":"one"},{"value":"1"},{"value":"2","type":"User"}]}`,
			want: `{"displayName":"T","members":[{"value":"1","display":"one"},{"value":"2","type":"User"}]}`},
		{name: "missing userName is invalidValue", schema: UserSchema, in: `{"displayName":"x"}`, errType: InvalidValue},
		{name: "a string for name is invalidValue", schema: UserSchema, in: `{"userName":"a","name":"Alice"}`, errType: InvalidValue},
		{name: "an object for userName is invalidValue", schema: UserSchema, in: `{"userName":{"a":1}}`, errType: InvalidValue},
		{name: "two primary emails is invalidValue", schema: UserSchema,
			in: `{"userName":"a","emails":[{"value":"a@b.c","primary":true},{"value":"b@b.c","primary":"True"}]}`, errType: InvalidValue},
		{name: "integers as strings become numbers", schema: things,
			in: `{"items":[{"value":"x","n":"42"}]}`, want: `{"items":[{"value":"x","n":42}]}`},
		{name: "a fraction for an integer is invalidValue", schema: things,
			in: `{"items":[{"value":"x","n":4.5}]}`, errType: InvalidValue},
		{name: "a malformed dateTime is invalidValue", schema: things,
			in: `{"items":[{"value":"x","at":"yesterday"}]}`, errType: InvalidValue},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res := decode(t, tc.in).(map[string]any)
			err := Coerce(res, tc.schema)
			if tc.errType != "" {
				scimErr(t, err, tc.errType, 400)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			sameAs(t, res, tc.want)
		})
	}
}
