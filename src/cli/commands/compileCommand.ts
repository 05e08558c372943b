import { MAX_PRINT_K, printFunctional, printMathematica, printRpn } from '../../eml/syntax/print.ts';
import { compile, COMPILE_MODES, DEFAULT_COMPILE_MODE, isCompileMode } from '../../eml/compiler/compile.ts';
import { EmlSyntaxError } from '../../eml/syntax/errors.ts';
import { EXIT_BAD_INPUT, UsageError, type Command, type CommandIO } from '../command.ts';
import { reportError, reportSyntaxError } from '../input.ts';

const TARGETS = ['eml', 'rpn', 'mathematica'] as const;

/**
 * Prints a math parse or compile error the way parseInput prints EML errors (a CompileError is a positioned
 * EmlSyntaxError too); returns the exit code. Anything else is rethrown for runCli's safety net.
 */
function reportMathError(e: unknown, source: string, json: boolean, io: CommandIO): number {
  if (e instanceof EmlSyntaxError) {
    reportSyntaxError(e, source, json, io);
    return EXIT_BAD_INPUT;
  }
  throw e;
}

export const compileCommand: Command = {
  name: 'compile',
  summary: 'compile ordinary math (sin(x), x^2 + 1, Power[x,y], …) to a pure EML tree, with its K and depth',
  readsExpression: true,
  usage: 'compile <math> [--mode robust|shortest|paper] [--clean] [--to eml|rpn|mathematica] [--json]',
  options: {
    mode: { type: 'string', default: DEFAULT_COMPILE_MODE },
    clean: { type: 'boolean', default: false },
    to: { type: 'string', default: 'eml' },
    json: { type: 'boolean', default: false },
  },
  run(positionals, values, io) {
    if (positionals.length !== 1) throw new UsageError('expected one math expression (quote it)');
    const requested = String(values.mode);
    // 'compact' is the old name of 'shortest' (accepted, not listed).
    if (!isCompileMode(requested)) throw new UsageError(`--mode must be one of ${COMPILE_MODES.join(', ')}`);
    const to = String(values.to);
    if (!(TARGETS as readonly string[]).includes(to)) throw new UsageError(`--to must be one of ${TARGETS.join(', ')}`);
    const source = positionals[0];
    let result;
    try {
      result = compile(source, { mode: requested, clean: Boolean(values.clean) });
    } catch (e) {
      return reportMathError(e, source, Boolean(values.json), io);
    }
    if (result.k > MAX_PRINT_K) {
      // The printers refuse trees whose expanded text would be gigabytes; say so as an error of the input.
      reportError(
        {
          message: `the tree has K ${result.k}, too large to print (at most ${MAX_PRINT_K})`,
          offset: 0,
          line: 1,
          column: 1,
          length: Math.max(1, source.length),
          hint: 'compile a smaller expression',
        },
        Boolean(values.json),
        io,
      );
      return EXIT_BAD_INPUT;
    }
    const mode = result.mode;
    const text =
      to === 'rpn'
        ? printRpn(result.tree)
        : to === 'mathematica'
          ? printMathematica(result.tree)
          : printFunctional(result.tree);
    if (values.json) {
      io.out(
        JSON.stringify(
          {
            input: result.text,
            mode,
            clean: result.clean,
            k: result.k,
            depth: result.depth,
            paperK: result.paperK,
            fromPaper: result.fromPaper,
            variables: result.variables,
            domain: domainJson(result.domain),
            derivedDomain: derivedJson(result.domain),
            knownDefects: result.knownDefects,
            tree: text,
          },
          null,
          2,
        ),
      );
    } else {
      io.out(text);
      const vsPaper = mode !== 'paper' && result.paperK !== null ? `   (paper mode: K ${result.paperK})` : '';
      io.out(`K: ${result.k}   depth: ${result.depth}   mode: ${mode}${result.clean ? ' clean' : ''}${vsPaper}`);
      if (result.domain) io.out(`domain: ${result.domain.text}`);
      for (const d of result.knownDefects) io.out(`known defect: ${d.text}: ${d.reason}`);
    }
    return 0;
  },
};

/**
 * The JSON `domain` field: the statement, whether it holds on the whole scan, the complex-plane conditions of its
 * short sums, and the intervals per scanned line.
 */
function domainJson(d: ReturnType<typeof compile>['domain']) {
  if (!d) return null;
  return {
    text: d.text,
    everywhere: d.everywhere,
    complex: d.complex,
    lines: d.lines.map((l) => ({
      line: l.line,
      intervals: l.intervals.map((iv) => [iv.lo, iv.hi]),
      wrong: l.wrong,
      defined: l.defined,
    })),
  };
}

/**
 * The JSON `derivedDomain` field: the validity domain of the whole tree as stated (compiler/treeDomain.ts), the
 * same intervals as `domain`, with each end's source: "analysed" (a construction's limit, rules.ts, carried to the
 * input by limits.ts, puts it there; `limit` names it) or "measured" (the scan of the composed tree alone: precision
 * lost gradually, an operand with no real reading such as the trig templates' e^{iz}). `analysed` says whether the
 * limits could be derived at all. null where the domain is not measured (more than two variables, over budget).
 */
function derivedJson(d: ReturnType<typeof compile>['domain']) {
  if (!d) return null;
  return {
    text: d.text,
    analysed: d.analysed ?? false,
    lines: d.lines.map((l) => ({
      line: l.line,
      intervals: l.intervals.map((iv) => [iv.lo, iv.hi]),
      ends: (d.ends ?? [])
        .filter((e) => e.line === l.line)
        .map((e) => ({ at: e.at, source: e.source, ...(e.limit ? { limit: e.limit } : {}) })),
    })),
  };
}
