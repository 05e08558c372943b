/**
 * The store's `prepared` has one writer (dataSync.ts): a change of the data inputs updates it at once for a small
 * table; a large table is 'reading' until the data worker's reply, which lands in the store by itself (no view
 * has to render or ask again); a newer input wins over a late reply.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { prepare } from '../../fit/prepare.ts';
import { useFit } from '../../store/fitStore.ts';
import type { DataReply, DataRequest } from '../../workers/protocol.ts';
import { SYNC_CHARS, type WorkerLike } from '../../workers/clients/dataPipeline.ts';
import { connectDataPipeline, type DataSync } from './dataSync.ts';

class FakeReader implements WorkerLike {
  onmessage: ((e: MessageEvent<DataReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  requests: DataRequest[] = [];
  postMessage(m: DataRequest): void {
    this.requests.push(m);
  }
  terminate(): void {}
  answer(r: DataRequest): void {
    this.onmessage?.({ data: { id: r.id, ok: true, prepared: prepare(r.inputs) } } as MessageEvent<DataReply>);
  }
}

const table = (rows: number) =>
  ['x,f', ...Array.from({ length: rows }, (_, i) => `${i + 1},${Math.log(i + 1)}`)].join('\n');

let sync: DataSync | null = null;
afterEach(() => sync?.disconnect());

describe('connectDataPipeline', () => {
  it('writes the pipeline result when the inputs change, and only then', () => {
    useFit.setState({ text: table(20), source: 'paste', mapping: null, validation: 0.2 });
    sync = connectDataPipeline(useFit, { createWorker: () => new FakeReader() });
    const first = useFit.getState().prepared;
    expect(first.ok && first.table.rows).toBe(20);
    useFit.getState().setSettings({ lr: 0.02 }); // not a data input
    expect(useFit.getState().prepared).toBe(first);
    useFit.getState().setText(table(30));
    const second = useFit.getState().prepared;
    expect(second.ok && second.table.rows).toBe(30);
    useFit.getState().setSplit({ validation: 0.5 });
    const third = useFit.getState().prepared;
    expect(third.ok && third.split.validation.n).toBe(15);
  });

  it('a large table is "reading" until the worker replies; the reply lands in the store', () => {
    const reader = new FakeReader();
    useFit.setState({ text: table(20), source: 'paste', mapping: null });
    sync = connectDataPipeline(useFit, { createWorker: () => reader });
    const big = table(Math.ceil(SYNC_CHARS / 8));
    expect(big.length).toBeGreaterThan(SYNC_CHARS);
    useFit.getState().setText(big);
    expect(useFit.getState().prepared).toMatchObject({ ok: false, stage: 'reading' });
    reader.answer(reader.requests[0]);
    expect(useFit.getState().prepared.ok).toBe(true);
  });

  it('a newer small input wins over a late reply for an older large one', () => {
    const reader = new FakeReader();
    useFit.setState({ text: table(20), source: 'paste', mapping: null });
    sync = connectDataPipeline(useFit, { createWorker: () => reader });
    useFit.getState().setText(table(Math.ceil(SYNC_CHARS / 8)));
    const stale = reader.requests[0];
    useFit.getState().setText(table(12));
    reader.answer(stale);
    const p = useFit.getState().prepared;
    expect(p.ok && p.table.rows).toBe(12);
  });
});
