/**
 * The data pipeline's two paths with a fake worker: small tables are read at once; large ones answer 'reading'
 * until the worker's result arrives; newer inputs terminate a read still running and a stale reply is ignored;
 * a crashed reader becomes a clear message.
 */
import { describe, expect, it } from 'vitest';
import { prepare, type DataInputs } from '../../fit/prepare.ts';
import type { DataReply, DataRequest } from '../protocol.ts';
import { DataPipeline, SYNC_CHARS, type WorkerLike } from './dataPipeline.ts';

class FakeReader implements WorkerLike {
  onmessage: ((e: MessageEvent<DataReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  requests: DataRequest[] = [];
  terminated = false;
  postMessage(m: DataRequest): void {
    this.requests.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answer a request as the real worker would. */
  answer(r: DataRequest): void {
    this.onmessage?.({ data: { id: r.id, ok: true, prepared: prepare(r.inputs) } } as MessageEvent<DataReply>);
  }
}

const table = (rows: number) =>
  ['x,f', ...Array.from({ length: rows }, (_, i) => `${i + 1},${Math.log(i + 1)}`)].join('\n');
const inputs = (text: string, splitSeed = 1): DataInputs => ({
  text,
  header: 'auto',
  mapping: null,
  validation: 0.2,
  splitSeed,
  sampleRows: 100_000,
  generator: null,
});

function rig() {
  const readers: FakeReader[] = [];
  let ready = 0;
  const p = new DataPipeline({
    createWorker: () => readers[readers.push(new FakeReader()) - 1],
    onReady: () => ready++,
  });
  return { p, readers, ready: () => ready };
}

describe('DataPipeline', () => {
  it('reads small tables at once, and caches by inputs', () => {
    const { p, readers } = rig();
    const a = p.get(inputs(table(50)));
    expect(a.ok && a.dataset.n).toBe(50);
    expect(p.get(inputs(table(50)))).toBe(a);
    expect(readers).toHaveLength(0);
  });

  it('reads large tables in the worker, answering "reading" until the result is in', () => {
    const { p, readers, ready } = rig();
    const text = table(30_000);
    expect(text.length).toBeGreaterThan(SYNC_CHARS);
    const first = p.get(inputs(text));
    expect(first).toMatchObject({ ok: false, stage: 'reading' });
    expect(p.reading).toBe(true);
    expect(p.get(inputs(text))).toBe(first);
    expect(readers[0].requests).toHaveLength(1);
    readers[0].answer(readers[0].requests[0]);
    expect(ready()).toBe(1);
    const done = p.get(inputs(text));
    expect(done.ok && done.dataset.n).toBe(30_000);
    expect(p.reading).toBe(false);
  });

  it('cancels a read for older inputs and ignores its late reply', () => {
    const { p, readers, ready } = rig();
    const text = table(30_000);
    p.get(inputs(text, 1));
    const stale = readers[0].requests[0];
    p.get(inputs(text, 2));
    expect(readers[0].terminated).toBe(true);
    expect(readers).toHaveLength(2);
    readers[0].answer(stale);
    expect(ready()).toBe(0);
    readers[1].answer(readers[1].requests[0]);
    const r = p.get(inputs(text, 2));
    expect(r.ok && r.split.validation.n).toBe(6000);
    // Back to a small table: no worker needed, and nothing left running.
    expect(p.get(inputs(table(20))).ok).toBe(true);
    expect(p.reading).toBe(false);
  });

  it('turns a crashed reader into a clear message, and the next large read starts a fresh worker', () => {
    const { p, readers, ready } = rig();
    const text = table(30_000);
    p.get(inputs(text));
    readers[0].onerror?.({ message: 'out of memory', preventDefault() {} } as unknown as ErrorEvent);
    expect(ready()).toBe(1);
    expect(p.get(inputs(text))).toEqual({
      ok: false,
      stage: 'table',
      errors: ['The table could not be read: out of memory. Press “Read again” to retry, or try a smaller table.'],
      table: null,
    });
    p.get(inputs(text, 5));
    expect(readers).toHaveLength(2);
  });

  it('an unreadable reply or a read past the time limit becomes a message with a retry, and the worker is ended', () => {
    const readers: FakeReader[] = [];
    let ready = 0;
    let timeout: (() => void) | null = null;
    const realSetTimeout = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: () => void) => {
      timeout = fn;
      return 0;
    }) as unknown as typeof setTimeout;
    try {
      const pipe = new DataPipeline({
        createWorker: () => readers[readers.push(new FakeReader()) - 1],
        onReady: () => ready++,
      });
      const big = table(30_000);
      expect(pipe.get(inputs(big)).ok).toBe(false);
      readers[0].onmessageerror?.({} as MessageEvent);
      const r = pipe.get(inputs(big));
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.errors[0]).toMatch(
          /^The table could not be read: the reader’s answer could not be received\. Press “Read again” to retry/,
        );
      expect(readers[0].terminated).toBe(true);
      expect(ready).toBe(1);
      pipe.dispose(); // what “Read again” does (retryDataRead)
      expect(pipe.get(inputs(big)).ok).toBe(false);
      expect(readers).toHaveLength(2);
      timeout!();
      const t = pipe.get(inputs(big));
      if (!t.ok) expect(t.errors[0]).toMatch(/the reader did not finish within 120 s/);
      expect(readers[1].terminated).toBe(true);
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
  });
});
