import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIT_SETTINGS } from './fitSettings.ts';
import { decodeRun, encodeRun, type RunState } from './runCodec.ts';
import { fitProblem } from './search/fitTable.ts';
import { readProblem } from './search/problem.ts';
import { readSearchLink, searchLinkJson, type SearchLinkData } from './searchLink.ts';
import { compressToEncodedURIComponent } from 'lz-string';

const table = [
  'x,y',
  ...Array.from({ length: 30 }, (_, i) => {
    const x = 0.5 + (3.5 * i) / 29;
    return `${x.toPrecision(6)},${Math.log(x).toPrecision(6)}`;
  }),
].join('\n');

let data: SearchLinkData;
let run: RunState;

beforeAll(() => {
  const read = readProblem(table, { validationFraction: 0.2, seed: 1 });
  if (!read.ok) throw new Error(read.errors.join(' '));
  const { report, search } = fitProblem(read.problem, { budgetMs: 1500, seed: 7 });
  data = {
    report,
    bestIndex: report.pareto.indexOf(report.best),
    scores: report.pareto.map((_, i) => (i === 0 ? NaN : 1)),
    seed: 7,
    budgetS: 1.5,
    workers: 1,
    seconds: 1.2,
    evaluated: search.evaluated,
    stopped: search.stopped,
    noise: null,
  };
  run = {
    data: { kind: 'inline', text: table, header: 'auto' },
    mapping: { output: 1, inputs: [0], weights: null },
    validation: 0.2,
    splitSeed: 1,
    sampleRows: 20_000,
    settings: DEFAULT_FIT_SETTINGS,
    search: data,
  };
}, 60_000);

/** A link with the search part replaced (the rest as encodeRun writes it). */
function tampered(edit: (search: Record<string, unknown>) => void): string {
  const json = JSON.parse(JSON.stringify({ v: 1, ...run, search: searchLinkJson(data) })) as {
    search: Record<string, unknown>;
  };
  edit(json.search);
  return compressToEncodedURIComponent(JSON.stringify(json));
}

describe('a finished search in a link', () => {
  it('round-trips: the same front, choice, verdicts, metrics (NaN kept), expressions and constants', () => {
    expect(data.report.best.verdict).toBe('exact');
    const d = decodeRun(encodeRun(run));
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const s = d.run.search!;
    expect(d.run.searchDropped).toBeUndefined();
    expect(s.bestIndex).toBe(data.bestIndex);
    expect(s.report.best.formula).toBe('ln(x)');
    expect(s.report.pareto.map((r) => [r.tree, r.verdict, r.k, r.train.r2, r.rmse, r.params])).toEqual(
      data.report.pareto.map((r) => [r.tree, r.verdict, r.k, r.train.r2, r.rmse, r.params]),
    );
    expect(s.report.pareto.map((r) => r.expr)).toEqual(data.report.pareto.map((r) => r.expr));
    expect(Number.isNaN(s.scores[0])).toBe(true);
    expect(s.report.precision).toEqual(data.report.precision);
  });

  it('keeps that the output digits were stated by the user', () => {
    const stated = { ...data, report: { ...data.report, precision: { ...data.report.precision, digitsStated: true } } };
    const d = decodeRun(encodeRun({ ...run, search: stated }));
    expect(d.ok && d.run.search!.report.precision.digitsStated).toBe(true);
  });

  it('links without a search still open, and old links (no method, budget or noise) get the defaults', () => {
    const { search: _s, ...plain } = run;
    const d = decodeRun(encodeRun(plain));
    expect(d.ok && d.run.search === undefined).toBe(true);
    const { method: _m, budgetS: _b, noise: _n, ...old } = DEFAULT_FIT_SETTINGS;
    const d2 = decodeRun(compressToEncodedURIComponent(JSON.stringify({ v: 1, ...plain, settings: old })));
    expect(
      d2.ok && d2.run.settings.method === 'auto' && d2.run.settings.budgetS === 30 && d2.run.settings.noise === null,
    ).toBe(true);
  });

  it('drops a tampered result with the reason and keeps the run', () => {
    const cases: Array<[string, (s: Record<string, unknown>) => void, RegExp]> = [
      [
        'exact without a fresh check',
        (s) => ((s.pareto as Record<string, unknown>[])[0].fresh = null),
        /exact verdict without a passed fresh-point check/,
      ],
      [
        'unknown operation',
        (s) =>
          ((s.pareto as Record<string, unknown>[])[0].expr = {
            t: 'bin',
            op: 'evil',
            a: { t: 'var', i: 0 },
            b: { t: 'var', i: 0 },
          }),
        /unknown operation/,
      ],
      [
        'constant index out of range',
        (s) => ((s.pareto as Record<string, unknown>[])[0].expr = { t: 'param', i: 40 }),
        /constant index/,
      ],
      ['choice off the front', (s) => (s.bestIndex = 99), /chosen formula/],
      ['verdict', (s) => ((s.pareto as Record<string, unknown>[])[0].verdict = 'certain'), /unknown verdict/],
      ['huge tree', (s) => ((s.pareto as Record<string, unknown>[])[0].tree = 'eml(1,1)'.repeat(5000)), /too long/],
      ['non-finite constant', (s) => ((s.pareto as Record<string, unknown>[])[0].params = ['Infinity']), /finite/],
      ['not an object', (s) => Object.keys(s).forEach((k) => delete s[k]), /Pareto front/],
    ];
    for (const [name, edit, why] of cases) {
      const d = decodeRun(tampered(edit));
      expect(d.ok, name).toBe(true);
      if (!d.ok) continue;
      expect(d.run.search, name).toBeUndefined();
      expect(d.run.searchDropped, name).toMatch(why);
    }
  });

  it('leaves out a result too large for a link', () => {
    const big = {
      ...data,
      report: { ...data.report, pareto: data.report.pareto.map((r) => ({ ...r, tree: 'eml(1, 1)'.repeat(3000) })) },
    };
    expect(searchLinkJson(big)).toBeNull();
    expect(readSearchLink(null)).toMatch(/not an object/);
  });
});
