/**
 * `npm run coverage:decompile -- [--set gallery,tour,fit] [--list] [--json]`: how much of what the app shows is
 * still printed as raw eml(·,·) after decompiling. Three sets, all inside the repository:
 * - gallery: the Examples gallery (EML entries as written; math entries compiled in each mode),
 * - tour: every tour step's tree and its alternative tree,
 * - fit: the laws of the dev fitting tables (bench/fit-dev-laws.json) compiled in each mode, and as the fitter
 *   shows them (the shortest tree with its block joints shortened, src/fit/search/shorten.ts).
 * Prints per set the formulas read, how many keep an eml(·,·), the eml(·,·) calls left and their share of the
 * output's nodes; --list adds each reading that keeps one. Exit 0, or 2 on a bad command line.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { EmlNode } from '../src/eml/ast.ts';
import { compile, type CompileMode } from '../src/eml/compiler/compile.ts';
import { decompile } from '../src/eml/decompiler/decompile.ts';
import { mathSize, type MathNode } from '../src/eml/math/ast.ts';
import * as M from '../src/eml/math/ast.ts';
import { parseEml } from '../src/eml/syntax/index.ts';
import { shortenTree } from '../src/fit/search/shorten.ts';
import { EXAMPLES } from '../src/tour/examples.ts';
import { TOUR } from '../src/tour/tour.ts';

const SETS = ['gallery', 'tour', 'fit'] as const;
type SetName = (typeof SETS)[number];
const MODES: readonly CompileMode[] = ['paper', 'robust', 'shortest'];
const USAGE = 'usage: npm run coverage:decompile -- [--set gallery,tour,fit] [--list] [--json]';

interface Item {
  set: SetName;
  label: string;
  tree: EmlNode;
}

interface Reading {
  set: SetName;
  label: string;
  k: number;
  text: string;
  emlLeft: number;
  nodes: number;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        set: { type: 'string' },
        list: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    fail((e as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const sets = (parsed.values.set ?? SETS.join(',')).split(',').map((s) => s.trim());
  for (const s of sets)
    if (!(SETS as readonly string[]).includes(s)) fail(`--set: unknown set "${s}" (choose from ${SETS.join(', ')})`);
  return { sets: sets as SetName[], list: parsed.values.list ?? false, json: parsed.values.json ?? false };
}

function items(sets: readonly SetName[]): Item[] {
  const out: Item[] = [];
  if (sets.includes('gallery'))
    for (const ex of EXAMPLES) {
      if (ex.kind === 'eml') out.push({ set: 'gallery', label: ex.name, tree: parseEml(ex.text).tree });
      else
        for (const mode of MODES)
          out.push({ set: 'gallery', label: `${ex.name} (${mode})`, tree: compile(ex.text, { mode }).tree });
    }
  if (sets.includes('tour'))
    for (const step of TOUR) {
      out.push({ set: 'tour', label: step.id, tree: step.tree });
      if (step.alternative) out.push({ set: 'tour', label: `${step.id} (alternative)`, tree: step.alternative.tree });
    }
  if (sets.includes('fit')) {
    const laws = JSON.parse(readFileSync(new URL('../bench/fit-dev-laws.json', import.meta.url), 'utf8')) as Record<
      string,
      { law: string }
    >;
    const seen = new Set<string>();
    for (const { law } of Object.values(laws)) {
      if (seen.has(law)) continue;
      seen.add(law);
      for (const mode of MODES) out.push({ set: 'fit', label: `${law} (${mode})`, tree: compile(law, { mode }).tree });
      // What the fitter shows: the shortest tree with the compiler's block joints rewritten to raw eml readings.
      out.push({ set: 'fit', label: `${law} (fitter)`, tree: shortenTree(compile(law, { mode: 'shortest' }).tree) });
    }
  }
  return out;
}

const emlCalls = (m: MathNode): number =>
  (m.kind === 'eml' ? 1 : 0) + M.children(m).reduce((s, c) => s + emlCalls(c), 0);

function read(item: Item): Reading {
  const d = decompile(item.tree);
  return {
    set: item.set,
    label: item.label,
    k: item.tree.k,
    text: d.text,
    emlLeft: emlCalls(d.math),
    nodes: mathSize(d.math),
  };
}

function summary(readings: readonly Reading[]) {
  const formulas = readings.length;
  const withEml = readings.filter((r) => r.emlLeft > 0).length;
  const emlLeft = readings.reduce((s, r) => s + r.emlLeft, 0);
  const nodes = readings.reduce((s, r) => s + r.nodes, 0);
  return { formulas, withEml, emlLeft, nodes, share: nodes === 0 ? 0 : emlLeft / nodes };
}

const opts = options();
const readings = items(opts.sets).map(read);
const perSet = Object.fromEntries(opts.sets.map((s) => [s, summary(readings.filter((r) => r.set === s))]));
const total = summary(readings);
if (opts.json) {
  const left = readings.filter((r) => r.emlLeft > 0);
  process.stdout.write(`${JSON.stringify({ sets: perSet, total, left }, null, 2)}\n`);
} else {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  for (const [name, s] of [...Object.entries(perSet), ['total', total] as const])
    console.log(
      `${name.padEnd(8)} ${String(s.formulas).padStart(4)} formulas, ${String(s.withEml).padStart(3)} keep eml(·,·): ` +
        `${s.emlLeft} eml(·,·) calls left, ${pct(s.share)} of the output's ${s.nodes} nodes`,
    );
  if (opts.list)
    for (const r of readings.filter((x) => x.emlLeft > 0))
      console.log(`  [${r.set}] ${r.label} (K ${r.k}): ${r.text.length > 160 ? `${r.text.slice(0, 160)}…` : r.text}`);
}
