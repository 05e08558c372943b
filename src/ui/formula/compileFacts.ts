/**
 * What the facts worker (decompileWorker.ts) computes for factsClient.ts: the paper K, measured domain and known
 * defects of the compile result the page already made (or, for EML text, the domain of the tree's decompiled
 * reading). The page sends that tree encoded with what it was compiled from (FactsSource), so the worker reads
 * the facts off it and never reads or compiles the text again; it compiles only the other modes, for their K.
 * Kept apart from the worker's message plumbing so it can be tested without a worker.
 */
import { compile, paperKOf } from '../../eml/compiler/compile.ts';
import type { EmlNode } from '../../eml/ast.ts';
import { knownDefects } from '../../eml/compiler/defects.ts';
import { treeDomain } from '../../eml/compiler/treeDomain.ts';
import type { Interval, ValidityDomain } from '../../eml/compiler/domains.ts';
import { conditionTextsRead, readingDomain } from '../../eml/compiler/readingDomain.ts';
import type { InputReading } from '../../eml/input.ts';
import { mathVariables, type MathNode } from '../../eml/math/ast.ts';
import { printMathText } from '../../eml/math/print.ts';
import { decodeTree, encodeTree, type EncodedTree } from '../../eml/treeCodec.ts';
import type { CompileResult } from '../../eml/compiler/compile.ts';

/** What the facts are read from: the page's tree, and for ordinary math what it was compiled from and how. */
export interface FactsSource {
  tree: EncodedTree;
  /** null: EML input (nothing was compiled). The math AST is plain data (its numbers are bigint pairs). */
  compiled: { math: MathNode; mode: CompileResult['mode']; clean: boolean } | null;
}

/** The source of a reading the page made (the store's derived reading); the tree is encoded afresh (transferable). */
export function factsSource(reading: Extract<InputReading, { ok: true }>): FactsSource {
  return {
    tree: encodeTree(reading.tree),
    compiled:
      reading.kind === 'math'
        ? { math: reading.compiled.math, mode: reading.compiled.mode, clean: reading.compiled.clean }
        : null,
  };
}

/** What the core's null domain means (CompileResult.domain): it does not say which of these it was. */
export const DOMAIN_NOT_MEASURED = 'more than two variables, or too large to scan within its budget';

/**
 * The stated domain: its sentence, and the scanned lines' intervals as numbers so the Plot can shade outside them
 * (it computes nothing itself). Each line is as domains.ts names it ('x = t' for one variable).
 */
export type FactsDomain =
  { text: string; lines?: Array<{ line: string; intervals: Interval[] }> } | { text: null; reason: string };

/** The lines of a measured domain as plain data (the worker's reply is cloned). */
const linesOf = (d: ValidityDomain): Array<{ line: string; intervals: Interval[] }> =>
  d.lines.map((l) => ({ line: l.line, intervals: l.intervals.map((iv) => ({ lo: iv.lo, hi: iv.hi })) }));

/** A FactsReply without its envelope (type, id). */
export type FactsAnswer =
  | {
      ok: true;
      domain: FactsDomain;
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

/**
 * Never throws: a damaged source or a failed mode is an answer with a bounded message, a failed fact hides only
 * itself. The three facts are those of compile.ts's CompileResult getters, computed from the same tree and math.
 */
export function compileFacts(source: FactsSource): FactsAnswer {
  try {
    const tree = decodeTree(source.tree);
    if (!source.compiled) return emlFacts(tree);
    const { math, mode, clean } = source.compiled;
    const variables = mathVariables(math);
    let paperK: number | null;
    try {
      paperK = mode === 'paper' ? tree.k : paperKOf(math, clean);
    } catch {
      paperK = null;
    }
    let domain: FactsDomain;
    try {
      // Compiled again here so the interned nodes of the decoded tree carry their constructions (ast.ts interns
      // every pair): the domain's ends are then labelled with the analysed limits, as compile.ts's own domain is.
      try {
        compile(math, { mode, clean });
      } catch {
        // Without the records every end is stated as measured: still true.
      }
      const d = treeDomain(tree, math, variables, printMathText(math), conditionTextsRead(tree));
      domain = d ? { text: d.text, lines: linesOf(d) } : { text: null, reason: DOMAIN_NOT_MEASURED };
    } catch (err) {
      domain = { text: null, reason: `the scan failed: ${boundedMessage(err)}` };
    }
    let defects: string[];
    try {
      defects = knownDefects(tree, math, variables).map((d) => `${d.text}: ${d.reason}`);
    } catch {
      defects = [];
    }
    // The compiled mode's K is the tree's; only the other modes are compiled here.
    const kIn = (other: 'robust' | 'shortest'): number | null => {
      if (mode === other) return tree.k;
      try {
        return compile(math, { mode: other, clean }).k;
      } catch {
        return null;
      }
    };
    return {
      ok: true,
      domain,
      paperK,
      modeK: { robust: kIn('robust'), shortest: kIn('shortest') },
      knownDefects: defects,
    };
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
  const domain = r.domain
    ? { text: r.domain.text, lines: linesOf(r.domain) }
    : { text: null, reason: DOMAIN_NOT_MEASURED };
  return { ok: true, domain, paperK: null, knownDefects: [] };
}
