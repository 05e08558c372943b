/**
 * The document's reading (its tree, and for ordinary math the compile result), made once per change of
 * deriveKey(doc): the store keeps it in `derived`. What the views compute from the tree (sizes, the trace at the
 * sliders, the plot model, block and node readings) is shared per tree in views.ts.
 */
import type { EmlNode } from '../eml/ast.ts';
import { readInput, type InputOptions, type InputReading } from '../eml/input.ts';
import { CompileError } from '../eml/math/errors.ts';
import type { PlaygroundDocument } from './document.ts';

export interface Derived {
  /** deriveKey of the document this was derived from. */
  key: string;
  reading: InputReading;
}

/** The read options a document implies (its kind, compile mode and clean flag). */
export const readOptions = (doc: PlaygroundDocument): InputOptions => ({
  kind: doc.inputKind,
  compileMode: doc.compileMode,
  clean: doc.clean,
});

/** The key of a text read with `options`: equal keys, equal readings. */
export const readKey = (text: string, options: InputOptions) =>
  `${options.kind}|${options.compileMode}|${options.clean}|${text}`;

/**
 * The one list of the document fields the reading depends on: two documents with the same key have the same
 * reading (and tree), so the store re-derives exactly when this changes. The semantics, sliders and plot range
 * change only the views' evaluations, which follow the tree (views.ts).
 */
export const deriveKey = (doc: PlaygroundDocument): string => readKey(doc.text, readOptions(doc));

/** Longest message quoted from an unexpected failure: a hostile input can make messages (and stacks) huge. */
const MESSAGE_LIMIT = 300;

/**
 * readInput that never throws. The core promises typed errors, but the UI reads user text during render and in
 * store actions, where an escaped exception would take a whole view (or, before the boundaries, the page) down;
 * so anything unexpected becomes an ordinary error reading with a bounded message.
 */
export function readSafely(text: string, options: InputOptions): InputReading {
  try {
    return readInput(text, options);
  } catch (e) {
    const raw = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    const message = raw.length > MESSAGE_LIMIT ? `${raw.slice(0, MESSAGE_LIMIT)}…` : raw;
    const kind = options.kind === 'eml' ? 'eml' : 'math';
    const error = new CompileError(`this expression could not be read (${message})`, 'internal', {
      source: text.length > MESSAGE_LIMIT ? '' : text,
      offset: 0,
      length: 1,
      hint: 'Try a smaller or simpler expression; "Copy report" on a failed view helps us fix it.',
    });
    return { ok: false, kind, error };
  }
}

/**
 * The last few readings, by text and options. The Expression box reads the draft while it is typed, and applying
 * it (a pause or Enter) needs the same reading: reading a 1 MB text twice would double the longest task.
 */
const CACHE_SIZE = 4;
const cache: Array<{ key: string; reading: InputReading }> = [];

export function readCached(text: string, options: InputOptions): InputReading {
  const hit = peekReading(text, options);
  if (hit) return hit;
  const reading = readSafely(text, options);
  rememberReading(text, options, reading);
  return reading;
}

/** The cached reading of `text`, if there is one; never reads. */
export function peekReading(text: string, options: InputOptions): InputReading | undefined {
  const key = readKey(text, options);
  return cache.find((c) => c.key === key)?.reading;
}

/**
 * Records a reading made elsewhere (the Expression box reads long drafts in a worker), so that applying the draft
 * finds it here instead of reading the text again on the main thread.
 */
export function rememberReading(text: string, options: InputOptions, reading: InputReading): void {
  const key = readKey(text, options);
  const at = cache.findIndex((c) => c.key === key);
  if (at >= 0) cache.splice(at, 1);
  cache.unshift({ key, reading });
  cache.length = Math.min(cache.length, CACHE_SIZE);
}

/**
 * `known` is the tree the text was printed from (after a node edit): printing and parsing round-trip exactly
 * (a property test checks it), so reading the text again would only cost time on large trees.
 */
export function derive(doc: PlaygroundDocument, known?: EmlNode): Derived {
  const key = deriveKey(doc);
  if (known && doc.inputKind === 'eml')
    return { key, reading: { ok: true, kind: 'eml', tree: known, syntax: 'functional' } };
  return { key, reading: readCached(doc.text, readOptions(doc)) };
}
