package ops

import (
	"context"
	"maps"
	"slices"

	"github.com/console-dev/console/store"
)

// previewChecks is how many accounts a preview rehearses one by one.
const previewChecks = 200

// JobPreview is what a bulk action would do, told before it is confirmed.
type JobPreview struct {
	Total   int             // accounts it would act on
	Sample  []store.Account // the first few of them
	Checked int             // of the first Checked accounts (all of them when Checked == Total)
	Change  int             // this many would change
	Skips   []Skip          // and these would be skipped, by reason, most first
}

// Skip is a reason an account would be left as it is, and how many.
type Skip struct {
	Reason string // catalog key
	Count  int
}

// PreviewJob rehearses spec without writing anything: each of the first
// previewChecks accounts goes through the very operation the job would run
// for it, in a transaction rolled back at its end, so what the preview says
// would be skipped, and why, is what the job would do now.
func (o *Ops) PreviewJob(ctx context.Context, p Principal, spec JobSpec) (JobPreview, error) {
	act, err := o.validJob(ctx, p, &spec)
	if err != nil {
		return JobPreview{}, err
	}
	items, err := o.freeze(ctx, p, spec)
	if err != nil {
		return JobPreview{}, err
	}
	pv := JobPreview{Total: len(items), Checked: min(len(items), previewChecks)}
	skips := map[string]int{}
	for i, it := range items[:pv.Checked] {
		if i < 5 {
			if a, err := o.st.Account(ctx, p.TenantID, it.AccountID); err == nil {
				pv.Sample = append(pv.Sample, a)
			}
		}
		dry, changed := store.DryRun(ctx)
		err := act.run(dry, o, p, it.AccountID, spec.Params)
		if err == nil && *changed {
			pv.Change++
			continue
		}
		_, reason := itemOutcome(err)
		skips[reason]++
	}
	for _, r := range slices.Sorted(maps.Keys(skips)) {
		pv.Skips = append(pv.Skips, Skip{Reason: r, Count: skips[r]})
	}
	slices.SortStableFunc(pv.Skips, func(a, b Skip) int { return b.Count - a.Count })
	return pv, nil
}
