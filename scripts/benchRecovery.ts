/**
 * The paper's recovery protocol from the command line (docs/fitting.md#targets-and-data, docs/fitting.md#hyper-parameters, docs/fitting.md#recovery-rates):
 *   npm run bench:recovery -- --target eml_depth3 --depth 3 --runs 64 --init all --seed0 137
 *   (or --target random:DEPTH[:chain|bushy|any], a fresh tree per run seeded from seed0 + run, or
 *    --target-tree '<EML>', a tree over x and y; recoveryTarget.ts reads both)
 *     [--engine native|tfjs] [--kernel simd|js] [--settings paper|improved] [--jobs N] [--json]
 *   --kernel: the native engine's real fast path, WebAssembly SIMD (default where it compiles) or JavaScript.
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
import { runRecovery, summarise, type EngineFactory, type RecoveryRun } from '../src/training/recovery.ts';
import { NativeEngine } from '../src/training/nativeEngine.ts';
import {
  parseTargetName,
  parseTargetTree,
  representabilityNote,
  targetDepth,
  targetLabel,
  TargetError,
  type RecoveryTarget,
} from '../src/training/recoveryTarget.ts';
import { FLAG_NAMES, setFlag, type FlagName } from '../src/training/flags.ts';
import { improvedSettings, paperSettings, RANDOM_INITS, validateSettings } from '../src/training/settings.ts';
import { UsageError } from '../src/cli/command.ts';
import { choiceOption, integerOption, kernelOption, numberOption, scriptOptions } from '../src/cli/options.ts';

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

const USAGE =
  "npm run bench:recovery -- [--target eml_depth2…6|random:DEPTH[:chain|bushy|any] | --target-tree '<EML>'] " +
  '[--depth N] [--runs N] [--init all|manual|biased|…] [--seed0 N] ' +
  '[--engine native|tfjs] [--kernel simd|js] [--settings paper|improved] [--jobs N] [--json] [--flags name=0|1,…] ' +
  '[--set key=value,…] [--budget F] [--trees]';
const OPTIONS = {
  target: { type: 'string' },
  'target-tree': { type: 'string' },
  depth: { type: 'string' },
  runs: { type: 'string' },
  init: { type: 'string' },
  seed0: { type: 'string' },
  engine: { type: 'string' },
  kernel: { type: 'string' },
  settings: { type: 'string' },
  improved: { type: 'boolean' },
  'paper-exact': { type: 'boolean' },
  jobs: { type: 'string' },
  shard: { type: 'string' },
  json: { type: 'boolean' },
  budget: { type: 'string' },
  flags: { type: 'string' },
  set: { type: 'string' },
  trees: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/** Splits "a=1,b=2" into pairs, refusing an item without '='. */
function pairs(name: string, text: string | undefined): Array<[string, string]> {
  const seen = new Set<string>();
  return (text ?? '')
    .split(',')
    .filter(Boolean)
    .map((kv) => {
      const at = kv.indexOf('=');
      if (at <= 0)
        throw new UsageError(`--${name} takes name=value pairs separated by commas, not "${kv.slice(0, 40)}"`);
      const key = kv.slice(0, at);
      // Which of two values would win is not what the command line says: name each setting once.
      if (seen.has(key)) throw new UsageError(`--${name}: ${key.slice(0, 40)} is given twice; give it once`);
      seen.add(key);
      return [key, kv.slice(at + 1)];
    });
}

/** --target (a paper target or random:DEPTH[:SHAPE]) or --target-tree (EML text), never both. */
function readTarget(name: string | undefined, tree: string | undefined): RecoveryTarget {
  if (name !== undefined && tree !== undefined) throw new UsageError('give either --target or --target-tree, not both');
  try {
    return tree !== undefined ? parseTargetTree(tree) : parseTargetName(name ?? 'eml_depth3');
  } catch (e) {
    if (e instanceof TargetError)
      throw new UsageError(`--${tree !== undefined ? 'target-tree' : 'target'}: ${e.message}`);
    throw e;
  }
}

const options = scriptOptions(process.argv.slice(2), OPTIONS, USAGE, (v) => {
  const target = readTarget(v.target as string | undefined, v['target-tree'] as string | undefined);
  const depth = integerOption(v, 'depth', targetDepth(target), 1, 8);
  if (depth < targetDepth(target))
    throw new UsageError(
      `--depth ${depth} is below the target's depth ${targetDepth(target)}: the trainer's tree must be at least as deep`,
    );
  const runs = integerOption(v, 'runs', 16, 1, 100_000);
  const init = choiceOption(v, 'init', ['all', 'manual', ...RANDOM_INITS] as const, 'all');
  const seed0 = integerOption(v, 'seed0', 137, 0);
  const engine = choiceOption(v, 'engine', ['native', 'tfjs'] as const, 'native');
  if (engine === 'tfjs' && v.kernel !== undefined) throw new UsageError("--kernel is the native engine's, not tfjs's");
  const kernel = kernelOption(v);
  if (v.improved === true && v['paper-exact'] === true)
    throw new UsageError('--improved and --paper-exact exclude each other');
  const mode =
    v.improved === true
      ? 'improved'
      : v['paper-exact'] === true
        ? 'paper'
        : choiceOption(v, 'settings', ['paper', 'improved'] as const, 'paper');
  const jobs = integerOption(v, 'jobs', 1, 1, 256);
  let shard: [number, number] | null = null;
  if (typeof v.shard === 'string') {
    const m = /^(\d+)\/(\d+)$/.exec(v.shard);
    if (!m || Number(m[1]) >= Number(m[2])) throw new UsageError(`--shard must be i/n with i < n, not "${v.shard}"`);
    shard = [Number(m[1]), Number(m[2])];
  }
  const budget = v.budget === undefined ? undefined : numberOption(v, 'budget', 1, 0.01, 1000);
  const settings = (mode === 'improved' ? improvedSettings : paperSettings)(depth, init, {
    seed: seed0,
    runs,
    engine,
    ...(budget !== undefined ? { budgetFactor: budget } : {}),
  });
  // --flags betterInit=0,localSearch=1 switches single improvements (for ablations); --set key=value,… any numeric setting.
  // Offs first, so a flag named on is not switched off again by one it acts through (validation then refuses that).
  const flagPairs = pairs('flags', v.flags as string | undefined).map(([k, value]) => {
    if (!(FLAG_NAMES as readonly string[]).includes(k))
      throw new UsageError(`--flags: unknown flag ${k} (${FLAG_NAMES.join(', ')})`);
    if (!['0', '1', 'true', 'false'].includes(value))
      throw new UsageError(`--flags: ${k} takes 0, 1, true or false, not "${value.slice(0, 40)}"`);
    return [k as FlagName, value === '1' || value === 'true'] as const;
  });
  for (const [k, on] of [...flagPairs.filter(([, on]) => !on), ...flagPairs.filter(([, on]) => on)]) {
    const { flags, alsoOff } = setFlag(settings.improved, k, on);
    settings.improved = flags;
    if (alsoOff.length > 0)
      console.error(
        `--flags: ${k}=0 also switches off ${alsoOff.join(', ')}, which ${alsoOff.length > 1 ? 'act' : 'acts'} through it`,
      );
  }
  for (const [k, value] of pairs('set', v.set as string | undefined)) {
    if (typeof (settings as unknown as Record<string, unknown>)[k] !== 'number')
      throw new UsageError(`--set: ${k} is not a numeric setting`);
    const n = value.trim() === '' ? NaN : Number(value);
    if (!Number.isFinite(n)) throw new UsageError(`--set: ${k} takes a number, not "${value.slice(0, 40)}"`);
    (settings as unknown as Record<string, number>)[k] = n;
  }
  const problems = validateSettings(settings);
  if (problems.length) throw new UsageError(problems.join('; '));
  return {
    target,
    depth,
    runs,
    init,
    seed0,
    engine,
    kernel,
    mode,
    jobs,
    shard,
    json: v.json === true,
    trees: v.trees === true,
    settings,
  };
});
const { target, depth, runs, init, seed0, jobs, shard, json, settings } = options;
const label = targetLabel(target);
const note = representabilityNote(target, depth);
const engineName = options.engine;
const mode = options.mode;

// After the options are checked, so a bad option is refused before any bundling.
if (engineName === 'tfjs' && process.env.EML_BENCH_BUNDLED !== '1') {
  process.exit(await bundleForTfjs());
}

async function factory(): Promise<EngineFactory> {
  if (engineName !== 'tfjs') return (o) => new NativeEngine({ ...o, kernel: options.kernel });
  const { createTfjsEngineSync } = await import('../src/training/tfjsEngine.ts');
  return (o) => createTfjsEngineSync(o, 'cpu');
}

/** Sets each run's cpuMs: the process's CPU time since the previous run ended (runs are sequential in a process). */
function cpuTimer(): (r: RecoveryRun) => void {
  let last = process.cpuUsage();
  return (r) => {
    const d = process.cpuUsage(last);
    last = process.cpuUsage();
    r.cpuMs = (d.user + d.system) / 1000;
  };
}

async function main() {
  const all = Array.from({ length: runs }, (_, i) => i);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  if (note && !json && !shard) console.error(note);
  let results: RecoveryRun[];
  let cpuMs: number;
  if (shard) {
    const [i, n] = shard;
    results = runRecovery(
      target,
      settings,
      all.filter((r) => r % n === i),
      {
        factory: await factory(),
        onRun: cpuTimer(),
      },
    );
    process.send!(results);
    return;
  }
  if (jobs > 1) {
    const parts = await Promise.all(
      Array.from(
        { length: jobs },
        (_, i) =>
          new Promise<{ results: RecoveryRun[]; cpu: number }>((resolve, reject) => {
            const child = fork(process.argv[1], [...process.argv.slice(2), '--shard', `${i}/${jobs}`], {
              execArgv: process.execArgv,
            });
            let got: RecoveryRun[] = [];
            child.on('message', (m) => (got = m as RecoveryRun[]));
            child.on('exit', (code) =>
              code === 0 ? resolve({ results: got, cpu: 0 }) : reject(new Error(`shard ${i} exited ${code}`)),
            );
          }),
      ),
    );
    results = parts.flatMap((p) => p.results).sort((a, b) => a.run - b.run);
    cpuMs = results.reduce((a, r) => a + r.ms, 0);
  } else {
    const timeRun = cpuTimer();
    results = runRecovery(target, settings, all, {
      factory: await factory(),
      onRun: (r) => {
        timeRun(r);
        if (!json)
          console.log(
            `run ${r.run} ${r.init.padEnd(10)} ${r.fit ? 'FIT  ' : '     '}${r.exact ? 'EXACT' : '     '} mse=${r.mseTrain.toExponential(2)} steps=${r.steps} att=${r.attempts} cut=${r.cutAttempts ?? 0} nan=${r.nanRestarts} unc=${r.uncertain}${r.abandoned ? ' ABANDONED' : ''} ${(r.ms / 1000).toFixed(2)}s cpu ${(r.cpuMs! / 1000).toFixed(2)}s ${r.exact || options.trees ? r.tree : ''}${options.trees && r.target ? ` target=${r.target}` : ''}`,
          );
      },
    });
    const c = process.cpuUsage(cpu0);
    cpuMs = (c.user + c.system) / 1000;
  }
  const wall = performance.now() - t0;
  const sum = summarise(label, depth, results, wall, cpuMs);
  if (json) {
    console.log(
      JSON.stringify(
        {
          settings: mode,
          engine: engineName,
          kernel: engineName === 'native' ? options.kernel : undefined,
          seed0,
          jobs,
          cores: cpus().length,
          ...(note ? { note } : {}),
          ...sum,
        },
        null,
        1,
      ),
    );
    return;
  }
  const pct = (k: number) => `${k}/${sum.runs} (${((100 * k) / sum.runs).toFixed(1)} %)`;
  console.log(
    `\n${label} depth ${depth}, ${mode} settings${mode === 'improved' ? ` (${FLAG_NAMES.filter((k) => settings.improved[k]).join('+')})` : ''}, ${engineName} engine${engineName === 'native' ? ` (${options.kernel} kernel)` : ''}, init ${init}, seed0 ${seed0}, ${jobs} job(s)`,
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
    `wall ${(wall / 1000).toFixed(1)} s, ${(sum.msPerRun / 1000).toFixed(3)} s per run (wall/runs), median run ${(sum.medianRunMs / 1000).toFixed(2)} s (CPU ${((sum.medianCpuMs ?? NaN) / 1000).toFixed(2)} s), ${Math.round(sum.stepsPerSecond)} steps/s per run, ${sum.successesPerCpuMinute.toFixed(2)} successes per CPU-minute`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
