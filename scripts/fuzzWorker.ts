/**
 * The fuzz loop, in a worker thread of `npm run fuzz` so that its parent can stop an input that hangs (or dies
 * of memory) and carry on with the next one. Runs inputs [from, to) and posts one outcome per input; the index
 * being worked on is kept in shared memory for the parent's watchdog.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CATEGORIES, inputAt, runInput } from '../src/eml/fuzz/harness.ts';
import { checkEmlText, checkMathText } from '../src/eml/fuzz/checks.ts';

interface WorkerJob {
  seed: number;
  from: number;
  to: number;
  categories: string[];
  /** [0]: the index being run (-1 while between inputs). */
  current: SharedArrayBuffer;
}

const job = workerData as WorkerJob;
const current = new Int32Array(job.current);
const categories = CATEGORIES.filter((c) => job.categories.includes(c.name));
// Warm up (module initialisation, the decompiler's pattern library, JIT) so the first input is timed fairly.
checkEmlText('eml(1, x)');
checkMathText('sin(x)*y');
for (let i = job.from; i < job.to; i++) {
  Atomics.store(current, 0, i);
  let outcome;
  try {
    const { category, input } = inputAt(job.seed, i, categories);
    outcome = runInput(category, input, i);
  } catch (e) {
    // Generation itself failed: report it against the input's category rather than lose it.
    outcome = {
      category: categories[i % categories.length].name,
      index: i,
      kind: 'uncaught' as const,
      ms: 0,
      totalMs: 0,
      input: '(generation failed)',
      error: String(e).slice(0, 400),
    };
  }
  parentPort!.postMessage(outcome);
}
Atomics.store(current, 0, -1);
