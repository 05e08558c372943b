/**
 * The search worker's trees arrive encoded (treeCodec.ts) and reach the page as the functional text it shows; a
 * damaged tree ends the request with a reason instead of a wrong tree.
 */
import { describe, expect, it } from 'vitest';
import { parseEml } from '../eml/syntax/index.ts';
import { encodeTree } from '../eml/treeCodec.ts';
import { EnumerateClient, pageEvent, type WorkerLike } from './enumerateClient.ts';
import type { EnumCommand, EnumMessage } from './enumerateProtocol.ts';

const enc = (text: string) => encodeTree(parseEml(text).tree);

describe('enumerate client decoding', () => {
  it('turns found trees, rows and rungs into functional text', () => {
    const done = pageEvent({
      type: 'enum-done',
      id: 1,
      state: 'found',
      perK: [],
      progress: { k: 3, trees: 1, pairs: 1, distinct: 1, bytes: 0 },
      scanned: null,
      found: { tree: enc('eml(x, 1)'), k: 3, verifiedPoints: 8 },
      lowerBound: null,
      elapsedMs: 1,
    } as unknown as EnumMessage);
    expect(done.type === 'enum-done' && done.found?.tree).toBe('eml(x, 1)');
    const rows = pageEvent({
      type: 'enum-rows',
      id: 1,
      request: 2,
      total: 1,
      rows: [{ id: 0, k: 5, tree: enc('eml(1, eml(x, 1))'), valueAt2: { re: 0, im: 0 }, real: true, constant: false }],
    });
    expect(rows.type === 'enum-rows' && rows.rows[0].tree).toBe('eml(1, eml(x, 1))');
    const ladder = pageEvent({
      type: 'enum-ladder',
      request: 3,
      ok: true,
      leaves: '1,x',
      target: 'exp(x)',
      rungs: [
        { kind: 'compiled', label: 'robust mode', k: 3, tree: enc('eml(x, 1)'), provenance: 'compiled' },
        { kind: 'paper-bound', label: 'bound', k: 35, provenance: 'paper, Table 4' },
      ],
    });
    expect(ladder.type === 'enum-ladder' && ladder.ok && ladder.rungs.map((r) => r.tree)).toEqual([
      'eml(x, 1)',
      undefined,
    ]);
  });

  it('answers a request whose tree is damaged with the reason', async () => {
    let sent: EnumCommand | null = null;
    const worker: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: (m) => (sent = m),
      terminate: () => {},
    };
    const client = new EnumerateClient(() => worker);
    const answer = client.ladder('exp(x)', 'math');
    const request = (sent as unknown as { request: number }).request;
    const damaged = { nodes: new Int32Array([5, 0]), names: [] };
    worker.onmessage!({
      data: {
        type: 'enum-ladder',
        request,
        ok: true,
        leaves: '1,x',
        target: 'exp(x)',
        rungs: [{ kind: 'compiled', label: 'm', k: 1, tree: damaged, provenance: 'compiled' }],
      },
    } as MessageEvent);
    const a = await answer;
    expect(a.ok).toBe(false);
    expect(!a.ok && a.message).toMatch(/unreadable message from the search worker: encoded tree: node 0/);
  });
});
