/**
 * The fitting cockpit's start-up and autosave. Start-up restores from a `#fit/<run>` link (wins) or the autosave,
 * validating everything first (fitRestore.ts, runCodec.ts) and keeping what can be kept; it never throws, and it says
 * in notices what was not restored and why. The autosave keeps small tables in localStorage and large ones in the
 * browser database (blobStore.ts), and a save that fails says so in the store (`saveProblem`), where the cockpit
 * shows it with a download of the data and settings: nothing is lost silently.
 */
import { decodeRun } from '../fit/runCodec.ts';
import { searchLinkJson } from '../fit/searchLink.ts';
import type { SearchResult } from './searchSlice.ts';
import { searchLinkOf } from './searchSlice.ts';
import { excerpt } from '../fit/table.ts';
import type { BlobStore } from './blobStore.ts';
import { restoreSession } from './fitRestore.ts';
import { useFit, type FitState } from './fitStore.ts';

export const FIT_AUTOSAVE_KEY = 'eml-playground/fit/v1';
/** Key of the large table in the blob store. */
export const FIT_TEXT_BLOB = 'fit/text';
/** Tables longer than this (characters) are saved in the blob store, not in localStorage. */
export const LOCAL_TEXT_CHARS = 100_000;
const DEBOUNCE_MS = 500;

/** The fields of the fitting state that the autosave keeps; the saved type is derived from this list. */
const SAVED_FIELDS = [
  'text',
  'header',
  'source',
  'generator',
  'mapping',
  'validation',
  'splitSeed',
  'sampleRows',
  'settings',
  'candidates',
  'selected',
] as const satisfies readonly (keyof FitState)[];

type Saved = Pick<FitState, (typeof SAVED_FIELDS)[number]> & {
  /** The last finished formula search (the same object until the next one: progress does not count as a change). */
  search: SearchResult | null;
};

function snapshot(s: FitState): Saved {
  const picked = Object.fromEntries(SAVED_FIELDS.map((key) => [key, s[key]])) as Pick<
    FitState,
    (typeof SAVED_FIELDS)[number]
  >;
  return { ...picked, search: s.search.status === 'done' ? s.search.result : null };
}

/** The saved form: a search result as a link carries it (no plot values or typeset HTML; none when too large). */
function savedJson(snap: Saved): Record<string, unknown> {
  const { search, ...rest } = snap;
  const json = search ? searchLinkJson(searchLinkOf(search)) : null;
  return { ...rest, ...(json ? { search: json } : {}) };
}

/** The current data and settings as JSON: what the cockpit offers to download when saving failed. */
export function sessionJson(): string {
  return JSON.stringify(
    { v: 1, ...savedJson(snapshot(useFit.getState())) },
    (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
    2,
  );
}

/** A cheap fingerprint (FNV-1a over the characters) tying a localStorage save to its table in the blob store. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}:${(h >>> 0).toString(16)}`;
}

const why = (e: unknown) => excerpt(e instanceof Error ? e.message || e.name : String(e), 160);

/** The autosave, applied field by field; returns what could not be restored. */
async function bootAutosave(raw: string, blobs: BlobStore | null): Promise<string[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [
      'Your last fitting session could not be restored: the saved data is damaged (not JSON). The defaults are shown; the damaged save is replaced by your next change.',
    ];
  }
  const { session, problems } = restoreSession(parsed);
  let text = session.text;
  const ref = (parsed as { textBlob?: unknown })?.textBlob;
  if (text === null && typeof ref === 'string') {
    try {
      const t = blobs ? await blobs.get(FIT_TEXT_BLOB) : null;
      if (t !== null && fingerprint(t) === ref) text = t;
      else
        problems.push(
          t === null
            ? 'the data table (it is not in the browser database any more)'
            : 'the data table (the browser database holds a different one)',
        );
    } catch (e) {
      problems.push(`the data table (${why(e)})`);
    }
  }
  const { candidates, selected, text: _inline, search, ...rest } = session;
  useFit.setState({
    ...rest,
    ...(text !== null ? { text } : {}),
    generatorErrors: [],
    candidates,
    selected,
    status: 'idle',
    live: null,
    message: null,
  });
  if (search) {
    // Shown at once, then re-measured on the restored data in a worker (dropped with a message if it disagrees).
    const st = useFit.getState();
    const m = st.mapping;
    void st.restoreSearch(search, {
      text: st.text,
      ...(m ? { target: String(m.output + 1), inputs: m.inputs.map((i) => String(i + 1)) } : {}),
      validationFraction: st.validation,
      splitSeed: st.splitSeed,
      noise: search.noise,
    });
  }
  if (problems.length === 0) return [];
  return [
    `Your last fitting session was restored except for ${problems.slice(0, 4).join('; ')}${problems.length > 4 ? ` and ${problems.length - 4} more` : ''}; those are back to their defaults.`,
  ];
}

/**
 * Restore from a `#fit/<run>` link (wins) or the autosave. Never throws; returns notices for the page: a link that
 * could not be opened (the autosave is restored instead), a generator that could not make its data, parts of the
 * autosave that were not valid.
 */
export async function bootFit(
  encoded: string | null,
  storage: Pick<Storage, 'getItem'> | null,
  blobs: BlobStore | null = null,
): Promise<string[]> {
  const notices: string[] = [];
  try {
    if (encoded) {
      const r = decodeRun(encoded);
      if (r.ok) {
        useFit.getState().loadRun(r.run);
        if (r.run.searchDropped)
          notices.push(
            `The fitting link's search result was not opened (${excerpt(r.run.searchDropped, 200)}); its data and settings were. Press Play to search again.`,
          );
        if (r.run.search) {
          const st = useFit.getState();
          const m = r.run.mapping;
          void st.restoreSearch(r.run.search, {
            text: st.text,
            target: String(m.output + 1),
            inputs: m.inputs.map((i) => String(i + 1)),
            validationFraction: r.run.validation,
            splitSeed: r.run.splitSeed,
            noise: r.run.search.noise,
          });
        }
        const errs = useFit.getState().generatorErrors;
        if (r.run.data.kind === 'generator' && errs.length)
          notices.push(
            `The fitting link's generator could not make its data: ${excerpt(errs[0], 200)} Its settings were opened; fix the formula and press Generate.`,
          );
        return notices;
      }
      notices.push(
        `The fitting link could not be opened: ${excerpt(r.error, 200)}. Your last session is shown instead.`,
      );
    }
    let raw: string | null = null;
    try {
      raw = storage?.getItem(FIT_AUTOSAVE_KEY) ?? null;
    } catch {
      raw = null;
    }
    if (raw) notices.push(...(await bootAutosave(raw, blobs)));
  } catch (e) {
    notices.push(`Your last fitting session could not be restored (${why(e)}); the defaults are shown.`);
  }
  return notices;
}

/**
 * Save data, settings and results at most 500 ms after they changed (live progress is not saved). Large tables go to
 * the blob store first and the localStorage entry names them by fingerprint, so a save is never half-restorable.
 * Failures set `saveProblem` (and a later success clears it).
 */
export function startFitAutosave(
  storage: Pick<Storage, 'setItem'>,
  blobs: BlobStore | null = null,
  /** Calls `flush` when the page is left (pagehide), so a reload within the delay keeps the last result. */
  onLeave?: (flush: () => void) => () => void,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last: Saved | null = null;
  let savedBlob: string | null = null;
  let generation = 0;
  const report = (saveProblem: string | null) => {
    if (useFit.getState().saveProblem !== saveProblem) useFit.setState({ saveProblem });
  };
  const writeLocal = (snap: Saved, textBlob: string | null) => {
    try {
      storage.setItem(
        FIT_AUTOSAVE_KEY,
        JSON.stringify({ v: 1, ...savedJson(snap), ...(textBlob ? { text: null, textBlob } : {}) }),
      );
      report(null);
    } catch (e) {
      report(
        `Your fitting session could not be saved in this browser (${why(e)}); it will be lost on reload. Download it to keep it.`,
      );
    }
  };
  const save = (snap: Saved) => {
    const gen = ++generation;
    if (snap.text.length <= LOCAL_TEXT_CHARS) return writeLocal(snap, null);
    const fp = fingerprint(snap.text);
    if (!blobs)
      return report(
        `The table (${snap.text.length.toLocaleString('en')} characters) is too large to save without the browser database, which is not available here; it will be lost on reload. Download it to keep it.`,
      );
    if (savedBlob === fp) return writeLocal(snap, fp);
    blobs.put(FIT_TEXT_BLOB, snap.text).then(
      () => {
        savedBlob = fp;
        if (gen === generation) writeLocal(snap, fp);
      },
      (e) =>
        gen === generation &&
        report(
          `The table could not be saved in the browser database (${why(e)}); it will be lost on reload. Download it to keep it.`,
        ),
    );
  };
  const unsub = useFit.subscribe((s) => {
    const snap = snapshot(s);
    if (last && (Object.keys(snap) as (keyof Saved)[]).every((k) => snap[k] === last![k])) return; // live progress only
    last = snap;
    // At most DEBOUNCE_MS after the first unsaved change, with the latest state: a timer restarted on every change
    // never fired while a run streamed results in (each restart's tree is a change), so a reload lost the session.
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      save(last!);
    }, DEBOUNCE_MS);
  });
  const stopLeave = onLeave?.(() => {
    if (!timer) return;
    clearTimeout(timer);
    timer = null;
    save(last!);
  });
  return () => {
    if (timer) clearTimeout(timer);
    stopLeave?.();
    unsub();
  };
}
