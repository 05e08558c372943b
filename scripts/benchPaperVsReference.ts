/**
 * Paper mode against the paper's own PyTorch trainer, side by side (issue 14, "faster paper mode"):
 *   npm run bench:paper-vs-reference -- --reference PATH/tree_prototype_torch_v16_final.py
 *     [--python python3] [--depth 3] [--runs 8] [--seed0 137] [--same-starts] [--kernel simd|js] [--json]
 * Runs alternate, the reference's then ours, for the same seed index and init strategy, so both see the same load
 * on a shared machine. Each side draws its own start (torch's randn against our PRNG), unless --same-starts: ours then
 * trains from the very parameters the reference started from (captured from its EMLTree), so the two trainers can
 * be compared run by run (same outcome or not), not only as rates. Time is CPU seconds (user + system), not wall: other processes on the machine do not count.
 * Ours: one paper-mode run of bench:recovery (runRecovery, native engine on --kernel, default the WebAssembly SIMD
 * kernel where it compiles), timed in this process. The reference:
 * its train_one_seed (the whole run: the search, hardening, snap and evaluation) timed with time.process_time() by
 * a small wrapper that imports the trainer from --reference and calls its main() with the sweep script's arguments
 * for that depth and one seed; torch's import, its per-run plot and file output are outside the timed part (the
 * plot is skipped). The reference is read from where it lies; nothing of it is copied into this repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runRecovery } from '../src/training/recovery.ts';
import { paperSettings, RANDOM_INITS } from '../src/training/settings.ts';
import type { TargetName } from '../src/training/targets.ts';
import { UsageError } from '../src/cli/command.ts';
import { integerOption, kernelOption, scriptOptions } from '../src/cli/options.ts';
import { NativeEngine } from '../src/training/nativeEngine.ts';
import type { EngineOptions } from '../src/training/engine.ts';

const USAGE =
  'npm run bench:paper-vs-reference -- --reference PATH/tree_prototype_torch_v16_final.py [--python python3] ' +
  '[--depth 2…6] [--runs N] [--seed0 N] [--same-starts] [--kernel simd|js] [--json]';
const OPTIONS = {
  reference: { type: 'string' },
  python: { type: 'string' },
  depth: { type: 'string' },
  runs: { type: 'string' },
  seed0: { type: 'string' },
  'same-starts': { type: 'boolean' },
  kernel: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

const options = scriptOptions(process.argv.slice(2), OPTIONS, USAGE, (v) => {
  if (typeof v.reference !== 'string' || v.reference === '')
    throw new UsageError(
      '--reference is required: the path of the paper trainer tree_prototype_torch_v16_final.py (its repository, ' +
        'EML_toolkit/EmL_training/PyTorch_v16_final/)',
    );
  const reference = resolve(v.reference);
  if (!existsSync(reference)) throw new UsageError(`--reference: no file at ${reference}`);
  if (!readFileSync(reference, 'utf8').includes('def train_one_seed('))
    throw new UsageError(`--reference: ${reference} is not the paper's trainer (it defines no train_one_seed)`);
  const python = typeof v.python === 'string' ? v.python : 'python3';
  if (python === '') throw new UsageError('--python takes the path of a Python 3 interpreter');
  return {
    reference,
    python,
    depth: integerOption(v, 'depth', 3, 2, 6),
    runs: integerOption(v, 'runs', 8, 1, 1000),
    seed0: integerOption(v, 'seed0', 137, 0),
    sameStarts: v['same-starts'] === true,
    kernel: kernelOption(v),
    json: v.json === true,
  };
});
const { reference, python, depth, runs, seed0, sameStarts, kernel, json } = options;
const factory = (o: EngineOptions) => new NativeEngine({ ...o, kernel });

/**
 * Imports the trainer, wraps train_one_seed with a CPU clock and skips the loss plot, then runs its main() with
 * the arguments after the two paths; writes one JSON record per run to the first path.
 */
const WRAPPER = `
import sys, time, json, importlib.util
ref, out_path = sys.argv[1], sys.argv[2]
sys.argv = [ref] + sys.argv[3:]
spec = importlib.util.spec_from_file_location('eml_reference_trainer', ref)
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
inner = mod.train_one_seed
runs = []
starts = []
Tree = mod.EMLTree
class StartRecorded(Tree):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        starts.append([float(v) for v in self.leaf_logits.detach().flatten().tolist() + self.blend_logits.detach().flatten().tolist()])
mod.EMLTree = StartRecorded
def timed(seed, strategy, *a, **k):
    c0 = time.process_time()
    out = inner(seed, strategy, *a, **k)
    cpu = time.process_time() - c0
    s = out[3]
    runs.append({'seed': seed, 'init': strategy, 'cpuS': cpu, 'fit': bool(s['fit_success']), 'snapMse': float(s['snap_mse']), 'start': starts[0]})
    return out
mod.train_one_seed = timed
mod.save_loss_plot = lambda *a, **k: None
mod.main()
with open(out_path, 'w') as f:
    json.dump(runs, f)
`;

/** The sweep script's (depth_2_to_6_headless.sh) schedule for random starts at this depth. */
function referenceArgs(seed: number, init: string): string[] {
  const long = depth >= 5;
  return [
    ...['--target-fn', `eml_depth${depth}`, '--depth', String(depth), '--init-strategy', init],
    ...['--seed0', String(seed), '--seeds', '1', '--data-lo', '1.0', '--data-hi', '3.0', '--data-step', '0.1'],
    ...['--gen-lo', '0.5', '--gen-hi', '5.0', '--search-iters', long ? '9000' : '6000'],
    ...['--hardening-iters', long ? '3000' : '2000', '--patience', long ? '6500' : '4200'],
    ...['--eval-every', '200', '--tail-eval-every', '50', '--skip-plot'],
  ];
}

function checkPython(): void {
  const r = spawnSync(python, ['-c', 'import torch, numpy, matplotlib; print(torch.__version__)'], {
    encoding: 'utf8',
  });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`);
    console.error(
      `error: the reference needs Python 3 with torch, numpy and matplotlib; "${python}" failed: ${why}\n` +
        'Install them (Debian: apt-get install python3-torch python3-matplotlib; or pip install torch numpy matplotlib)' +
        ' and, if they belong to another interpreter, name it with --python (e.g. --python /usr/bin/python3).',
    );
    process.exit(2);
  }
}

interface ReferenceRun {
  seed: number;
  init: string;
  cpuS: number;
  fit: boolean;
  snapMse: number;
  /** The parameters its tree started from: leaf logits then gate logits, row by row (our flat layout too). */
  start: number[];
}

function referenceRun(work: string, seed: number, init: string): ReferenceRun {
  const out = join(work, `run-${seed}-${init}.json`);
  const r = spawnSync(python, ['-c', WRAPPER, reference, out, ...referenceArgs(seed, init)], {
    cwd: work,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 || !existsSync(out)) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n');
    throw new Error(`the reference trainer failed (seed ${seed}, ${init}, exit ${r.status}):\n${tail}`);
  }
  const runsOut = JSON.parse(readFileSync(out, 'utf8')) as ReferenceRun[];
  if (runsOut.length !== 1) throw new Error(`the reference ran ${runsOut.length} runs, expected 1`);
  return runsOut[0];
}

function cpuSeconds(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function main(): void {
  checkPython();
  const target = `eml_depth${depth}` as TargetName;
  const settings = paperSettings(depth, 'all', { seed: seed0, runs });
  const work = mkdtempSync(join(tmpdir(), 'eml-paper-trainer-'));
  const rows: Array<{
    run: number;
    init: string;
    seedIndex: number;
    oursCpuS: number;
    oursFit: boolean;
    oursSteps: number;
    referenceCpuS: number;
    referenceFit: boolean;
  }> = [];
  try {
    // Warm the JIT and the target tables once, outside the timed runs (the reference's import is untimed too).
    runRecovery(target, paperSettings(depth, 'all', { seed: seed0 + 100_000, runs: 1, searchIters: 300 }), [0], {
      factory,
    });
    for (let i = 0; i < runs; i++) {
      const init = RANDOM_INITS[i % RANDOM_INITS.length];
      const seedIndex = Math.floor(i / RANDOM_INITS.length);
      const ref = referenceRun(work, seed0 + seedIndex, init);
      const starts = sameStarts ? new Map([[i, Float64Array.from(ref.start)]]) : undefined;
      const c0 = cpuSeconds();
      const ours = runRecovery(target, settings, [i], { starts, factory })[0];
      const oursCpuS = cpuSeconds() - c0;
      rows.push({
        run: i,
        init,
        seedIndex,
        oursCpuS,
        oursFit: ours.fit,
        oursSteps: ours.steps,
        referenceCpuS: ref.cpuS,
        referenceFit: ref.fit,
      });
      if (!json)
        console.log(
          `run ${i} ${init.padEnd(10)} ours ${oursCpuS.toFixed(3)} CPU s${ours.fit ? ' FIT' : '    '}   reference ` +
            `${ref.cpuS.toFixed(2)} CPU s${ref.fit ? ' FIT' : '    '}   ratio ${(ref.cpuS / oursCpuS).toFixed(1)}×`,
        );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const ours = rows.map((r) => r.oursCpuS);
  const refs = rows.map((r) => r.referenceCpuS);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const summary = {
    target,
    depth,
    runs,
    seed0,
    sameStarts,
    kernel,
    oursCpuSPerRun: mean(ours),
    referenceCpuSPerRun: mean(refs),
    ratio: mean(refs) / mean(ours),
    medianRatio: median(rows.map((r) => r.referenceCpuS / r.oursCpuS)),
    oursFit: rows.filter((r) => r.oursFit).length,
    referenceFit: rows.filter((r) => r.referenceFit).length,
    /** Runs whose outcome (fit or not) is the same on both sides: meaningful with sameStarts. */
    sameOutcome: rows.filter((r) => r.oursFit === r.referenceFit).length,
    rows,
  };
  if (json) {
    console.log(JSON.stringify(summary, null, 1));
    return;
  }
  console.log(
    `\n${target}, paper settings, ${kernel} kernel, ${runs} runs each, interleaved, CPU seconds per run:\n` +
      `ours ${summary.oursCpuSPerRun.toFixed(3)} s (fit ${summary.oursFit}/${runs})   reference ` +
      `${summary.referenceCpuSPerRun.toFixed(2)} s (fit ${summary.referenceFit}/${runs})   ratio ` +
      `${summary.ratio.toFixed(1)}× (median of per-run ratios ${summary.medianRatio.toFixed(1)}×)` +
      (sameStarts
        ? `\nfrom the reference's own starts: the same outcome in ${summary.sameOutcome}/${runs} runs`
        : "\neach side from its own random starts (--same-starts: ours from the reference's)"),
  );
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
