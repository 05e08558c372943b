/**
 * The client's failure handling with fake Workers: a crashed native worker, or a tfjs worker reporting a lost
 * WebGL context, is replaced by a worker on the other engine that receives the failed share's last checkpoint; the
 * checkpoint restores into a Trainer on that engine and training continues from the checkpointed step.
 */
import { describe, expect, it } from 'vitest';
import { treeShape } from '../../training/model.ts';
import { NativeEngine } from '../../training/nativeEngine.ts';
import { Trainer } from '../../training/schedule.ts';
import { paperSettings, type TrainSettings } from '../../training/settings.ts';
import { targetData } from '../../training/targets.ts';
import { createTfjsEngine } from '../../training/tfjsEngine.ts';
import { TrainingClient } from './trainingClient.ts';
import type { ClientEvent } from './trainingEvents.ts';
import type { Checkpoint, Command, TrainingEvent } from '../protocol.ts';
import { encodeWorkerEvent } from '../treeWire.ts';

class FakeWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  received: Command[] = [];
  terminated = false;
  postMessage(cmd: Command): void {
    this.received.push(structuredClone(cmd));
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(ev: TrainingEvent): void {
    this.onmessage?.({ data: structuredClone(encodeWorkerEvent(ev)) } as MessageEvent);
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault() {} } as unknown as ErrorEvent);
  }
  get start(): Extract<Command, { type: 'start' }> {
    const s = this.received.find((c) => c.type === 'start');
    if (!s || s.type !== 'start') throw new Error('no start command');
    return s;
  }
}

function setup(engine: TrainSettings['engine']) {
  const workers: FakeWorker[] = [];
  const client = new TrainingClient({
    createWorker: () => workers[workers.push(new FakeWorker()) - 1] as unknown as Worker,
    poolSize: 1,
  });
  const events: ClientEvent[] = [];
  client.subscribe((e) => events.push(e));
  const { train, fresh } = targetData('eml_depth2');
  const settings = paperSettings(2, 'biased', { runs: 2, seed: 7, engine });
  expect(client.start(settings, { train, fresh })).toEqual([]);
  return { workers, client, events, settings, data: { train, fresh } };
}

/** A real checkpoint: 300 steps of 2 restarts on the native engine. */
function realCheckpoint(
  settings: TrainSettings,
  data: { train: ReturnType<typeof targetData>['train']; fresh: ReturnType<typeof targetData>['fresh'] },
): Checkpoint {
  const shape = treeShape(2, 2);
  const eng = new NativeEngine({
    shape,
    data: data.train,
    restarts: 2,
    lr: settings.lr,
    lamInter: settings.lamInter,
    interThreshold: settings.interThreshold,
    emlClamp: settings.emlClamp,
    gradClip: settings.gradClip,
  });
  const tr = new Trainer(eng, settings, data, 0);
  expect(tr.advance(300)).toBe(300);
  const cp = tr.checkpoint();
  return { step: 300, states: cp.states, params: cp.params };
}

describe('training client fallback', () => {
  it('a crashed native worker resumes on tfjs from its last checkpoint', async () => {
    const { workers, events, settings, data } = setup('native');
    expect(workers).toHaveLength(1);
    const w0 = workers[0];
    expect(w0.start.settings.engine).toBe('native');
    expect(w0.start.checkpoint).toBeUndefined();
    const cp = realCheckpoint(settings, data);
    w0.emit({ type: 'ready', engine: 'native', backend: 'float64', stepsPerSecond: {}, runOffset: 0 });
    w0.emit({ type: 'checkpoint', runOffset: 0, checkpoint: cp });
    w0.crash('out of memory');

    expect(w0.terminated).toBe(true);
    expect(events.find((e) => e.type === 'fallback')).toEqual({
      type: 'fallback',
      from: 'native',
      to: 'tfjs',
      reason: 'the training worker crashed: out of memory',
      runOffset: 0,
    });
    expect(workers).toHaveLength(2);
    const start = workers[1].start;
    expect(start.settings.engine).toBe('tfjs');
    expect(start.runOffset).toBe(0);
    expect(start.restarts).toBe(2);
    expect(start.checkpoint?.step).toBe(300);
    expect(start.checkpoint?.params).toEqual(cp.params);

    // What the replacement worker does with it: restore on the tfjs engine and continue from step 300.
    const shape = treeShape(2, 2);
    const eng = await createTfjsEngine(
      {
        shape,
        data: start.data.train,
        restarts: 2,
        lr: settings.lr,
        lamInter: settings.lamInter,
        interThreshold: settings.interThreshold,
        emlClamp: settings.emlClamp,
        gradClip: settings.gradClip,
      },
      ['cpu'],
    );
    const tr = new Trainer(eng, start.settings, start.data, start.runOffset);
    tr.restore(start.checkpoint!);
    expect(tr.state.map((s) => s.it)).toEqual([300, 300]);
    const p = new Float64Array(shape.nParams);
    eng.getParams(1, p);
    expect(Array.from(p).map((v) => Math.fround(v))).toEqual(
      Array.from(cp.params.subarray(shape.nParams)).map((v) => Math.fround(v)),
    );
    tr.advance(10);
    expect(tr.state.map((s) => s.it)).toEqual([310, 310]);
    eng.dispose();

    // A second failure of the replacement ends the run (not retried forever), with the checkpoint to resume from.
    workers[1].crash('again');
    expect(events.at(-1)).toMatchObject({
      type: 'failed',
      message: 'the training worker crashed: again',
      stopped: false,
      runs: [],
      snapshots: [],
    });
    const failed = events.at(-1) as Extract<ClientEvent, { type: 'failed' }>;
    expect(failed.resume?.shares).toEqual([
      { runOffset: 0, restarts: 2, engine: 'tfjs', checkpoint: expect.objectContaining({ step: 300 }) },
    ]);
    expect(workers).toHaveLength(2);
    expect(workers[1].terminated).toBe(true);
  }, 30_000);

  it('a lost WebGL context on tfjs falls back to native with the checkpoint, and the merged result arrives', () => {
    const { workers, events, settings, data } = setup('tfjs');
    const w0 = workers[0];
    const cp = realCheckpoint(settings, data);
    w0.emit({ type: 'ready', engine: 'tfjs', backend: 'webgl', stepsPerSecond: {}, runOffset: 0 });
    w0.emit({ type: 'checkpoint', runOffset: 0, checkpoint: cp });
    w0.emit({ type: 'error', message: 'WebGL context lost', contextLost: true, runOffset: 0 });
    expect(events.find((e) => e.type === 'fallback')).toMatchObject({
      from: 'tfjs',
      to: 'native',
      reason: 'WebGL context lost',
    });
    const w1 = workers[1];
    expect(w1.start.settings.engine).toBe('native');
    expect(w1.start.checkpoint?.step).toBe(300);
    // Resume on native for real and finish the runs; the client then reports the merged result.
    const shape = treeShape(2, 2);
    const s1 = w1.start.settings;
    const eng = new NativeEngine({
      shape,
      data: w1.start.data.train,
      restarts: 2,
      lr: s1.lr,
      lamInter: s1.lamInter,
      interThreshold: s1.interThreshold,
      emlClamp: s1.emlClamp,
      gradClip: s1.gradClip,
    });
    const tr = new Trainer(eng, s1, w1.start.data, 0);
    tr.restore(w1.start.checkpoint!);
    while (!tr.done) tr.advance(1000);
    w1.emit({ type: 'result', runOffset: 0, results: tr.results(), ms: 1 });
    const result = events.find((e) => e.type === 'result');
    expect(result && result.type === 'result' && result.results.map((r) => r.run)).toEqual([0, 1]);
    expect(tr.results().every((r) => r.steps > 300)).toBe(true);
  }, 30_000);
});
