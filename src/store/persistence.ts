/**
 * Where the document comes from at start-up and where it goes while the user works: the share link in the URL
 * hash wins, then the autosave in localStorage, then the default. Restored state is untrusted input: it is
 * validated completely (fields, sizes, and the text must read) before use, and when it cannot be used the user
 * is told and keeps the text. A failed autosave is shown, never silent (see autosaveStatus).
 */
import { create } from 'zustand';
import { readCached, readOptions } from './derive.ts';
import { DEFAULT_DOCUMENT, type PlaygroundDocument } from './document.ts';
import { decodeDocument, MAX_TEXT_LENGTH, stateFromHash, validateDocument } from './urlCodec.ts';

export const AUTOSAVE_KEY = 'eml-playground/autosave/v1';
const AUTOSAVE_DELAY_MS = 400;
/**
 * The largest autosave written or read, in characters: a document (≤ 1 MB of text) and a draft (≤ 1 MB) with
 * room for the JSON around them. Browsers give an origin about 5 M characters of localStorage.
 */
export const MAX_AUTOSAVE_CHARS = 2 * MAX_TEXT_LENGTH + 10_000;

/** Saved state that could not be used, offered back to the user as text so nothing is lost. */
export interface Recovery {
  source: 'autosave' | 'link';
  text: string;
}

export interface StartState {
  doc: PlaygroundDocument;
  /** The Expression box as it was left, which may differ from the applied text (unfinished typing). */
  draft: string;
  /** Said to the user when a link or an autosave could not be used. */
  notice: string | null;
  from: 'link' | 'autosave' | 'default';
  /** The saved state as text, when it was not loaded (a failed last boot, damaged data); empty otherwise. */
  recovery: Recovery[];
}

interface Autosave {
  doc: PlaygroundDocument;
  draft: string;
}

export interface StartOptions {
  /** The last boot in this tab never finished (see boot.ts): start with the default and offer the saved state. */
  lastBootFailed?: boolean;
}

const fresh = (notice: string | null, recovery: Recovery[] = []): StartState => ({
  doc: DEFAULT_DOCUMENT,
  draft: DEFAULT_DOCUMENT.text,
  notice,
  from: 'default',
  recovery,
});

/**
 * A validated document whose text must also read: one that does not (a link made by another version, a hostile
 * link) starts from the default expression with the restored settings, and its text goes into the Expression
 * box, where its error is shown and it can be fixed.
 */
function usable(doc: PlaygroundDocument, draft: string, from: 'link' | 'autosave', repaired?: string): StartState {
  const reading = readCached(doc.text, readOptions(doc));
  // A part set back to its default on the way in (urlCodec's DecodeResult notice) is said too.
  const also = repaired ? ` Also, ${repaired}.` : '';
  if (reading.ok) {
    const opened = from === 'link' ? 'The shared link was opened' : 'Your last session was restored';
    return { doc, draft, notice: repaired ? `${opened}, but ${repaired}.` : null, from, recovery: [] };
  }
  const where = from === 'link' ? 'The shared link’s expression' : 'The saved expression';
  return {
    doc: { ...doc, text: DEFAULT_DOCUMENT.text, inputKind: DEFAULT_DOCUMENT.inputKind },
    draft: doc.text,
    notice: `${where} does not read (${reading.error.message.slice(0, 200)}); it is in the Expression box to fix, and the default example is shown meanwhile.${also}`,
    from,
    recovery: [],
  };
}

function readSaved(storage: Pick<Storage, 'getItem'> | null): string | null {
  try {
    return storage?.getItem(AUTOSAVE_KEY) ?? null;
  } catch {
    return null; // storage disabled (private mode, sandboxed frame)
  }
}

export function readStartState(
  hash: string,
  storage: Pick<Storage, 'getItem'> | null,
  options: StartOptions = {},
): StartState {
  const encoded = stateFromHash(hash);
  const saved = readSaved(storage);
  if (options.lastBootFailed) {
    // Load nothing that may have caused the failure; hand the saved state back as text instead.
    const recovery: Recovery[] = [];
    if (hash.replace(/^#/, '') !== '') recovery.push({ source: 'link', text: hash });
    if (saved !== null) recovery.push({ source: 'autosave', text: saved });
    return fresh(
      recovery.length > 0
        ? 'The app did not finish starting last time, so it opened with the default example. What it was opening is below as text, to copy or download.'
        : 'The app did not finish starting last time, so it opened with the default example.',
      recovery,
    );
  }
  if (encoded !== null) {
    const r = decodeDocument(encoded);
    if (r.ok) return usable(r.doc, r.doc.text, 'link', r.notice);
    return fresh(`The shared link could not be opened: ${r.error}. Showing the default example instead.`);
  }
  if (saved === null) return fresh(null);
  if (saved.length > MAX_AUTOSAVE_CHARS) {
    return fresh(
      `Your last session could not be restored (the saved data is ${saved.length} characters, over the ${MAX_AUTOSAVE_CHARS} limit). It is below as text.`,
      [{ source: 'autosave', text: saved }],
    );
  }
  let raw: { doc?: unknown; draft?: unknown };
  try {
    raw = JSON.parse(saved) as { doc?: unknown; draft?: unknown };
    if (typeof raw !== 'object' || raw === null) throw new Error('not an object');
  } catch {
    return fresh('Your last session could not be restored (the saved data is damaged). It is below as text.', [
      { source: 'autosave', text: saved },
    ]);
  }
  const r = validateDocument(raw.doc);
  if (!r.ok)
    return fresh(`Your last session could not be restored (${r.error}). It is below as text.`, [
      { source: 'autosave', text: saved },
    ]);
  const draft = typeof raw.draft === 'string' && raw.draft.length <= MAX_TEXT_LENGTH ? raw.draft : r.doc.text;
  return usable(r.doc, draft, 'autosave', r.notice);
}

export type AutosaveProblem = 'storage-full' | 'too-large' | 'unavailable';

export interface AutosaveStatus {
  /** null while saving works (or nothing was saved yet). */
  problem: AutosaveProblem | null;
  message: string | null;
}

/** The autosave's health, shown by the toolbar: a failed save must say so and offer a download of the work. */
export const useAutosaveStatus = create<AutosaveStatus>()(() => ({ problem: null, message: null }));

/** The document as the autosave stores it (also what "Download your work" saves). */
export function autosaveJson(s: Autosave): string {
  // A draft equal to the applied text (the usual case) is left out: a 1 MB expression is then written once, not twice.
  return JSON.stringify({ doc: { v: 1, ...s.doc }, draft: s.draft === s.doc.text ? undefined : s.draft });
}

function problemOf(e: unknown): AutosaveProblem {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  return /quota/i.test(name) || /quota|full|exceeded/i.test(String((e as Error | null)?.message ?? ''))
    ? 'storage-full'
    : 'unavailable';
}

const MESSAGES: Record<AutosaveProblem, string> = {
  'storage-full': 'Autosave failed: the browser’s storage is full.',
  'too-large': `Autosave skipped: the work is too large to keep in the browser (over ${MAX_TEXT_LENGTH} characters of text).`,
  unavailable: 'Autosave failed: the browser refused to store the work.',
};

/** Save (doc, draft) a moment after the last change; returns a function that stops autosaving. */
export function startAutosave(
  subscribe: (listener: (s: Autosave) => void) => () => void,
  storage: Pick<Storage, 'setItem'>,
  report: (status: AutosaveStatus) => void = (s) => useAutosaveStatus.setState(s),
  /** Calls `flush` when the page is left (pagehide), so a reload within the delay does not lose the last edit. */
  onLeave?: (flush: () => void) => () => void,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let latest: Autosave | null = null;
  let failing = false;
  const save = (s: Autosave) => {
    // What the next boot would refuse is not stored: it would replace a good save with one that cannot be read.
    const text = s.draft.length > MAX_TEXT_LENGTH || s.doc.text.length > MAX_TEXT_LENGTH ? null : autosaveJson(s);
    let problem: AutosaveProblem | null = null;
    if (text === null || text.length > MAX_AUTOSAVE_CHARS) problem = 'too-large';
    else {
      try {
        storage.setItem(AUTOSAVE_KEY, text);
      } catch (e) {
        problem = problemOf(e);
      }
    }
    if (problem) {
      failing = true;
      report({ problem, message: MESSAGES[problem] });
    } else if (failing) {
      failing = false;
      report({ problem: null, message: null });
    }
  };
  const unsubscribe = subscribe((s) => {
    if (timer) clearTimeout(timer);
    latest = s;
    timer = setTimeout(() => {
      timer = null;
      save(s);
    }, AUTOSAVE_DELAY_MS);
  });
  const stopLeave = onLeave?.(() => {
    if (timer && latest) {
      clearTimeout(timer);
      timer = null;
      save(latest);
    }
  });
  return () => {
    if (timer) clearTimeout(timer);
    unsubscribe();
    stopLeave?.();
  };
}
