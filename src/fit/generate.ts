/**
 * Synthetic data from a formula (ordinary math or EML, read by the core's readInput) over a range or a grid, with
 * seeded Gaussian noise. Values come from the core's float64 complex evaluator; points where the formula is not
 * real (|Im| ≥ 1e−12) or not finite are dropped, as the paper's data pipeline does. The same generator also
 * draws noise-free points off the grid for the exact-recovery certificate.
 */
import { topoOrder, type EmlNode } from '../eml/ast.ts';
import { compileBatch } from '../eml/evaluate/batch.ts';
import { readInput } from '../eml/input.ts';
import { Prng } from '../training/prng.ts';
import { TARGETS, type TargetName } from '../training/targets.ts';
import { MODEL_VARS, type Dataset } from './dataset.ts';
import { tableToCsv } from './table.ts';

export interface GeneratorSpec {
  formula: string;
  inputs: 1 | 2;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** 'grid': evenly spaced (per axis for 2 inputs); 'random': uniform draws. */
  layout: 'grid' | 'random';
  /** Total points for 'random' and for 1 input; points per axis for a 2-input grid. */
  points: number;
  /** Standard deviation of the Gaussian noise added to the output (0 = exact data). */
  noise: number;
  seed: number;
}

export const DEFAULT_GENERATOR: GeneratorSpec = {
  formula: 'ln(x)',
  inputs: 1,
  xMin: 0.5,
  xMax: 4,
  yMin: 1,
  yMax: 3,
  layout: 'grid',
  points: 50,
  noise: 0,
  seed: 1,
};

/** The paper's benchmark targets over their training grid: [1,3]², step 0.1 (21 per axis, 441 points). */
export function paperTargetGenerator(name: TargetName): GeneratorSpec {
  return {
    formula: TARGETS[name],
    inputs: 2,
    xMin: 1,
    xMax: 3,
    yMin: 1,
    yMax: 3,
    layout: 'grid',
    points: 21,
    noise: 0,
    seed: 1,
  };
}

export const MAX_GENERATED = 100_000;
export const MAX_FORMULA_CHARS = 100_000;

export function validateGenerator(g: GeneratorSpec): string[] {
  const e: string[] = [];
  // Specs also come from links and autosaves, so nothing about their types is assumed.
  if (typeof g !== 'object' || g === null) return ['The generator is missing.'];
  if (typeof g.formula !== 'string') e.push('The formula is not text.');
  else if (g.formula.length > MAX_FORMULA_CHARS)
    e.push(
      `The formula is ${g.formula.length.toLocaleString('en')} characters long; at most ${MAX_FORMULA_CHARS.toLocaleString('en')} are accepted.`,
    );
  else if (!g.formula.trim()) e.push('Enter a formula, e.g. ln(x) or EML[1,EML[EML[1,x],1]].');
  if (g.inputs !== 1 && g.inputs !== 2) e.push('Inputs must be 1 or 2.');
  const fin = (v: number) => Number.isFinite(v);
  if (!fin(g.xMin) || !fin(g.xMax) || !(g.xMin < g.xMax))
    e.push('The x range needs two finite numbers with min < max.');
  if (g.layout !== 'grid' && g.layout !== 'random') e.push('The layout must be grid or random.');
  if (g.inputs === 2 && (!fin(g.yMin) || !fin(g.yMax) || !(g.yMin < g.yMax)))
    e.push('The y range needs two finite numbers with min < max.');
  const total = g.inputs === 2 && g.layout === 'grid' ? g.points * g.points : g.points;
  if (!Number.isInteger(g.points) || g.points < 2) e.push('Points must be a whole number ≥ 2.');
  else if (total > MAX_GENERATED) e.push(`That makes ${total} points; at most ${MAX_GENERATED} can be generated.`);
  if (!fin(g.noise) || g.noise < 0) e.push('Noise must be a number ≥ 0.');
  if (!Number.isInteger(g.seed) || g.seed < 0 || g.seed > 2 ** 32 - 1)
    e.push('Seed must be a whole number from 0 to 2³²−1.');
  return e;
}

/** Every field of a spec, so that reading one from a link or an autosave keeps exactly these (a new field is a type error here). */
const GENERATOR_FIELDS = {
  formula: true,
  inputs: true,
  xMin: true,
  xMax: true,
  yMin: true,
  yMax: true,
  layout: true,
  points: true,
  noise: true,
  seed: true,
} satisfies Record<keyof GeneratorSpec, true>;

/** A spec from untrusted JSON (links, autosaves): only its own fields, each checked; otherwise the first problem. */
export function readGenerator(raw: unknown): GeneratorSpec | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'the generator is missing';
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(GENERATOR_FIELDS)) picked[key] = (raw as Record<string, unknown>)[key];
  // validateGenerator reads y's range only for two inputs; a saved spec still has to be well-typed throughout.
  for (const key of ['inputs', 'xMin', 'xMax', 'yMin', 'yMax', 'points', 'noise', 'seed'] as const)
    if (typeof picked[key] !== 'number') return `${key} is not a number`;
  const spec = picked as unknown as GeneratorSpec;
  const problems = validateGenerator(spec);
  return problems.length ? problems[0] : spec;
}

const bounded = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);
const failure = (e: unknown) => bounded(e instanceof Error ? `${e.name}: ${e.message}` : String(e));

export type Compiled = { ok: true; tree: EmlNode } | { ok: false; error: string };

/** The formula as an EML tree, checked to use only the generator's variables. */
export function compileFormula(formula: string, inputs: number): Compiled {
  let r: ReturnType<typeof readInput>;
  try {
    r = readInput(formula, { kind: 'auto', compileMode: 'compact', clean: false });
  } catch (e) {
    // The formula comes from links and autosaves too: any failure of the core is a refusal, never a crash.
    return { ok: false, error: `The formula could not be compiled: ${failure(e)}` };
  }
  if (!r.ok) return { ok: false, error: `The formula does not read: ${bounded(r.error.message)}` };
  const allowed = MODEL_VARS.slice(0, inputs) as readonly string[];
  for (const n of topoOrder(r.tree)) {
    if (n.kind === 'var' && !allowed.includes(n.name))
      return {
        ok: false,
        error: `The formula uses “${n.name}”, but the generator's inputs are ${allowed.join(', ')}.`,
      };
  }
  return { ok: true, tree: r.tree };
}

const linspace = (lo: number, hi: number, m: number) => {
  const step = (hi - lo) / (m - 1);
  return Array.from({ length: m }, (_, i) => lo + i * step);
};

function inputsOf(g: GeneratorSpec, rng: Prng, layout: GeneratorSpec['layout'], points: number): number[][] {
  if (g.inputs === 1) {
    const xs =
      layout === 'grid'
        ? linspace(g.xMin, g.xMax, points)
        : Array.from({ length: points }, () => g.xMin + (g.xMax - g.xMin) * rng.uniform());
    return [xs];
  }
  if (layout === 'grid') {
    const gx = linspace(g.xMin, g.xMax, points);
    const gy = linspace(g.yMin, g.yMax, points);
    const xs: number[] = [];
    const ys: number[] = [];
    for (const x of gx)
      for (const y of gy) {
        xs.push(x);
        ys.push(y);
      }
    return [xs, ys];
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < points; i++) {
    xs.push(g.xMin + (g.xMax - g.xMin) * rng.uniform());
    ys.push(g.yMin + (g.yMax - g.yMin) * rng.uniform());
  }
  return [xs, ys];
}

function tabulate(tree: EmlNode, cols: number[][], limit = Infinity): { x: Float64Array[]; y: Float64Array } {
  const n = cols[0].length;
  const inputs: Record<string, number[]> = {};
  cols.forEach((c, i) => (inputs[MODEL_VARS[i]] = c));
  const r = compileBatch(tree, 'complex').run(inputs, n);
  const keep: number[] = [];
  for (let i = 0; i < n && keep.length < limit; i++)
    if (Math.abs(r.im[i]) < 1e-12 && Number.isFinite(r.re[i])) keep.push(i);
  return { x: cols.map((c) => Float64Array.from(keep, (i) => c[i])), y: Float64Array.from(keep, (i) => r.re[i]) };
}

export type Generated =
  { ok: true; columns: string[]; data: Float64Array[]; dropped: number; csv: string } | { ok: false; errors: string[] };

export function generate(g: GeneratorSpec): Generated {
  const problems = validateGenerator(g);
  if (problems.length) return { ok: false, errors: problems };
  const c = compileFormula(g.formula, g.inputs);
  if (!c.ok) return { ok: false, errors: [c.error] };
  const rng = new Prng(g.seed);
  const cols = inputsOf(g, rng, g.layout, g.points);
  let x: Float64Array[];
  let y: Float64Array;
  try {
    ({ x, y } = tabulate(c.tree, cols));
  } catch (e) {
    return { ok: false, errors: [`The formula could not be evaluated: ${failure(e)}`] };
  }
  if (y.length < 2)
    return {
      ok: false,
      errors: [`The formula is real and finite at only ${y.length} of ${cols[0].length} points; choose another range.`],
    };
  if (g.noise > 0) {
    const noise = new Prng((g.seed ^ 0x6a09e667) >>> 0);
    for (let i = 0; i < y.length; i++) y[i] += g.noise * noise.normal();
  }
  const columns = [...MODEL_VARS.slice(0, g.inputs), 'f'];
  const data = [...x, y];
  return { ok: true, columns, data, dropped: cols[0].length - y.length, csv: tableToCsv(columns, data) };
}

/**
 * Noise-free points drawn uniformly in the generator's box (never on its grid by construction, almost surely):
 * the certificate's "fresh points off the grid".
 */
export function freshPoints(g: GeneratorSpec, count: number, seed: number): Dataset | null {
  const c = compileFormula(g.formula, g.inputs);
  if (!c.ok) return null;
  const cols = inputsOf(g, new Prng((seed ^ 0x3243f6a8) >>> 0), 'random', count * 4);
  let x: Float64Array[];
  let y: Float64Array;
  try {
    ({ x, y } = tabulate(c.tree, cols, count));
  } catch {
    return null;
  }
  return { vars: MODEL_VARS.slice(0, g.inputs), x, y, w: null, n: y.length, rows: new Int32Array(y.length).fill(-1) };
}
