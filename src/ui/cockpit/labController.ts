/**
 * The recovery lab's controller: runs N seeds × each chosen init strategy on a paper target (at its depth), a tree
 * the user wrote (at its depth), fresh random trees (one per seed, training/randomTarget.ts) or the cockpit's data,
 * one batch after another in the training workers, and writes the runs, progress and errors to the fit store's lab
 * slice (store/fitLab.ts). It holds only the client of the batch in flight (for Cancel); nothing here is read by a
 * view. Target text is read here (training/recoveryTarget.ts), so a bad tree is a message in the lab, not a crash.
 */
import { trainSettingsFor, type FitSettings } from '../../fit/fitSettings.ts';
import type { LabRun } from '../../fit/lab.ts';
import { payloadOf, type DataPayload } from '../../fit/prepare.ts';
import type { useFit } from '../../store/fitStore.ts';
import type { RunResult } from '../../training/schedule.ts';
import {
  dataForRun,
  parseTargetName,
  parseTargetTree,
  TargetError,
  targetLabel,
  type RecoveryTarget,
} from '../../training/recoveryTarget.ts';
import { print } from '../../eml/syntax/index.ts';
import { MAX_TARGET_DEPTH } from '../../training/randomTarget.ts';
import { isTargetName } from '../../training/targets.ts';
import { TrainingClient } from '../../workers/clients/trainingClient.ts';

export const depthOfTarget = (t: string) => Number(/\d+$/.exec(t)?.[0] ?? 3);

export interface LabDeps {
  store: typeof useFit;
  createClient?: () => TrainingClient;
}

export class LabController {
  private client: TrainingClient | null = null;
  constructor(private readonly deps: LabDeps) {}

  async run(): Promise<void> {
    const { store } = this.deps;
    const patch = store.getState().patchLab;
    patch({ error: null, runs: [] });
    const { settings, lab, prepared } = store.getState();
    const { target, seeds, inits, userDepth } = lab;
    let t: RecoveryTarget | null = null;
    let payload: DataPayload | null = null;
    let depth = userDepth;
    try {
      if (target === 'data') {
        if (!prepared.ok) return patch({ error: `Fix the data first: ${prepared.errors[0]}` });
        payload = payloadOf(prepared);
      } else if (target === 'random') {
        if (!(Number.isInteger(userDepth) && userDepth >= 1 && userDepth <= MAX_TARGET_DEPTH))
          return patch({ error: `Random targets take a depth from 1 to ${MAX_TARGET_DEPTH}.` });
        t = parseTargetName(`random:${userDepth}:${lab.randomShape}`);
      } else if (target === 'tree') {
        t = parseTargetTree(lab.treeText);
      } else if (isTargetName(target)) {
        t = { kind: 'paper', name: target };
      } else return;
    } catch (e) {
      if (e instanceof TargetError) return patch({ error: `Target tree: ${e.message}` });
      throw e;
    }
    if (t) {
      depth = t.kind === 'random' ? t.depth : t.kind === 'tree' ? t.tree.depth : depthOfTarget(target);
      // A fixed target's data are made once; a random one draws tree s from the seed + s, as bench:recovery does.
      if (t.kind !== 'random') payload = dataForRun(t, settings.seed, 0);
    }
    const label = target === 'data' ? 'your data' : t ? targetLabel(t) : target;
    // A random target is one batch per seed (each seed its own tree, one restart); any other, one batch per init.
    const perInit = t?.kind === 'random' ? seeds : 1;
    batches: for (const init of inits) {
      for (let s = 0; s < perInit; s++) {
        let fit: FitSettings = { ...settings, init, restarts: seeds, depth };
        let data = payload;
        let tree: string | undefined;
        if (t?.kind === 'random') {
          const d = dataForRun(t, settings.seed, s);
          fit = { ...fit, restarts: 1, seed: settings.seed + s };
          data = d;
          tree = print(d.tree, 'mathematica');
          patch({ busy: `${init}: random target ${s + 1} of ${seeds} at depth ${depth}…` });
        } else patch({ busy: `${init}: ${seeds} runs at depth ${depth}…` });
        const got = await this.batch(fit, data!, { target: label, depth, init, ...(tree ? { tree } : {}) });
        if (got === 'cancelled') return;
        if (!got) break batches;
        patch({ runs: [...store.getState().lab.runs, ...got] });
      }
    }
    this.client = null;
    patch({ busy: null });
  }

  /** One batch in the workers: its runs, null when it failed (the error is in the store), or 'cancelled'. */
  private async batch(
    fit: FitSettings,
    payload: DataPayload,
    tag: Pick<LabRun, 'target' | 'depth' | 'init' | 'tree'>,
  ): Promise<LabRun[] | null | 'cancelled'> {
    const { store } = this.deps;
    const patch = store.getState().patchLab;
    const c = this.deps.createClient?.() ?? new TrainingClient({ progressHz: 4 });
    this.client = c;
    const labRuns = (rs: RunResult[]): LabRun[] =>
      rs.map((r) => ({
        ...tag,
        fit: r.fit,
        exact: r.exact,
        abandoned: r.abandoned,
        steps: r.steps,
        mseTrain: r.mseTrain,
      }));
    const results = await new Promise<LabRun[] | null>((resolve) => {
      c.subscribe((e) => {
        if (e.type === 'result') resolve(labRuns(e.results));
        else if (e.type === 'failed') {
          // A worker died or stopped answering: the restarts that finished still count; the lab stops here.
          const n = e.runs.length;
          patch({
            error: `The lab's training worker failed (${e.message}); ${n} finished run${n === 1 ? ' is' : 's are'} kept.`,
            runs: [...store.getState().lab.runs, ...labRuns(e.runs)],
          });
          resolve(null);
        } else if (e.type === 'error') {
          patch({ error: e.message });
          resolve(null);
        }
      });
      c.start(trainSettingsFor(fit, fit.depth as number), { train: payload.train, fresh: payload.fresh });
    });
    c.dispose();
    if (this.client !== c) return 'cancelled';
    return results;
  }

  cancel(): void {
    this.client?.dispose();
    this.client = null;
    this.deps.store.getState().patchLab({ busy: null });
  }
}
