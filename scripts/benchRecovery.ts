/**
 * The paper's recovery protocol from the command line (docs/fitting.md#targets-and-data, docs/fitting.md#hyper-parameters, docs/fitting.md#recovery-rates):
 *   npm run bench:recovery -- --target eml_depth3 --depth 3 --runs 64 --init all --seed0 137
 *     [--engine native|tfjs] [--settings paper|improved] [--jobs N] [--json]
 *     [--flags betterInit=0,localSearch=1,…] [--set attemptShare=0.25,…] [--budget F] [--trees]
 * tfjs-core's ESM build uses directory imports that Node rejects, so with --engine tfjs this script first bundles
 * itself with esbuild into a temporary file and re-runs that (bundleForTfjs below); nothing to do by hand.
 * Runs are split over --jobs child processes (default 1). Counts: fit (the paper's "success", snapped MSE < 1e−6),
 * symbol (< 1e−20), stable (symbol and no uncertain weight), exact (stable and confirmed on fresh points).
 */
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { runRecovery, summarise, type EngineFactory } from '../src/training/recovery.ts';
import type { RunResult } from '../src/training/schedule.ts';
import {
  FLAG_NAMES,
  improvedSettings,
  paperSettings,
  validateSettings,
  type TrainSettings,
} from '../src/training/settings.ts';
import { isTargetName, TARGET_NAMES } from '../src/training/targets.ts';

/** Bundle this script (tfjs included) with esbuild and run the bundle with the same arguments; returns its exit code. */
async function bundleForTfjs(): Promise<number> {
  const { build } = await import('esbuild');
  const outfile = join(mkdtempSync(join(tmpdir(), 'eml-bench-')), 'benchRecovery.mjs');
  await build({
    entryPoints: [process.argv[1]],
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    outfile,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);" },
  });
  const r = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, EML_BENCH_BUNDLED: '1' },
  });
  return r.status ?? 1;
}

if (process.argv.includes('tfjs') && process.env.EML_BENCH_BUNDLED !== '1') {
  process.exit(await bundleForTfjs());
}

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const target = arg('target', 'eml_depth3')!;
if (!isTargetName(target)) throw new Error(`--target must be one of ${TARGET_NAMES.join(', ')}`);
const depth = Number(arg('depth', target.replace('eml_depth', '')));
const runs = Number(arg('runs', '16'));
const init = arg('init', 'all') as TrainSettings['init'];
const seed0 = Number(arg('seed0', '137'));
const engineName = arg('engine', 'native')!;
const mode = flag('improved') ? 'improved' : flag('paper-exact') ? 'paper' : arg('settings', 'paper')!;
const jobs = Number(arg('jobs', '1'));
const shard = arg('shard');
const json = flag('json');
const budget = arg('budget');

const settings = (mode === 'improved' ? improvedSettings : paperSettings)(depth, init, {
  seed: seed0,
  runs,
  engine: engineName as TrainSettings['engine'],
  ...(budget ? { budgetFactor: Number(budget) } : {}),
});
// --flags betterInit=0,localSearch=1 switches single improvements (for ablations); --set key=value,… any numeric setting.
for (const kv of (arg('flags') ?? '').split(',').filter(Boolean)) {
  const [k, v] = kv.split('=');
  if (!(FLAG_NAMES as readonly string[]).includes(k))
    throw new Error(`--flags: unknown flag ${k} (${FLAG_NAMES.join(', ')})`);
  settings.improved = { ...settings.improved, [k]: v !== '0' && v !== 'false' };
}
for (const kv of (arg('set') ?? '').split(',').filter(Boolean)) {
  const [k, v] = kv.split('=');
  if (typeof (settings as unknown as Record<string, unknown>)[k] !== 'number')
    throw new Error(`--set: ${k} is not a numeric setting`);
  (settings as unknown as Record<string, number>)[k] = Number(v);
}
const problems = validateSettings(settings);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(2);
}

async function factory(): Promise<EngineFactory | undefined> {
  if (engineName !== 'tfjs') return undefined;
  const { createTfjsEngineSync } = await import('../src/training/tfjsEngine.ts');
  return (o) => createTfjsEngineSync(o, 'cpu');
}

async function main() {
  const all = Array.from({ length: runs }, (_, i) => i);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let results: RunResult[];
  let cpuMs: number;
  if (shard) {
    const [i, n] = shard.split('/').map(Number);
    results = runRecovery(
      target as never,
      settings,
      all.filter((r) => r % n === i),
      await factory(),
    );
    process.send!(results);
    return;
  }
  if (jobs > 1) {
    const parts = await Promise.all(
      Array.from(
        { length: jobs },
        (_, i) =>
          new Promise<{ results: RunResult[]; cpu: number }>((resolve, reject) => {
            const child = fork(process.argv[1], [...process.argv.slice(2), '--shard', `${i}/${jobs}`], {
              execArgv: process.execArgv,
            });
            let got: RunResult[] = [];
            child.on('message', (m) => (got = m as RunResult[]));
            child.on('exit', (code) =>
              code === 0 ? resolve({ results: got, cpu: 0 }) : reject(new Error(`shard ${i} exited ${code}`)),
            );
          }),
      ),
    );
    results = parts.flatMap((p) => p.results).sort((a, b) => a.run - b.run);
    cpuMs = results.reduce((a, r) => a + r.ms, 0);
  } else {
    results = runRecovery(target as never, settings, all, await factory(), (r) => {
      if (!json)
        console.log(
          `run ${r.run} ${r.init.padEnd(10)} ${r.fit ? 'FIT  ' : '     '}${r.exact ? 'EXACT' : '     '} mse=${r.mseTrain.toExponential(2)} steps=${r.steps} att=${r.attempts} cut=${r.cutAttempts ?? 0} nan=${r.nanRestarts} unc=${r.uncertain}${r.abandoned ? ' ABANDONED' : ''} ${(r.ms / 1000).toFixed(2)}s ${r.exact || flag('trees') ? r.tree : ''}`,
        );
    });
    const c = process.cpuUsage(cpu0);
    cpuMs = (c.user + c.system) / 1000;
  }
  const wall = performance.now() - t0;
  const sum = summarise(target as never, depth, results, wall, cpuMs);
  if (json) {
    console.log(
      JSON.stringify({ settings: mode, engine: engineName, seed0, jobs, cores: cpus().length, ...sum }, null, 1),
    );
    return;
  }
  const pct = (k: number) => `${k}/${sum.runs} (${((100 * k) / sum.runs).toFixed(1)} %)`;
  console.log(
    `\n${target} depth ${depth}, ${mode} settings${mode === 'improved' ? ` (${FLAG_NAMES.filter((k) => settings.improved[k]).join('+')})` : ''}, ${engineName} engine, init ${init}, seed0 ${seed0}, ${jobs} job(s)`,
  );
  console.log(
    `success (fit, snapped MSE < 1e-6): ${pct(sum.fit)}   symbol: ${pct(sum.symbol)}   stable: ${pct(sum.stable)}   exact (fresh points): ${pct(sum.exact)}`,
  );
  console.log(
    `by init: ${Object.entries(sum.byInit)
      .map(([k, v]) => `${k} ${v.fit}/${v.runs}`)
      .join(', ')}`,
  );
  console.log(
    `NaN-abandoned: ${pct(sum.abandoned)}   attempts cut by earlyAbandon: ${sum.cutAttempts}   mean steps per run: ${Math.round(sum.stepsPerRun)}`,
  );
  console.log(
    `wall ${(wall / 1000).toFixed(1)} s, ${(sum.msPerRun / 1000).toFixed(3)} s per run (wall/runs), ${Math.round(sum.stepsPerSecond)} steps/s per run, ${sum.successesPerCpuMinute.toFixed(2)} successes per CPU-minute`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
