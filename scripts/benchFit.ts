/**
 * `npm run bench:fit -- --dir DIR --budget-s N [--json] [--jobs N] [--seed S] [--laws FILE]`: the formula search
 * over every CSV in a folder, one table at a time, printing file, verdict, formula, K, validation R² and seconds.
 * Where a laws file names the law behind a table (DIR/laws.json by default, as scripts/makeFitHeldout.ts writes
 * it: { "file.csv": { "law": "x - ln(x)", "k": 17, "digits": 10, "noise": 0 } }), the returned formula is also
 * checked against the law at 200 fresh points in the data's range (|f − law| ≤ 1e−9·max(1, |law|)): "recovered".
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { scriptOptions, numberOption, integerOption } from '../src/cli/options.ts';
import { UsageError } from '../src/cli/command.ts';
import { evaluateMath } from '../src/eml/math/evaluate.ts';
import { parseMath } from '../src/eml/math/parser.ts';
import { defaultJobs, fitInPool } from '../src/cli/fit/pool.ts';
import { evalValues } from '../src/fit/search/evalExpr.ts';
import { readProblem, type FitProblem } from '../src/fit/search/problem.ts';
import { GENERAL_SHARE } from '../src/fit/search/search.ts';
import type { FormulaResult } from '../src/fit/search/report.ts';
import { Prng } from '../src/training/prng.ts';

interface LawInfo {
  law: string;
  /** K of the law's shortest EML tree (compiler + shortener), and of the compiler's own tree. */
  k?: number;
  kCompiler?: number;
  digits?: number;
  noise?: number;
}

const USAGE =
  'npm run bench:fit -- --dir DIR [--budget-s N] [--json] [--jobs N] [--seed S] [--laws FILE] [--general-share F]';
const { dir, budget, jobs, seed, generalShare, lawsFile, json } = scriptOptions(
  process.argv.slice(2),
  {
    dir: { type: 'string' },
    'budget-s': { type: 'string' },
    json: { type: 'boolean' },
    jobs: { type: 'string' },
    seed: { type: 'string' },
    laws: { type: 'string' },
    'general-share': { type: 'string' },
    help: { type: 'boolean' },
  },
  USAGE,
  (values) => {
    if (typeof values.dir !== 'string') throw new UsageError('--dir is required (a folder of CSV tables)');
    if (!existsSync(values.dir)) throw new UsageError(`--dir ${values.dir} does not exist`);
    const share = values['general-share'];
    return {
      dir: values.dir,
      budget: numberOption(values, 'budget-s', 45, 0.1, 86_400),
      jobs: integerOption(values, 'jobs', defaultJobs(), 1, 64),
      seed: integerOption(values, 'seed', 1, 0),
      // The search budget's share for the gradient model; 0 turns it off.
      generalShare: share === undefined ? undefined : numberOption(values, 'general-share', 0, 0, 0.5),
      lawsFile: typeof values.laws === 'string' ? values.laws : undefined,
      json: values.json === true,
    };
  },
);
const lawsPath = lawsFile ?? join(dir, 'laws.json');
const laws: Record<string, LawInfo> = existsSync(lawsPath) ? JSON.parse(readFileSync(lawsPath, 'utf8')) : {};

/** Largest relative gap between the returned formula and the law at fresh points over the inputs' ranges. */
function lawGap(problem: FitProblem, r: FormulaResult, law: string): number {
  const math = parseMath(law);
  const rng = new Prng(4242);
  const all = problem.train.x.map((c, j) => [...c, ...problem.validation.x[j]]);
  const n = 200;
  const x = all.map((c) => {
    const lo = Math.min(...c);
    const hi = Math.max(...c);
    return Float64Array.from({ length: n }, () => lo + (hi - lo) * rng.uniform());
  });
  const got = evalValues(r.expr, { x, n }, r.params);
  let worst = 0;
  let valid = 0;
  for (let i = 0; i < n; i++) {
    const env = Object.fromEntries(problem.inputs.map((name, j) => [name, x[j][i]]));
    const want = evaluateMath(math, env);
    if (!Number.isFinite(want.re) || Math.abs(want.im) > 0) continue;
    valid++;
    const gap = Math.abs(got[i] - want.re) / Math.max(1, Math.abs(want.re));
    worst = Number.isFinite(gap) ? Math.max(worst, gap) : Infinity;
  }
  return valid > 0 ? worst : Infinity;
}

/**
 * Recovered: at 10 digits, the formula equals the law at fresh points to 1e−9; with fewer digits or noise the data
 * cannot pin constants that far, so the verdict must not be "approximation" and the formula must stay within
 * 10 units of the data's last digit (fewer digits) or 3 noise σ (noise) of the law.
 */
function recovered(info: LawInfo, verdict: string, gap: number): boolean {
  const digits = info.digits ?? 10;
  const noise = info.noise ?? 0;
  if (digits >= 10 && noise === 0) return gap <= 1e-9;
  if (verdict === 'approximation') return false;
  return gap <= (noise > 0 ? 3 * noise : 10 ** (1 - digits));
}

const files = readdirSync(dir)
  .filter((f) => f.toLowerCase().endsWith('.csv'))
  .sort();
if (files.length === 0) {
  console.error(`error: no .csv files in ${dir}\nusage: ${USAGE}`);
  process.exit(2);
}
interface Row {
  file: string;
  verdict: string;
  formula: string;
  k: number;
  validationR2: number;
  seconds: number;
  evaluated: number;
  law: string | null;
  /** K of the law's shortest EML tree (laws.json k) and of the compiler's tree (kCompiler), when known. */
  lawK: number | null;
  lawKCompiler: number | null;
  digits: number | null;
  noise: number | null;
  lawGap: number | null;
  recovered: boolean | null;
}
const rows: Array<Row | { file: string; error: string }> = [];
for (const file of files) {
  const read = readProblem(readFileSync(join(dir, file), 'utf8'), { seed });
  if (!read.ok) {
    rows.push({ file, error: read.errors.join(' ') });
    if (!json) console.log(`${file}: ${read.errors.join(' ')}`);
    continue;
  }
  const { report, seconds, search } = await fitInPool(read.problem, {
    budgetMs: budget * 1000,
    seed,
    jobs,
    generalShare,
  });
  const b = report.best;
  const info = laws[file];
  const gap = info ? lawGap(read.problem, b, info.law) : null;
  const row: Row = {
    file,
    verdict: b.verdict,
    formula: b.formula,
    k: b.k,
    validationR2: b.validation.r2,
    seconds: Math.round(seconds * 10) / 10,
    evaluated: search.evaluated,
    law: info?.law ?? null,
    lawK: info?.k ?? null,
    lawKCompiler: info?.kCompiler ?? null,
    digits: info?.digits ?? null,
    noise: info?.noise ?? null,
    lawGap: gap,
    recovered: gap === null ? null : recovered(info!, b.verdict, gap),
  };
  rows.push(row);
  if (!json) {
    const r2 = Number.isFinite(row.validationR2) ? row.validationR2.toFixed(6) : String(row.validationR2);
    const rec =
      row.recovered === null
        ? ''
        : `${row.recovered ? 'recovered' : `NOT recovered (law ${info!.law})`}, gap ${gap!.toExponential(1)}, law K ${row.lawK ?? '?'} (compiler ${row.lawKCompiler ?? '?'})`;
    console.log(
      `${file.padEnd(30)} ${b.verdict.padEnd(13)} K ${String(b.k).padStart(4)}  R²val ${r2}  ${String(row.seconds).padStart(5)} s  ${b.formula.length > 70 ? b.formula.slice(0, 69) + '…' : b.formula}  ${rec}`,
    );
  }
}
const ok = rows.filter((r): r is Row => 'verdict' in r);
const exact10 = ok.filter((r) => r.law && r.digits === 10 && r.noise === 0 && (r.lawK ?? Infinity) <= 25);
const lowPrec = ok.filter((r) => r.law && (r.digits! < 10 || r.noise! > 0));
const summary = {
  tables: rows.length,
  budgetS: budget,
  generalShare: generalShare ?? GENERAL_SHARE,
  jobs,
  verdicts: Object.fromEntries(
    ['exact', 'exact-noisy', 'approximation'].map((v) => [v, ok.filter((r) => r.verdict === v).length]),
  ),
  exactRecoveryK25At10Digits:
    exact10.length > 0 ? `${exact10.filter((r) => r.recovered).length}/${exact10.length}` : null,
  exactRecoveryAllAt10Digits: `${ok.filter((r) => r.law && r.digits === 10 && r.noise === 0 && r.recovered).length}/${ok.filter((r) => r.law && r.digits === 10 && r.noise === 0).length}`,
  lawRecoveredLowPrecisionOrNoise: `${lowPrec.filter((r) => r.recovered).length}/${lowPrec.length}`,
  totalSeconds: Math.round(ok.reduce((a, r) => a + r.seconds, 0)),
  maxSeconds: Math.max(0, ...ok.map((r) => r.seconds)),
};
if (json) console.log(JSON.stringify({ summary, rows }, null, 2));
else console.log('\n' + JSON.stringify(summary, null, 2));
