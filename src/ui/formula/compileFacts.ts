/**
 * What the facts worker (decompileWorker.ts) computes for factsClient.ts: the text read as the playground reads it
 * (readInput with the document's kind, compile mode and clean flag), then the compile result's lazy paper K and
 * measured domain and known defects (for EML text: the domain of its decompiled reading). Kept apart from the
 * worker's message plumbing so it can be tested without a worker.
 */
import { compile } from '../../eml/compiler/compile.ts';
import type { EmlNode } from '../../eml/ast.ts';
import { readingDomain } from '../../eml/compiler/readingDomain.ts';
import { readInput, type InputOptions } from '../../eml/input.ts';

/** What the core's null domain means (CompileResult.domain): it does not say which of these it was. */
export const DOMAIN_NOT_MEASURED = 'more than two variables, or too large to scan within its budget';

/** A FactsReply without its envelope (type, id). */
export type FactsAnswer =
  | {
      ok: true;
      domain: { text: string } | { text: null; reason: string };
      paperK: number | null;
      /**
       * K of the same text compiled robustly and in the shortest form (null where that mode refuses it or fails), so
       * the panel says every K with its mode (issue 15). Optional: older replies and test doubles leave it out.
       */
      modeK?: { robust: number | null; shortest: number | null };
      /** The tree's inherited defects as "what it computes: why" (compiler/defects.ts), empty for almost every tree. */
      knownDefects: string[];
    }
  | { ok: false; error: string };

/** An error's message cut to 300 characters: replies stay small whatever the input was. */
export function boundedMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

/** Never throws: a failed read or compile is an answer with a bounded message, a failed getter hides one fact. */
export function compileFacts(text: string, options: InputOptions): FactsAnswer {
  try {
    const reading = readInput(text, options);
    if (!reading.ok) return { ok: false, error: boundedMessage(reading.error) };
    if (reading.kind !== 'math') return emlFacts(reading.tree);
    const compiled = reading.compiled;
    // Each getter fails alone: a failure hides only its own number.
    let paperK: number | null;
    try {
      paperK = compiled.paperK;
    } catch {
      paperK = null;
    }
    let domain: { text: string } | { text: null; reason: string };
    try {
      const d = compiled.domain;
      domain = d ? { text: d.text } : { text: null, reason: DOMAIN_NOT_MEASURED };
    } catch (err) {
      domain = { text: null, reason: `the scan failed: ${boundedMessage(err)}` };
    }
    let knownDefects: string[];
    try {
      knownDefects = compiled.knownDefects.map((d) => `${d.text}: ${d.reason}`);
    } catch {
      knownDefects = [];
    }
    const kIn = (mode: 'robust' | 'shortest'): number | null => {
      if (compiled.mode === mode) return compiled.k;
      try {
        return compile(text, { mode, clean: options.clean }).k;
      } catch {
        return null;
      }
    };
    return { ok: true, domain, paperK, modeK: { robust: kIn('robust'), shortest: kIn('shortest') }, knownDefects };
  } catch (err) {
    return { ok: false, error: boundedMessage(err) };
  }
}

/**
 * A tree typed as EML: nothing was compiled, so the domain is that of its decompiled reading (what the tree
 * computes, compiler/readingDomain.ts), e.g. "equals cosh(x) for −707 ≤ x ≤ 5.89"; no paper K.
 */
function emlFacts(tree: EmlNode): FactsAnswer {
  const r = readingDomain(tree);
  if (!r) return { ok: false, error: 'the tree has no ordinary-math reading to measure a domain against' };
  const domain = r.domain ? { text: r.domain.text } : { text: null, reason: DOMAIN_NOT_MEASURED };
  return { ok: true, domain, paperK: null, knownDefects: [] };
}
