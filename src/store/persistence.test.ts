import { describe, expect, it, vi } from 'vitest';
import { beginBoot, BOOT_MARK_KEY, endBoot } from './boot.ts';
import { DEFAULT_DOCUMENT, type PlaygroundDocument } from './document.ts';
import {
  AUTOSAVE_KEY,
  autosaveJson,
  MAX_AUTOSAVE_CHARS,
  readStartState,
  startAutosave,
  type AutosaveStatus,
} from './persistence.ts';
import { documentToHash } from './urlCodec.ts';

const storageWith = (value: string | null) => ({ getItem: (k: string) => (k === AUTOSAVE_KEY ? value : null) });
const saved = (doc: Partial<PlaygroundDocument> & Record<string, unknown>, draft?: unknown) =>
  JSON.stringify({ doc: { v: 1, ...DEFAULT_DOCUMENT, ...doc }, draft });

/** A Storage-like map, with an optional setItem failure. */
function memoryStorage(fail?: () => never) {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => (fail ? fail() : void map.set(k, v)),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('start-up state', () => {
  const doc = { ...DEFAULT_DOCUMENT, text: 'eml(x, 1)', x: 1.5 };

  it('a link or an autosave with an unusable plane window opens with the default window and says so', () => {
    const planeWindow = { reMin: 2, reMax: 1, imMin: -4, imMax: 4 };
    const link = readStartState(documentToHash({ ...doc, planeWindow }), null);
    expect(link).toMatchObject({ from: 'link', doc: { ...doc, planeWindow: DEFAULT_DOCUMENT.planeWindow } });
    expect(link.notice).toMatch(/^The shared link was opened, but the Complex plane’s window .*Re from must be less/);
    const restored = readStartState('', storageWith(saved({ ...doc, planeWindow })));
    expect(restored).toMatchObject({ from: 'autosave', doc: { text: 'eml(x, 1)' } });
    expect(restored.notice).toMatch(/^Your last session was restored, but the Complex plane’s window/);
    const good = { reMin: -1, reMax: 1, imMin: 0, imMax: 0.5 };
    expect(readStartState(documentToHash({ ...doc, planeWindow: good }), null)).toMatchObject({
      notice: null,
      doc: { planeWindow: good },
    });
  });
  it('a share link wins over the autosave', () => {
    const s = readStartState(documentToHash(doc), storageWith(saved({}, 'zzz')));
    expect(s).toMatchObject({ from: 'link', doc, draft: 'eml(x, 1)', notice: null, recovery: [] });
  });
  it('a bad link gives the default and a message', () => {
    const s = readStartState('#s=garbage!!', storageWith(null));
    expect(s.from).toBe('default');
    expect(s.notice).toMatch(/could not be opened/);
  });
  it('the autosave restores the document and the unfinished draft', () => {
    const s = readStartState('', storageWith(saved(doc, 'eml(x, ')));
    expect(s).toMatchObject({ from: 'autosave', doc, draft: 'eml(x, ' });
  });
  it('damaged autosave data is reported and handed back as text, not thrown', () => {
    const damaged = readStartState('', storageWith('{not json'));
    expect(damaged.notice).toMatch(/damaged/);
    expect(damaged.recovery).toEqual([{ source: 'autosave', text: '{not json' }]);
    expect(readStartState('', storageWith(JSON.stringify({ doc: { v: 1, text: 5 } }))).notice).toMatch(
      /could not be restored/,
    );
    expect(readStartState('', storageWith('null')).notice).toMatch(/damaged/);
    expect(
      readStartState('', {
        getItem: () => {
          throw new Error('denied');
        },
      }).from,
    ).toBe('default');
  });
  it('restored numbers must be finite and bounded, and an over-long draft falls back to the applied text', () => {
    expect(readStartState('', storageWith(saved({ x: 1e300 }))).from).toBe('default');
    expect(readStartState('', storageWith(saved({ xMin: 5, xMax: 5 }))).from).toBe('default');
    const s = readStartState('', storageWith(saved(doc, 'x'.repeat(1_000_001))));
    expect(s).toMatchObject({ from: 'autosave', draft: 'eml(x, 1)' });
  });
  it('an autosave over the size limit is not parsed but offered back', () => {
    const huge = 'x'.repeat(MAX_AUTOSAVE_CHARS + 1);
    const s = readStartState('', storageWith(huge));
    expect(s.from).toBe('default');
    expect(s.notice).toMatch(/over the .* limit/);
    expect(s.recovery[0].text.length).toBe(huge.length);
  });
  it('a restored text that does not read keeps its settings, shows the default tree and puts the text in the box', () => {
    const s = readStartState(
      '',
      storageWith(saved({ text: 'eml(1 x)', inputKind: 'eml', semantics: 'finite' }, 'eml(1 x)')),
    );
    expect(s.doc).toMatchObject({ text: DEFAULT_DOCUMENT.text, semantics: 'finite' });
    expect(s.draft).toBe('eml(1 x)');
    expect(s.notice).toMatch(/does not read/);
    const link = readStartState(documentToHash({ ...DEFAULT_DOCUMENT, text: 'sqrt(1e999)', inputKind: 'math' }), null);
    expect(link).toMatchObject({ from: 'link', draft: 'sqrt(1e999)', doc: { text: DEFAULT_DOCUMENT.text } });
  });
  it('after a failed boot nothing is loaded: the default view, with the link and the autosave offered as text', () => {
    const hash = documentToHash(doc);
    const s = readStartState(hash, storageWith(saved(doc)), { lastBootFailed: true });
    expect(s).toMatchObject({ from: 'default', doc: DEFAULT_DOCUMENT });
    expect(s.notice).toMatch(/did not finish starting/);
    expect(s.recovery).toEqual([
      { source: 'link', text: hash },
      { source: 'autosave', text: saved(doc) },
    ]);
    expect(readStartState('', null, { lastBootFailed: true }).recovery).toEqual([]);
  });
});

describe('autosave', () => {
  const doc = { ...DEFAULT_DOCUMENT, text: 'eml(x, 1)' };
  const run = (storage: { setItem: (k: string, v: string) => void }, drafts: string[]) => {
    vi.useFakeTimers();
    const statuses: AutosaveStatus[] = [];
    let listener: ((s: { doc: typeof doc; draft: string }) => void) | null = null;
    const stop = startAutosave(
      (l) => ((listener = l), () => (listener = null)),
      storage,
      (s) => statuses.push(s),
    );
    for (const draft of drafts) {
      listener!({ doc, draft });
      vi.advanceTimersByTime(1000);
    }
    stop();
    vi.useRealTimers();
    return statuses;
  };
  it('writes after a quiet moment, in the format the boot reads back', () => {
    vi.useFakeTimers();
    const setItem = vi.fn();
    let listener: ((s: { doc: typeof doc; draft: string }) => void) | null = null;
    const stop = startAutosave(
      (l) => ((listener = l), () => (listener = null)),
      { setItem },
      () => undefined,
    );
    listener!({ doc, draft: 'a' });
    listener!({ doc, draft: 'ab' });
    vi.advanceTimersByTime(1000);
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(JSON.parse(setItem.mock.calls[0][1]).draft).toBe('ab');
    expect(readStartState('', storageWith(setItem.mock.calls[0][1]))).toMatchObject({
      from: 'autosave',
      doc,
      draft: 'ab',
    });
    stop();
    vi.useRealTimers();
  });
  it('a full storage is reported (never silent), and the report clears once a save works again', () => {
    let full = true;
    const storage = {
      setItem: () => {
        if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    };
    vi.useFakeTimers();
    const statuses: AutosaveStatus[] = [];
    let listener: ((s: { doc: typeof doc; draft: string }) => void) | null = null;
    const stop = startAutosave(
      (l) => ((listener = l), () => (listener = null)),
      storage,
      (s) => statuses.push(s),
    );
    listener!({ doc, draft: 'a' });
    vi.advanceTimersByTime(1000);
    expect(statuses).toEqual([
      { problem: 'storage-full', message: expect.stringMatching(/Autosave failed: .*storage is full/) },
    ]);
    full = false;
    listener!({ doc, draft: 'b' });
    vi.advanceTimersByTime(1000);
    expect(statuses.at(-1)).toEqual({ problem: null, message: null });
    stop();
    vi.useRealTimers();
  });
  it('any other refusal is reported too, and work too large for the next boot is not stored', () => {
    expect(
      run(
        memoryStorage(() => {
          throw new Error('SecurityError');
        }),
        ['a'],
      ),
    ).toEqual([{ problem: 'unavailable', message: expect.stringMatching(/Autosave failed/) }]);
    const storage = memoryStorage();
    expect(run(storage, ['x'.repeat(1_000_001)])).toEqual([
      { problem: 'too-large', message: expect.stringMatching(/too large/) },
    ]);
    expect(storage.map.has(AUTOSAVE_KEY)).toBe(false);
  });
  it('the download of the work is the autosave JSON; a draft equal to the text is written once', () => {
    expect(JSON.parse(autosaveJson({ doc, draft: 'd' }))).toEqual({ doc: { v: 1, ...doc }, draft: 'd' });
    const same = autosaveJson({ doc, draft: doc.text });
    expect(JSON.parse(same)).toEqual({ doc: { v: 1, ...doc } });
    expect(readStartState('', storageWith(same))).toMatchObject({ from: 'autosave', doc, draft: doc.text });
  });
});

describe('boot-failure mark', () => {
  it('a first boot is not a failure; a mark left by a boot that never settled is', () => {
    const session = memoryStorage();
    expect(beginBoot(session, 5)).toEqual({ lastBootFailed: false });
    expect(session.map.get(BOOT_MARK_KEY)).toBe('5');
    // The page died before endBoot: the next load sees the mark.
    expect(beginBoot(session)).toEqual({ lastBootFailed: true });
    endBoot(session);
    expect(session.map.has(BOOT_MARK_KEY)).toBe(false);
    expect(beginBoot(session)).toEqual({ lastBootFailed: false });
  });
  it('storage that throws or is missing never stops the boot', () => {
    expect(beginBoot(null)).toEqual({ lastBootFailed: false });
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(beginBoot(broken)).toEqual({ lastBootFailed: false });
    expect(() => endBoot(broken)).not.toThrow();
  });
});

describe('autosave on leaving the page', () => {
  it('a change still waiting for its quiet moment is saved when the page is left', () => {
    vi.useFakeTimers();
    const setItem = vi.fn();
    let listener: ((s: { doc: typeof DEFAULT_DOCUMENT; draft: string }) => void) | null = null;
    let leave: (() => void) | null = null;
    const stop = startAutosave(
      (l) => ((listener = l), () => (listener = null)),
      { setItem },
      () => undefined,
      (flush) => ((leave = flush), () => (leave = null)),
    );
    listener!({ doc: DEFAULT_DOCUMENT, draft: 'typed just now' });
    leave!();
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(JSON.parse(setItem.mock.calls[0][1]).draft).toBe('typed just now');
    vi.advanceTimersByTime(1000);
    expect(setItem).toHaveBeenCalledTimes(1);
    stop();
    expect(leave).toBeNull();
    vi.useRealTimers();
  });
});
