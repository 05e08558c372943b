/**
 * The formula search's report crosses to the page with each Pareto row's tree encoded (`_c<i>` constant leaves),
 * and the page prints the text back: for several real reports, every row's text printed on the page is the text
 * finish.ts produced, byte for byte, and the whole decoded report equals finish.ts's (links, autosave, CLI JSON
 * and exports read these fields). A damaged message is an error naming the row.
 */
import { describe, expect, it } from 'vitest';
import { finishSearchTrees, type FinishedSearch } from '../fit/search/finish.ts';
import { finishInput, searchOptionsFor } from '../fit/search/fitTable.ts';
import { readProblem } from '../fit/search/problem.ts';
import { runSearch } from '../fit/search/search.ts';
import { transferables, type SearchEvent } from './protocol.ts';
import { decodeReport, encodeReport } from './reportWire.ts';

function table(header: string, rows: number, f: (i: number) => number[]): string {
  return [
    header,
    ...Array.from({ length: rows }, (_, i) =>
      f(i)
        .map((v) => v.toPrecision(6))
        .join(','),
    ),
  ].join('\n');
}

/** A search and its finish, in this thread, as a worker runs them (short budgets: the fronts need not be good). */
function finished(text: string, seed: number): FinishedSearch {
  const read = readProblem(text, { validationFraction: 0.2, seed: 1 });
  if (!read.ok) throw new Error(read.errors.join(' '));
  const opts = { budgetMs: 400, seed };
  const { candidates } = runSearch(read.problem.train, searchOptionsFor(read.problem, opts));
  return finishSearchTrees(finishInput(read.problem, candidates, opts, performance.now() + 1500));
}

/** As postMessage delivers it: the event cloned, its trees' buffers transferred. */
function posted(f: FinishedSearch) {
  const event = {
    type: 'search-report',
    id: 1,
    report: encodeReport(f.report, f.trees),
    bestIndex: 0,
    html: [],
    scores: [],
    plot: { vars: [], target: 'y', x: [], y: new Float64Array(0), nTrain: 0, pred: [], grid: null },
    warnings: [],
  } satisfies SearchEvent;
  return structuredClone(event, { transfer: transferables(event as never) }).report;
}

const problems: Array<[string, string]> = [
  ['a decimal scale and rate', table('x,y', 40, (i) => [0.1 * i, 0.7311 * Math.exp(0.4183 * 0.1 * i)])],
  [
    'two inputs and an offset',
    table('x,y,z', 40, (i) => [1 + (i % 7), 1 + ((3 * i) % 5), (1 + (i % 7)) * (1 + ((3 * i) % 5)) + 0.5123]),
  ],
  ['a noisy curve', table('x,y', 50, (i) => [0.1 * i, Math.sin(0.1 * i) + 0.37 + 0.01 * Math.sin(17 * i)])],
  ['an exact law', table('x,y', 30, (i) => [0.5 + 0.1 * i, Math.log(0.5 + 0.1 * i) + 1])],
];

describe('the search report at the thread boundary', () => {
  it.each(problems)(
    '%s: the page prints every row as finish.ts did',
    (_, text) => {
      const f = finished(text, 3);
      const message = posted(f);
      // Trees, not text: no row carries its printed tree.
      for (const row of message.pareto) expect(row.tree.nodes).toBeInstanceOf(Int32Array);
      const page = decodeReport(message);
      expect(page.pareto.map((r) => r.tree)).toEqual(f.report.pareto.map((r) => r.tree));
      expect(page).toEqual(f.report);
      expect(page.best).toBe(page.pareto[f.report.pareto.indexOf(f.report.best)]);
      expect(JSON.stringify(page)).toBe(JSON.stringify(f.report));
    },
    30_000,
  );

  it('rows with fitted constants travel as `_c<i>` leaves and come back as the same decimals', () => {
    const f = finished(problems[0][1], 5);
    const message = posted(f);
    const withConstants = message.pareto.filter((r) => r.tree.names.some((n) => /^_c\d+$/.test(n)));
    expect(withConstants.length).toBeGreaterThan(0);
    const page = decodeReport(message);
    for (const r of page.pareto) expect(r.tree).not.toMatch(/_c\d/);
    expect(page.pareto.map((r) => r.tree)).toEqual(f.report.pareto.map((r) => r.tree));
  }, 30_000);

  it('a damaged report is an error naming the row, never a wrong text', () => {
    const f = finished(problems[3][1], 1);
    const bad = posted(f);
    bad.pareto[0].tree.nodes[0] = 5;
    expect(() => decodeReport(bad)).toThrow(/search report, row 1: encoded tree: node 0/);

    const missing = posted(f);
    missing.pareto[0].tree.names.push('_c9');
    missing.pareto[0].tree.nodes[0] = -2 - (missing.pareto[0].tree.names.length - 1);
    expect(() => decodeReport(missing)).toThrow(/row 1: it names constant _c9, but has \d+ constants/);

    const best = posted(f);
    best.best = best.pareto.length;
    expect(() => decodeReport(best)).toThrow(/best formula \d+ is not one of its \d+ rows/);
  }, 30_000);
});
