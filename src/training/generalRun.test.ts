import { describe, expect, it } from 'vitest';
import { DEFAULT_FIT_SETTINGS, readFitSettings, trainSettingsFor, validateFitSettings } from '../fit/fitSettings.ts';
import { parseEml } from '../eml/syntax/index.ts';
import { certify, constantsProblem } from '../fit/certificate.ts';
import { GeneralTrainingRun } from './generalRun.ts';
import { MODEL_KINDS, MODEL_TABLE, paperSettings, validateSettings } from './settings.ts';
import { treeMse } from './snap.ts';
import type { TrainingData } from './targets.ts';

const column = (xs: number[]): TrainingData => ({
  vars: ['x'],
  x: [Float64Array.from(xs)],
  target: Float64Array.from(xs, Math.expm1),
  n: xs.length,
});
// e^x − 1 on a grid, and fresh points off it (as the worker gets them: training/targets.ts TrainingData).
const TRAIN = column(Array.from({ length: 24 }, (_, i) => -1 + (3 * i) / 23));
const FRESH = column([-1.7, -0.33, 0.41, 1.13, 2.6, 3.1]);
const generalSettings = (seed: number) =>
  trainSettingsFor({ ...DEFAULT_FIT_SETTINGS, model: 'general', depth: 2, restarts: 8, seed }, 2);

/** Runs the share to its end in chunks, as the worker's slices do. */
function runToEnd(run: GeneralTrainingRun): void {
  for (let guard = 0; !run.done && guard < 1e6; guard++) run.advance(25);
}

describe('training worker path with the general model (generalRun.ts)', () => {
  it('recovers eˣ − 1 = eml(x, eml(1,1)) exactly from exact data (seed 137, depth 2)', () => {
    const run = new GeneralTrainingRun(generalSettings(137), { train: TRAIN, fresh: FRESH }, 0, 8);
    runToEnd(run);
    const results = run.allResults();
    const exact = results.filter((r) => r.exact);
    expect(exact.length).toBeGreaterThan(0);
    const best = exact[0];
    expect(best.k).toBe(5);
    expect(best.init).toBe('general');
    // The tree is pure EML text the certificate path parses; it equals e^x − 1 at the fresh points.
    const tree = parseEml(best.tree).tree;
    expect(treeMse(tree, FRESH)).toBeLessThan(1e-20);
    // The share stops at its first exact tree, and every restart reported a result.
    expect(results.at(-1)?.exact).toBe(true);
    expect(run.takeFinished()).toHaveLength(results.length);
    expect(run.snapshot()?.k).toBe(5);
  });

  it('reports per-restart progress, and Stop keeps the restart in progress with its snapped tree', () => {
    const run = new GeneralTrainingRun(generalSettings(5), { train: TRAIN, fresh: FRESH }, 4, 3);
    run.advance(300);
    const p = run.progress();
    expect(p.phase).toEqual(['search', 'search', 'search']);
    expect(Number.isFinite(p.soft[0])).toBe(true);
    expect(p.soft[1]).toBeNaN();
    expect(p.tau[0]).toBe(1);
    expect(run.snapshot()).toBeNull();
    // Into the hardening phase (6000 search steps of 8000), then Stop: the restart ends with its snapped tree.
    run.advance(6200);
    expect(run.progress().phase[0]).toBe('hardening');
    expect(run.progress().tau[0]).toBeLessThan(1);
    run.finishNow();
    expect(run.done).toBe(true);
    const results = run.allResults();
    expect(results).toHaveLength(1);
    expect(results[0].run).toBe(4);
    expect(results[0].tree).not.toBe('');
    expect(run.snapshot()?.tree).toBe(results[0].tree);
    expect(run.progress().phase).toEqual(['done', 'done', 'done']);
  });

  it('Stop early in the search phase reports no tree for a snap that does not evaluate', () => {
    const run = new GeneralTrainingRun(generalSettings(5), { train: TRAIN, fresh: FRESH }, 0, 2);
    run.advance(300);
    run.finishNow();
    expect(run.done).toBe(true);
    for (const r of run.allResults()) expect(r.tree).not.toBe('');
    expect(run.takeFinished()).toEqual(run.allResults());
  });

  it('reports a restart that keeps a decimal constant with the constant as a leaf _c0 and its value', () => {
    // eˣ − 0.37 = eml(x, c) with c = e^0.37, which no closed form of the snapper matches.
    const shift = (d: TrainingData): TrainingData => ({ ...d, target: d.target.map((y) => y + 1 - 0.37) });
    const run = new GeneralTrainingRun(
      trainSettingsFor({ ...DEFAULT_FIT_SETTINGS, model: 'general', depth: 1, restarts: 2, seed: 3 }, 1),
      { train: shift(TRAIN), fresh: shift(FRESH) },
      0,
      2,
    );
    runToEnd(run);
    const withConst = run.allResults().filter((r) => r.constants);
    expect(withConst.length).toBeGreaterThan(0);
    for (const r of withConst) {
      const tree = parseEml(r.tree).tree;
      // The tree names exactly the constants it carries, and they are finite: what the restore check asks.
      expect(constantsProblem(tree, r.constants)).toBeNull();
      expect(Object.keys(r.constants!)).toEqual(['_c0']);
      expect(Math.abs(r.constants!._c0 - Math.exp(0.37))).toBeLessThan(1e-6);
      expect(r.mseTrain).toBeLessThan(1e-12);
      // Bound as an input, the certificate's evaluation reads it; the decimal is a fit, so it is never "exact"
      // on float64 fresh points unless they agree to 1e−20.
      const ds = (d: TrainingData) => ({ ...d, y: d.target, w: null, rows: new Int32Array(d.n) });
      const cert = certify(tree, ds(shift(TRAIN)), [ds(shift(FRESH))], 'complex', r.constants);
      expect(cert.checks[0].detail).toMatch(/^MSE /);
      expect(cert.formula.text).toContain('_c0');
    }
    // Without the values the map does not match the tree's leaves.
    expect(constantsProblem(parseEml(withConst[0].tree).tree, undefined)).toMatch(/_c0 have no values/);
  });

  it('is seeded: the same settings give the same trees', () => {
    const trees = [0, 1].map(() => {
      const run = new GeneralTrainingRun(generalSettings(99), { train: TRAIN, fresh: FRESH }, 0, 2);
      run.advance(7000);
      run.finishNow();
      return run.allResults().map((r) => r.tree);
    });
    expect(trees[0].length).toBeGreaterThan(0);
    expect(trees[0]).toEqual(trees[1]);
  });
});

describe('the model setting', () => {
  it('has a label and a one-sentence explanation per model; paper is the default and unchanged', () => {
    expect(MODEL_KINDS).toEqual(['paper', 'general']);
    for (const m of MODEL_KINDS) {
      expect(MODEL_TABLE[m].label.length).toBeGreaterThan(5);
      expect(MODEL_TABLE[m].explain.split('. ')).toHaveLength(1);
    }
    expect(DEFAULT_FIT_SETTINGS.model).toBe('paper');
    const paper = trainSettingsFor(DEFAULT_FIT_SETTINGS, 3);
    expect(paper.model).toBeUndefined();
    expect(validateSettings(paper)).toEqual([]);
  });

  it('general: the run keeps its depth, seed and steps, on the native engine; bad values are refused', () => {
    const s = trainSettingsFor({ ...DEFAULT_FIT_SETTINGS, model: 'general', engine: 'tfjs', seed: 9 }, 4);
    expect(s).toMatchObject({ model: 'general', engine: 'native', depth: 4, seed: 9 });
    expect(validateSettings(s)).toEqual([]);
    expect(validateSettings({ ...paperSettings(7), model: 'general' })[0]).toMatch(/depth must be at most 6/);
    expect(validateSettings({ ...paperSettings(3), model: 'tree' as never })[0]).toMatch(
      /model must be paper or general/,
    );
    expect(validateSettings({ ...paperSettings(3, 'manual'), manualExpr: 'x', model: 'general' })).toEqual([
      'the general model has no manual init: choose a random init, or the paper model',
    ]);
  });

  it('stated digits and the model are saved and validated on restore; old links mean paper and no digits', () => {
    const saved = JSON.parse(JSON.stringify({ ...DEFAULT_FIT_SETTINGS, model: 'general', digits: 6 }));
    expect(readFitSettings(saved)).toEqual({
      ok: true,
      settings: { ...DEFAULT_FIT_SETTINGS, model: 'general', digits: 6 },
    });
    const { model: _m, digits: _d, ...old } = DEFAULT_FIT_SETTINGS;
    expect(readFitSettings(old)).toEqual({ ok: true, settings: DEFAULT_FIT_SETTINGS });
    expect(readFitSettings({ ...saved, digits: 2.5 })).toMatchObject({ ok: false, error: /significant digits/ });
    expect(readFitSettings({ ...saved, digits: 30 })).toMatchObject({ ok: false, error: /1 to 17/ });
    expect(readFitSettings({ ...saved, digits: 'six' })).toEqual({
      ok: false,
      error: 'digits is not a number or null',
    });
    expect(readFitSettings({ ...saved, model: 'tree' })).toMatchObject({ ok: false, error: /unknown model/ });
    expect(validateFitSettings({ ...DEFAULT_FIT_SETTINGS, digits: 0 })[0]).toMatch(/significant digits/);
  });
});
