/**
 * The recovery lab's controller with a fake training client: random targets run one batch per seed (a fresh tree
 * each, one restart, the seed + seed index), a written tree runs at its own depth, and bad target text is a message
 * in the lab's slice with no batch started. No DOM: the controller is plain TypeScript.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { print } from '../../eml/syntax/index.ts';
import { useFit } from '../../store/fitStore.ts';
import { IDLE_LAB } from '../../store/fitLab.ts';
import { randomTarget } from '../../training/randomTarget.ts';
import type { RunResult } from '../../training/schedule.ts';
import type { TrainSettings } from '../../training/settings.ts';
import type { TrainingClient } from '../../workers/clients/trainingClient.ts';
import type { ClientEvent } from '../../workers/clients/trainingEvents.ts';
import type { DataPayload } from '../../workers/protocol.ts';
import { LabController } from './labController.ts';

interface Started {
  settings: TrainSettings;
  data: DataPayload;
}

/** A client that answers every start with one result per restart, the first of them exact. */
function fakeClients(started: Started[]): () => TrainingClient {
  return () => {
    let listener: ((e: ClientEvent) => void) | null = null;
    const fake = {
      subscribe(fn: (e: ClientEvent) => void) {
        listener = fn;
        return () => (listener = null);
      },
      start(settings: TrainSettings, data: DataPayload) {
        started.push({ settings, data });
        const results = Array.from(
          { length: settings.runs },
          (_, i) => ({ fit: i === 0, exact: i === 0, abandoned: false, steps: 100, mseTrain: i ? 1 : 0 }) as RunResult,
        );
        queueMicrotask(() => listener?.({ type: 'result', results, ms: 1 }));
        return [];
      },
      dispose() {
        listener = null;
      },
    };
    return fake as unknown as TrainingClient;
  };
}

describe('LabController', () => {
  beforeEach(() => useFit.getState().patchLab({ ...IDLE_LAB }));

  it('random targets: one batch per seed, each its own tree from the seed + seed index', async () => {
    const started: Started[] = [];
    useFit.getState().patchLab({ target: 'random', userDepth: 3, randomShape: 'chain', seeds: 3, inits: ['biased'] });
    await new LabController({ store: useFit, createClient: fakeClients(started) }).run();
    const seed = useFit.getState().settings.seed;
    expect(started.map((s) => [s.settings.runs, s.settings.seed, s.settings.depth])).toEqual([
      [1, seed, 3],
      [1, seed + 1, 3],
      [1, seed + 2, 3],
    ]);
    const { runs, error, busy } = useFit.getState().lab;
    expect([error, busy]).toEqual([null, null]);
    expect(runs.map((r) => r.tree)).toEqual(
      [0, 1, 2].map((s) => print(randomTarget(3, 'chain', seed + s).tree, 'mathematica')),
    );
    expect(new Set(runs.map((r) => r.target))).toEqual(new Set(['random:3:chain']));
  });

  it('a written tree runs at its own depth with all seeds as restarts', async () => {
    const started: Started[] = [];
    useFit.getState().patchLab({ target: 'tree', treeText: 'EML[1, EML[x, y]]', seeds: 4, inits: ['uniform'] });
    await new LabController({ store: useFit, createClient: fakeClients(started) }).run();
    expect(started.map((s) => [s.settings.runs, s.settings.depth, s.data.train.n])).toEqual([[4, 2, 441]]);
    expect(useFit.getState().lab.runs.map((r) => [r.target, r.exact])).toEqual([
      ['EML[1,EML[x,y]]', true],
      ['EML[1,EML[x,y]]', false],
      ['EML[1,EML[x,y]]', false],
      ['EML[1,EML[x,y]]', false],
    ]);
  });

  it.each([
    ['EML[1, w]', /^Target tree: the target tree uses the variable "w" \(line 1, column 8\)/],
    ['EML[1, x', /^Target tree: the target tree does not read: line 1, column 4/],
    ['', /^Target tree: the target tree is empty/],
  ])('bad tree text %j is a message, and no batch starts', async (text, message) => {
    const started: Started[] = [];
    useFit.getState().patchLab({ target: 'tree', treeText: text });
    await new LabController({ store: useFit, createClient: fakeClients(started) }).run();
    expect(started).toEqual([]);
    expect(useFit.getState().lab.error).toMatch(message);
    expect(useFit.getState().lab.busy).toBeNull();
  });
});
