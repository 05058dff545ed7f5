package store

import "context"

// dryRunCtx marks the transactions made under a context as a rehearsal.
type dryRunCtx struct{ changed *bool }

// DryRun returns a context under which every write transaction runs its
// checks and writes, then rolls back instead of committing: a change is
// rehearsed by the very code that would make it. *changed reports whether
// any of them wrote an audit event (it would have changed something).
func DryRun(ctx context.Context) (context.Context, *bool) {
	changed := new(bool)
	return context.WithValue(ctx, dryRunCtx{}, dryRunCtx{changed}), changed
}

// rehearsal is the dry run ctx asks for, if any.
func rehearsal(ctx context.Context) (dryRunCtx, bool) {
	d, ok := ctx.Value(dryRunCtx{}).(dryRunCtx)
	return d, ok
}

// InDryRun reports whether ctx is a dry run (see DryRun).
func InDryRun(ctx context.Context) bool {
	_, ok := rehearsal(ctx)
	return ok
}
