package scim

import (
	"encoding/json"
	"strconv"

	"github.com/console-dev/console/store"
	"github.com/console-dev/console/web/scim/patch"
)

// groupResource is group g as a SCIM Group: displayName (its name),
// externalId, members (users only) and meta. members nil leaves them out.
func (s *Server) groupResource(g store.Group, members []store.Ref) map[string]any {
	m := map[string]any{
		"schemas":     []string{patch.GroupURN},
		"id":          itoa(g.ID),
		"displayName": g.Name,
		"meta":        s.meta("Group", "/Groups/", g.ID, g.CreatedAt, g.UpdatedAt),
	}
	if g.ExternalID != "" {
		m["externalId"] = g.ExternalID
	}
	if members != nil {
		list := make([]any, 0, len(members))
		for _, r := range members {
			list = append(list, map[string]any{"value": itoa(r.ID), "display": r.Name, "type": "User",
				"$ref": s.baseURL + Base + "/Users/" + itoa(r.ID)})
		}
		m["members"] = list
	}
	return m
}

// groupOf reads what the provider keeps of a group from a Group resource.
// A member value that is not one of our ids is store.ErrUnknownAccount.
func groupOf(m map[string]any) (store.SCIMGroup, error) {
	g := store.SCIMGroup{Name: text(m["displayName"]), ExternalID: text(m["externalId"])}
	list, _ := m["members"].([]any)
	g.Members = make([]int64, 0, len(list))
	for _, el := range list {
		e, _ := el.(map[string]any)
		id, err := strconv.ParseInt(idText(e["value"]), 10, 64)
		if err != nil || id <= 0 {
			return g, store.ErrUnknownAccount
		}
		g.Members = append(g.Members, id)
	}
	return g, nil
}

// idText is an id as a client sends it: a string, or a JSON number.
func idText(v any) string {
	if n, ok := v.(json.Number); ok {
		return n.String()
	}
	return text(v)
}
