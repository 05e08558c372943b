/**
 * Writes the held-out tables for `npm run bench:fit` (bench/fit-heldout/): laws the fitter was not developed on,
 * at 10 and 6 significant digits and with 1 % multiplicative noise, with laws.json naming the law behind each
 * file (the bench checks a returned formula against it at fresh points) and the K of its shortest EML tree and of
 * the compiler's tree. Deterministic: seeded inputs and noise.
 *
 *   npx tsx scripts/makeFitHeldout.ts [--out DIR]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { scriptOptions } from '../src/cli/options.ts';
import { compile } from '../src/eml/compiler/compile.ts';
import { shortenTree } from '../src/fit/search/shorten.ts';
import { evaluateMath } from '../src/eml/math/evaluate.ts';
import { parseMath } from '../src/eml/math/parser.ts';
import { Prng } from '../src/training/prng.ts';

interface Law {
  name: string;
  law: string;
  /** Input names and ranges. */
  inputs: Array<[string, number, number]>;
  output: string;
  points: number;
}

const LAWS: Law[] = [
  { name: 'x_minus_ln_x', law: 'x - ln(x)', inputs: [['x', 0.3, 4]], output: 'y', points: 60 },
  { name: 'expm1', law: 'exp(x) - 1', inputs: [['x', -2, 2]], output: 'y', points: 60 },
  {
    name: 'product',
    law: 'x*y',
    inputs: [
      ['x', 0.5, 3],
      ['y', -1, 2],
    ],
    output: 'z',
    points: 120,
  },
  { name: 'kepler', law: 'a^1.5', inputs: [['a', 0.35, 30]], output: 'T', points: 40 },
  { name: 'barometric', law: '101.325*exp(-h/8.43)', inputs: [['h', 0, 20]], output: 'p', points: 50 },
  { name: 'lorentz', law: '1/(1 + x^2)', inputs: [['x', -3, 3]], output: 'y', points: 60 },
  {
    name: 'square_plus',
    law: 'x^2 + y',
    inputs: [
      ['x', -2, 2],
      ['y', 0, 3],
    ],
    output: 'z',
    points: 120,
  },
  { name: 'x_exp_neg', law: 'x*exp(-x)', inputs: [['x', 0, 5]], output: 'y', points: 60 },
  { name: 'gauss', law: 'exp(-x^2)', inputs: [['x', -2.5, 2.5]], output: 'y', points: 60 },
  { name: 'saturation', law: 'x/(1 + x)', inputs: [['x', 0, 6]], output: 'y', points: 60 },
  { name: 'linear', law: '2*t + 3', inputs: [['t', -5, 5]], output: 'v', points: 40 },
  {
    name: 'ln_ratio',
    law: 'ln(x/y)',
    inputs: [
      ['x', 0.5, 4],
      ['y', 0.5, 4],
    ],
    output: 'z',
    points: 120,
  },
];

/** Variants: digits, and relative noise (σ) before rounding. */
const VARIANTS: Array<{ suffix: string; digits: number; noise: number; only?: string[] }> = [
  { suffix: '10d', digits: 10, noise: 0 },
  { suffix: '6d', digits: 6, noise: 0 },
  {
    suffix: 'noise1pct',
    digits: 6,
    noise: 0.01,
    only: ['product', 'kepler', 'barometric', 'lorentz', 'expm1', 'saturation'],
  },
];

const round = (v: number, d: number) => Number(v.toPrecision(d));

const out = scriptOptions(
  process.argv.slice(2),
  { out: { type: 'string' }, help: { type: 'boolean' } },
  'npx tsx scripts/makeFitHeldout.ts [--out DIR]   (default bench/fit-heldout)',
  (values) => (typeof values.out === 'string' ? values.out : 'bench/fit-heldout'),
);
mkdirSync(out, { recursive: true });
const manifest: Record<
  string,
  { law: string; k: number; kCompiler: number; digits: number; noise: number; inputs: string[]; output: string }
> = {};
LAWS.forEach((law, li) => {
  const math = parseMath(law.law);
  // K of the law's pure EML tree as the fitter measures it (the compiler's compact tree with its block joints
  // rewritten, shorten.ts), and the compiler's own K, so the bench can report both.
  const compiled = compile(law.law, { mode: 'compact' }).tree;
  const k = shortenTree(compiled).k;
  const kCompiler = compiled.k;
  for (const v of VARIANTS) {
    if (v.only && !v.only.includes(law.name)) continue;
    const rng = new Prng(1000 + li * 17 + v.digits);
    const rows: string[] = [[...law.inputs.map((i) => i[0]), law.output].join(',')];
    for (let p = 0; p < law.points; p++) {
      // One input: an even grid; several: seeded uniform points (as pasted measurements would be).
      const xs = law.inputs.map(([, lo, hi]) =>
        law.inputs.length === 1 ? lo + ((hi - lo) * p) / (law.points - 1) : lo + (hi - lo) * rng.uniform(),
      );
      const env = Object.fromEntries(law.inputs.map(([n], j) => [n, xs[j]]));
      let y = evaluateMath(math, env).re;
      if (v.noise > 0) y *= 1 + v.noise * rng.normal();
      if (!Number.isFinite(y)) continue;
      rows.push([...xs.map((x) => round(x, v.digits)), round(y, v.digits)].join(','));
    }
    const file = `${law.name}_${v.suffix}.csv`;
    writeFileSync(`${out}/${file}`, rows.join('\n') + '\n');
    manifest[file] = {
      law: law.law,
      k,
      kCompiler,
      digits: v.digits,
      noise: v.noise,
      inputs: law.inputs.map((i) => i[0]),
      output: law.output,
    };
  }
});
writeFileSync(`${out}/laws.json`, JSON.stringify(manifest, null, 2) + '\n');
console.log(`wrote ${Object.keys(manifest).length} tables and laws.json to ${out}`);
