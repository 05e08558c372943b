/**
 * `fit <table.csv>`: the structural formula search on a table, across cores in worker threads, printing the best
 * formula (ordinary math and its pure EML tree), its verdict judged by the data's precision, and the Pareto front.
 */
import { readFileSync } from 'node:fs';
import { reportJson } from '../../fit/search/fitTable.ts';
import type { FormulaResult } from '../../fit/search/report.ts';
import { readProblem } from '../../fit/search/problem.ts';
import { EXIT_BAD_INPUT, UsageError, type Command, type CommandIO } from '../command.ts';
import { defaultJobs, fitInPool } from '../fit/pool.ts';

/** A number option within [min, max] (integer when asked), or a usage error naming the option and the range. */
export function numberOption(
  values: Record<string, unknown>,
  name: string,
  fallback: number,
  min: number,
  max: number,
  integer = false,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (String(raw).trim() === '' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new UsageError(
      `--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${String(raw)}"`,
    );
  }
  return v;
}

function fail(message: string, json: boolean, io: CommandIO): number {
  io.err(json ? JSON.stringify({ error: { message } }, null, 2) : `error: ${message}`);
  return EXIT_BAD_INPUT;
}

const g = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)).toString() : String(v));

function verdictLine(r: FormulaResult, digits: number, noise: number | null, stated = false): string {
  if (r.verdict === 'exact')
    return `exact: every point within the data's precision (${stated ? `${digits} significant digits, as stated` : `~${digits} significant digits`}), tree confirmed at ${r.fresh?.points ?? 0} points`;
  if (r.verdict === 'exact-noisy')
    return `exact law, noisy data: residuals ${g(r.noiseRms * 100)} % RMS, consistent with noise ${g((noise ?? 0) * 100)} %`;
  return `approximation: ${Math.round(r.withinPrecision * 100)} % of points within the data's precision`;
}

export const fitCommand: Command = {
  name: 'fit',
  summary:
    'find a formula for a table (CSV/TSV; last column = output): structural search, constants snapped, verdict by the data’s precision, Pareto front',
  usage:
    'fit <table.csv> [--target COL] [--inputs COL,…] [--budget-s N] [--seed S] [--noise REL | --digits N] [--weights COL] [--jobs N] [--json]',
  options: {
    target: { type: 'string' },
    inputs: { type: 'string' },
    'budget-s': { type: 'string' },
    seed: { type: 'string' },
    noise: { type: 'string' },
    digits: { type: 'string' },
    weights: { type: 'string' },
    jobs: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async run(positionals, values, io) {
    const json = Boolean(values.json);
    if (positionals.length !== 1) throw new UsageError(`expected one table file, got ${positionals.length} arguments`);
    const budget = numberOption(values, 'budget-s', 30, 0.1, 3600);
    const seed = numberOption(values, 'seed', 1, 0, 2 ** 31 - 1, true);
    const noise = values.noise === undefined ? undefined : numberOption(values, 'noise', 0, 1e-12, 0.5);
    const digits = values.digits === undefined ? undefined : numberOption(values, 'digits', 0, 1, 17, true);
    if (noise !== undefined && digits !== undefined)
      throw new UsageError(
        '--noise and --digits both state the precision of the output; give one of them (or neither, to read the digits)',
      );
    if (values.weights !== undefined && String(values.weights).trim() === '')
      throw new UsageError('--weights needs a column name or 1-based number, e.g. --weights w');
    const jobs = numberOption(values, 'jobs', defaultJobs(), 1, 64, true);
    const inputs =
      values.inputs === undefined
        ? undefined
        : String(values.inputs)
            .split(',')
            .map((s) => s.trim());
    if (inputs && inputs.some((s) => s === ''))
      throw new UsageError('--inputs must be a comma-separated list of column names or numbers, e.g. --inputs x,y');
    // runCli replaces a '-' argument by standard input's text; anything with a line break is table text.
    const arg = positionals[0];
    let text: string;
    if (arg.includes('\n')) text = arg;
    else {
      try {
        text = readFileSync(arg, 'utf8');
      } catch (e) {
        return fail(
          `cannot read the table "${arg}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (give a CSV/TSV file path, or '-' for standard input)`,
          json,
          io,
        );
      }
    }
    const read = readProblem(text, {
      target: values.target === undefined ? undefined : String(values.target),
      inputs,
      noise,
      digits,
      weights: values.weights === undefined ? undefined : String(values.weights).trim(),
      seed,
    });
    if (!read.ok) return fail(`${arg.includes('\n') ? 'the table' : arg}: ${read.errors.join(' ')}`, json, io);
    const problem = read.problem;
    const { report, search, seconds } = await fitInPool(problem, { budgetMs: budget * 1000, seed, jobs });
    if (json) {
      io.out(JSON.stringify(reportJson(problem, report, seconds, search), null, 2));
      return 0;
    }
    const b = report.best;
    for (const w of read.warnings) io.err(`warning: ${w}`);
    io.out(`${problem.target} = ${b.formula}`);
    io.out(`verdict: ${verdictLine(b, report.precision.outputDigits, report.noise, report.precision.digitsStated)}`);
    io.out(`EML tree (K ${b.k}, depth ${b.depth}): ${b.tree.length > 400 ? b.tree.slice(0, 400) + '…' : b.tree}`);
    io.out(
      `R² train ${g(b.train.r2)}, validation ${g(b.validation.r2)}; RMSE ${g(b.rmse)}; max error ${g(Math.max(b.train.maxError, b.validation.maxError))}; ${g(seconds)} s, ${search.evaluated} candidates fitted (${search.stopped})`,
    );
    io.out('Pareto front (K of the EML tree):');
    for (const r of report.pareto)
      io.out(
        `  ${String(r.k).padStart(4)}  ${r.verdict.padEnd(13)}  R²val ${g(r.validation.r2).padEnd(9)}  ${r.formula}${r === b ? '   ← chosen' : ''}`,
      );
    return 0;
  },
};
