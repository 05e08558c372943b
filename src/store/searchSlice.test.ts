import { afterEach, describe, expect, it } from 'vitest';
import type { FormulaResult } from '../fit/search/report.ts';
import type { SearchCandidate, SearchCommand, SearchEvent, SearchProblemSpec } from '../workers/protocol.ts';
import type { WorkerLike } from '../workers/searchPool.ts';
import { encodeReport } from '../workers/reportWire.ts';
import { parseFunctional } from '../eml/syntax/index.ts';
import { useFit } from './fitStore.ts';

const spec: SearchProblemSpec = {
  text: 'x,y\n1,0\n2,0.693147',
  target: '2',
  inputs: ['1'],
  validationFraction: 0.2,
  splitSeed: 1,
  noise: null,
};
const row = (formula: string, rmse: number): FormulaResult => ({
  tree: 'eml(1, eml(eml(1, x), 1))',
  formula,
  latex: '\\ln x',
  k: 7,
  depth: 3,
  constants: [],
  verdict: 'exact',
  train: { r2: 1, rmse, maxError: rmse },
  validation: { r2: 1, rmse, maxError: rmse },
  rmse,
  withinPrecision: 1,
  noiseRms: 0,
  fresh: { points: 10, maxRelError: 0, pass: true },
  expr: { t: 'un', op: 'ln', a: { t: 'var', i: 0 } },
  params: [],
});
const plot = {
  vars: ['x'],
  target: 'y',
  x: [Float64Array.of(1, 2)],
  y: Float64Array.of(0, 0.693147),
  nTrain: 1,
  pred: [Float64Array.of(0, 0.693147)],
  grid: null,
};

type Script = (cmd: SearchCommand, w: FakeWorker) => void;
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  sent: SearchCommand[] = [];
  constructor(private script: Script) {}
  postMessage(cmd: SearchCommand): void {
    this.sent.push(cmd);
    queueMicrotask(() => this.script(cmd, this));
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(m: SearchEvent): void {
    if (!this.terminated) this.onmessage?.({ data: m } as MessageEvent);
  }
}

/** Workers that answer a finish request with a report built from the candidates they were given. */
function pool(searchScript: Script) {
  const workers: FakeWorker[] = [];
  const finishes: Extract<SearchCommand, { type: 'search-finish' }>[] = [];
  const create = () => {
    const w = new FakeWorker((cmd, self) => {
      if (cmd.type === 'search-start') return searchScript(cmd, self);
      if (cmd.type === 'search-finish') {
        finishes.push(cmd);
        const r = row(`from ${cmd.candidates.length} candidates, noise ${cmd.problem.noise}`, 1e-7);
        self.emit({
          type: 'search-report',
          id: cmd.id,
          // As the worker posts it: the row's tree encoded (reportWire.ts).
          report: encodeReport(
            { best: r, pareto: [r], precision: { source: 'digits', outputDigits: 6, noise: null }, noise: null },
            new Map([[r, parseFunctional(r.tree)]]),
          ),
          bestIndex: 0,
          html: ['<b>ln x</b>'],
          scores: [NaN],
          plot,
          warnings: [],
        });
      }
      if (cmd.type === 'search-replot')
        self.emit({
          type: 'search-replotted',
          id: cmd.id,
          html: ['<b>ln x</b>'],
          plot,
          rmse: cmd.formulas.map(() => 1e-7),
        });
    });
    workers.push(w);
    return w;
  };
  return { workers, finishes, create };
}

const cand = (key: string, mse: number, size: number): SearchCandidate => ({
  expr: key === 'ln' ? { t: 'un', op: 'ln', a: { t: 'var', i: 0 } } : { t: 'var', i: 0 },
  mse,
  size,
});
const progress = (
  cmd: Extract<SearchCommand, { type: 'search-start' }>,
  best: string,
  bestMse: number,
): SearchEvent => ({
  type: 'search-progress',
  id: cmd.id,
  shard: cmd.shard.index,
  elapsedMs: 10,
  evaluated: 5,
  phase: 'enumerate',
  level: 2,
  bestMse,
  best,
});

afterEach(() => useFit.getState().resetSearch());

describe('the fit store’s search slice', () => {
  it('runs one shard per worker with the same seed, merges their candidates and finishes them in a worker', async () => {
    const p = pool((cmd, w) => {
      if (cmd.type !== 'search-start') return;
      w.emit(progress(cmd, 'v0', 1));
      w.emit({
        type: 'search-done',
        id: cmd.id,
        shard: cmd.shard.index,
        candidates: [cand('x', 1, 1), cand('ln', cmd.shard.index === 0 ? 1e-3 : 1e-9, 2)],
        evaluated: 100,
        elapsedMs: 50,
        stopped: 'budget',
      });
    });
    await useFit.getState().startSearch(spec, { seed: 9, budgetS: 2, workers: 2, createWorker: p.create });
    const starts = p.workers.flatMap((w) => w.sent).filter((c) => c.type === 'search-start');
    expect(starts.map((c) => c.type === 'search-start' && [c.shard.index, c.shard.count, c.seed, c.budgetMs])).toEqual([
      [0, 2, 9, 2000],
      [1, 2, 9, 2000],
    ]);
    // Each structure once, with the lowest loss any shard found.
    expect(p.finishes[0].candidates.map((c) => c.mse)).toEqual([1, 1e-9]);
    const s = useFit.getState().search;
    expect(s.status).toBe('done');
    expect(s.result?.report.best.formula).toBe('from 2 candidates, noise null');
    expect(s.result?.evaluated).toBe(200);
    expect(s.result?.origin).toBe('run');
    expect(p.workers.every((w) => w.terminated)).toBe(true);
  });

  it('Stop ends the shards at once and finishes with the best each had reported', async () => {
    const p = pool((cmd, w) => {
      if (cmd.type !== 'search-start') return;
      w.emit(progress(cmd, 'v0', 1));
      w.emit(progress(cmd, cmd.shard.index === 0 ? 'ln(v0)' : 'sub(v0,c)', 1e-4));
      // …and never finishes on its own.
    });
    const running = useFit.getState().startSearch(spec, { seed: 1, budgetS: 600, workers: 2, createWorker: p.create });
    await new Promise((r) => setTimeout(r, 10));
    expect(useFit.getState().search.status).toBe('running');
    expect(useFit.getState().search.live?.best).toBeTruthy(); // throttled to ≤ 11 updates a second: the first report shows
    useFit.getState().stopSearch();
    await running;
    expect(p.workers.slice(0, 2).every((w) => w.terminated)).toBe(true);
    expect(p.finishes[0].candidates.map((c) => c.size).sort()).toEqual([1, 2, 3]);
    expect(useFit.getState().search.result?.stopped).toBe('stopped');
  });

  it('a shard within the data’s precision ends the others', async () => {
    const p = pool((cmd, w) => {
      if (cmd.type !== 'search-start') return;
      w.emit(progress(cmd, 'v0', 1));
      if (cmd.shard.index === 1)
        w.emit({
          type: 'search-done',
          id: cmd.id,
          shard: 1,
          candidates: [cand('ln', 0, 2)],
          evaluated: 3,
          elapsedMs: 5,
          stopped: 'target',
        });
    });
    await useFit.getState().startSearch(spec, { seed: 1, budgetS: 600, workers: 3, createWorker: p.create });
    expect(p.workers[0].terminated && p.workers[2].terminated).toBe(true);
    expect(useFit.getState().search.result?.stopped).toBe('target');
  });

  it('a worker error ends the search with its message', async () => {
    const p = pool((cmd, w) => w.emit({ type: 'search-error', id: cmd.id, message: '--target "9" is not a column' }));
    await useFit.getState().startSearch(spec, { seed: 1, budgetS: 1, workers: 2, createWorker: p.create });
    expect(useFit.getState().search.status).toBe('error');
    expect(useFit.getState().search.message).toBe('--target "9" is not a column');
  });

  it('re-judges with a stated noise level from the kept candidates, without searching again', async () => {
    const p = pool((cmd, w) => {
      if (cmd.type === 'search-start')
        w.emit({
          type: 'search-done',
          id: cmd.id,
          shard: cmd.shard.index,
          candidates: [cand('ln', 1e-5, 2)],
          evaluated: 1,
          elapsedMs: 1,
          stopped: 'budget',
        });
    });
    await useFit.getState().startSearch(spec, { seed: 1, budgetS: 1, workers: 1, createWorker: p.create });
    await useFit.getState().rejudge(spec, 0.02, p.create);
    expect(p.workers.flatMap((w) => w.sent).filter((c) => c.type === 'search-start')).toHaveLength(1);
    expect(p.finishes.map((f) => f.problem.noise)).toEqual([null, 0.02]);
    expect(useFit.getState().search.result?.noise).toBe(0.02);
    expect(useFit.getState().search.result?.report.best.formula).toBe('from 1 candidates, noise 0.02');
  });

  it('re-judges with stated significant digits: the same candidates, the digits in the finishing request', async () => {
    const p = pool((cmd, w) => {
      if (cmd.type === 'search-start')
        w.emit({
          type: 'search-done',
          id: cmd.id,
          shard: cmd.shard.index,
          candidates: [cand('ln', 1e-5, 2)],
          evaluated: 1,
          elapsedMs: 1,
          stopped: 'budget',
        });
    });
    await useFit.getState().startSearch(spec, { seed: 1, budgetS: 1, workers: 1, createWorker: p.create });
    await useFit.getState().rejudge({ ...spec, digits: 4 }, null, p.create);
    expect(p.workers.flatMap((w) => w.sent).filter((c) => c.type === 'search-start')).toHaveLength(1);
    expect(p.finishes.map((f) => f.problem.digits ?? null)).toEqual([null, 4]);
    expect(p.finishes[1].candidates).toEqual(p.finishes[0].candidates);
    expect(useFit.getState().search.result?.digits).toBe(4);
    expect(useFit.getState().search.result?.noise).toBeNull();
  });

  it('a result from a link is shown at once, then kept only if it re-measures the same on its data', async () => {
    const p = pool(() => undefined);
    const r = row('ln(x)', 1e-7);
    const link = {
      report: {
        best: r,
        pareto: [r],
        precision: { source: 'digits' as const, outputDigits: 6, noise: null },
        noise: null,
      },
      bestIndex: 0,
      scores: [NaN],
      seed: 1,
      budgetS: 5,
      workers: 1,
      seconds: 1,
      evaluated: 10,
      stopped: 'target',
      noise: null,
    };
    const done = useFit.getState().restoreSearch(link, spec, p.create);
    expect(useFit.getState().search.result?.origin).toBe('link');
    expect(useFit.getState().search.result?.plot).toBeNull();
    await done;
    expect(useFit.getState().search.result?.plot).not.toBeNull();
    const lying = { ...link, report: { ...link.report, pareto: [{ ...r, rmse: 0.5 }] } };
    await useFit.getState().restoreSearch(lying, spec, p.create);
    expect(useFit.getState().search.result).toBeNull();
    expect(useFit.getState().search.message).toMatch(/does not match its data/);
  });
});
