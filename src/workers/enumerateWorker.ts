/**
 * The shortest-form search worker: runs one SearchRun (src/eml/enumerate) in slices of about 20 ms, so a cancel or
 * a request for a page of the table is answered between slices; reports progress about 4 times a second (each report re-renders the panel on the page).
 * Levels large enough run on shard workers (enumerateShards.ts, navigator.hardwareConcurrency − 1 of them); while
 * they run this worker waits, so cancels and page requests are answered at once.
 */
import { ladderFor } from '../eml/enumerate/ladder.ts';
import { functionRows } from '../eml/enumerate/rows.ts';
import { SearchRun } from '../eml/enumerate/search.ts';
import { ParallelDriver } from '../eml/enumerate/shards.ts';
import { defaultShardWorkers, shardRunners, ShardsStopped, stopShards, warmShards } from './enumerateShards.ts';
import { readTarget } from '../eml/enumerate/target.ts';
import { parseEml } from '../eml/syntax/index.ts';
import { encodeTree, type EncodedTree } from '../eml/treeCodec.ts';
import type { EnumCommand, EnumMessage } from './enumerateProtocol.ts';

/** Posts a message, transferring its trees' buffers (nothing here keeps them). */
const post = (e: EnumMessage) => {
  const buffers: ArrayBuffer[] = [];
  const add = (t: EncodedTree | undefined) => t && buffers.push(t.nodes.buffer as ArrayBuffer);
  if (e.type === 'enum-done') add(e.found?.tree);
  else if (e.type === 'enum-rows') e.rows.forEach((r) => add(r.tree));
  else if (e.type === 'enum-ladder' && e.ok) e.rungs.forEach((r) => add(r.tree));
  (self as unknown as Worker).postMessage(e, buffers);
};

/** rows.ts and ladder.ts give trees as text (the CLI prints them); they are small, and read back here, off the page. */
const encodeText = (text: string): EncodedTree => encodeTree(parseEml(text).tree);

let run: SearchRun | null = null;
let runId = -1;
let startedAt = 0;

/** Yields to the event loop without setTimeout's 4 ms clamp (a message to ourselves). */
const channel = new MessageChannel();
let resume: (() => void) | null = null;
channel.port1.onmessage = () => resume?.();
const yieldNow = () =>
  new Promise<void>((r) => {
    resume = r;
    channel.port2.postMessage(null);
  });

function doneEvent(r: SearchRun, id: number): EnumMessage {
  return {
    type: 'enum-done',
    id,
    state: r.state,
    perK: [...r.perK],
    progress: r.progress(),
    scanned: r.scanned,
    found: r.found
      ? { tree: encodeTree(r.found.tree), k: r.found.k, verifiedPoints: r.found.verification.points }
      : null,
    lowerBound: r.lowerBound,
    elapsedMs: performance.now() - startedAt,
  };
}

function postProgress(r: SearchRun, id: number): void {
  const now = performance.now();
  const p = r.progress();
  post({
    type: 'enum-progress',
    id,
    progress: p,
    perK: [...r.perK],
    elapsedMs: now - startedAt,
    treesPerSecond: p.trees / Math.max(1e-3, (now - startedAt) / 1000),
  });
}

async function loop(r: SearchRun, id: number, workers: number): Promise<void> {
  let chunk = 20_000;
  let lastPost = 0;
  const throttled = () => {
    const now = performance.now();
    if (now - lastPost > 250) {
      lastPost = now;
      postProgress(r, id);
    }
  };
  // Large levels run on shard workers (shards.ts); this worker then only waits and merges.
  const parallel = new ParallelDriver(r, workers, shardRunners);
  if (workers >= 2) warmShards(workers);
  while (run === r && r.state === 'running') {
    try {
      if (await parallel.step(throttled)) continue;
    } catch (e) {
      if (!(e instanceof ShardsStopped)) throw e;
      continue;
    }
    const t0 = performance.now();
    r.advance(chunk);
    const dt = performance.now() - t0;
    // Aim at 20 ms slices whatever the level's cost per pair.
    chunk = Math.max(1000, Math.min(2_000_000, Math.round(chunk * (20 / Math.max(1, dt)))));
    throttled();
    await yieldNow();
  }
  if (run === r) post(doneEvent(r, id));
}

self.onmessage = (e: MessageEvent<EnumCommand>) => {
  const m = e.data;
  try {
    if (m.type === 'enum-start') {
      run?.cancel();
      stopShards();
      const s = m.spec;
      let target = null;
      if (s.target !== null) {
        const t = readTarget(s.target, s.leaves);
        if (!t.ok) {
          post({ type: 'enum-error', id: m.id, message: t.message });
          return;
        }
        target = t.target;
      }
      // The scanned last level is counted too (perK complete); countScanned: false skips it (half the scan's cost).
      run = new SearchRun({ ...s, target, countScanned: s.countScanned ?? true });
      runId = m.id;
      startedAt = performance.now();
      void loop(run, m.id, s.workers ?? defaultShardWorkers()).catch((err: unknown) =>
        post({ type: 'enum-error', id: m.id, message: err instanceof Error ? err.message : String(err) }),
      );
    } else if (m.type === 'enum-cancel') {
      if (run && runId === m.id) {
        run.cancel();
        stopShards();
        post(doneEvent(run, m.id));
      }
    } else if (m.type === 'enum-rows') {
      if (!run || runId !== m.id) {
        post({ type: 'enum-rows', id: m.id, request: m.request, total: 0, rows: [] });
        return;
      }
      const { total, rows } = functionRows(run.en, m.filter, m.offset, m.limit);
      post({
        type: 'enum-rows',
        id: m.id,
        request: m.request,
        total,
        rows: rows.map((row) => ({ ...row, tree: encodeText(row.tree) })),
      });
    } else if (m.type === 'enum-ladder') {
      const l = ladderFor(m.text, m.kind);
      post(
        l.ok
          ? {
              type: 'enum-ladder',
              request: m.request,
              ...l,
              rungs: l.rungs.map(({ tree, ...rung }) =>
                tree === undefined ? rung : { ...rung, tree: encodeText(tree) },
              ),
            }
          : { type: 'enum-ladder', request: m.request, ok: false, message: l.message },
      );
    }
  } catch (err) {
    post({ type: 'enum-error', id: 'id' in m ? m.id : -1, message: err instanceof Error ? err.message : String(err) });
  }
};
