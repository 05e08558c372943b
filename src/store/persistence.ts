/**
 * Where the document comes from at start-up and where it goes while the user works: the share link in the URL
 * hash wins, then the autosave in localStorage, then the default. Bad saved state never crashes the page: it is
 * reported and replaced by the default.
 */
import { DEFAULT_DOCUMENT, type PlaygroundDocument } from './document.ts';
import { decodeDocument, stateFromHash, validateDocument } from './urlCodec.ts';

export const AUTOSAVE_KEY = 'eml-playground/autosave/v1';
const AUTOSAVE_DELAY_MS = 400;

export interface StartState {
  doc: PlaygroundDocument;
  /** The Expression box as it was left, which may differ from the applied text (unfinished typing). */
  draft: string;
  /** Said to the user when a link or an autosave could not be used. */
  notice: string | null;
  from: 'link' | 'autosave' | 'default';
}

interface Autosave {
  doc: PlaygroundDocument;
  draft: string;
}

export function readStartState(hash: string, storage: Pick<Storage, 'getItem'> | null): StartState {
  const encoded = stateFromHash(hash);
  if (encoded !== null) {
    const r = decodeDocument(encoded);
    if (r.ok) return { doc: r.doc, draft: r.doc.text, notice: null, from: 'link' };
    return { doc: DEFAULT_DOCUMENT, draft: DEFAULT_DOCUMENT.text, notice: `The shared link could not be opened: ${r.error}. Showing the default example instead.`, from: 'default' };
  }
  let saved: string | null = null;
  try {
    saved = storage?.getItem(AUTOSAVE_KEY) ?? null;
  } catch {
    saved = null; // storage disabled (private mode, sandboxed frame)
  }
  if (saved !== null) {
    try {
      const raw = JSON.parse(saved) as { doc?: unknown; draft?: unknown };
      const r = validateDocument(raw.doc);
      if (r.ok) return { doc: r.doc, draft: typeof raw.draft === 'string' ? raw.draft : r.doc.text, notice: null, from: 'autosave' };
      return { doc: DEFAULT_DOCUMENT, draft: DEFAULT_DOCUMENT.text, notice: `Your last session could not be restored (${r.error}).`, from: 'default' };
    } catch {
      return { doc: DEFAULT_DOCUMENT, draft: DEFAULT_DOCUMENT.text, notice: 'Your last session could not be restored (the saved data is damaged).', from: 'default' };
    }
  }
  return { doc: DEFAULT_DOCUMENT, draft: DEFAULT_DOCUMENT.text, notice: null, from: 'default' };
}

/** Save (doc, draft) a moment after the last change; returns a function that stops autosaving. */
export function startAutosave(
  subscribe: (listener: (s: Autosave) => void) => () => void,
  storage: Pick<Storage, 'setItem'>,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = subscribe((s) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        storage.setItem(AUTOSAVE_KEY, JSON.stringify({ doc: { v: 1, ...s.doc }, draft: s.draft }));
      } catch {
        // Quota exceeded or storage disabled: autosave is a convenience, the share link still works.
      }
    }, AUTOSAVE_DELAY_MS);
  });
  return () => {
    if (timer) clearTimeout(timer);
    unsubscribe();
  };
}
