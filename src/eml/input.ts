/**
 * What the Expression box means: EML in any of its syntaxes, or ordinary math that the compiler lowers to EML.
 * The playground, the tour and the CLI read user text through this one function, so "auto" detection and the
 * error a user sees are the same everywhere.
 */
import type { EmlNode } from './ast.ts';
import { compile, type CompileMode, type CompileResult } from './compiler/compile.ts';
import { CompileError } from './math/errors.ts';
import { EmlSyntaxError, parseEml, type EmlSyntax } from './syntax/index.ts';

export type InputKind = 'auto' | 'eml' | 'math';
export const INPUT_KINDS: readonly InputKind[] = ['auto', 'eml', 'math'];

export interface InputOptions {
  kind: InputKind;
  compileMode: CompileMode;
  clean: boolean;
}

export type InputReading =
  | { ok: true; kind: 'eml'; tree: EmlNode; syntax: EmlSyntax }
  | { ok: true; kind: 'math'; tree: EmlNode; compiled: CompileResult }
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
  if (looksLikeEml(text)) return 'eml';
  // e, pi, i and phi alone are math constants, not EML variables.
  if (/^\s*(1|[A-Za-z_]\w*)\s*$/.test(text) && !/^\s*(e|pi|i|phi)\s*$/i.test(text)) return 'eml';
  return 'math';
}

export function readInput(text: string, options: InputOptions): InputReading {
  const kind = options.kind === 'auto' ? detectInputKind(text) : options.kind;
  if (kind === 'eml') {
    try {
      const { tree, syntax } = parseEml(text);
      return { ok: true, kind, tree, syntax };
    } catch (e) {
      if (e instanceof EmlSyntaxError) return { ok: false, kind, error: e };
      throw e;
    }
  }
  try {
    const compiled = compile(text, { mode: options.compileMode, clean: options.clean });
    return { ok: true, kind, tree: compiled.tree, compiled };
  } catch (e) {
    if (e instanceof EmlSyntaxError || e instanceof CompileError) return { ok: false, kind, error: e };
    throw e;
  }
}
