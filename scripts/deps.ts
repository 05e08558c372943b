/**
 * `npm run deps [-- --format mermaid|dot] [--check]`: the structure drawing, layer by layer, from the real import
 * graph (scripts/importGraph.ts), each arrow labelled with its number of imports; then any upward import and any
 * run-time cycle among files. `--check` exits 1 when there is one (src/structure.test.ts checks the same in npm test).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { choiceOption, scriptOptions } from '../src/cli/options.ts';
import { importCycles, importGraph, layerArrows, LAYERS, upwardImports } from './importGraph.ts';

const USAGE = 'npm run deps -- [--format mermaid|dot] [--check]';
const options = scriptOptions(
  process.argv.slice(2),
  { format: { type: 'string' }, check: { type: 'boolean' }, help: { type: 'boolean' } },
  USAGE,
  (v) => ({ format: choiceOption(v, 'format', ['mermaid', 'dot'] as const, 'mermaid'), check: v.check === true }),
);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const edges = importGraph(root);
const arrows = layerArrows(edges);
const id = (name: string) => `L${LAYERS.findIndex((l) => l.name === name)}`;
const lines: string[] = [];
if (options.format === 'mermaid') {
  lines.push('graph BT');
  for (const l of LAYERS) lines.push(`  ${id(l.name)}["${l.name}<br/>${l.roots.join(', ')}"]`);
  for (const a of arrows) lines.push(`  ${id(a.from)} -->|${a.imports}| ${id(a.to)}`);
} else {
  lines.push('digraph layers {', '  rankdir=BT;', '  node [shape=box];');
  for (const l of LAYERS) lines.push(`  ${id(l.name)} [label="${l.name}\\n${l.roots.join(', ')}"];`);
  for (const a of arrows) lines.push(`  ${id(a.from)} -> ${id(a.to)} [label="${a.imports}"];`);
  lines.push('}');
}
console.log(lines.join('\n'));
const upward = upwardImports(edges);
const cycles = importCycles(edges);
console.log(`\n${edges.length} imports between ${new Set(edges.map((e) => e.from)).size} files`);
console.log(upward.length === 0 ? 'no upward import' : `upward imports:\n  ${upward.join('\n  ')}`);
console.log(
  cycles.length === 0 ? 'no import cycle' : `import cycles:\n  ${cycles.map((c) => c.join(' ↔ ')).join('\n  ')}`,
);
if (options.check && (upward.length > 0 || cycles.length > 0)) process.exitCode = 1;
