package ops

import (
	"context"

	"github.com/console-dev/console/auth"
	"github.com/console-dev/console/store"
)

// SaveImportFile keeps a file uploaded to import people, for its preview
// and its apply; whoever may manage people may upload one.
func (o *Ops) SaveImportFile(ctx context.Context, p Principal, name string, content []byte) (store.ImportFile, error) {
	return o.st.SaveImportFile(ctx, p.by(auth.UsersManage, false), name, content)
}

// SaveImportMapping remembers the tenant's column mapping (a JSON object)
// for its next imports.
func (o *Ops) SaveImportMapping(ctx context.Context, p Principal, mapping string) error {
	return o.st.SaveImportMapping(ctx, p.by(auth.UsersManage, false), mapping)
}
