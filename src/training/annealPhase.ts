/**
 * The annealing phase of a restart (improved.anneal, improved.semanticRepair, improved.pairRepair,
 * improved.reanneal): after a gradient attempt that ran its course and missed, anneal its snapped tree (anneal.ts),
 * then, with pairRepair, repair pairs of subtrees of its best tree (semanticPairs.ts); with reanneal, anneal once more from
 * the lowest-MSE tree any annealing of the run has ended with. The Trainer hands over the attempt's result and takes
 * back the better of it and the annealed trees when the phase is over.
 *
 * Why reanneal (from depth 6): a run's best annealed tree is usually many choices from the target, but a fresh chain
 * from it finishes the tree more often than a new gradient attempt gets that close. From the best trees of the 14
 * missed runs of random:6:bushy (seed0 70707), one more 40 CPU s of annealing found 3 exactly.
 */
import { parseEml } from '../eml/syntax/index.ts';
import { annealAndRepair, beginAnneal, loadBest, pairRepairStep } from './anneal.ts';
import { manualLogits } from './init.ts';
import type { RestartState, RunResult } from './restartState.ts';
import { lazyLibrary, type SemanticLibrary } from './semanticLibrary.ts';
import type { TrainSettings } from './settings.ts';
import type { SnappedTree } from './snappedTree.ts';
import type { TrainingData } from './targets.ts';

/** Seed bases of the annealings (searchSeed's `base`): after an attempt, from the run's best, at the run's end. */
const ANNEAL_SEED = 0xa000;
const REANNEAL_SEED = 0xc000;
const FINAL_SEED = 0xd000;

export class AnnealPhase {
  private readonly library: () => SemanticLibrary;

  constructor(
    /** The evaluator the annealing runs on; it holds the tree to judge when `judge` is called. */
    private readonly dt: SnappedTree,
    private readonly settings: TrainSettings,
    private readonly data: TrainingData,
    /** The verified result of the tree in `dt` for restart r. */
    private readonly judge: (r: number, st: RestartState, abandoned: boolean) => RunResult,
    /** searchSeed for restart r. */
    private readonly seedOf: (r: number, base: number, attempt: number) => number,
  ) {
    this.library = lazyLibrary(data.x, data.n);
  }

  private repairLibrary(): SemanticLibrary | null {
    return this.settings.improved.semanticRepair ? this.library() : null;
  }

  /** Restart r anneals the tree `dt` holds (its attempt's snap); `pending` is the attempt's result. */
  begin(r: number, st: RestartState, pending: RunResult): void {
    this.chain(r, st, pending, ANNEAL_SEED, false);
  }

  private chain(r: number, st: RestartState, pending: RunResult, seedBase: number, last: boolean): void {
    const seed = this.seedOf(r, seedBase, st.attempt);
    st.anneal = beginAnneal(this.dt, this.repairLibrary(), seed, this.settings.successThr);
    st.pending = pending;
    st.reannealing = last;
    st.phase = 'anneal';
  }

  /**
   * With reanneal: restart r, out of budget and not exact, anneals the run's best tree `best` once more before it
   * settles (a run whose attempts were all cut as hopeless has not annealed at all). `pending` is the last attempt's
   * result. Returns false when that does not apply (then the run settles).
   */
  beginFinal(r: number, st: RestartState, best: RunResult, pending: RunResult): boolean {
    const { improved } = this.settings;
    if (!improved.anneal || !improved.reanneal || st.finalAnneal || best.exact) return false;
    const tree = parseEml(best.tree).tree;
    if (tree.kind !== 'eml') return false;
    const p = new Float64Array(this.dt.shape.nParams);
    manualLogits(this.dt.shape, tree, this.data.vars, 24, p);
    this.dt.fromParams(p);
    st.finalAnneal = true;
    this.chain(r, st, pending, FINAL_SEED, true);
    return true;
  }

  /** One chunk of restart r's annealing; the phase's result once it is over, else null. */
  step(r: number, st: RestartState): RunResult | null {
    const a = st.anneal!;
    const lib = this.repairLibrary();
    const thr = this.settings.successThr;
    if (!a.pairs && !annealAndRepair(this.dt, a, lib, thr)) return null;
    if (lib && this.settings.improved.pairRepair && !(a.best < thr) && !pairRepairStep(this.dt, a, lib, thr))
      return null;
    if (!st.bestAnnealed || a.best < st.bestAnnealed.mse)
      st.bestAnnealed = { leafCol: a.bestLeaf.slice(), gateOne: a.bestGate.slice(), mse: a.best };
    const result = this.end(r, st);
    if (!this.settings.improved.reanneal || st.reannealing || result.exact) return result;
    this.dt.leafCol.set(st.bestAnnealed.leafCol);
    this.dt.gateOne.set(st.bestAnnealed.gateOne);
    this.dt.evaluateAll();
    this.chain(r, st, result, REANNEAL_SEED, true);
    return null;
  }

  /** The better of the pending result and the annealing's best tree; ends the annealing. */
  end(r: number, st: RestartState): RunResult {
    const a = st.anneal!;
    let result = st.pending!;
    if (a.best < result.mseTrain) {
      loadBest(this.dt, a);
      result = this.judge(r, st, result.abandoned);
    }
    st.anneal = null;
    st.pending = null;
    return result;
  }
}
