/**
 * The fitting store without a page: candidates are one per distinct tree (the shallowest depth kept), a run link
 * wins over the autosave and reproduces data and settings, a damaged autosave or link is reported and never
 * throws, the autosave is debounced and ignores live progress, and a failed generation keeps the data.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FIT_SETTINGS } from '../fit/fitSettings.ts';
import { DEFAULT_GENERATOR, paperTargetGenerator } from '../fit/generate.ts';
import { encodeRun } from '../fit/runCodec.ts';
import { bootFit, FIT_AUTOSAVE_KEY, startFitAutosave } from './fitPersistence.ts';
import { useFit, type Candidate } from './fitStore.ts';

const initial = useFit.getState();
beforeEach(() => useFit.setState(initial, true));

const cand = (tree: string, depth: number, mseVal = 1e-3): Candidate => ({
  tree,
  k: 3,
  depth,
  init: 'biased',
  mseTrain: mseVal,
  mseVal,
  exact: false,
});

class MemoryStorage {
  items = new Map<string, string>();
  writes = 0;
  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.writes++;
    this.items.set(k, v);
  }
}

describe('candidates', () => {
  it('keeps one candidate per tree, from the shallowest depth, and clears the selection with them', () => {
    const s = useFit.getState();
    s.addCandidates([cand('EML[x,1]', 3), cand('EML[1,x]', 2)]);
    s.addCandidates([cand('EML[x,1]', 2, 5e-4), cand('EML[x,1]', 4)]);
    const byTree = Object.fromEntries(useFit.getState().candidates.map((c) => [c.tree, c.depth]));
    expect(byTree).toEqual({ 'EML[x,1]': 2, 'EML[1,x]': 2 });
    s.select('EML[x,1]');
    s.clearCandidates();
    expect(useFit.getState()).toMatchObject({ candidates: [], selected: null });
  });
});

describe('data slice', () => {
  it('marks pasted text as pasted, and a failed generation keeps the text with its reasons', () => {
    const s = useFit.getState();
    s.setText('x,y\n1,2');
    expect(useFit.getState().source).toBe('paste');
    s.setGenerator({ formula: 'ln(' });
    expect(useFit.getState().generateData()).toBe(false);
    expect(useFit.getState().text).toBe('x,y\n1,2');
    expect(useFit.getState().generatorErrors.length).toBeGreaterThan(0);
    s.setGenerator({ formula: 'x^2' });
    expect(useFit.getState().generateData()).toBe(true);
    expect(useFit.getState().text.split('\n')).toHaveLength(DEFAULT_GENERATOR.points + 1);
  });
});

describe('bootFit', () => {
  it('opens a run link: generator data is regenerated and every setting restored', async () => {
    const settings = {
      ...DEFAULT_FIT_SETTINGS,
      depth: 4,
      restarts: 5,
      seed: 99,
      mode: 'paper' as const,
      checkSemantics: 'finite' as const,
    };
    const spec = paperTargetGenerator('eml_depth3');
    const link = encodeRun({
      data: { kind: 'generator', spec },
      mapping: { output: 2, inputs: [0, 1], weights: null },
      validation: 0.3,
      splitSeed: 4,
      sampleRows: 50_000,
      settings,
    });
    expect(await bootFit(link, null)).toEqual([]);
    const s = useFit.getState();
    expect(s.settings).toEqual(settings);
    expect(s).toMatchObject({ source: 'generator', validation: 0.3, splitSeed: 4, sampleRows: 50_000, status: 'idle' });
    expect(s.text.split('\n')).toHaveLength(442);
  });

  it('prefers the link to the autosave; a bad link is reported and the autosave restored instead', async () => {
    const store = new MemoryStorage();
    store.setItem(
      FIT_AUTOSAVE_KEY,
      JSON.stringify({
        v: 1,
        text: 'a,b\n1,2\n2,3\n3,4\n4,5\n5,6',
        header: 'auto',
        settings: DEFAULT_FIT_SETTINGS,
        validation: 0.2,
        splitSeed: 1,
      }),
    );
    const notices = await bootFit('not-a-link', store);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^The fitting link could not be opened: .*Your last session is shown instead/);
    expect(useFit.getState().text).toBe('a,b\n1,2\n2,3\n3,4\n4,5\n5,6');
  });

  it('restores the autosave, and old saves without the semantics choice mean complex', async () => {
    const store = new MemoryStorage();
    const { checkSemantics: _dropped, ...oldSettings } = { ...DEFAULT_FIT_SETTINGS, restarts: 3 };
    store.setItem(
      FIT_AUTOSAVE_KEY,
      JSON.stringify({
        v: 1,
        text: 'a,b\n1,2\n2,3\n3,4\n4,5\n5,6',
        header: 'auto',
        source: 'paste',
        settings: oldSettings,
        validation: 0.25,
        splitSeed: 7,
        candidates: [cand('EML[x,1]', 1)],
        selected: 'EML[x,1]',
      }),
    );
    expect(await bootFit(null, store)).toEqual([]);
    const s = useFit.getState();
    expect(s).toMatchObject({
      text: 'a,b\n1,2\n2,3\n3,4\n4,5\n5,6',
      validation: 0.25,
      splitSeed: 7,
      selected: 'EML[x,1]',
    });
    expect(s.settings).toEqual({ ...DEFAULT_FIT_SETTINGS, restarts: 3, checkSemantics: 'complex' });
    expect(s.candidates).toHaveLength(1);
  });

  it('reports a damaged autosave; an invalid field goes back to its default and the rest is kept', async () => {
    const store = new MemoryStorage();
    store.setItem(FIT_AUTOSAVE_KEY, '{"v":1,"text":');
    expect((await bootFit(null, store))[0]).toMatch(/damaged/);
    store.setItem(
      FIT_AUTOSAVE_KEY,
      JSON.stringify({
        v: 1,
        text: 'x',
        header: 'auto',
        validation: 0.2,
        splitSeed: 1,
        settings: { ...DEFAULT_FIT_SETTINGS, restarts: -4 },
      }),
    );
    expect((await bootFit(null, store))[0]).toMatch(/restored except for the training settings \(/);
    expect(useFit.getState().settings).toEqual(DEFAULT_FIT_SETTINGS);
    expect(useFit.getState().text).toBe('x');
  });
});

describe('autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes data, settings and results after a pause, but not for live progress', () => {
    const store = new MemoryStorage();
    const stop = startFitAutosave(store);
    useFit.getState().setSettings({ restarts: 12 });
    useFit.getState().setText('x,y\n1,1\n2,2\n3,3\n4,4\n5,5');
    vi.advanceTimersByTime(499);
    expect(store.writes).toBe(0);
    vi.advanceTimersByTime(1);
    expect(store.writes).toBe(1);
    const saved = JSON.parse(store.getItem(FIT_AUTOSAVE_KEY)!);
    expect(saved).toMatchObject({ v: 1, text: 'x,y\n1,1\n2,2\n3,3\n4,4\n5,5', settings: { restarts: 12 } });
    expect(saved).not.toHaveProperty('status');
    useFit.getState().setRun({
      status: 'running',
      live: {
        step: 5,
        phase: 'search',
        tau: 2.5,
        elapsedMs: 1,
        stepsPerSecond: 1,
        depth: 3,
        engine: 'native',
        backend: 'cpu',
        workers: 1,
      },
    });
    vi.advanceTimersByTime(1000);
    expect(store.writes).toBe(1);
    stop();
    useFit.getState().setSettings({ restarts: 2 });
    vi.advanceTimersByTime(1000);
    expect(store.writes).toBe(1);
  });

  it('survives a storage that throws (quota, private mode)', () => {
    const stop = startFitAutosave({
      setItem() {
        throw new Error('QuotaExceededError');
      },
    });
    useFit.getState().setSettings({ restarts: 9 });
    expect(() => vi.advanceTimersByTime(600)).not.toThrow();
    stop();
  });
});
