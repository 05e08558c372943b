/**
 * What the Expression box means: EML in any of its syntaxes, or ordinary math that the compiler lowers to EML.
 * Everything in the playground that reads user text (the Expression box, the node editor, the facts worker) goes
 * through this one function, so "auto" detection and the error a user sees are the same there. The CLI's commands
 * take one kind each (EML for eval/metrics/convert/decompile, math for compile) and call the parser or the compiler
 * directly; the tour reads exercise answers with its own rules (src/tour/exerciseInput.ts: EML, or math compiled
 * in paper mode).
 */
import type { EmlNode } from './ast.ts';
import { compile, type CompileMode, type CompileResult } from './compiler/compile.ts';
import { CompileError } from './math/errors.ts';
import { looksLikeTreeJson, readTreeJsonInput } from './export/json.ts';
import { EmlSyntaxError, parseEml, type EmlSyntax } from './syntax/index.ts';

export type InputKind = 'auto' | 'eml' | 'math';
export const INPUT_KINDS: readonly InputKind[] = ['auto', 'eml', 'math'];

export interface InputOptions {
  kind: InputKind;
  compileMode: CompileMode;
  clean: boolean;
}

/** How EML input was written: one of the text syntaxes, or an eml-tree JSON document (Export → JSON). */
export type ReadSyntax = EmlSyntax | 'json';

export type InputReading =
  | { ok: true; kind: 'eml'; tree: EmlNode; syntax: ReadSyntax }
  | { ok: true; kind: 'math'; tree: EmlNode; compiled: CompileResult }
  /** Parse and compile errors; CompileError (an EmlSyntaxError too) also carries the safety net's internal errors. */
  | { ok: false; kind: 'eml' | 'math'; error: EmlSyntaxError | CompileError };

/**
 * Text that is EML in form: it starts with an eml/E call (either bracket), or is RPN made only of `1`,
 * identifiers and E/EML tokens with at least one operator. A lone leaf like `x` reads the same either way.
 */
export function looksLikeEml(text: string): boolean {
  const t = text.trim();
  if (/^(eml|e)\s*[([]/i.test(t)) return true;
  if (/^\{?[\s,]*(?:(?:1|[A-Za-z_][A-Za-z0-9_]*)[\s,]+)+(?:e|eml)\b[\sA-Za-z0-9_,]*\}?$/i.test(t)) {
    return /(^|[\s,])(e|eml)([\s,}]|$)/i.test(t);
  }
  return false;
}

/** Auto-detection: EML when it looks like EML or is a lone leaf (same tree either way), ordinary math otherwise. */
export function detectInputKind(text: string): 'eml' | 'math' {
  if (looksLikeEml(text) || looksLikeTreeJson(text)) return 'eml';
  // e, pi, i and phi alone are math constants, not EML variables.
  if (/^\s*(1|[A-Za-z_]\w*)\s*$/.test(text) && !/^\s*(e|pi|i|phi)\s*$/i.test(text)) return 'eml';
  return 'math';
}

/**
 * Reads the text; never throws. Parse and compile errors come back positioned. Anything else (a bug, a stack
 * overflow, running out of memory on something no budget foresaw) is the safety net's case: it comes back as a
 * CompileError of the whole input, "internal error while compiling: …", so the caller (often a render) keeps working
 * and the user sees what happened instead of a blank page.
 */
export function readInput(text: string, options: InputOptions): InputReading {
  let kind: 'eml' | 'math' = options.kind === 'math' ? 'math' : 'eml';
  try {
    kind = options.kind === 'auto' ? detectInputKind(text) : options.kind;
    if (kind === 'eml') {
      if (looksLikeTreeJson(text)) return { ok: true, kind, tree: readTreeJsonInput(text), syntax: 'json' };
      const { tree, syntax } = parseEml(text);
      return { ok: true, kind, tree, syntax };
    }
    const compiled = compile(text, { mode: options.compileMode, clean: options.clean });
    return { ok: true, kind, tree: compiled.tree, compiled };
  } catch (e) {
    if (e instanceof EmlSyntaxError) return { ok: false, kind, error: e };
    return { ok: false, kind, error: internalError(e, text) };
  }
}

/** The safety net's error: positioned over the whole input, with a bounded description of what was thrown. */
function internalError(e: unknown, text: string): CompileError {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const shown = what.length > 200 ? `${what.slice(0, 200)}…` : what;
  return new CompileError(`internal error while compiling: ${shown}`, 'internal', {
    source: text,
    offset: 0,
    length: Math.max(1, text.length),
    hint: 'this is a bug in EML Playground: please report it with the input that caused it',
  });
}
