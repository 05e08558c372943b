/**
 * What the fuzz suite asks of the core, one check per input category. The contract (issue #18): every call returns
 * a value or throws a *typed, positioned* error — an EmlSyntaxError (MathSyntaxError and CompileError are ones)
 * whose offset, line and column point into the input, or an EvaluationError whose path leads to a node of the
 * tree. Anything else escaping is "uncaught"; a typed error that points nowhere, a CompileError of the 'internal'
 * kind (the safety net caught a bug), or a broken round trip is a "violation". Both fail the suite.
 */
import { nodeAt, topoOrder, type EmlNode } from '../ast.ts';
import { compile, COMPILE_MODES, DEFAULT_COMPILE_MODE } from '../compiler/compile.ts';
import { decompile } from '../decompiler/decompile.ts';
import { compileBatch } from '../evaluate/batch.ts';
import type { Complex } from '../evaluate/complex.ts';
import { evaluate, EvaluationError, trace } from '../evaluate/interpreter.ts';
import type { Semantics } from '../evaluate/semantics.ts';
import { parseTreeJson, TreeJsonError, writeTreeJson } from '../export/json.ts';
import { readInput } from '../input.ts';
import { CompileError } from '../math/errors.ts';
import { metrics } from '../metrics.ts';
import {
  EmlSyntaxError,
  lineColumn,
  parseEml,
  printFunctional,
  printMathematica,
  printRpn,
  type EmlSyntax,
} from '../syntax/index.ts';

/** A broken promise of the core that is not an exception escaping it (bad position, round trip, disagreement). */
export class FuzzViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FuzzViolation';
  }
}

/** How one input went: every operation succeeded, or at least one was refused with a valid typed error. */
export type CheckResult = 'ok' | 'typed';

/** Longest message a typed error may carry: messages quote bounded excerpts, never the input. */
const MAX_MESSAGE = 1_000;

/** Throws a FuzzViolation unless `e` is a typed error positioned inside `source`; rethrows untyped errors. */
export function assertTypedError(e: unknown, source: string): void {
  if (!(e instanceof EmlSyntaxError)) throw e;
  if (e instanceof CompileError && e.reason === 'internal')
    throw new FuzzViolation(`internal error caught by the safety net: ${e.message}`);
  const where = `${e.name} "${e.message.slice(0, 120)}" at offset ${e.offset}`;
  if (!Number.isInteger(e.offset) || e.offset < 0 || e.offset > source.length)
    throw new FuzzViolation(`${where}: offset outside the input (length ${source.length})`);
  if (!Number.isInteger(e.length) || e.length < 1) throw new FuzzViolation(`${where}: length ${e.length}`);
  const at = lineColumn(source, e.offset);
  if (e.line !== at.line || e.column !== at.column) {
    throw new FuzzViolation(
      `${where}: line ${e.line}, column ${e.column} but the offset is at line ${at.line}, column ${at.column}`,
    );
  }
  if (e.message.length === 0 || e.message.length > MAX_MESSAGE)
    throw new FuzzViolation(`${where}: message of ${e.message.length} characters`);
}

/**
 * The slowest single operation of the current input, in ms: one operation is what one reading in the app costs
 * (parse, or compile in one setting with its paper K, value and decompilation), and the time budget is per
 * operation. An input that runs several (all syntaxes, all compile settings) is timed per operation here and as a
 * whole by the harness.
 */
let slowest = 0;
export function resetSlowest(): void {
  slowest = 0;
}
export function slowestOperationMs(): number {
  return slowest;
}

/** Runs `f`: 'ok' when it returns, 'typed' when it throws a valid typed error for `source`; anything else escapes. */
function attempt(source: string, f: () => void): CheckResult {
  const t0 = performance.now();
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof FuzzViolation) throw e;
    assertTypedError(e, source);
    return 'typed';
  } finally {
    slowest = Math.max(slowest, performance.now() - t0);
  }
}

const worst = (results: CheckResult[]): CheckResult => (results.includes('typed') ? 'typed' : 'ok');

/** The printers and parsers agree: printing a tree and reading it back gives the very same (hash-consed) node. */
export function checkRoundTrips(tree: EmlNode): void {
  const back: Array<[string, EmlNode]> = [
    ['functional', parseEml(printFunctional(tree)).tree],
    ['mathematica', parseEml(printMathematica(tree)).tree],
    ['rpn', parseEml(printRpn(tree), { syntax: 'rpn' }).tree],
    ['tree JSON', parseTreeJson(writeTreeJson(tree)).tree],
  ];
  for (const [syntax, t] of back)
    if (t !== tree) throw new FuzzViolation(`${syntax} round trip changed the tree ${printRpn(tree).slice(0, 200)}`);
  const m = metrics(tree);
  if (m.k !== tree.k || m.leaves !== (tree.k + 1) / 2 || m.emlNodes !== (tree.k - 1) / 2)
    throw new FuzzViolation(`metrics disagree with K=${tree.k}`);
}

const SYNTAXES: Array<EmlSyntax | undefined> = [undefined, 'functional', 'mathematica', 'rpn'];

/** Arbitrary text as EML, auto-detected and forced into each syntax; parsed trees must round-trip. */
export function checkEmlText(text: string): CheckResult {
  return worst(
    SYNTAXES.map((syntax) =>
      attempt(text, () => {
        const { tree } = parseEml(text, { syntax });
        checkRoundTrips(tree);
      }),
    ),
  );
}

/** A point at which every variable is 0.7 (a generic real value inside every function's domain edge cases). */
function pointFor(tree: EmlNode): Record<string, number> {
  const env: Record<string, number> = Object.create(null);
  for (const n of topoOrder(tree)) if (n.kind === 'var') env[n.name] = 0.7;
  return env;
}

/** Arbitrary text as ordinary math, in every compile setting and through the Expression box's reader. */
export function checkMathText(text: string): CheckResult {
  const results: CheckResult[] = [];
  for (const mode of COMPILE_MODES) {
    for (const clean of [false, true]) {
      results.push(
        attempt(text, () => {
          const c = compile(text, { mode, clean });
          if (c.tree.k !== c.k) throw new FuzzViolation(`compile reports K=${c.k} for a tree of K=${c.tree.k}`);
          void c.paperK; // the Formula panel reads it; it is computed lazily, within its own budget
          void c.domain; // likewise: a scan bounded by its own work budget
          evaluate(c.tree, pointFor(c.tree), 'complex');
          if (mode !== 'paper' && !clean) decompile(c.tree);
        }),
      );
    }
  }
  const t0 = performance.now();
  const reading = readInput(text, { kind: 'auto', compileMode: DEFAULT_COMPILE_MODE, clean: false });
  slowest = Math.max(slowest, performance.now() - t0);
  if (!reading.ok) {
    assertTypedError(reading.error, text);
    results.push('typed');
  }
  return worst(results);
}

const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

/** One tree at one point: printers, metrics, decompiler, the reference interpreter and the batch evaluator. */
export function checkTree(tree: EmlNode, point: Complex, semantics: Semantics): CheckResult {
  checkRoundTrips(tree);
  const d = decompile(tree);
  if (d.text.length === 0) throw new FuzzViolation('the decompiler returned an empty text');
  const env: Record<string, Complex> = Object.create(null);
  for (const n of topoOrder(tree)) if (n.kind === 'var') env[n.name] = point;
  try {
    const v = evaluate(tree, env, semantics);
    if (typeof v.re !== 'number' || typeof v.im !== 'number') throw new FuzzViolation('evaluate returned a non-number');
  } catch (e) {
    if (!(e instanceof EvaluationError)) throw e;
    if (semantics !== 'finite') throw new FuzzViolation(`EvaluationError outside finite semantics: ${e.message}`);
    if (nodeAt(tree, e.path) !== e.node)
      throw new FuzzViolation(`EvaluationError path ${e.path} does not lead to its node`);
    return 'typed';
  }
  if (semantics !== 'finite') {
    const want = trace(tree, env, semantics).value;
    const cols = Object.fromEntries(
      Object.keys(env).map((name) => [name, { re: Float64Array.of(point.re), im: Float64Array.of(point.im) }]),
    );
    const got = compileBatch(tree, semantics).run(cols, 1);
    if (!same(got.re[0], want.re) || !same(got.im[0], want.im)) {
      throw new FuzzViolation(
        `batch evaluator gives ${got.re[0]} + ${got.im[0]}i, the interpreter ${want.re} + ${want.im}i`,
      );
    }
  }
  return 'ok';
}

/** Tree JSON documents built from arbitrary text must be read or refused with a TreeJsonError. */
export function checkTreeJson(text: string): CheckResult {
  try {
    checkRoundTrips(parseTreeJson(text).tree);
    return 'ok';
  } catch (e) {
    if (e instanceof TreeJsonError) return 'typed';
    throw e;
  }
}
