/** Everything the views show that follows from the document, computed once per document change by the core. */
import type { EmlNode } from '../eml/ast.ts';
import { readInput, type InputReading } from '../eml/input.ts';
import type { PlaygroundDocument } from './document.ts';

export interface Derived {
  reading: InputReading;
}

/**
 * `known` is the tree the text was printed from (after a node edit): printing and parsing round-trip exactly
 * (a property test checks it), so reading the text again would only cost time on large trees.
 */
export function derive(doc: PlaygroundDocument, known?: EmlNode): Derived {
  if (known && doc.inputKind === 'eml') return { reading: { ok: true, kind: 'eml', tree: known, syntax: 'functional' } };
  return { reading: readInput(doc.text, { kind: doc.inputKind, compileMode: doc.compileMode, clean: doc.clean }) };
}
