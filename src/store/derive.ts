/** Everything the views show that follows from the document, computed once per document change by the core. */
import { readInput, type InputReading } from '../eml/input.ts';
import type { PlaygroundDocument } from './document.ts';

export interface Derived {
  reading: InputReading;
}

export function derive(doc: PlaygroundDocument): Derived {
  return { reading: readInput(doc.text, { kind: doc.inputKind, compileMode: doc.compileMode, clean: doc.clean }) };
}
