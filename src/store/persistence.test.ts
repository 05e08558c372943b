import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_DOCUMENT } from './document.ts';
import { AUTOSAVE_KEY, readStartState, startAutosave } from './persistence.ts';
import { documentToHash } from './urlCodec.ts';

const storageWith = (value: string | null) => ({ getItem: (k: string) => (k === AUTOSAVE_KEY ? value : null) });

describe('start-up state', () => {
  const doc = { ...DEFAULT_DOCUMENT, text: 'eml(x, 1)', x: 1.5 };
  it('a share link wins over the autosave', () => {
    const s = readStartState(documentToHash(doc), storageWith(JSON.stringify({ doc: { v: 1, ...DEFAULT_DOCUMENT }, draft: 'zzz' })));
    expect(s).toMatchObject({ from: 'link', doc, draft: 'eml(x, 1)', notice: null });
  });
  it('a bad link gives the default and a message', () => {
    const s = readStartState('#s=garbage!!', storageWith(null));
    expect(s.from).toBe('default');
    expect(s.notice).toMatch(/could not be opened/);
  });
  it('the autosave restores the document and the unfinished draft', () => {
    const s = readStartState('', storageWith(JSON.stringify({ doc: { v: 1, ...doc }, draft: 'eml(x, ' })));
    expect(s).toMatchObject({ from: 'autosave', doc, draft: 'eml(x, ' });
  });
  it('damaged autosave data is reported, not thrown', () => {
    expect(readStartState('', storageWith('{not json')).notice).toMatch(/damaged/);
    expect(readStartState('', storageWith(JSON.stringify({ doc: { v: 1, text: 5 } }))).notice).toMatch(/could not be restored/);
    expect(readStartState('', { getItem: () => { throw new Error('denied'); } }).from).toBe('default');
  });
  it('autosave writes after a quiet moment', () => {
    vi.useFakeTimers();
    const setItem = vi.fn();
    let listener: ((s: { doc: typeof doc; draft: string }) => void) | null = null;
    const stop = startAutosave((l) => ((listener = l), () => (listener = null)), { setItem });
    listener!({ doc, draft: 'a' });
    listener!({ doc, draft: 'ab' });
    vi.advanceTimersByTime(1000);
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(JSON.parse(setItem.mock.calls[0][1]).draft).toBe('ab');
    stop();
    vi.useRealTimers();
  });
});
