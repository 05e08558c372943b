/**
 * The cockpit controller when its training workers fail, with scripted fake workers speaking the real protocol:
 * a crash (twice: the fallback crashes too), an error the worker reports, an unreadable message, a worker that
 * goes silent (the watchdog), and Stop with a dead worker. Each ends the run — never 'running' forever — with a
 * message, the trees received so far as candidates, and (unless stopped) a resume that continues every restart
 * from its last checkpoint.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FIT_SETTINGS } from '../../fit/fitSettings.ts';
import { useFit } from '../../store/fitStore.ts';
import type { RunResult } from '../../training/schedule.ts';
import { TrainingClient, type ClientOptions } from '../../workers/clients/trainingClient.ts';
import type { Checkpoint, Command, TrainingEvent } from '../../workers/protocol.ts';
import { encodeWorkerEvent } from '../../workers/treeWire.ts';
import { FitController } from './controller.ts';
import { flushFrameJobs } from './frameJobs.ts';

const SNAP = 'EML[1,EML[EML[1,x],1]]';
const CHECKPOINT: Checkpoint = { step: 40, states: [{ phase: 'search' }], params: new Float64Array([1, 2, 3]) };

/** A worker that starts, reports progress, a snapshot and a checkpoint, then does whatever `fate` says. */
class FaultyWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  received: Command[] = [];
  terminated = false;
  private runOffset = 0;
  private restarts = 1;
  /** 'mute' never answers at all (a worker still loading). */
  constructor(readonly fate: 'crash' | 'report-error' | 'garble' | 'silent' | 'finish' | 'mute') {}

  postMessage(cmd: Command): void {
    if (this.terminated) return;
    this.received.push(cmd);
    if (this.fate === 'mute') return;
    if (cmd.type === 'start') {
      this.runOffset = cmd.runOffset;
      this.restarts = cmd.restarts;
      queueMicrotask(() => {
        const tfjs = cmd.settings.engine === 'tfjs';
        this.emit({
          type: 'ready',
          engine: tfjs ? 'tfjs' : 'native',
          backend: tfjs ? 'webgl' : 'float64',
          stepsPerSecond: {},
          runOffset: this.runOffset,
        });
        this.emit({
          type: 'progress',
          runOffset: this.runOffset,
          step: 40,
          phase: ['search'],
          tau: new Float64Array([2.5]),
          soft: new Float64Array([0.1]),
          hard: new Float64Array([0.2]),
          bestRestart: this.runOffset,
          weights: new Float64Array(8),
          stepsPerSecond: 100,
          paused: false,
        });
        this.emit({
          type: 'snapshot',
          restart: this.runOffset,
          tree: SNAP,
          k: 7,
          depth: 3,
          mseTrain: 1e-3,
          uncertain: 0,
        });
        this.emit({ type: 'checkpoint', runOffset: this.runOffset, checkpoint: CHECKPOINT });
        if (this.fate === 'crash')
          this.onerror?.({ message: 'Uncaught RangeError: boom', preventDefault() {} } as ErrorEvent);
        if (this.fate === 'report-error')
          this.emit({ type: 'error', message: 'engine exploded', runOffset: this.runOffset });
        if (this.fate === 'garble') this.onmessageerror?.({} as MessageEvent);
        if (this.fate === 'finish') this.finish();
      });
    }
    // A silent worker never answers Stop either: it is gone.
    if (cmd.type === 'stop' && this.fate !== 'silent') queueMicrotask(() => this.finish());
  }

  terminate(): void {
    this.terminated = true;
  }

  private finish(): void {
    const results: RunResult[] = Array.from({ length: this.restarts }, (_, i) => ({
      run: this.runOffset + i,
      init: 'biased',
      seedIndex: i,
      fit: false,
      symbol: false,
      stable: false,
      exact: false,
      abandoned: false,
      mseTrain: 0.3,
      mseFresh: 0.3,
      uncertain: 0,
      k: 3,
      tree: 'EML[x,1]',
      steps: 40,
      nanRestarts: 0,
      attempts: 1,
      ms: 1,
    }));
    this.emit({ type: 'result', runOffset: this.runOffset, results, ms: 1 });
  }

  private emit(ev: TrainingEvent): void {
    if (!this.terminated) this.onmessage?.({ data: encodeWorkerEvent(ev) } as MessageEvent);
  }
}

function rig(fates: FaultyWorker['fate'][], opts: ClientOptions = {}) {
  const workers: FaultyWorker[] = [];
  const next = () => {
    const w = new FaultyWorker(fates[Math.min(workers.length, fates.length - 1)]);
    workers.push(w);
    return w as unknown as Worker;
  };
  const c = new FitController({ createClient: () => new TrainingClient({ poolSize: 1, createWorker: next, ...opts }) });
  const starts = () =>
    workers.flatMap((w) => w.received.filter((m): m is Extract<Command, { type: 'start' }> => m.type === 'start'));
  return { c, workers, starts };
}

const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
  flushFrameJobs();
};
const lnCsv = ['x,f', ...Array.from({ length: 30 }, (_, i) => `${0.5 + i * 0.1},${Math.log(0.5 + i * 0.1)}`)].join(
  '\n',
);

beforeEach(() => {
  useFit.setState({
    text: lnCsv,
    header: 'auto',
    source: 'paste',
    mapping: null,
    validation: 0.2,
    splitSeed: 1,
    settings: { ...DEFAULT_FIT_SETTINGS, depth: 3, restarts: 1 },
    status: 'idle',
    live: null,
    message: null,
    candidates: [],
    selected: null,
    resumable: false,
  });
});

describe('FitController with failing workers', () => {
  it('a crash falls back to the other engine, and the engine label follows (fallback, then ready again)', async () => {
    const { c, workers } = rig(['crash', 'silent']);
    c.playPause();
    await settle();
    expect(workers).toHaveLength(2);
    expect(workers[1].received[0]).toMatchObject({ type: 'start', settings: { engine: 'tfjs' } });
    const live = useFit.getState().live;
    expect(live?.engine).toBe('tfjs (fell back)');
    expect(live?.backend).toBe('webgl');
    expect(useFit.getState().status).toBe('running');
    c.reset();
  });

  it('the label says a fallback is starting until the new engine is ready', async () => {
    const { c, workers } = rig(['crash', 'mute']);
    c.playPause();
    await settle();
    expect(workers).toHaveLength(2);
    expect(useFit.getState().live).toMatchObject({ engine: 'tfjs (fell back from native)', backend: 'starting…' });
    c.reset();
  });

  it('a crash, then a crash of the fallback: the run ends with a message, the last snapped tree, and resume', async () => {
    const { c, workers } = rig(['crash']);
    c.playPause();
    await settle();
    expect(workers).toHaveLength(2); // the first crash falls back to the other engine from the checkpoint
    const s = useFit.getState();
    expect(s.status).toBe('error');
    expect(s.message).toMatch(
      /^The run ended early: the training worker crashed: Uncaught RangeError: boom\. The best of the 1 tree received so far is shown in the result\. Resume continues every restart from the last checkpoint \(step 40\)/,
    );
    expect(s.resumable).toBe(true);
    expect(s.candidates).toEqual([expect.objectContaining({ tree: SNAP, exact: false, init: 'last snapshot' })]);
    expect(s.selected).toBe(SNAP);
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('resume starts a new run whose restarts continue from the last checkpoint, with the same settings', async () => {
    const { c, starts } = rig(['report-error', 'finish']);
    c.playPause();
    await settle();
    expect(useFit.getState().message).toMatch(/the training worker reported an error: engine exploded/);
    useFit.getState().setSettings({ seed: 999 }); // changed after the failure: resume still uses the run's settings
    c.resumeRun();
    await settle();
    const [first, resumed] = starts();
    expect(resumed.checkpoint?.step).toBe(40);
    expect(Array.from(resumed.checkpoint!.params)).toEqual([1, 2, 3]);
    expect(resumed.settings).toEqual(first.settings);
    expect(resumed.runOffset).toBe(first.runOffset);
    const s = useFit.getState();
    expect(s.status).toBe('done');
    expect(s.resumable).toBe(false);
    expect(s.candidates.map((x) => x.tree).sort()).toEqual(['EML[x,1]', SNAP].sort());
  });

  it('an unreadable message ends the run the same way', async () => {
    const { c } = rig(['garble']);
    c.playPause();
    await settle();
    expect(useFit.getState()).toMatchObject({ status: 'error', resumable: true });
    expect(useFit.getState().message).toMatch(/a message from the training worker could not be read/);
  });

  it('a worker that goes silent is caught by the watchdog', async () => {
    const { c } = rig(['silent'], { stallMs: 100 });
    c.playPause();
    await settle();
    expect(useFit.getState().status).toBe('running');
    await vi.waitFor(() => expect(useFit.getState().status).toBe('error'), { timeout: 5000, interval: 20 });
    expect(useFit.getState().message).toMatch(
      /the training worker stopped answering \(no message for 0 s\)|stopped answering/,
    );
    expect(useFit.getState().candidates.map((x) => x.tree)).toEqual([SNAP]);
  });

  it('a paused run is never declared dead by the watchdog; resuming re-arms it', async () => {
    vi.useFakeTimers();
    try {
      const { c } = rig(['silent'], { stallMs: 100 });
      c.playPause();
      await vi.advanceTimersByTimeAsync(10);
      expect(useFit.getState().status).toBe('running');
      c.playPause();
      await vi.advanceTimersByTimeAsync(1000);
      expect(useFit.getState().status).toBe('paused');
      c.playPause();
      await vi.advanceTimersByTimeAsync(1000);
      expect(useFit.getState().status).toBe('error');
    } finally {
      vi.useRealTimers();
    }
  });

  it('Stop ends a run whose worker is dead: terminated, finished here with what was received, no resume', async () => {
    const { c, workers } = rig(['silent'], { stopGraceMs: 50 });
    c.playPause();
    await settle();
    expect(useFit.getState().status).toBe('running');
    c.stop();
    await vi.waitFor(() => expect(useFit.getState().status).toBe('done'), { timeout: 5000, interval: 20 });
    flushFrameJobs();
    const s = useFit.getState();
    expect(s.message).toMatch(
      /^Stopped: the training workers did not answer Stop within 0\.05 s, so they were ended here\./,
    );
    expect(s.resumable).toBe(false);
    expect(s.selected).toBe(SNAP);
    expect(workers[0].terminated).toBe(true);
  });

  it('Stop while paused on a dead worker also ends the run', async () => {
    const { c } = rig(['silent'], { stopGraceMs: 50 });
    c.playPause();
    await settle();
    c.playPause();
    c.stop();
    await vi.waitFor(() => expect(useFit.getState().status).toBe('done'), { timeout: 5000, interval: 20 });
  });

  it('killWorkers (diagnostics) terminates silently; the watchdog then ends the run', async () => {
    const { c, workers } = rig(['finish', 'silent'], { stallMs: 100 });
    useFit.getState().setSettings({ depth: 'sweep' });
    // Depth 1 finishes (not exact), depth 2 goes quiet: kill it and wait for the watchdog.
    c.playPause();
    await settle();
    expect(c.killWorkers()).toBe(1);
    expect(workers.at(-1)!.terminated).toBe(true);
    await vi.waitFor(() => expect(useFit.getState().status).toBe('error'), { timeout: 5000, interval: 20 });
    expect(useFit.getState().resumable).toBe(true);
  });
});
