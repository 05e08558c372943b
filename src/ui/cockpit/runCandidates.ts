/**
 * What a run's trees become in the cockpit (controller.ts): candidates with their validation error, the candidates
 * kept when workers fail, the message that says what was kept, and the pick among them.
 */
import { bindConstants } from '../../fit/certificate.ts';
import { evaluateFit } from '../../fit/metrics.ts';
import type { Candidate, PreparedOk } from '../../store/fitStore.ts';
import type { RunResult } from '../../training/schedule.ts';
import type { FailedEvent } from '../../workers/clients/trainingEvents.ts';
import { resultTree } from './resultTrees.ts';

/** A tree's validation MSE (NaN without validation rows, or when the tree does not parse or evaluate). */
export function validationMse(data: PreparedOk | null, tree: string, constants?: Record<string, number>): number {
  const v = data?.split.validation;
  try {
    return v && v.n > 0 ? evaluateFit(resultTree(tree), bindConstants(v, constants)).mse : NaN;
  } catch {
    return NaN;
  }
}

/** A finished restart's tree, trained at `depth`, as a candidate. */
export function candidateOf(data: PreparedOk | null, depth: number, r: RunResult): Candidate {
  return {
    tree: r.tree,
    k: r.k,
    depth,
    init: r.init,
    mseTrain: r.mseTrain,
    mseVal: validationMse(data, r.tree, r.constants),
    exact: r.exact,
    ...(r.constants ? { constants: r.constants } : {}),
  };
}

/** What failed workers leave: their finished restarts and each worker's last snapped tree, as candidates. */
export function failedCandidates(data: PreparedOk | null, depth: number, e: FailedEvent): Candidate[] {
  const fromRuns = e.runs.map((r) => candidateOf(data, depth, r));
  // The last snapped tree is a checkpoint, not a finished restart: never marked exact here (the card re-checks it).
  const fromSnapshots: Candidate[] = e.snapshots.map((sn) => ({
    tree: sn.tree,
    k: sn.k,
    depth: sn.depth,
    init: 'last snapshot',
    mseTrain: sn.mseTrain,
    mseVal: validationMse(data, sn.tree),
    exact: false,
  }));
  return [...fromRuns, ...fromSnapshots].filter((c) => c.tree);
}

/** The message of a run whose workers failed (or were ended by Stop), having kept `kept` trees. */
export function failureMessage(e: FailedEvent, stopped: boolean, kept: number): string {
  const what = kept
    ? `The best of the ${kept} tree${kept === 1 ? '' : 's'} received so far is shown in the result.`
    : 'No tree had been received yet.';
  if (stopped) return `Stopped: ${e.message}, so they were ended here. ${what}`;
  const checkpoint = e.resume?.shares.some((s) => s.checkpoint)
    ? `from the last checkpoint (step ${Math.max(...e.resume.shares.map((s) => s.checkpoint?.step ?? 0))})`
    : 'from the start (no checkpoint had arrived)';
  return `The run ended early: ${e.message}. ${what} Resume continues every restart ${checkpoint} with the same data and settings.`;
}

/** Exact trees first (smallest K), then the lowest validation error (training error when there is no validation). */
export function bestCandidate(cands: readonly Candidate[]): Candidate | null {
  if (cands.length === 0) return null;
  const exact = cands.filter((c) => c.exact).sort((a, b) => a.k - b.k);
  if (exact.length) return exact[0];
  const loss = (c: Candidate) =>
    Number.isFinite(c.mseVal) ? c.mseVal : Number.isNaN(c.mseVal) ? c.mseTrain : Infinity;
  return [...cands].sort((a, b) => loss(a) - loss(b) || a.k - b.k)[0];
}
