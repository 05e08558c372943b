/**
 * Compiler/decompiler timings for the performance targets (compile any suite item < 50 ms, decompile a
 * K≈1200 tree < 50 ms) and the compact-vs-paper K table. `npx tsx src/eml/suites/bench.ts`, or import
 * `runCompilerBench` from the project's bench script.
 */
import { compile } from '../compiler/compile.ts';
import { decompile } from '../decompiler/decompile.ts';
import { ALL_SUITE_ITEMS } from './grids.ts';

export interface CompilerBench {
  items: Array<{
    item: string;
    paperK: number;
    compactK: number;
    paperCleanK: number;
    compactCleanK: number;
    compileMs: number;
  }>;
  maxCompileMs: number;
  decompile: { k: number; ms: number; text: string };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function runCompilerBench(repeats = 5): CompilerBench {
  decompile(compile('x').tree); // builds the pattern library once
  const items = ALL_SUITE_ITEMS.map((it) => {
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      compile(it.input, { mode: 'paper' });
      compile(it.input, { mode: 'compact' });
      times.push((performance.now() - t0) / 2);
    }
    return {
      item: it.name,
      paperK: compile(it.input, { mode: 'paper' }).k,
      compactK: compile(it.input, { mode: 'shortest' }).k,
      paperCleanK: compile(it.input, { mode: 'paper', clean: true }).k,
      compactCleanK: compile(it.input, { mode: 'shortest', clean: true }).k,
      compileMs: median(times),
    };
  });
  // A fresh variable each time, so the variable-dependent part of the tree is new to every run.
  const times: number[] = [];
  let last = { k: 0, text: '' };
  for (let r = 0; r < repeats; r++) {
    const t = compile(`Tan[bench${r}]`, { mode: 'paper' }).tree;
    const t0 = performance.now();
    const d = decompile(t);
    times.push(performance.now() - t0);
    last = { k: t.k, text: d.text };
  }
  return { items, maxCompileMs: Math.max(...items.map((i) => i.compileMs)), decompile: { ...last, ms: median(times) } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const b = runCompilerBench();
  console.log('item              paper  compact  paper+clean  compact+clean  compile ms');
  for (const i of b.items) {
    console.log(
      `${i.item.padEnd(16)} ${String(i.paperK).padStart(6)} ${String(i.compactK).padStart(8)} ${String(i.paperCleanK).padStart(12)} ${String(i.compactCleanK).padStart(14)} ${i.compileMs.toFixed(2).padStart(11)}`,
    );
  }
  console.log(`max compile time per item: ${b.maxCompileMs.toFixed(2)} ms (target < 50)`);
  console.log(
    `decompile K=${b.decompile.k} (${b.decompile.text}): ${b.decompile.ms.toFixed(1)} ms median (target < 50)`,
  );
}
