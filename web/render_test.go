package web

import (
	"encoding/json"
	"testing"
)

func TestASCIIJSONRoundTrips(t *testing.T) {
	t.Parallel()
	for _, msg := range []string{"Vous ne pouvez pas désactiver", "l’élément n’existe pas", "emoji 😀 ok", "plain"} {
		b, _ := json.Marshal(map[string]string{"m": msg})
		enc := asciiJSON(string(b))
		for _, r := range enc {
			if r >= 0x80 {
				t.Fatalf("%q still has non-ASCII", enc)
			}
		}
		var back map[string]string
		if err := json.Unmarshal([]byte(enc), &back); err != nil || back["m"] != msg {
			t.Fatalf("%q decodes to %q (%v)", enc, back["m"], err)
		}
	}
}
