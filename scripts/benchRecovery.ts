/**
 * The paper's recovery protocol from the command line (eml-reference.md §4.4–4.6):
 *   npm run bench:recovery -- --target eml_depth3 --depth 3 --runs 64 --init all --seed0 137
 *     [--engine native|tfjs] [--settings paper|improved] [--jobs N] [--json]
 * Runs are split over --jobs child processes (default 1). Counts: fit (the paper's "success", snapped MSE < 1e−6),
 * symbol (< 1e−20), stable (symbol and no uncertain weight), exact (stable and confirmed on fresh points).
 */
import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import { runRecovery, summarise, type EngineFactory } from '../src/training/recovery.ts';
import type { RunResult } from '../src/training/schedule.ts';
import { improvedSettings, paperSettings, validateSettings, type TrainSettings } from '../src/training/settings.ts';
import { isTargetName, TARGET_NAMES } from '../src/training/targets.ts';

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

const settings = (mode === 'improved' ? improvedSettings : paperSettings)(depth, init, { seed: seed0, runs, engine: engineName as TrainSettings['engine'], ...(budget ? { budgetFactor: Number(budget) } : {}) });
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
    results = runRecovery(target as never, settings, all.filter((r) => r % n === i), await factory());
    process.send!(results);
    return;
  }
  if (jobs > 1) {
    const parts = await Promise.all(
      Array.from({ length: jobs }, (_, i) =>
        new Promise<{ results: RunResult[]; cpu: number }>((resolve, reject) => {
          const child = fork(process.argv[1], [...process.argv.slice(2), '--shard', `${i}/${jobs}`], { execArgv: process.execArgv });
          let got: RunResult[] = [];
          child.on('message', (m) => (got = m as RunResult[]));
          child.on('exit', (code) => (code === 0 ? resolve({ results: got, cpu: 0 }) : reject(new Error(`shard ${i} exited ${code}`))));
        }),
      ),
    );
    results = parts.flatMap((p) => p.results).sort((a, b) => a.run - b.run);
    cpuMs = results.reduce((a, r) => a + r.ms, 0);
  } else {
    results = runRecovery(target as never, settings, all, await factory(), (r) => {
      if (!json) console.log(`run ${r.run} ${r.init.padEnd(10)} ${r.fit ? 'FIT  ' : '     '}${r.exact ? 'EXACT' : '     '} mse=${r.mseTrain.toExponential(2)} steps=${r.steps} att=${r.attempts} nan=${r.nanRestarts} unc=${r.uncertain}${r.abandoned ? ' ABANDONED' : ''} ${(r.ms / 1000).toFixed(2)}s ${r.exact ? r.tree : ''}`);
    });
    const c = process.cpuUsage(cpu0);
    cpuMs = (c.user + c.system) / 1000;
  }
  const wall = performance.now() - t0;
  const sum = summarise(target as never, depth, results, wall, cpuMs);
  if (json) {
    console.log(JSON.stringify({ settings: mode, engine: engineName, seed0, jobs, cores: cpus().length, ...sum }, null, 1));
    return;
  }
  const pct = (k: number) => `${k}/${sum.runs} (${((100 * k) / sum.runs).toFixed(1)} %)`;
  console.log(`\n${target} depth ${depth}, ${mode} settings, ${engineName} engine, init ${init}, seed0 ${seed0}, ${jobs} job(s)`);
  console.log(`success (fit, snapped MSE < 1e-6): ${pct(sum.fit)}   symbol: ${pct(sum.symbol)}   stable: ${pct(sum.stable)}   exact (fresh points): ${pct(sum.exact)}`);
  console.log(`by init: ${Object.entries(sum.byInit).map(([k, v]) => `${k} ${v.fit}/${v.runs}`).join(', ')}`);
  console.log(`NaN-abandoned: ${pct(sum.abandoned)}`);
  console.log(`wall ${(wall / 1000).toFixed(1)} s, ${(sum.msPerRun / 1000).toFixed(3)} s per run (wall/runs), ${Math.round(sum.stepsPerSecond)} steps/s per run, ${sum.successesPerCpuMinute.toFixed(2)} successes per CPU-minute`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
