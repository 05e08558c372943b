import { compressToEncodedURIComponent } from 'lz-string';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../eml/compiler/compile.ts';
import { parseEml } from '../eml/syntax/index.ts';
import { certify } from './certificate.ts';
import {
  datasetOf,
  defaultMapping,
  MIN_SAMPLE_ROWS,
  sampleIndices,
  splitDataset,
  toDataset,
  validateMapping,
} from './dataset.ts';
import { DEFAULT_FIT_SETTINGS, trainSettingsFor, validateFitSettings } from './fitSettings.ts';
import { generate, paperTargetGenerator } from './generate.ts';
import { aggregate, mseHistogram, PUBLISHED_RATES } from './lab.ts';
import { LossHistory } from './lossHistory.ts';
import { metricsOf } from './metrics.ts';
import { kneeIndex, paretoFront } from './pareto.ts';
import { prepare } from './prepare.ts';
import { decodeRun, encodeRun, type RunState } from './runCodec.ts';
import { MAX_ROWS, readTable, type Table } from './table.ts';

const lnTable = (n = 50) =>
  [
    'x,f',
    ...Array.from({ length: n }, (_, i) => `${0.5 + (3.5 * i) / (n - 1)},${Math.log(0.5 + (3.5 * i) / (n - 1))}`),
  ].join('\n');

describe('readTable', () => {
  it('reads CSV with a header, TSV and whitespace without one', () => {
    const a = readTable('x,y\n1,2\n2,4\n3,6\n4,8\n5,10');
    expect(a.ok && a.table.header && a.table.columns).toEqual(['x', 'y']);
    const b = readTable('1\t2\n2\t4\n3\t6\n4\t8\n5\t10');
    expect(b.ok && b.table.delimiter).toBe('tab');
    expect(b.ok && b.table.columns).toEqual(['column 1', 'column 2']);
    const c = readTable('  1   2\n2 4\n\n3 6\n# comment\n4 8\n5   1e1');
    expect(c.ok && c.table.delimiter).toBe('whitespace');
    expect(c.ok && Array.from(c.table.data[1])).toEqual([2, 4, 6, 8, 10]);
    expect(c.ok && Array.from(c.table.lines)).toEqual([1, 2, 4, 6, 7]);
  });

  it('names the line and column of text cells, NaN, ∞ and ragged rows', () => {
    const r = readTable('x,y\n1,2\n2,abc\n3,4,5\n4,NaN\n5,inf\n6,');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'Line 3, column 2 (“y”): the cell “abc” is not a number.',
      'Line 4: 3 cells, but the header has 2; every row needs the same number of cells.',
      'Line 5, column 2 (“y”): the cell is NaN (not a number).',
      'Line 6, column 2 (“y”): the cell is infinite.',
      'Line 7, column 2 (“y”): the cell is empty.',
    ]);
  });

  it('reports duplicate and missing header names, too few rows, and empty input', () => {
    const r = readTable('x,x,\n1,2,3\n2,3,4');
    expect(!r.ok && r.errors).toEqual([
      'Header (line 1): column 2 is named “x” like column 1; names must be unique.',
      'Header (line 1): column 3 has no name.',
      'Only 2 data rows; at least 5 are needed to fit and validate.',
    ]);
    expect(readTable('  \n').ok).toBe(false);
  });

  it('caps the message list', () => {
    const text = ['a,b', ...Array.from({ length: 30 }, (_, i) => `${i},z`)].join('\n');
    const r = readTable(text);
    expect(!r.ok && r.errorCount).toBe(30);
    expect(!r.ok && r.errors.at(-1)).toBe('… and 22 more problems.');
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        readTable(s);
      }),
    );
  });
});

describe('dataset, mapping, split', () => {
  const t = readTable(lnTable());
  if (!t.ok) throw new Error('fixture');
  const table = t.table;

  it('maps the last column to the output by default and validates mappings', () => {
    expect(defaultMapping(table)).toEqual({ output: 1, inputs: [0], weights: null });
    expect(validateMapping(table, { output: 0, inputs: [0], weights: null })).toEqual([
      '“x” cannot be both the output and input x.',
    ]);
    expect(validateMapping(table, { output: 1, inputs: [], weights: null })).toEqual([
      'Choose at least one input column.',
    ]);
  });

  it('splits reproducibly: same seed same split, different seed different split, 80/20', () => {
    const ds = toDataset(table, defaultMapping(table));
    const a = splitDataset(ds, 0.2, 7);
    const b = splitDataset(ds, 0.2, 7);
    const c = splitDataset(ds, 0.2, 8);
    expect(a.validation.n).toBe(10);
    expect(a.train.n).toBe(40);
    expect(Array.from(a.validation.rows)).toEqual(Array.from(b.validation.rows));
    expect(Array.from(a.validation.rows)).not.toEqual(Array.from(c.validation.rows));
    const all = new Set([...a.train.rows, ...a.validation.rows]);
    expect(all.size).toBe(50);
  });

  it('subsamples large tables with a seed', () => {
    const s1 = sampleIndices(1000, 100, 3);
    expect(s1.length).toBe(100);
    expect(new Set(s1).size).toBe(100);
    expect(Array.from(s1)).toEqual(Array.from(sampleIndices(1000, 100, 3)));
    // Tables up to MAX_ROWS are used whole, whatever the subsample size says.
    expect(datasetOf(table, defaultMapping(table), 1, 20).n).toBe(table.rows);
  });

  it('offers a seeded subsample of the chosen size above 100 000 rows', () => {
    const rows = MAX_ROWS + 50;
    const big: Table = {
      columns: ['x', 'f'],
      header: true,
      delimiter: 'comma',
      data: [Float64Array.from({ length: rows }, (_, i) => i), Float64Array.from({ length: rows }, (_, i) => 2 * i)],
      rows,
      lines: Int32Array.from({ length: rows }, (_, i) => i + 2),
    };
    const m = defaultMapping(big);
    expect(datasetOf(big, m, 1).n).toBe(MAX_ROWS);
    const a = datasetOf(big, m, 1, 5000);
    expect(a.n).toBe(5000);
    expect(Array.from(a.rows)).toEqual(Array.from(datasetOf(big, m, 1, 5000).rows));
    expect(Array.from(a.rows)).not.toEqual(Array.from(datasetOf(big, m, 2, 5000).rows));
    expect(Array.from(a.y)).toEqual(Array.from(a.x[0], (x) => 2 * x));
    expect(datasetOf(big, m, 1, 3).n).toBe(MIN_SAMPLE_ROWS);
  });
});

describe('generator', () => {
  it('tabulates the paper target over its 441-point grid', () => {
    const g = generate(paperTargetGenerator('eml_depth3'));
    expect(g.ok && g.data[0].length).toBe(441);
    expect(g.ok && g.columns).toEqual(['x', 'y', 'f']);
  });

  it('adds seeded noise and rejects bad formulas with a reason', () => {
    const base = { ...paperTargetGenerator('eml_depth2'), noise: 0.1, seed: 5 };
    const a = generate(base);
    const b = generate(base);
    expect(a.ok && b.ok && a.csv === b.csv).toBe(true);
    const bad = generate({ ...base, formula: 'ln(z)' });
    expect(!bad.ok && bad.errors[0]).toMatch(/uses “z”/);
  });
});

describe('metrics and certificate', () => {
  it('computes RMSE, R² and max error', () => {
    const m = metricsOf({ re: [1, 2, 3], im: [0, 0, 0] }, [1, 2, 4]);
    expect(m.rmse).toBeCloseTo(Math.sqrt(1 / 3));
    expect(m.maxError).toBe(1);
    expect(m.r2).toBeCloseTo(1 - 1 / (14 / 3));
  });

  it('certifies ln x on pasted ln x data, and calls a wrong tree an approximation', () => {
    const p = prepare({
      text: lnTable(),
      header: 'auto',
      mapping: null,
      validation: 0.2,
      splitSeed: 1,
      sampleRows: 100_000,
      generator: null,
    });
    if (!p.ok) throw new Error('fixture');
    const good = certify(parseEml('EML[1,EML[EML[1,x],1]]').tree, p.split.train, p.fresh);
    expect(good.exact).toBe(true);
    expect(good.formula.text).toBe('ln(x)');
    const bad = certify(parseEml('EML[x,1]').tree, p.split.train, p.fresh);
    expect(bad.exact).toBe(false);
    expect(bad.checks.map((c) => c.pass)).toEqual([false, false, false]);
  });

  it('checks in the chosen semantics: a tree through ln 0 = −∞ is exact in complex, not in finite-only', () => {
    const negTable = ['x,f', ...Array.from({ length: 40 }, (_, i) => `${0.5 + i / 10},${-(0.5 + i / 10)}`)].join('\n');
    const p = prepare({
      text: negTable,
      header: 'auto',
      mapping: null,
      validation: 0.2,
      splitSeed: 1,
      sampleRows: 100_000,
      generator: null,
    });
    if (!p.ok) throw new Error('fixture');
    const through = compile('-x', { mode: 'paper' }).tree;
    const clean = compile('-x', { mode: 'paper', clean: true }).tree;
    expect(certify(through, p.split.train, p.fresh, 'complex').exact).toBe(true);
    const finite = certify(through, p.split.train, p.fresh, 'finite');
    expect(finite.exact).toBe(false);
    expect(finite.semantics).toBe('finite');
    expect(finite.checks[0].detail).toMatch(/^MSE Infinity on \d+ points \(float64, finite semantics/);
    expect(certify(clean, p.split.train, p.fresh, 'finite').exact).toBe(true);
  });

  it('needs fresh points for a certificate', () => {
    const p = prepare({
      text: lnTable(),
      header: 'auto',
      mapping: null,
      validation: 0,
      splitSeed: 1,
      sampleRows: 100_000,
      generator: null,
    });
    if (!p.ok) throw new Error('fixture');
    expect(certify(parseEml('EML[1,EML[EML[1,x],1]]').tree, p.split.train, p.fresh).exact).toBe(false);
  });

  it('adds noise-free off-grid points for generated data', () => {
    const g = paperTargetGenerator('eml_depth3');
    const gen = generate(g);
    if (!gen.ok) throw new Error('fixture');
    const p = prepare({
      text: gen.csv,
      header: 'auto',
      mapping: null,
      validation: 0.2,
      splitSeed: 1,
      sampleRows: 100_000,
      generator: g,
    });
    expect(p.ok && p.fresh.length).toBe(2);
    if (!p.ok) return;
    expect(certify(parseEml('EML[EML[1,EML[y,x]],1]').tree, p.split.train, p.fresh).exact).toBe(true);
  });
});

describe('Pareto front and knee', () => {
  it('keeps only non-dominated trees, sorted by K', () => {
    const f = paretoFront([
      { id: 'a', k: 3, loss: 1 },
      { id: 'b', k: 5, loss: 2 },
      { id: 'c', k: 7, loss: 0.1 },
      { id: 'd', k: 9, loss: 1e-30 },
      { id: 'e', k: 11, loss: 1e-30 },
    ]);
    expect(f.map((c) => c.id)).toEqual(['a', 'c', 'd']);
  });

  it('puts the knee where extra size stops paying', () => {
    const front = [
      { id: 'a', k: 3, loss: 1 },
      { id: 'b', k: 7, loss: 1e-12 },
      { id: 'c', k: 15, loss: 1e-13 },
      { id: 'd', k: 31, loss: 1e-14 },
    ];
    expect(kneeIndex(front)).toBe(1);
    expect(kneeIndex([])).toBe(-1);
    expect(kneeIndex([front[0]])).toBe(0);
  });
});

describe('run URL codec', () => {
  const run: RunState = {
    data: { kind: 'inline', text: lnTable(), header: 'auto' },
    mapping: { output: 1, inputs: [0], weights: null },
    validation: 0.2,
    splitSeed: 3,
    sampleRows: 20_000,
    settings: { ...DEFAULT_FIT_SETTINGS, depth: 'sweep', seed: 42 },
  };

  it('round-trips inline data and generator runs', () => {
    expect(decodeRun(encodeRun(run))).toEqual({ ok: true, run });
    const gen: RunState = {
      ...run,
      data: { kind: 'generator', spec: { ...paperTargetGenerator('eml_depth3'), noise: 0.01, seed: 9 } },
    };
    expect(decodeRun(encodeRun(gen))).toEqual({ ok: true, run: gen });
  });

  it('refuses malicious or broken links with a reason', () => {
    const enc = (o: unknown) => compressToEncodedURIComponent(JSON.stringify(o));
    expect(decodeRun('!!!').ok).toBe(false);
    expect(decodeRun('x'.repeat(400_000))).toEqual({ ok: false, error: 'the link is too long to be a fitting run' });
    expect(decodeRun(enc({ v: 2 }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/unsupported run version/),
    });
    expect(decodeRun(enc({ ...run, v: 1, settings: { ...run.settings, restarts: 1e9 } })).ok).toBe(false);
    expect(decodeRun(enc({ ...run, v: 1, settings: { ...run.settings, lr: 'NaN' } })).ok).toBe(false);
    expect(decodeRun(enc({ ...run, v: 1, mapping: { output: -1, inputs: [0], weights: null } })).ok).toBe(false);
    expect(
      decodeRun(
        enc({
          ...run,
          v: 1,
          data: {
            kind: 'generator',
            spec: {
              formula: 'x',
              inputs: 1,
              xMin: 0,
              xMax: 1,
              yMin: 0,
              yMax: 1,
              layout: 'grid',
              points: 1e9,
              noise: 0,
              seed: 1,
            },
          },
        }),
      ).ok,
    ).toBe(false);
    expect(decodeRun(enc({ ...run, v: 1, data: { kind: 'script', text: '<img onerror=alert(1)>' } })).ok).toBe(false);
    expect(decodeRun(enc({ ...run, v: 1, sampleRows: 10 }))).toEqual({
      ok: false,
      error: 'the subsample size is not a whole number from 100 to 100000',
    });
    // Links from before the subsample choice carry none and mean the full 100 000.
    const { sampleRows: _none, ...old } = run;
    expect(decodeRun(enc({ ...old, v: 1 }))).toEqual({ ok: true, run: { ...run, sampleRows: MAX_ROWS } });
    expect(decodeRun(enc({ ...run, v: 1, __proto__: { polluted: true } })).ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        decodeRun(s);
      }),
    );
  });
});

describe('settings', () => {
  it('builds the paper schedule per depth and validates', () => {
    const s = trainSettingsFor({ ...DEFAULT_FIT_SETTINGS, mode: 'paper' }, 5);
    expect([s.searchIters, s.hardeningIters, s.runs, s.seed]).toEqual([9000, 3000, 8, 137]);
    expect(trainSettingsFor(DEFAULT_FIT_SETTINGS, 3).improved.smartHardening).toBe(true);
    expect(validateFitSettings({ ...DEFAULT_FIT_SETTINGS, lr: -1 })[0]).toMatch(/lr/);
  });
});

describe('lab and history', () => {
  it('aggregates runs per target/depth/init and bins snapped MSE', () => {
    const rows = aggregate([
      { target: 't', depth: 2, init: 'biased', fit: true, exact: true, abandoned: false, steps: 100, mseTrain: 1e-31 },
      { target: 't', depth: 2, init: 'biased', fit: false, exact: false, abandoned: false, steps: 900, mseTrain: 0.5 },
    ]);
    expect(rows).toEqual([
      { target: 't', depth: 2, init: 'biased', runs: 2, fit: 1, exact: 1, abandoned: 0, medianSteps: 100 },
    ]);
    const h = mseHistogram([
      { target: 't', depth: 2, init: 'b', fit: true, exact: true, abandoned: false, steps: 1, mseTrain: 0 },
    ]);
    expect(h[0].count).toBe(1);
    expect(PUBLISHED_RATES.find((r) => r.target === 'eml_depth3')?.successes).toBe(17);
  });

  it('keeps the loss history bounded', () => {
    const h = new LossHistory(100);
    for (let i = 1; i <= 1000; i++)
      h.push(i, { best: 1 / i, hard: NaN, snapped: NaN, validation: NaN }, [1 / i, 2 / i]);
    expect(h.length).toBeLessThanOrEqual(100);
    expect(h.step.at(-1)).toBe(1000);
    expect(h.restarts[1].length).toBe(h.length);
  });
});
