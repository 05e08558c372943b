/**
 * The one option parser of the CLI and the scripts (bench, bench:recovery, perf:playground, fuzz, deps): node's
 * strict parseArgs, so an unknown option, a missing value or a stray positional is an error, never ignored; plus
 * the spaced negative value (`--x -1`) read as a value, and checked readers for integers, numbers and choices that
 * say which option was wrong and what it takes.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command.ts';
import { realKernelAvailable } from '../training/kernel/realKernel.ts';
import { defaultNativeKernel, NATIVE_KERNELS, type NativeKernel } from '../training/kernel/treeArrays.ts';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | undefined>;

/** A value that starts with '-' but is a number ("-1", "-.5", "-inf", "-pi", "-e"), not an option. */
const NEGATIVE_VALUE = /^-[\d.]|^-(inf|pi|e)\b/i;

/**
 * Parses `args` against `options`. Everything after '--' is positional, so `compile -- -x` reads "-x" as the
 * expression. Throws UsageError with parseArgs' first message line on anything it does not accept.
 */
export function parseOptions(
  args: readonly string[],
  options: OptionSpecs,
  allowPositionals: boolean,
): { values: OptionValues; positionals: string[] } {
  // parseArgs reads "--x=-1" as a value but "--x -1" as two options; rewrite the spaced form of a negative number.
  const rewritten: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      rewritten.push(...args.slice(i));
      break;
    }
    const opt = a.startsWith('--') ? options[a.slice(2)] : undefined;
    if (opt && opt.type === 'string' && i + 1 < args.length && NEGATIVE_VALUE.test(args[i + 1])) {
      rewritten.push(`${a}=${args[++i]}`);
    } else rewritten.push(a);
  }
  try {
    const { values, positionals } = parseArgs({ args: rewritten, options, allowPositionals, strict: true });
    return { values: values as OptionValues, positionals };
  } catch (e) {
    if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
      throw new UsageError(e.message.split('\n')[0]);
    throw e;
  }
}

const quote = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** An integer option within [min, max], or `fallback` when absent. */
export function integerOption(
  values: OptionValues,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const text = values[name];
  if (text === undefined) return fallback;
  const value = typeof text === 'string' && /^\s*-?\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, not ${quote(String(text))}`);
  return value;
}

/** A finite number option within [min, max], or `fallback` when absent. */
export function numberOption(values: OptionValues, name: string, fallback: number, min: number, max: number): number {
  const text = values[name];
  if (text === undefined) return fallback;
  const value = typeof text === 'string' && text.trim() !== '' ? Number(text) : NaN;
  if (!Number.isFinite(value) || value < min || value > max)
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, not ${quote(String(text))}`);
  return value;
}

/** One of `choices`, or `fallback` when absent. */
export function choiceOption<T extends string>(
  values: OptionValues,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const text = values[name];
  if (text === undefined) return fallback;
  if (typeof text !== 'string' || !(choices as readonly string[]).includes(text))
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, not ${quote(String(text))}`);
  return text as T;
}

/** `--kernel simd|js`: the native engine's real fast path; simd (the default where it compiles) is refused where not. */
export function kernelOption(values: OptionValues): NativeKernel {
  const kernel = choiceOption(values, 'kernel', NATIVE_KERNELS, defaultNativeKernel());
  if (kernel === 'simd' && !realKernelAvailable())
    throw new UsageError('--kernel simd: this Node cannot compile the WebAssembly SIMD kernel; use --kernel js');
  return kernel;
}

/**
 * Reads a script's options: on a UsageError prints it with the usage line and exits 2 (the CLI's code for bad
 * input); `--help` prints the usage and exits 0 when the script declares it.
 */
export function scriptOptions<T>(
  argv: readonly string[],
  options: OptionSpecs,
  usage: string,
  read: (values: OptionValues, positionals: string[]) => T,
  allowPositionals = false,
): T {
  try {
    const { values, positionals } = parseOptions(argv, options, allowPositionals);
    if (values.help === true) {
      console.log(`usage: ${usage}`);
      process.exit(0);
    }
    return read(values, positionals);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`error: ${e.message}\nusage: ${usage}`);
    process.exit(2);
  }
}
