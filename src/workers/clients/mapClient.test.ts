import { describe, expect, it } from 'vitest';
import type { MapGraph } from '../../eml/compiler/constructionGraphWire.ts';
import type { KByMode } from '../../eml/compiler/kWording.ts';
import type { MapReply, MapRequest } from '../mapProtocol.ts';
import { createMapClient, type MapHandlers, type MapWorkerLike } from './mapClient.ts';

const graph: MapGraph = {
  nodes: ['1', 'e', 'sin'].map((id) => ({
    id,
    kind: id === 'sin' ? 'lowering' : 'rule',
    title: id,
    formula: '',
    modes: ['paper'],
    dependsOn: [],
    usedBy: [],
    k: 1,
    math: id,
    open: { inputKind: 'eml', text: '1' },
  })),
  edges: [],
  layers: [['1'], ['e'], ['sin']],
};
const k = (n: number): KByMode => ({ paper: n, robust: n, shortest: n });

class FakeWorker implements MapWorkerLike {
  onmessage: ((e: MessageEvent<MapReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  sent: MapRequest[] = [];
  terminated = false;
  postMessage(m: MapRequest) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  reply(r: MapReply) {
    this.onmessage?.({ data: r } as MessageEvent<MapReply>);
  }
}

function recorder() {
  const log: string[] = [];
  let last: ReadonlyMap<string, KByMode> = new Map();
  const h: MapHandlers = {
    graph: (g) => log.push(`graph ${g.nodes.length}`),
    sizes: (s, done, total) => {
      last = s;
      log.push(`sizes ${done}/${total}`);
    },
    done: () => log.push('done'),
    error: (m) => log.push(`error ${m}`),
  };
  return { h, log, sizes: () => last };
}

describe('map client', () => {
  it('passes the graph, then each size as progress, then done, and lets the worker go', () => {
    const workers: FakeWorker[] = [];
    const client = createMapClient(() => {
      workers.push(new FakeWorker());
      return workers.at(-1)!;
    });
    const r = recorder();
    client.open(r.h);
    const w = workers[0];
    expect(w.sent).toEqual([{ type: 'map', id: 1, known: [] }]);
    w.reply({ type: 'graph', id: 1, graph });
    w.reply({ type: 'sizes', id: 1, node: '1', kByMode: k(1), done: 1, total: 3 });
    w.reply({ type: 'sizes', id: 1, node: 'e', kByMode: k(3), done: 2, total: 3 });
    w.reply({ type: 'sizes', id: 1, node: 'sin', kByMode: k(799), done: 3, total: 3 });
    w.reply({ type: 'done', id: 1 });
    expect(r.log).toEqual(['graph 3', 'sizes 1/3', 'sizes 2/3', 'sizes 3/3', 'done']);
    expect(r.sizes().get('sin')).toEqual(k(799));
    expect(w.terminated).toBe(true);
    // Complete: the next visit needs no worker at all.
    const again = recorder();
    client.open(again.h);
    expect(workers).toHaveLength(1);
    expect(again.log).toEqual(['graph 3', 'sizes 3/3', 'done']);
  });

  it('cancelling terminates the worker and ignores its late messages; the next visit asks only for what is missing', () => {
    const workers: FakeWorker[] = [];
    const client = createMapClient(() => {
      workers.push(new FakeWorker());
      return workers.at(-1)!;
    });
    const r = recorder();
    const cancel = client.open(r.h);
    workers[0].reply({ type: 'graph', id: 1, graph });
    workers[0].reply({ type: 'sizes', id: 1, node: '1', kByMode: k(1), done: 1, total: 3 });
    cancel();
    expect(workers[0].terminated).toBe(true);
    workers[0].reply({ type: 'sizes', id: 1, node: 'e', kByMode: k(3), done: 2, total: 3 });
    expect(r.log).toEqual(['graph 3', 'sizes 1/3']);

    const next = recorder();
    client.open(next.h);
    expect(next.log).toEqual(['graph 3', 'sizes 1/3']); // what the first visit got, at once
    expect(workers[1].sent).toEqual([{ type: 'map', id: 2, known: ['1'] }]);
    workers[1].reply({ type: 'graph', id: 2, graph });
    workers[1].reply({ type: 'sizes', id: 2, node: 'e', kByMode: k(3), done: 2, total: 3 });
    expect(next.log).toEqual(['graph 3', 'sizes 1/3', 'sizes 2/3']); // the graph is not sent twice
  });

  it('a worker error or crash is an error with its message', () => {
    const workers: FakeWorker[] = [];
    const client = createMapClient(() => {
      workers.push(new FakeWorker());
      return workers.at(-1)!;
    });
    const r = recorder();
    client.open(r.h);
    workers[0].reply({ type: 'error', id: 1, message: 'constructionGraph: two rules share an id' });
    expect(r.log).toEqual(['error constructionGraph: two rules share an id']);
    expect(workers[0].terminated).toBe(true);
    const s = recorder();
    client.open(s.h);
    workers[1].onerror?.({ preventDefault: () => undefined } as ErrorEvent);
    expect(s.log).toEqual(['error the map worker stopped unexpectedly']);
  });
});
