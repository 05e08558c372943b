/**
 * The training worker (a module worker): owns the restarts [runOffset, runOffset + restarts) of one training,
 * runs them in time slices so commands (pause, set, stop…) are handled between slices, and reports progress at
 * most `progressHz` times a second. tfjs is imported lazily, only when that engine is asked for.
 * With the generalised model (settings.model 'general') the share is a GeneralShare (generalShare.ts) instead,
 * driven the same way and reporting through the same events.
 * Create with: new Worker(new URL('./trainingWorker.ts', import.meta.url), { type: 'module' }).
 */
import { calibrate, problemKey } from '../training/autoEngine.ts';
import type { EngineOptions, TrainEngine } from '../training/engine.ts';
import { treeShape } from '../training/model.ts';
import { NativeEngine } from '../training/nativeEngine.ts';
import { parseManual } from '../training/init.ts';
import { Trainer } from '../training/schedule.ts';
import { validateSettings, type TrainSettings } from '../training/settings.ts';
import { bestSoFar } from '../training/restartState.ts';
import { GeneralShare } from './generalShare.ts';
import { isCommand, transferables, type Command, type DataPayload, type TrainingEvent } from './protocol.ts';
import { encodeWorkerEvent } from './treeWire.ts';

interface Session {
  trainer: Trainer;
  engine: TrainEngine;
  runOffset: number;
  data: DataPayload;
  hz: number;
  step: number;
  paused: boolean;
  pendingSteps: number;
  stopped: boolean;
  t0: number;
  lastProgress: number;
  lastSnapshot: number;
  lastCheckpoint: number;
  stepsSinceRate: number;
  rateT0: number;
  rate: number;
  lastTree: string;
  reported: Set<number>;
  /** Running average of the wall time of one lockstep step. */
  msPerStep: number;
}

const scope = self as unknown as {
  postMessage(m: unknown, t?: Transferable[]): void;
  onmessage: ((e: MessageEvent) => void) | null;
};
let session: Session | null = null;
let general: GeneralShare | null = null;
let generation = 0;

/** Posts an event with its trees encoded; its arrays and encodings are fresh, so their buffers are transferred. */
function post(ev: TrainingEvent): void {
  const m = encodeWorkerEvent(ev);
  scope.postMessage(m, transferables(m));
}

async function tfjsEngine(opts: EngineOptions): Promise<TrainEngine> {
  const [{ createTfjsEngine }, { browserBackendChain }] = await Promise.all([
    import('../training/tfjsEngine.ts'),
    import('./tfjsBackends.ts'),
  ]);
  return createTfjsEngine(opts, await browserBackendChain());
}

async function makeEngine(
  s: TrainSettings,
  opts: EngineOptions,
): Promise<{ engine: TrainEngine; rates: Record<string, number> }> {
  if (s.engine === 'native') return { engine: new NativeEngine(opts), rates: {} };
  if (s.engine === 'tfjs') return { engine: await tfjsEngine(opts), rates: {} };
  const { engine, calibration } = await calibrate(
    [
      { name: 'native', make: async () => new NativeEngine(opts) },
      { name: 'tfjs', make: () => tfjsEngine(opts) },
    ],
    { key: problemKey(opts) },
  );
  return { engine, rates: calibration.stepsPerSecond };
}

async function start(cmd: Extract<Command, { type: 'start' }>): Promise<void> {
  const gen = ++generation;
  session = null;
  general?.dispose();
  general = null;
  const s: TrainSettings = { ...cmd.settings, improved: { ...cmd.settings.improved } };
  const problems = validateSettings(s);
  if (problems.length)
    return post({
      type: 'error',
      message: `invalid settings: ${problems.join('; ')}`,
      problems,
      runOffset: cmd.runOffset,
    });
  if (s.model === 'general') {
    try {
      general = new GeneralShare(s, cmd.data, cmd.runOffset, cmd.restarts, Math.min(30, cmd.progressHz ?? 30), post);
      general.begin();
    } catch (e) {
      post({ type: 'error', message: e instanceof Error ? e.message : String(e), runOffset: cmd.runOffset });
    }
    return;
  }
  try {
    const shape = treeShape(s.depth, cmd.data.train.vars.length);
    const manual = s.init === 'manual' ? parseManual(s.manualExpr, shape, cmd.data.train.vars) : undefined;
    const opts: EngineOptions = {
      shape,
      data: cmd.data.train,
      restarts: cmd.restarts,
      lr: s.lr,
      lamInter: s.lamInter,
      interThreshold: s.interThreshold,
      emlClamp: s.emlClamp,
      gradClip: s.gradClip,
    };
    const { engine, rates } = await makeEngine(s, opts);
    if (gen !== generation) return engine.dispose();
    const trainer = new Trainer(engine, s, cmd.data, cmd.runOffset, manual);
    if (cmd.checkpoint) trainer.restore(cmd.checkpoint);
    const now = performance.now();
    session = {
      trainer,
      engine,
      runOffset: cmd.runOffset,
      data: cmd.data,
      hz: Math.min(30, cmd.progressHz ?? 30),
      step: cmd.checkpoint?.step ?? 0,
      paused: false,
      pendingSteps: 0,
      stopped: false,
      t0: now,
      lastProgress: 0,
      lastSnapshot: 0,
      lastCheckpoint: now,
      stepsSinceRate: 0,
      rateT0: now,
      rate: 0,
      lastTree: '',
      reported: new Set(),
      msPerStep: 0,
    };
    post({
      type: 'ready',
      engine: engine.name,
      backend: engine.backend,
      stepsPerSecond: rates,
      runOffset: cmd.runOffset,
    });
    schedule(gen);
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e), runOffset: cmd.runOffset });
  }
}

function schedule(gen: number): void {
  setTimeout(() => slice(gen), 0);
}

/** One time slice: steps until the progress interval is used up, then report and yield to the message queue. */
function slice(gen: number): void {
  const ss = session;
  if (!ss || gen !== generation || ss.stopped) return;
  if (ss.paused && ss.pendingSteps <= 0) return;
  const budget = 1000 / ss.hz;
  const t0 = performance.now();
  try {
    while (performance.now() - t0 < budget * 0.9 && !ss.trainer.done) {
      // Chunks of up to 25 steps, fewer when steps are slow (many restarts, deep trees), so a chunk stays within a
      // third of the progress interval and the page still gets its ~30 updates a second.
      const chunk = Math.max(1, Math.min(25, Math.floor(budget / 3 / Math.max(1e-3, ss.msPerStep))));
      const want = ss.paused ? Math.min(ss.pendingSteps, chunk) : chunk;
      if (want <= 0) break;
      const c0 = performance.now();
      const took = ss.trainer.advance(want);
      if (took > 0) ss.msPerStep = 0.7 * ss.msPerStep + (0.3 * (performance.now() - c0)) / took;
      ss.step += took;
      ss.stepsSinceRate += took;
      if (ss.paused) ss.pendingSteps -= took;
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const cp = ss.trainer.checkpoint();
    post({
      type: 'checkpoint',
      runOffset: ss.runOffset,
      checkpoint: { step: ss.step, states: cp.states, params: cp.params },
    });
    post({ type: 'error', message, contextLost: /context|webgl|lost/i.test(message), runOffset: ss.runOffset });
    ss.stopped = true;
    return;
  }
  reportRuns(ss);
  report(ss, false);
  if (ss.trainer.done) {
    report(ss, true);
    post({ type: 'result', runOffset: ss.runOffset, results: ss.trainer.results(), ms: performance.now() - ss.t0 });
    ss.stopped = true;
    return;
  }
  schedule(gen);
}

/** A 'run' event for each restart that has finished since the last call. */
function reportRuns(ss: Session): void {
  ss.trainer.state.forEach((st, r) => {
    if (st.phase === 'done' && st.result && !ss.reported.has(r)) {
      ss.reported.add(r);
      post({ type: 'run', result: st.result });
    }
  });
}

function report(ss: Session, force: boolean): void {
  const now = performance.now();
  const tr = ss.trainer;
  if (now - ss.rateT0 > 500) {
    ss.rate = (ss.stepsSinceRate * tr.R) / ((now - ss.rateT0) / 1000);
    ss.stepsSinceRate = 0;
    ss.rateT0 = now;
  }
  if (force || now - ss.lastProgress >= 1000 / ss.hz - 1) {
    ss.lastProgress = now;
    const best = tr.bestRestart();
    const weights = new Float64Array(tr.engine.shape.nParams);
    tr.engine.getParams(best, weights);
    post({
      type: 'progress',
      runOffset: ss.runOffset,
      step: ss.step,
      phase: tr.state.map((s) => s.phase),
      tau: Float64Array.from(tr.state, (s) => s.tau),
      soft: Float64Array.from(tr.state, (s) => s.lastSoft),
      hard: Float64Array.from(tr.state, (s) => s.lastHard),
      bestRestart: ss.runOffset + best,
      weights,
      stepsPerSecond: ss.rate,
      paused: ss.paused,
    });
    if (force || now - ss.lastSnapshot > 500) {
      ss.lastSnapshot = now;
      // The tree the restarts would report now (restartState.ts bestSoFar), not the naive snap of the live weights.
      const b = bestSoFar(tr.state, tr.engine.shape, (r, out) => tr.engine.getParams(r, out), ss.data.train);
      if (b && (force || b.tree !== ss.lastTree)) {
        ss.lastTree = b.tree;
        post({
          type: 'snapshot',
          restart: ss.runOffset + b.restart,
          tree: b.tree,
          k: b.k,
          depth: tr.engine.shape.depth,
          mseTrain: b.mseTrain,
          uncertain: 0,
        });
      }
    }
  }
  if (now - ss.lastCheckpoint > 2000) {
    ss.lastCheckpoint = now;
    const cp = tr.checkpoint();
    post({
      type: 'checkpoint',
      runOffset: ss.runOffset,
      checkpoint: { step: ss.step, states: cp.states, params: cp.params },
    });
  }
}

/** A command for a general-model share (its own slices; 'set' changes nothing: its schedule is fixed). */
function handleGeneral(g: GeneralShare, cmd: Command): void {
  if (cmd.type === 'pause') g.pause();
  else if (cmd.type === 'resume') g.resume();
  else if (cmd.type === 'step') g.stepBy(cmd.n);
  else if (cmd.type === 'stop') g.stop();
  else if (cmd.type === 'reset') {
    generation++;
    g.dispose();
    general = null;
  }
}

function handle(cmd: Command): void {
  const ss = session;
  if (general && cmd.type !== 'start') return handleGeneral(general, cmd);
  switch (cmd.type) {
    case 'start':
      void start(cmd);
      return;
    case 'pause':
      if (ss) ss.paused = true;
      return;
    case 'resume':
      if (ss && ss.paused) {
        ss.paused = false;
        ss.pendingSteps = 0;
        schedule(generation);
      }
      return;
    case 'step':
      if (ss) {
        const wasIdle = ss.paused && ss.pendingSteps <= 0;
        ss.paused = true;
        ss.pendingSteps += Math.max(0, Math.floor(cmd.n));
        if (wasIdle) schedule(generation);
      }
      return;
    case 'stop':
      if (ss && !ss.stopped) {
        ss.stopped = true;
        // Unfinished restarts end now with their best tree so far, so the result lists every restart. A failure
        // here (a lost GPU context) must not reach onerror, which would restart the share on the other engine.
        try {
          ss.trainer.finishNow();
        } catch (e) {
          post({
            type: 'error',
            message: `stop: ${e instanceof Error ? e.message : String(e)}`,
            runOffset: ss.runOffset,
          });
        }
        reportRuns(ss);
        report(ss, true);
        post({ type: 'result', runOffset: ss.runOffset, results: ss.trainer.results(), ms: performance.now() - ss.t0 });
      }
      return;
    case 'reset':
      generation++;
      ss?.engine.dispose();
      session = null;
      return;
    case 'set':
      ss?.trainer.applyPatch(cmd.patch);
      return;
  }
}

scope.onmessage = (e: MessageEvent) => {
  if (isCommand(e.data)) handle(e.data);
  else post({ type: 'error', message: 'unknown command' });
};
