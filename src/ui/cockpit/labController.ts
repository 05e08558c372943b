/**
 * The recovery lab's controller: runs N seeds × each chosen init strategy on a paper target (at its depth) or on
 * the cockpit's data, one batch after another in the training workers, and writes the runs, progress and errors to
 * the fit store's lab slice (store/fitLab.ts). It holds only the client of the batch in flight (for Cancel);
 * nothing here is read by a view.
 */
import { trainSettingsFor } from '../../fit/fitSettings.ts';
import type { LabRun } from '../../fit/lab.ts';
import { payloadOf, type DataPayload } from '../../fit/prepare.ts';
import type { useFit } from '../../store/fitStore.ts';
import type { RunResult } from '../../training/schedule.ts';
import { isTargetName, targetData } from '../../training/targets.ts';
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
    const user = target === 'data';
    let payload: DataPayload;
    if (user) {
      if (!prepared.ok) return patch({ error: `Fix the data first: ${prepared.errors[0]}` });
      payload = payloadOf(prepared);
    } else if (isTargetName(target)) {
      const d = targetData(target);
      payload = { train: d.train, fresh: d.fresh };
    } else return;
    const depth = user ? userDepth : depthOfTarget(target);
    for (const init of inits) {
      patch({ busy: `${init}: ${seeds} runs at depth ${depth}…` });
      const c = this.deps.createClient?.() ?? new TrainingClient({ progressHz: 4 });
      this.client = c;
      const labRuns = (rs: RunResult[]): LabRun[] =>
        rs.map((r) => ({
          target: user ? 'your data' : target,
          depth,
          init,
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
        c.start(trainSettingsFor({ ...settings, init, restarts: seeds, depth }, depth), payload);
      });
      c.dispose();
      if (this.client !== c) return; // cancelled
      if (!results) break;
      patch({ runs: [...store.getState().lab.runs, ...results] });
    }
    this.client = null;
    patch({ busy: null });
  }

  cancel(): void {
    this.client?.dispose();
    this.client = null;
    this.deps.store.getState().patchLab({ busy: null });
  }
}
