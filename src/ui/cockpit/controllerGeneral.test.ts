/**
 * The cockpit controller with the general model, end to end without a browser: the training client's workers are
 * fakes that run the real worker share (workers/generalShare.ts, the code trainingWorker.ts runs for model
 * 'general') in this thread, so the protocol messages, their merging and the controller's bookkeeping are the
 * real ones. Also: the search's problem carries the significant digits saved in the settings (Play again).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FIT_SETTINGS } from '../../fit/fitSettings.ts';
import { useFit } from '../../store/fitStore.ts';
import { TrainingClient } from '../../workers/clients/trainingClient.ts';
import { GeneralShare } from '../../workers/generalShare.ts';
import type { Command, TrainingEvent } from '../../workers/protocol.ts';
import { encodeWorkerEvent } from '../../workers/treeWire.ts';
import { FitController } from './controller.ts';
import { searchSpecNow } from './fitActions.ts';
import { flushFrameJobs } from './frameJobs.ts';
import { createLiveChannels } from './liveChannels.ts';

/** A Worker stand-in that runs a general-model share here, as trainingWorker.ts does in its own thread. */
class InThreadWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  received: Command[] = [];
  private share: GeneralShare | null = null;

  postMessage(cmd: Command): void {
    this.received.push(cmd);
    if (cmd.type === 'start') {
      expect(cmd.settings.model).toBe('general');
      this.share = new GeneralShare(cmd.settings, cmd.data, cmd.runOffset, cmd.restarts, 30, (ev) => this.emit(ev));
      this.share.begin();
    } else if (cmd.type === 'stop') this.share?.stop();
    else if (cmd.type === 'reset') this.share?.dispose();
  }

  terminate(): void {
    this.share?.dispose();
  }

  private emit(ev: TrainingEvent): void {
    // Structured clone, as postMessage does, so nothing is shared by reference.
    this.onmessage?.({ data: structuredClone(encodeWorkerEvent(ev)) } as MessageEvent);
  }
}

const expm1Csv = ['x,y', ...Array.from({ length: 25 }, (_, i) => `${-1 + 0.125 * i},${Math.expm1(-1 + 0.125 * i)}`)];

function rig() {
  const ch = createLiveChannels();
  const c = new FitController({
    channels: ch,
    createClient: () =>
      new TrainingClient({ poolSize: 1, createWorker: () => new InThreadWorker() as unknown as Worker }),
  });
  return { c, ch };
}

/** Waits for a state of the store (polling between the share's slices), flushing the frame jobs it posts. */
async function until(ok: () => boolean, what: string): Promise<void> {
  await vi.waitFor(
    () => {
      flushFrameJobs();
      if (!ok()) throw new Error(`waiting for ${what}`);
    },
    { timeout: 60_000, interval: 5 },
  );
}

beforeEach(() => {
  useFit.setState({
    text: expm1Csv.join('\n'),
    header: 'auto',
    source: 'paste',
    mapping: null,
    validation: 0.2,
    splitSeed: 1,
    settings: { ...DEFAULT_FIT_SETTINGS, method: 'gradient', model: 'general', depth: 2, restarts: 8, seed: 137 },
    status: 'idle',
    live: null,
    message: null,
    candidates: [],
    selected: null,
  });
});

// The fake workers train in this thread, so a test's time is the trainer's: generous on a loaded 2-core machine.
describe('FitController with the general model', { timeout: 60_000 }, () => {
  it('recovers eˣ − 1 = eml(x, eml(1,1)) from exact data (seed 137): an exact candidate of K 5, selected', async () => {
    await until(() => useFit.getState().prepared.ok, 'the table to be read');
    const { c, ch } = rig();
    c.playPause();
    await until(() => useFit.getState().status === 'done', 'the run to end');
    const s = useFit.getState();
    expect(s.message).toBeNull();
    const exact = s.candidates.filter((x) => x.exact);
    expect(exact.length).toBeGreaterThan(0);
    expect(exact[0]).toMatchObject({ tree: 'EML[x,EML[1,1]]', k: 5, depth: 2, init: 'general' });
    expect(s.selected).toBe('EML[x,EML[1,1]]');
    // The loss chart got the per-step soft loss and, once a restart ended, the snapped tree's error.
    expect(ch.history.length).toBeGreaterThan(0);
    expect(ch.history.series.best.some((v) => Number.isFinite(v))).toBe(true);
    expect(ch.history.series.snapped.some((v) => v < 1e-20)).toBe(true);
    // No soft weights to draw: the live tree was never given the general model's parameters.
    expect(ch.tree.get()).toBeNull();
  });

  it('Stop ends the run with what the share has (status done, no error)', async () => {
    // A law no depth-2 tree computes, so the run is still going when Stop comes (eˣ − 1 ends exact within a few steps).
    const sinCsv = [
      'x,y',
      ...Array.from({ length: 25 }, (_, i) => `${-1 + 0.125 * i},${Math.sin(3 * (-1 + 0.125 * i))}`),
    ];
    useFit.setState({ text: sinCsv.join('\n') });
    await until(
      () => useFit.getState().prepared.ok && useFit.getState().text === sinCsv.join('\n'),
      'the table to be read',
    );
    const { c, ch } = rig();
    c.playPause();
    await until(() => ch.history.length > 3, 'some progress');
    c.stop();
    await until(() => useFit.getState().status === 'done', 'the stopped run to end');
    expect(useFit.getState().message).toBeNull();
    for (const cand of useFit.getState().candidates) expect(cand.tree).not.toBe('');
  });
});

describe('stated significant digits', () => {
  it('the search problem carries the digits saved in the settings, unless a noise level is stated', async () => {
    await until(() => useFit.getState().prepared.ok, 'the table to be read');
    useFit.getState().setSettings({ digits: 6, noise: null });
    expect(searchSpecNow()).toMatchObject({ digits: 6, noise: null });
    useFit.getState().setSettings({ digits: 6, noise: 0.01 });
    const spec = searchSpecNow();
    expect(spec).toMatchObject({ noise: 0.01 });
    expect(typeof spec !== 'string' && 'digits' in spec).toBe(false);
  });
});
