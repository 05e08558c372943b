/**
 * The cockpit controller against scripted fake workers that speak the real protocol: status transitions, the
 * loss history, candidates and the chosen result, a depth sweep that stops at the first exact recovery, stop,
 * reset to the same seed, live learning rate, step, and data errors. No DOM: the controller is plain TypeScript.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunResult } from '../../training/schedule.ts';
import { useFit } from '../../store/fitStore.ts';
import { DEFAULT_FIT_SETTINGS } from '../../fit/fitSettings.ts';
import { TrainingClient } from '../../workers/clients/trainingClient.ts';
import type { Command, TrainingEvent } from '../../workers/protocol.ts';
import { encodeWorkerEvent } from '../../workers/treeWire.ts';
import { FitController } from './controller.ts';
import { bestCandidate } from './runCandidates.ts';
import { flushFrameJobs } from './frameJobs.ts';
import { createLiveChannels } from './liveChannels.ts';

const LN = 'EML[1,EML[EML[1,x],1]]';

/** Per depth: the tree a run "finds" and whether it is exact. */
type Script = Record<number, { tree: string; k: number; exact: boolean; mse: number }>;

class ScriptedWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  received: Command[] = [];
  terminated = false;
  private runOffset = 0;
  private restarts = 0;
  private depth = 0;
  constructor(
    private readonly script: Script,
    private readonly autoFinish: boolean,
  ) {}

  postMessage(cmd: Command): void {
    this.received.push(cmd);
    if (cmd.type === 'start') {
      this.runOffset = cmd.runOffset;
      this.restarts = cmd.restarts;
      this.depth = cmd.settings.depth;
      queueMicrotask(() => {
        this.emit({
          type: 'ready',
          engine: 'native',
          backend: 'float64',
          stepsPerSecond: {},
          runOffset: this.runOffset,
        });
        for (let s = 1; s <= 3; s++) this.progress(s * 25);
        const r = this.script[this.depth];
        this.emit({
          type: 'snapshot',
          restart: this.runOffset,
          tree: r.tree,
          k: r.k,
          depth: this.depth,
          mseTrain: r.mse,
          uncertain: 0,
        });
        if (this.autoFinish) this.finish();
      });
    }
    if (cmd.type === 'stop') queueMicrotask(() => this.finish());
  }

  terminate(): void {
    this.terminated = true;
  }

  private progress(step: number): void {
    const R = this.restarts;
    this.emit({
      type: 'progress',
      runOffset: this.runOffset,
      step,
      phase: Array(R).fill('search'),
      tau: new Float64Array(R).fill(2.5),
      soft: Float64Array.from({ length: R }, (_, i) => 1 / (step + i)),
      hard: new Float64Array(R).fill(0.5),
      bestRestart: this.runOffset,
      weights: new Float64Array(64),
      stepsPerSecond: 1000,
      paused: false,
    });
  }

  private finish(): void {
    const r = this.script[this.depth];
    const results: RunResult[] = Array.from({ length: this.restarts }, (_, i) => ({
      run: this.runOffset + i,
      init: 'biased',
      seedIndex: i,
      fit: r.exact,
      symbol: r.exact,
      stable: r.exact,
      exact: r.exact,
      abandoned: false,
      mseTrain: r.mse,
      mseFresh: r.mse,
      uncertain: 0,
      k: r.k,
      tree: r.tree,
      steps: 75,
      nanRestarts: 0,
      attempts: 1,
      ms: 10,
    }));
    this.emit({ type: 'result', runOffset: this.runOffset, results, ms: 10 });
  }

  private emit(ev: TrainingEvent): void {
    this.onmessage?.({ data: encodeWorkerEvent(ev) } as MessageEvent);
  }
}

const settle = async () => {
  await new Promise((r) => setTimeout(r, 0));
  flushFrameJobs();
};

function rig(script: Script, autoFinish = true) {
  const workers: ScriptedWorker[] = [];
  const ch = createLiveChannels();
  const c = new FitController({
    channels: ch,
    createClient: () =>
      new TrainingClient({
        poolSize: 1,
        createWorker: () => workers[workers.push(new ScriptedWorker(script, autoFinish)) - 1] as unknown as Worker,
      }),
  });
  const starts = () =>
    workers.flatMap((w) => w.received.filter((m): m is Extract<Command, { type: 'start' }> => m.type === 'start'));
  return { c, ch, workers, starts };
}

const lnCsv = ['x,f', ...Array.from({ length: 30 }, (_, i) => `${0.5 + i * 0.1},${Math.log(0.5 + i * 0.1)}`)].join(
  '\n',
);
const wrong = { tree: 'EML[x,1]', k: 3, exact: false, mse: 0.3 };
const exactLn = { tree: LN, k: 7, exact: true, mse: 0 };

beforeEach(() => {
  useFit.setState({
    text: lnCsv,
    header: 'auto',
    source: 'paste',
    mapping: null,
    validation: 0.2,
    splitSeed: 1,
    settings: { ...DEFAULT_FIT_SETTINGS, depth: 3 },
    status: 'idle',
    live: null,
    message: null,
    candidates: [],
    selected: null,
  });
});

describe('FitController', () => {
  it('runs one depth: starting → running → done, with history, candidates and the chosen result', async () => {
    const { c, ch, starts } = rig({ 3: exactLn });
    c.playPause();
    expect(useFit.getState().status).toBe('starting');
    await settle();
    const s = useFit.getState();
    expect(s.status).toBe('done');
    expect(starts()).toHaveLength(1);
    expect(starts()[0].settings.depth).toBe(3);
    expect(ch.history.length).toBeGreaterThan(0);
    expect(ch.history.series.snapped.some((v) => v === 0)).toBe(true);
    expect(s.candidates.map((x) => x.tree)).toEqual([LN]);
    expect(s.selected).toBe(LN);
    expect(s.live?.phase).toBe('done');
    expect(s.live?.stepsPerSecond).toBe(1000);
  });

  it('sweeps depths from 1 and stops at the first exact recovery', async () => {
    useFit.getState().setSettings({ depth: 'sweep' });
    const { c, starts } = rig({ 1: wrong, 2: exactLn, 3: wrong });
    c.playPause();
    for (let i = 0; i < 5; i++) await settle();
    expect(starts().map((s) => s.settings.depth)).toEqual([1, 2]);
    const s = useFit.getState();
    expect(s.status).toBe('done');
    expect(new Set(s.candidates.map((x) => x.depth))).toEqual(new Set([1, 2]));
    expect(s.selected).toBe(LN);
  });

  it('stop ends a sweep at the current depth with that depth’s results', async () => {
    useFit.getState().setSettings({ depth: 'sweep' });
    const { c, starts, workers } = rig({ 1: wrong, 2: wrong }, false);
    c.playPause();
    await settle();
    expect(useFit.getState().status).toBe('running');
    c.stop();
    expect(workers[0].received.some((m) => m.type === 'stop')).toBe(true);
    await settle();
    expect(useFit.getState().status).toBe('done');
    expect(starts()).toHaveLength(1);
    expect(useFit.getState().selected).toBe(wrong.tree);
  });

  it('reset returns to idle with an empty history, and the next run uses the same seed', async () => {
    const { c, ch, starts } = rig({ 3: wrong }, false);
    c.playPause();
    await settle();
    c.reset();
    expect(useFit.getState().status).toBe('idle');
    expect(ch.history.length).toBe(0);
    c.playPause();
    await settle();
    expect(starts()).toHaveLength(2);
    expect(starts()[1].settings.seed).toBe(starts()[0].settings.seed);
    expect(starts()[1].settings).toEqual(starts()[0].settings);
  });

  it('starts the workers in a task after the press; a reset or stop before then starts none', async () => {
    const { c, workers } = rig({ 3: wrong }, false);
    c.playPause();
    expect(useFit.getState().status).toBe('starting');
    expect(workers).toHaveLength(0);
    c.reset();
    await settle();
    expect(workers).toHaveLength(0);
    expect(useFit.getState().status).toBe('idle');
    c.playPause();
    c.stop();
    await settle();
    expect(workers).toHaveLength(0);
    expect(useFit.getState().status).toBe('idle');
  });

  it('changes the learning rate live, and pauses/resumes/steps through the workers', async () => {
    const { c, workers } = rig({ 3: wrong }, false);
    c.playPause();
    await settle();
    c.setLr(0.05);
    expect(useFit.getState().settings.lr).toBe(0.05);
    expect(workers[0].received).toContainEqual({ type: 'set', patch: { lr: 0.05 } });
    c.playPause();
    expect(useFit.getState().status).toBe('paused');
    expect(workers[0].received.at(-1)).toEqual({ type: 'pause' });
    c.step();
    expect(workers[0].received.at(-1)).toEqual({ type: 'step', n: 10 });
    c.playPause();
    expect(useFit.getState().status).toBe('running');
    expect(workers[0].received.at(-1)).toEqual({ type: 'resume' });
  });

  it('step from idle starts a run paused after a few steps', async () => {
    const { c, workers } = rig({ 3: wrong }, false);
    c.step();
    expect(useFit.getState().status).toBe('paused');
    await settle();
    expect(workers[0].received.some((m) => m.type === 'step')).toBe(true);
    expect(useFit.getState().status).toBe('paused');
  });

  it('refuses to start on bad data and keeps the text', () => {
    const bad = 'x,f\n1,2\n2,abc';
    useFit.setState({ text: bad });
    const { c, workers } = rig({ 3: wrong });
    c.playPause();
    expect(useFit.getState().status).toBe('error');
    expect(useFit.getState().message).toMatch(/^Fix the data first: Line 3, column 2/);
    expect(useFit.getState().text).toBe(bad);
    expect(workers).toHaveLength(0);
  });
});

describe('bestCandidate', () => {
  const cand = (tree: string, k: number, exact: boolean, mseVal: number, mseTrain = mseVal) => ({
    tree,
    k,
    depth: 2,
    init: 'biased',
    mseTrain,
    mseVal,
    exact,
  });
  it('prefers exact trees (smallest K), then the lowest validation error', () => {
    expect(bestCandidate([])).toBeNull();
    expect(bestCandidate([cand('a', 9, true, 0), cand('b', 5, true, 0), cand('c', 3, false, 1e-3)])?.tree).toBe('b');
    expect(bestCandidate([cand('a', 9, false, 1e-3), cand('b', 5, false, 1e-2)])?.tree).toBe('a');
    expect(bestCandidate([cand('a', 9, false, NaN, 1e-5), cand('b', 5, false, 1e-4)])?.tree).toBe('a');
  });
});
