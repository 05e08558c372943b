/**
 * `npm run check:domains [-- --dense | --per-decade N] [--json]`: issue 12's acceptance measured against the
 * 30-digit reference (src/eml/suites/accuracy30.ts), for the suites and the compositions, in every mode:
 * per input, the real-domain points scanned, how many each mode's tree gets right, the points where robust mode is
 * wrong although paper mode is right ("missed", must be 0) and the points inside each stated domain where the tree
 * is wrong ("wrong inside", must be 0); then, per input and mode, the claimed domain (the whole tree's, as compile
 * states it: compiler/treeDomain.ts) beside the scanned one (the runs of right points on this scan). The scan
 * (accuracy30.ts soundnessPoints) is log-spaced to |x| = 710 at N points a decade, down to the subnormals every
 * 4 decades and linear with step 1/16 on [−2, 2]; `--dense` is 96 a decade, every decade and step 1/128 (about
 * two minutes here). The unit tests run the same checks at 16 and 20 a decade (accuracy30.test.ts,
 * compiler/treeDomain.test.ts). Exit 1 when any count that must be 0 is not.
 */
import { compile, type CompileResult } from '../src/eml/compiler/compile.ts';
import { UsageError } from '../src/cli/command.ts';
import { integerOption, scriptOptions } from '../src/cli/options.ts';
import type { Interval } from '../src/eml/compiler/domains.ts';
import { referenceScan, rightAgainst30, soundnessPoints, type ScanLine } from '../src/eml/suites/accuracy30.ts';
import { COMPOSITIONS } from '../src/eml/suites/compositions.ts';
import { ALL_SUITE_ITEMS } from '../src/eml/suites/grids.ts';

const USAGE = 'npm run check:domains -- [--dense | --per-decade N (1 to 400)] [--json]';
const options = scriptOptions(
  process.argv.slice(2),
  {
    dense: { type: 'boolean' },
    'per-decade': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  },
  USAGE,
  (v) => {
    if (v.dense === true && v['per-decade'] !== undefined)
      throw new UsageError('--dense and --per-decade both set the density; give one');
    const dense = v.dense === true;
    return {
      perDecade: dense ? 96 : integerOption(v, 'per-decade', 16, 1, 400),
      tinyStep: dense ? 1 : 4,
      linearSteps: dense ? 128 : 16,
      json: v.json === true,
    };
  },
);

interface ModeRow {
  k: number;
  right: number;
  wrongInsideDomain: number;
  domain: string | null;
  /** Per scan line: the stated intervals, and the maximal runs of right points on this scan. */
  claimed: Array<Array<[number, number]>> | null;
  scanned: Array<Array<[number, number]>>;
}
interface Row {
  input: string;
  points: number;
  defined: number;
  missed: number;
  modes: Record<string, ModeRow | null>;
}

function tryCompile(input: string, mode: 'robust' | 'shortest' | 'paper'): CompileResult | null {
  try {
    return compile(input, { mode });
  } catch {
    return null;
  }
}

function modeRow(c: CompileResult, scan: readonly ScanLine[], ok: Array<Array<boolean | null>>): ModeRow {
  const d = c.domain;
  let right = 0;
  let wrongInside = 0;
  scan.forEach(({ ts }, j) =>
    ts.forEach((t, i) => {
      if (ok[j][i] === true) right++;
      const inside =
        d !== null &&
        (d.lines.length === 0 ? d.everywhere : d.lines[j].intervals.some((iv) => iv.lo <= t && t <= iv.hi));
      if (ok[j][i] === false && inside) wrongInside++;
    }),
  );
  return {
    k: c.k,
    right,
    wrongInsideDomain: wrongInside,
    domain: d?.text ?? null,
    claimed: d && d.lines.map((l) => asPairs(l.intervals)),
    scanned: scan.map(({ ts }, j) => rightRuns(ts, ok[j])),
  };
}

/** Maximal runs of right points (points outside the real domain neither break nor extend a run). */
function rightRuns(ts: readonly number[], ok: ReadonlyArray<boolean | null>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let open = false;
  ts.forEach((t, i) => {
    if (ok[i] === null) return;
    if (ok[i] && open) out[out.length - 1][1] = t;
    else if (ok[i]) out.push([t, t]);
    open = ok[i] === true;
  });
  return out;
}

/** At most the four widest intervals, in order, 4 significant digits; the rest counted. */
function intervalsText(ivs: ReadonlyArray<readonly [number, number]>): string {
  if (ivs.length === 0) return 'nowhere';
  const shown = [...ivs]
    .sort((a, b) => b[1] - b[0] - (a[1] - a[0]))
    .slice(0, 4)
    .sort((a, b) => a[0] - b[0]);
  const more = ivs.length - shown.length;
  const n = (v: number) => (v === 0 ? '0' : Number(v.toPrecision(4)).toString());
  return (
    shown.map(([lo, hi]) => (lo === hi ? `{${n(lo)}}` : `[${n(lo)}, ${n(hi)}]`)).join(' ∪ ') + (more ? ` +${more}` : '')
  );
}
const asPairs = (ivs: readonly Interval[]): Array<[number, number]> => ivs.map((iv) => [iv.lo, iv.hi]);

const t0 = performance.now();
const rows: Row[] = [];
for (const input of [...ALL_SUITE_ITEMS.map((s) => s.input), ...COMPOSITIONS]) {
  const robust = compile(input);
  const points = soundnessPoints(options.perDecade, options.tinyStep, options.linearSteps);
  const scan = referenceScan(robust.math, robust.variables, 0, 0, points);
  const results = { robust, shortest: tryCompile(input, 'shortest'), paper: tryCompile(input, 'paper') };
  const ok = Object.fromEntries(Object.entries(results).map(([m, c]) => [m, c && rightAgainst30(c.tree, scan)]));
  let missed = 0;
  scan.forEach(({ ts }, j) =>
    ts.forEach((_, i) => {
      if (ok.paper && ok.paper[j][i] === true && ok.robust![j][i] !== true) missed++;
    }),
  );
  rows.push({
    input,
    points: scan.reduce((n, l) => n + l.ts.length, 0),
    defined: scan.reduce((n, l) => n + l.ref.filter((r) => r !== null).length, 0),
    missed,
    modes: Object.fromEntries(
      Object.entries(results).map(([m, c]) => [m, c && modeRow(c, scan, ok[m]!)]),
    ) as Row['modes'],
  });
}
const seconds = (performance.now() - t0) / 1000;
const failures = rows.filter((r) => r.missed > 0 || Object.values(r.modes).some((m) => m && m.wrongInsideDomain > 0));

if (options.json) {
  console.log(JSON.stringify({ perDecade: options.perDecade, seconds, failures: failures.length, rows }, null, 2));
} else {
  const cell = (m: ModeRow | null) =>
    m ? `${m.right}${m.wrongInsideDomain ? ` (${m.wrongInsideDomain} wrong in domain)` : ''}` : '—';
  console.log(
    `30-digit reference, ${options.perDecade} points a decade to |x| = 710, every ${options.tinyStep} decades to the ` +
      `subnormals, step 1/${options.linearSteps} on [−2, 2] (x = ±y for two variables)`,
  );
  console.log('input'.padEnd(24), 'defined', 'robust', 'shortest', 'paper', 'missed');
  for (const r of rows)
    console.log(
      r.input.padEnd(24),
      String(r.defined).padStart(7),
      cell(r.modes.robust).padStart(6),
      cell(r.modes.shortest).padStart(8),
      cell(r.modes.paper).padStart(5),
      String(r.missed).padStart(6),
    );
  console.log('\nclaimed domain (stated by compile) vs scanned (runs of right points on this scan), per line');
  for (const r of rows)
    for (const [mode, m] of Object.entries(r.modes)) {
      if (!m) continue;
      m.scanned.forEach((scanned, j) => {
        const claimed = m.claimed ? intervalsText(m.claimed[j] ?? []) : 'not measured';
        const line = m.scanned.length > 1 ? (j === 0 ? ' x = y ' : ' x = −y') : '';
        console.log(
          `${r.input.padEnd(22)} ${mode.padEnd(8)}${line} claimed ${claimed}; scanned ${intervalsText(scanned)}`,
        );
      });
    }
  console.log(
    `${rows.length} inputs, ${rows.reduce((n, r) => n + r.points, 0)} points, ${seconds.toFixed(1)} s; ` +
      (failures.length === 0 ? 'no failure' : `${failures.length} failing: ${failures.map((f) => f.input).join(', ')}`),
  );
}
process.exit(failures.length === 0 ? 0 : 1);
