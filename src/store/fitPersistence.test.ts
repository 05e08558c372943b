/**
 * Hostile saved state for the fitting cockpit: corrupted autosaves (unparsable candidate trees, non-finite and
 * absurd numbers, wrong types, huge lists) restore what is valid and name what was not; a `#fit` link whose
 * generator cannot make its data opens with its settings and a notice; large tables are saved in the blob store and
 * restored; failed saves set `saveProblem` instead of vanishing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FIT_SETTINGS } from '../fit/fitSettings.ts';
import { DEFAULT_GENERATOR, generate } from '../fit/generate.ts';
import { encodeRun } from '../fit/runCodec.ts';
import { memoryBlobStore } from './blobStore.ts';
import {
  bootFit,
  FIT_AUTOSAVE_KEY,
  FIT_TEXT_BLOB,
  fingerprint,
  LOCAL_TEXT_CHARS,
  sessionJson,
  startFitAutosave,
} from './fitPersistence.ts';
import { restoreSession } from './fitRestore.ts';
import { useFit } from './fitStore.ts';

const initial = useFit.getState();
beforeEach(() => useFit.setState(initial, true));

class MemoryStorage {
  items = new Map<string, string>();
  fail: Error | null = null;
  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    if (this.fail) throw this.fail;
    this.items.set(k, v);
  }
}

const TABLE = 'x,f\n1,2\n2,3\n3,4\n4,5\n5,6';
const LN = 'EML[1,EML[EML[1,x],1]]';
const good = { tree: LN, k: 7, depth: 3, init: 'biased', mseTrain: 0, mseVal: null, exact: true };

describe('restoreSession (hostile autosaves)', () => {
  it('drops candidates whose tree does not parse, and keeps the rest', () => {
    const { session, problems } = restoreSession({
      v: 1,
      text: TABLE,
      candidates: [good, { ...good, tree: 'EML[1,' }, { ...good, tree: 'x'.repeat(50_000) }],
      selected: 'EML[1,',
    });
    expect(session.candidates.map((c) => c.tree)).toEqual([LN]);
    expect(session.candidates[0].mseVal).toBeNaN();
    expect(session.selected).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^2 results \(its tree “EML\[1,” does not parse/);
  });

  it('replaces non-finite, absurd or mistyped fields by defaults and names each', () => {
    const { session, problems } = restoreSession({
      text: TABLE,
      header: 'maybe',
      validation: 7,
      splitSeed: -1.5,
      sampleRows: 1e12,
      mapping: { output: 'f', inputs: [] },
      settings: { ...DEFAULT_FIT_SETTINGS, lr: null },
      generator: { ...DEFAULT_GENERATOR, xMin: null, points: 1e9 },
      candidates: { length: 1e9 },
    });
    expect(session).toMatchObject({
      text: TABLE,
      header: 'auto',
      validation: 0.2,
      splitSeed: 1,
      sampleRows: 100_000,
      mapping: null,
      settings: DEFAULT_FIT_SETTINGS,
      generator: DEFAULT_GENERATOR,
      candidates: [],
    });
    expect(problems).toHaveLength(8);
  });

  it('keeps a tree with decimal constant leaves only with a matching map of finite values', () => {
    const tree = 'EML[x,_c0]';
    const cand = { ...good, tree };
    const { session, problems } = restoreSession({
      candidates: [
        { ...cand, constants: { _c0: 1.4477 } },
        { ...cand }, // no values for its leaf
        { ...cand, constants: { _c0: null } }, // JSON's NaN
        { ...cand, constants: { _c0: 1, _c1: 2 } }, // a name the tree does not have
        { ...cand, constants: [1.4477] },
        { ...good, constants: { _c0: 1 } }, // values for a tree without constant leaves
      ],
    });
    expect(session.candidates).toHaveLength(1);
    expect(session.candidates[0].constants).toEqual({ _c0: 1.4477 });
    expect(problems).toEqual([`5 results (its constant leaves _c0 have no values)`]);
  });

  it('caps the number of candidates and survives non-objects', () => {
    const many = Array.from({ length: 600 }, () => ({ ...good }));
    expect(restoreSession({ candidates: many }).session.candidates).toHaveLength(500);
    for (const raw of [null, 42, 'text', [], { __proto__: { text: 'x' } }])
      expect(() => restoreSession(raw)).not.toThrow();
  });
});

describe('bootFit', () => {
  it('restores a corrupted autosave partly, with a notice naming what was dropped', async () => {
    const store = new MemoryStorage();
    store.setItem(
      FIT_AUTOSAVE_KEY,
      JSON.stringify({
        v: 1,
        text: TABLE,
        header: 'auto',
        settings: { ...DEFAULT_FIT_SETTINGS, restarts: 3 },
        candidates: [{ ...good, tree: ')(' }],
        selected: ')(',
      }),
    );
    const notices = await bootFit(null, store);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/restored except for 1 result \(its tree/);
    expect(useFit.getState()).toMatchObject({ text: TABLE, candidates: [], selected: null });
    expect(useFit.getState().settings.restarts).toBe(3);
  });

  it('opens a link whose generator cannot make data: settings kept, table kept, a notice and the form’s errors', async () => {
    const spec = { ...DEFAULT_GENERATOR, formula: 'ln(' };
    const link = encodeRun({
      data: { kind: 'generator', spec },
      mapping: { output: 1, inputs: [0], weights: null },
      validation: 0.3,
      splitSeed: 5,
      sampleRows: 100_000,
      settings: { ...DEFAULT_FIT_SETTINGS, seed: 77 },
    });
    const before = useFit.getState().text;
    const notices = await bootFit(link, null);
    expect(notices[0]).toMatch(/^The fitting link's generator could not make its data: The formula does not read/);
    const s = useFit.getState();
    expect(s).toMatchObject({ text: before, source: 'paste', validation: 0.3, splitSeed: 5 });
    expect(s.generator.formula).toBe('ln(');
    expect(s.generatorErrors.length).toBeGreaterThan(0);
    expect(s.settings.seed).toBe(77);
  });

  it('opens a `0*x` generator link without throwing (data, or a notice saying why not)', async () => {
    const spec = { ...DEFAULT_GENERATOR, formula: '0*x' };
    const link = encodeRun({
      data: { kind: 'generator', spec },
      mapping: { output: 1, inputs: [0], weights: null },
      validation: 0.2,
      splitSeed: 1,
      sampleRows: 100_000,
      settings: DEFAULT_FIT_SETTINGS,
    });
    const notices = await bootFit(link, null);
    const g = generate(spec);
    if (g.ok) expect(notices).toEqual([]);
    else expect(notices[0]).toMatch(/could not make its data/);
  });

  it('restores a large table from the blob store, and says so when it is gone', async () => {
    const big = `x,f\n${Array.from({ length: 12_000 }, (_, i) => `${i},${i * 2}`).join('\n')}`;
    expect(big.length).toBeGreaterThan(LOCAL_TEXT_CHARS);
    const store = new MemoryStorage();
    const blobs = memoryBlobStore();
    await blobs.put(FIT_TEXT_BLOB, big);
    store.setItem(
      FIT_AUTOSAVE_KEY,
      JSON.stringify({ v: 1, text: null, textBlob: fingerprint(big), header: 'auto', validation: 0.1 }),
    );
    expect(await bootFit(null, store, blobs)).toEqual([]);
    expect(useFit.getState().text).toBe(big);
    useFit.setState(initial, true);
    await blobs.delete(FIT_TEXT_BLOB);
    const notices = await bootFit(null, store, blobs);
    expect(notices[0]).toMatch(/except for the data table \(it is not in the browser database any more\)/);
    expect(useFit.getState().validation).toBe(0.1);
  });
});

describe('autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says when localStorage refuses the save (quota), and clears the problem after a good save', () => {
    const store = new MemoryStorage();
    store.fail = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const stop = startFitAutosave(store);
    useFit.getState().setText(TABLE);
    vi.advanceTimersByTime(600);
    expect(useFit.getState().saveProblem).toMatch(
      /could not be saved in this browser \(The quota has been exceeded\.\).*Download it/,
    );
    expect(JSON.parse(sessionJson())).toMatchObject({ v: 1, text: TABLE });
    store.fail = null;
    useFit.getState().setSplit({ splitSeed: 3 });
    vi.advanceTimersByTime(600);
    expect(useFit.getState().saveProblem).toBeNull();
    stop();
  });

  it('leaving the page saves the pending change at once, so a reload right after a result keeps it', () => {
    const store = new MemoryStorage();
    let leave: (() => void) | null = null;
    const stop = startFitAutosave(store, null, (flush) => {
      leave = flush;
      return () => (leave = null);
    });
    useFit.getState().setText(TABLE);
    expect(store.items.has(FIT_AUTOSAVE_KEY)).toBe(false); // still within the delay
    leave!();
    expect(JSON.parse(store.items.get(FIT_AUTOSAVE_KEY)!)).toMatchObject({ v: 1, text: TABLE });
    store.items.clear();
    vi.advanceTimersByTime(600);
    expect(store.items.has(FIT_AUTOSAVE_KEY)).toBe(false); // the flushed save is not repeated
    stop();
    expect(leave).toBeNull();
  });

  it('puts a large table in the blob store and only its fingerprint in localStorage; a failing blob store is reported', async () => {
    const store = new MemoryStorage();
    const blobs = memoryBlobStore();
    const stop = startFitAutosave(store, blobs);
    const big = `x,f\n${Array.from({ length: 60_000 }, (_, i) => `${i},${i * 2}`).join('\n')}`;
    useFit.getState().setText(big);
    await vi.advanceTimersByTimeAsync(600);
    expect(blobs.items.get(FIT_TEXT_BLOB)).toBe(big);
    const saved = JSON.parse(store.getItem(FIT_AUTOSAVE_KEY)!);
    expect(saved).toMatchObject({ text: null, textBlob: fingerprint(big) });
    expect(store.getItem(FIT_AUTOSAVE_KEY)!.length).toBeLessThan(5000);
    blobs.failWrites = new Error('QuotaExceededError');
    useFit.getState().setText(`${big}\n1,2`);
    await vi.advanceTimersByTimeAsync(600);
    expect(useFit.getState().saveProblem).toMatch(/could not be saved in the browser database \(QuotaExceededError\)/);
    stop();
  });

  it('reports a large table when there is no blob store at all', () => {
    const stop = startFitAutosave(new MemoryStorage(), null);
    useFit.getState().setText('x'.repeat(LOCAL_TEXT_CHARS + 1));
    vi.advanceTimersByTime(600);
    expect(useFit.getState().saveProblem).toMatch(/too large to save without the browser database/);
    stop();
  });
});
