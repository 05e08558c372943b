/**
 * One training run parses each result tree once on the main thread (resultTrees.ts): the trees arrive in
 * snapshots, 'run' events and the final results — several times each — and the result card reads the selected
 * one again; a counting spy on the parser sees every distinct tree text exactly once.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FIT_SETTINGS } from '../../fit/fitSettings.ts';
import { useFit } from '../../store/fitStore.ts';
import type { RunResult } from '../../training/schedule.ts';
import { TrainingClient } from '../../workers/clients/trainingClient.ts';
import type { Command, WorkerEvent } from '../../workers/protocol.ts';
import { parseEml } from '../../eml/syntax/index.ts';
import { FitController } from './controller.ts';
import { flushFrameJobs } from './frameJobs.ts';
import { createLiveChannels } from './liveChannels.ts';
import { tryResultTree } from './resultTrees.ts';

vi.mock('../../eml/syntax/index.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../eml/syntax/index.ts')>();
  return { ...real, parseEml: vi.fn(real.parseEml) };
});

// Trees no other test in this file's module graph parses, so the counts are this run's.
const T1 = 'EML[EML[1,x],EML[x,EML[1,1]]]';
const T2 = 'EML[1,EML[EML[1,EML[x,1]],1]]';

const result = (run: number, tree: string, mse: number): RunResult => ({
  run,
  init: 'biased',
  seedIndex: run,
  fit: false,
  symbol: false,
  stable: false,
  exact: false,
  abandoned: false,
  mseTrain: mse,
  mseFresh: NaN,
  uncertain: 0,
  k: 9,
  tree,
  steps: 100,
  nanRestarts: 0,
  attempts: 1,
  ms: 1,
});

/** Ready, progress, two snapshots, a 'run' per restart, then the results: T1 and T2 each arrive several times. */
class ChattyWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(cmd: Command): void {
    if (cmd.type !== 'start') return;
    const snap = (tree: string, mse: number): WorkerEvent => ({
      type: 'snapshot',
      restart: 0,
      tree,
      k: 9,
      depth: 3,
      mseTrain: mse,
      uncertain: 0,
    });
    queueMicrotask(() => {
      this.emit({ type: 'ready', engine: 'native', backend: 'float64', stepsPerSecond: {}, runOffset: 0 });
      this.emit(snap(T1, 0.5));
      this.emit(snap(T2, 0.2));
      this.emit(snap(T2, 0.2));
      this.emit({ type: 'run', result: result(0, T1, 0.5) });
      this.emit({ type: 'run', result: result(1, T2, 0.2) });
      this.emit({ type: 'run', result: result(2, T2, 0.2) });
      this.emit({ type: 'result', runOffset: 0, results: [0, 1, 2].map((r) => result(r, r ? T2 : T1, 0.5)), ms: 1 });
    });
  }
  terminate(): void {}
  private emit(ev: WorkerEvent): void {
    this.onmessage?.({ data: ev } as MessageEvent);
  }
}

const csv = ['x,f', ...Array.from({ length: 30 }, (_, i) => `${0.5 + i * 0.1},${(0.5 + i * 0.1) ** 2}`)].join('\n');

beforeEach(() => {
  useFit.setState({
    text: csv,
    header: 'auto',
    source: 'paste',
    mapping: null,
    validation: 0.2,
    splitSeed: 1,
    settings: { ...DEFAULT_FIT_SETTINGS, depth: 3, restarts: 3 },
    status: 'idle',
    candidates: [],
    selected: null,
  });
});

describe('result trees on the main thread', () => {
  it('one training run parses each result tree once', async () => {
    const parse = vi.mocked(parseEml);
    parse.mockClear();
    const c = new FitController({
      channels: createLiveChannels(),
      createClient: () =>
        new TrainingClient({ poolSize: 1, createWorker: () => new ChattyWorker() as unknown as Worker }),
    });
    c.playPause();
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
    flushFrameJobs();
    const s = useFit.getState();
    expect(s.status).toBe('done');
    expect(s.candidates.map((x) => x.tree).sort()).toEqual([T1, T2].sort());
    // Validation MSE was measured for every candidate (the data has validation rows), so each tree was read.
    expect(s.candidates.every((x) => Number.isFinite(x.mseVal))).toBe(true);
    // The result card reads the selected tree too.
    expect(tryResultTree(s.selected!).tree).not.toBeNull();
    const calls = (t: string) => parse.mock.calls.filter(([text]) => text === t).length;
    expect(calls(T1)).toBe(1);
    expect(calls(T2)).toBe(1);
  });
});
