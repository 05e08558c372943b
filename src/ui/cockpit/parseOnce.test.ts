/**
 * One training run reads each result tree once on the main thread: the trees arrive encoded (treeCodec.ts) in
 * snapshots, 'run' events and the final results — several times each — the controller measures each, the result
 * card and the certifier read the selected one again; counting spies see each distinct tree decoded exactly once
 * and no tree text parsed at all (the worker's encoding is done before the spies start counting).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FIT_SETTINGS } from '../../fit/fitSettings.ts';
import { useFit } from '../../store/fitStore.ts';
import type { RunResult } from '../../training/schedule.ts';
import { TrainingClient } from '../../workers/clients/trainingClient.ts';
import type { CertifyRequest, Command, TrainingEvent } from '../../workers/protocol.ts';
import { encodeWorkerEvent } from '../../workers/treeWire.ts';
import { parseEml, printMathematica } from '../../eml/syntax/index.ts';
import type { EmlNode } from '../../eml/ast.ts';
import { decodeTree, type EncodedTree } from '../../eml/treeCodec.ts';
import { certifyAsync, setCertifierFactory } from '../../workers/clients/certifyClient.ts';
import { FitController } from './controller.ts';
import { flushFrameJobs } from './frameJobs.ts';
import { createLiveChannels } from './liveChannels.ts';
import { tryResultTree } from './resultTrees.ts';

vi.mock('../../eml/syntax/index.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../eml/syntax/index.ts')>();
  return { ...real, parseEml: vi.fn(real.parseEml) };
});
vi.mock('../../eml/treeCodec.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../eml/treeCodec.ts')>();
  return { ...real, decodeTree: vi.fn(real.decodeTree) };
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

const snap = (tree: string, mse: number): TrainingEvent => ({
  type: 'snapshot',
  restart: 0,
  tree,
  k: 9,
  depth: 3,
  mseTrain: mse,
  uncertain: 0,
});

/** Ready, two snapshots, a 'run' per restart, then the results: T1 and T2 each arrive several times. */
const EVENTS: TrainingEvent[] = [
  { type: 'ready', engine: 'native', backend: 'float64', stepsPerSecond: {}, runOffset: 0 },
  snap(T1, 0.5),
  snap(T2, 0.2),
  snap(T2, 0.2),
  { type: 'run', result: result(0, T1, 0.5) },
  { type: 'run', result: result(1, T2, 0.2) },
  { type: 'run', result: result(2, T2, 0.2) },
  { type: 'result', runOffset: 0, results: [0, 1, 2].map((r) => result(r, r ? T2 : T1, 0.5)), ms: 1 },
];
/** What the worker posts, encoded here before the spies count (in the browser the worker thread does this). */
const MESSAGES = EVENTS.map(encodeWorkerEvent);

class ChattyWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(cmd: Command): void {
    if (cmd.type !== 'start') return;
    queueMicrotask(() => {
      // A clone per delivery, as postMessage makes: the page cannot recognise a tree by its object.
      for (const m of MESSAGES) this.onmessage?.({ data: structuredClone(m) } as MessageEvent);
    });
  }
  terminate(): void {}
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
  it('one training run decodes each result tree once and parses none', async () => {
    const parse = vi.mocked(parseEml);
    const decode = vi.mocked(decodeTree);
    parse.mockClear();
    decode.mockClear();
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
    // Each distinct tree was decoded once (and printed, for the store's text), and no text was parsed.
    const decoded = decode.mock.results.map((r) => printMathematica(r.value as EmlNode));
    expect(decoded.sort()).toEqual([T1, T2].sort());
    expect(parse).not.toHaveBeenCalled();
    // The certifier's request sends the node the page holds, encoded, without reading anything again.
    const posted: CertifyRequest[] = [];
    setCertifierFactory(() => ({
      onmessage: null,
      onerror: null,
      onmessageerror: null,
      postMessage: (m: CertifyRequest) => void posted.push(m),
      terminate: () => {},
    }));
    void certifyAsync(s.selected!, { vars: ['x'], x: [], y: new Float64Array(0) } as never, [], 'complex').catch(
      () => {},
    );
    expect(decode).toHaveBeenCalledTimes(2);
    expect(parse).not.toHaveBeenCalled();
    expect(posted).toHaveLength(1);
    // What the worker receives is the selected tree.
    expect(printMathematica(decodeTree((posted[0] as { tree: EncodedTree }).tree))).toBe(s.selected);
    setCertifierFactory(() => {
      throw new Error('no certifier outside this test');
    });
  });
});
