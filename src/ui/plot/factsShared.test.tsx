// @vitest-environment jsdom
/**
 * Issue 12: the Plot shades where x lies outside the stated domain, which the Formula panel states. Both read the
 * facts of the document; the facts client serves one request at a time, so they share ONE request per change
 * (formula/factsClient.ts createFactsHub). Counted with a worker that records every request and answers it.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DOCUMENT } from '../../store/document.ts';
import { usePlayground } from '../../store/store.ts';
import {
  createFactsHub,
  type Defer,
  type FactsClient,
  type FactsReply,
  type FactsRequest,
} from '../formula/factsClient.ts';
import { gapsIn } from './statedDomain.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Every facts request posted, and a reply stating "right for −1 ≤ x ≤ 2" to each. */
const posted: FactsRequest[] = [];
class AnsweringWorker {
  onmessage: ((e: MessageEvent<FactsReply>) => void) | null = null;
  onerror = null;
  postMessage(m: FactsRequest | { type: string }): void {
    if (m.type !== 'facts') return;
    const request = m as FactsRequest;
    posted.push(request);
    const reply: FactsReply = {
      type: 'facts',
      id: request.id,
      ok: true,
      domain: { text: 'equals f for −1 ≤ x ≤ 2', lines: [{ line: 'x = t', intervals: [{ lo: -1, hi: 2 }] }] },
      paperK: null,
      knownDefects: [],
    };
    queueMicrotask(() => this.onmessage?.({ data: reply } as MessageEvent<FactsReply>));
  }
  terminate(): void {}
}

describe('the facts hub', () => {
  const counting = () => {
    const requests: string[] = [];
    const cancels: string[] = [];
    const client: FactsClient = {
      request: (source, done) => {
        const tag = String(source.tree.nodes.length);
        requests.push(tag);
        queueMicrotask(() => done({ status: 'failed', reason: tag }));
        return () => cancels.push(tag);
      },
    };
    return { requests, cancels, client };
  };
  const source = (n: number) => () => ({ tree: { nodes: new Uint32Array(n) }, compiled: null }) as never;

  /** A Defer whose tasks run when the test says so (runQueued), unless stopped first. */
  const queue = () => {
    const queued: Array<{ run: () => void; stopped: boolean }> = [];
    const later: Defer = (run) => {
      const q = { run, stopped: false };
      queued.push(q);
      return () => void (q.stopped = true);
    };
    const runQueued = () => queued.splice(0).forEach((q) => q.stopped || q.run());
    return { later, runQueued };
  };

  it('asks once per key however many views watch it, and again only for a new key', async () => {
    const { requests, cancels, client } = counting();
    const { later, runQueued } = queue();
    const hub = createFactsHub(() => client, later);
    const seen: string[] = [];
    const a = hub.watch('k1', source(1), () => seen.push('a'));
    const b = hub.watch('k1', source(1), () => seen.push('b'));
    // A view unmounted and mounted again (StrictMode) asks nothing more.
    a();
    const a2 = hub.watch('k1', source(1), () => seen.push('a'));
    runQueued();
    expect(requests).toEqual(['1']);
    expect(hub.read('k1')).toEqual({ status: 'pending' });
    await Promise.resolve();
    expect(hub.read('k1')).toEqual({ status: 'failed', reason: '1' });
    expect(seen.sort()).toEqual(['a', 'b']);
    hub.watch('k2', source(2), () => undefined);
    runQueued();
    expect(requests).toEqual(['1', '2']);
    expect(cancels).toEqual([]); // k1 was answered: nothing to end
    hub.watch('k3', source(3), () => undefined);
    expect(cancels).toEqual(['2']); // k2 was still in flight: a newer key ends it
    expect(hub.read('k1')).toEqual({ status: 'pending' });
    a2();
    b();
  });

  it('encodes and asks in a task of its own, after the views commit; a newer key first ends the wait', async () => {
    const { requests, cancels, client } = counting();
    const { later, runQueued } = queue();
    const hub = createFactsHub(() => client, later);
    let encoded = 0;
    const counted = (n: number) => () => (encoded++, source(n)());
    hub.watch('k1', counted(1), () => undefined);
    expect([encoded, requests.length]).toEqual([0, 0]);
    hub.watch('k2', counted(2), () => undefined);
    runQueued();
    // k1 was never encoded nor sent: k2 replaced it while it waited.
    expect([encoded, requests, cancels]).toEqual([1, ['2'], []]);
    await Promise.resolve();
    expect(hub.read('k2')).toEqual({ status: 'failed', reason: '2' });
  });
});

describe('gapsIn', () => {
  it('is the complement of the intervals on the range', () => {
    expect(gapsIn([{ lo: -1, hi: 2 }], -4, 4)).toEqual([
      { from: -4, to: -1 },
      { from: 2, to: 4 },
    ]);
    expect(
      gapsIn(
        [
          { lo: 0, hi: 0 },
          { lo: -10, hi: -1 },
          { lo: 1, hi: 3 },
        ],
        -4,
        4,
      ),
    ).toEqual([
      { from: -1, to: 0 },
      { from: 0, to: 1 },
      { from: 3, to: 4 },
    ]);
    expect(gapsIn([{ lo: -10, hi: 10 }], -4, 4)).toEqual([]);
  });
});

describe('the Plot and the Formula panel', () => {
  let host: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    vi.stubGlobal('Worker', AnsweringWorker);
    posted.length = 0;
    usePlayground.getState().boot({ ...DEFAULT_DOCUMENT, text: 'x + 1', inputKind: 'auto' }, 'x + 1');
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
    vi.unstubAllGlobals();
  });

  it('share one facts request per change, and the plot hatches outside the stated domain', async () => {
    const { FormulaPanel } = await import('../FormulaPanel.tsx');
    const { PlotView } = await import('./PlotView.tsx');
    act(() =>
      root.render(
        <>
          <FormulaPanel />
          <PlotView />
        </>,
      ),
    );
    const outside = () => host.querySelectorAll('[data-testid="plot-outside-domain"] rect');
    await vi.waitFor(() => expect(outside().length).toBe(2));
    expect(posted).toHaveLength(1);
    expect(host.querySelector('[data-testid="metric-domain"]')!.textContent).toContain('−1 ≤ x ≤ 2');
    expect(host.querySelector('[data-testid="plot-outside-note"]')!.textContent).toContain('−1 ≤ x ≤ 2');
    expect(host.querySelector('.plot-legend')!.textContent).toContain('outside stated domain');
    // A change of mode is a new reading: one request more, for both views.
    act(() => usePlayground.getState().update({ compileMode: 'shortest' }));
    await vi.waitFor(() => expect(posted).toHaveLength(2));
    await vi.waitFor(() => expect(outside().length).toBe(2));
    await act(async () => undefined);
    expect(posted).toHaveLength(2);
  });
});
