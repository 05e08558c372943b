/**
 * The reading of a long draft (over LIVE_READ_CHARS), made once typing pauses and, where the browser has workers,
 * off the main thread (readClient.ts). The result is remembered in derive.ts's cache, so applying the draft does
 * not read it again. `null` while reading; a failure (a dead or stalled worker) comes with `retry`.
 */
import { useEffect, useState } from 'react';
import type { InputOptions, InputReading } from '../../eml/input.ts';
import { peekReading, readCached, rememberReading } from '../../store/derive.ts';
import { knownSize } from '../../store/views.ts';
import { pageReaderOrNull } from './readClient.ts';

export type LongReading =
  | { state: 'reading' }
  | { state: 'read'; reading: InputReading }
  | { state: 'failed'; reason: string; retry: () => void };

interface Settled {
  draft: string;
  options: InputOptions;
  result: { reading: InputReading } | { reason: string };
}

export function useLongReading(draft: string, options: InputOptions, long: boolean, delayMs: number): LongReading {
  const [settled, setSettled] = useState<Settled | null>(null);
  const [attempt, setAttempt] = useState(0);
  // Already read (the applied text after a boot or an undo, or this draft a moment ago): no second reading.
  const known = long ? peekReading(draft, options) : undefined;
  useEffect(() => {
    if (!long || known) return;
    let cancel: (() => void) | null = null;
    const t = setTimeout(() => {
      const reader = pageReaderOrNull();
      if (!reader) {
        setSettled({ draft, options, result: { reading: readCached(draft, options) } });
        return;
      }
      cancel = reader.read(draft, options, (r) => {
        if (r.status === 'done') {
          rememberReading(draft, options, r.reading);
          if (r.sizes && r.reading.ok) knownSize(r.reading.tree, r.sizes);
        }
        setSettled({ draft, options, result: r.status === 'done' ? { reading: r.reading } : { reason: r.reason } });
      });
    }, delayMs);
    return () => {
      clearTimeout(t);
      cancel?.();
    };
  }, [long, known, draft, options, delayMs, attempt]);
  if (known) return { state: 'read', reading: known };
  if (!settled || settled.draft !== draft || settled.options !== options) return { state: 'reading' };
  if ('reading' in settled.result) return { state: 'read', reading: settled.result.reading };
  return {
    state: 'failed',
    reason: settled.result.reason,
    retry: () => {
      setSettled(null);
      setAttempt((a) => a + 1);
    },
  };
}
