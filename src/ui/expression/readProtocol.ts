/**
 * Messages between the Expression box and its reading worker (readWorker.ts), and the two conversions: a reading
 * into a reply (worker side) and a reply back into a reading (page side). One request, one reply, matched by id,
 * as the helper workers of src/workers/protocol.ts do. The tree travels as treeCodec's Int32Array (transferred, not
 * copied); errors travel as their typed fields and are rebuilt as the same error classes, positioned in the text.
 */
import type { CompileResult } from '../../eml/compiler/compile.ts';
import type { InputOptions, InputReading, ReadSyntax } from '../../eml/input.ts';
import { CompileError, type CompileErrorReason } from '../../eml/math/errors.ts';
import { parseMath } from '../../eml/math/parser.ts';
import type { MathNode } from '../../eml/math/ast.ts';
import { EmlSyntaxError, type EmlSyntaxErrorCode } from '../../eml/syntax/index.ts';
import { metrics as treeMetrics, type Metrics } from '../../eml/metrics.ts';
import { encodeTree, type EncodedTree } from '../../eml/treeCodec.ts';

export interface ReadRequest {
  id: number;
  text: string;
  options: InputOptions;
}

/** A compile result without its tree (sent encoded) and without what cannot cross threads (the math AST, getters). */
export interface CompiledSummary {
  k: number;
  depth: number;
  mode: CompileResult['mode'];
  clean: boolean;
  text: string;
  variables: string[];
  fromPaper: boolean;
  robust: CompileResult['robust'];
}

export interface ErrorFields {
  /** Which class to rebuild: CompileError carries a reason, EmlSyntaxError a code. */
  type: 'syntax' | 'compile';
  code: EmlSyntaxErrorCode;
  reason: CompileErrorReason | null;
  message: string;
  offset: number;
  length: number;
  hint: string;
}

/** How long the worker took to read, for the page's own measurements. */
export interface ReadMetrics {
  readMs: number;
  encodeMs: number;
  /** Distinct nodes in the encoded tree (0 for an error). */
  nodes: number;
}

export type ReadReply =
  | { id: number; ok: true; kind: 'eml'; syntax: ReadSyntax; tree: EncodedTree; sizes: Metrics; metrics: ReadMetrics }
  | {
      id: number;
      ok: true;
      kind: 'math';
      compiled: CompiledSummary;
      tree: EncodedTree;
      sizes: Metrics;
      metrics: ReadMetrics;
    }
  | { id: number; ok: false; kind: 'eml' | 'math'; error: ErrorFields; metrics: ReadMetrics };

function errorFields(e: EmlSyntaxError): ErrorFields {
  const compile = e instanceof CompileError;
  return {
    type: compile ? 'compile' : 'syntax',
    code: e.code,
    reason: compile ? e.reason : null,
    message: e.message,
    offset: e.offset,
    length: e.length,
    hint: e.hint,
  };
}

/** The error again, positioned in `source` (line and column are computed from it, as the parsers do). */
export function errorFromFields(f: ErrorFields, source: string): EmlSyntaxError {
  if (f.type === 'compile')
    return new CompileError(f.message, f.reason ?? 'internal', {
      source,
      offset: f.offset,
      length: f.length,
      hint: f.hint,
    });
  return new EmlSyntaxError(
    { code: f.code, message: f.message, offset: f.offset, length: f.length, hint: f.hint },
    source,
  );
}

/** Worker side: the reply for `reading`, and what to transfer with it. */
export function replyFor(
  id: number,
  reading: InputReading,
  readMs: number,
  clock: () => number,
): { reply: ReadReply; transfer: ArrayBuffer[] } {
  if (!reading.ok)
    return {
      reply: {
        id,
        ok: false,
        kind: reading.kind,
        error: errorFields(reading.error),
        metrics: { readMs, encodeMs: 0, nodes: 0 },
      },
      transfer: [],
    };
  const t0 = clock();
  const tree = encodeTree(reading.tree);
  // The views' size walk (K, depth, variables: ~90 ms for 200 000 nodes on the page) is done here, where it is free.
  const sizes = treeMetrics(reading.tree);
  const metrics = { readMs, encodeMs: clock() - t0, nodes: tree.nodes.length >> 1 };
  const transfer = [tree.nodes.buffer as ArrayBuffer];
  if (reading.kind === 'eml')
    return { reply: { id, ok: true, kind: 'eml', syntax: reading.syntax, tree, sizes, metrics }, transfer };
  const c = reading.compiled;
  const compiled: CompiledSummary = {
    k: c.k,
    depth: c.depth,
    mode: c.mode,
    clean: c.clean,
    text: c.text,
    variables: c.variables,
    fromPaper: c.fromPaper,
    robust: c.robust,
  };
  return { reply: { id, ok: true, kind: 'math', compiled, tree, sizes, metrics }, transfer };
}

/**
 * Page side: a compile result for a tree read in the worker. The validity domain and the paper K are not measured
 * for such large inputs (null, as the compiler does over its scan budget); the math AST, which only the plot's
 * reference curve and the LaTeX export use, is parsed from the text on first use.
 */
export function compiledFrom(summary: CompiledSummary, tree: CompileResult['tree'], source: string): CompileResult {
  let math: MathNode | null = null;
  const result = { ...summary, tree, domain: null, paperK: null } as Omit<CompileResult, 'math'>;
  return Object.defineProperty(result, 'math', {
    enumerable: true,
    get: () => (math ??= parseMath(source)),
  }) as CompileResult;
}
