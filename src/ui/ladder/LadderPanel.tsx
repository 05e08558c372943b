/**
 * The ladder: what is known about the smallest tree of the current function, one rung per fact with where it
 * comes from — the compiler's trees (upper bounds, "compiled"), the search's best tree ("search-verified minimum")
 * and its lower bound, and the paper's published bounds ("paper, Table 4"). A rung with a tree loads it. The search
 * runs in a worker (src/workers/enumerateWorker.ts); this view only shows its messages.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ENUM_SEMANTICS, type EnumSemantics } from '../../eml/enumerate/enumerator.ts';
import { usePlayground } from '../../store/store.ts';
import { enumerateClient } from '../../workers/enumerateClient.ts';
import { FunctionTableView } from './FunctionTableView.tsx';
import './ladder.css';
import { K_CHOICES, openTree, useLadder, type SearchInfo } from './ladderStore.ts';
import type { SearchProgress } from '../../eml/enumerate/search.ts';

const SEMANTICS_LABEL: Record<EnumSemantics, string> = {
  complex: 'complex, ln 0 = −∞',
  finite: 'finite values only',
};

const fmt = (n: number) => n.toLocaleString('en-US');

function progressText(s: SearchInfo): string {
  const p = s.progress;
  if (s.status === 'error') return `The search failed: ${s.message}`;
  if (!p) return s.status === 'running' ? 'Starting the search…' : 'No search yet: choose the largest K and start.';
  const rate = `${fmt(Math.round(s.treesPerSecond))} trees/s`;
  const mem = `${(p.bytes / 2 ** 20).toFixed(1)} MB`;
  const what = p.scanning ? `scanning K ${p.k} for the target` : `enumerating K ${p.k}`;
  const base = `${fmt(p.distinct)} distinct functions, ${fmt(p.trees)} trees, ${rate}, ${mem}, ${(s.elapsedMs / 1000).toFixed(1)} s`;
  if (s.status === 'running') return `Searching: ${what} (complete up to K ${p.completeK}); ${base}.`;
  const end =
    s.status === 'found'
      ? `Found at K ${s.found?.k}`
      : s.status === 'cancelled'
        ? `Cancelled (complete up to K ${p.completeK})`
        : s.status === 'memory'
          ? `Stopped at the memory bound (complete up to K ${p.completeK})`
          : `Done up to K ${s.maxK}`;
  const sh = p.sharded;
  const shards = sh.levels.length
    ? ` Level${sh.levels.length > 1 ? 's' : ''} K ${sh.levels.join(', ')} ran on ${sh.workers} shard workers.`
    : '';
  return `${end}; ${base}.${shards}`;
}

/** The worker's default (enumerateShards.ts defaultShardWorkers: the cores but one for the page) and the choices. */
const CORES = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
const AUTO_WORKERS = Math.max(1, Math.min(16, CORES - 1));
const WORKER_CHOICES = Array.from({ length: Math.max(2, Math.min(16, CORES)) }, (_, i) => i + 1);

const evidenceText = (p: SearchProgress) => `${fmt(p.distinct)} distinct functions, ${fmt(p.trees)} trees evaluated`;

/**
 * The live status line, the one element a progress message changes. Its box has a fixed size and strict containment
 * (ladder.css), so an update re-lays out and repaints this box only, and starting or ending a run does not move the
 * page either.
 */
function SearchStatus() {
  const search = useLadder((s) => s.search);
  return (
    // An error's message can be long: its box takes the text's height (the fixed box would clip it).
    <p role="status" aria-live="polite" className="ladder-progress" data-fixed={search.status !== 'error'}>
      {progressText(search)}
    </p>
  );
}

export function LadderPanel() {
  const { text, inputKind, readingKind } = usePlayground(
    useShallow((s) => ({
      text: s.doc.text,
      inputKind: s.doc.inputKind,
      readingKind: s.derived.reading.ok ? s.derived.reading.kind : null,
    })),
  );
  // Only fields that change when a run starts or ends or a level completes: the progress messages (4 a second)
  // re-render the status line alone (SearchStatus), not the rungs and controls.
  const { ladder, maxK, semantics, workers, status, searchTarget, found, lowerBound, evidence, completeK } = useLadder(
    useShallow((s) => ({
      ladder: s.ladder,
      maxK: s.maxK,
      semantics: s.semantics,
      workers: s.workers,
      status: s.search.status,
      searchTarget: s.search.target,
      found: s.search.found,
      lowerBound: s.search.lowerBound,
      evidence: s.search.status !== 'running' && s.search.progress ? evidenceText(s.search.progress) : '',
      completeK: s.search.progress?.completeK ?? null,
    })),
  );
  const [tableOpen, setTableOpen] = useState(false);
  const kind = readingKind ?? (inputKind === 'math' ? 'math' : 'eml');
  useEffect(() => {
    // The worker is started when the page is idle, then asked for the ladder of each applied function.
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
    idle(() => enumerateClient.warm());
  }, []);
  useEffect(() => {
    if (readingKind) useLadder.getState().loadLadder(text, readingKind);
  }, [text, readingKind]);

  const leaves = ladder.leaves;
  const choices = leaves ? K_CHOICES[leaves] : null;
  const k = maxK ?? choices?.initial ?? 15;
  const running = status === 'running';
  const sameTarget = searchTarget === ladder.target && status !== 'idle';

  return (
    // Layout containment: the status line changes 4 times a second and must not re-lay out the whole page.
    <section className="panel ladder" aria-label="Shortest form" style={{ contain: 'layout paint' }}>
      <h2>Shortest form</h2>
      {ladder.status === 'error' && <p className="ladder-message">{ladder.message}</p>}
      {ladder.status === 'loading' && ladder.rungs.length === 0 && <p>Reading the function…</p>}
      {ladder.status === 'ok' && (
        <>
          <p className="ladder-for">
            Smallest tree of <code>{ladder.target.length > 60 ? `${ladder.target.slice(0, 60)}…` : ladder.target}</code>{' '}
            over the leaves {'{'}
            {leaves}
            {'}'} ({kind === 'math' ? 'ordinary math' : 'EML'})
          </p>
          <ol className="ladder-rungs" aria-label="Ladder">
            {ladder.rungs.map((r) => (
              <li key={`${r.kind}-${r.label}`}>
                {r.tree ? (
                  <button type="button" onClick={() => openTree(r.tree!)} title="Open this tree in the playground">
                    K {fmt(r.k)} · {r.label}
                  </button>
                ) : (
                  <span>
                    {r.kind === 'paper-bound' ? `K > ${r.k}` : `K ${fmt(r.k)}`} · {r.label}
                  </span>
                )}{' '}
                <span className="ladder-provenance">({r.provenance})</span>
              </li>
            ))}
            {sameTarget && found && (
              <li>
                <button type="button" onClick={() => openTree(found.tree)} title="Open this tree in the playground">
                  K {found.k} · best found by search
                </button>{' '}
                <span className="ladder-provenance">
                  (search-verified minimum up to K = {found.k}; checked at {found.verifiedPoints} fresh points,{' '}
                  {SEMANTICS_LABEL[semantics]})
                </span>
              </li>
            )}
            {sameTarget && !found && lowerBound !== null && lowerBound >= 1 && !running && (
              <li>
                <span>K &gt; {lowerBound} · search lower bound</span>{' '}
                <span className="ladder-provenance">
                  (search: no tree with K ≤ {lowerBound} computes it; {evidence})
                </span>
              </li>
            )}
          </ol>
          <div className="ladder-controls">
            <label>
              Search up to K{' '}
              <select
                value={k}
                disabled={running}
                onChange={(e) => useLadder.getState().setMaxK(Number(e.currentTarget.value))}
              >
                {(choices?.options ?? [k]).map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Search semantics{' '}
              <select
                value={semantics}
                disabled={running}
                onChange={(e) => useLadder.getState().setSemantics(e.currentTarget.value as EnumSemantics)}
              >
                {ENUM_SEMANTICS.map((s) => (
                  <option key={s} value={s}>
                    {SEMANTICS_LABEL[s]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Search workers{' '}
              <select
                value={workers ?? ''}
                disabled={running}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  useLadder.getState().setWorkers(v === '' ? null : Number(v));
                }}
              >
                <option value="">automatic ({AUTO_WORKERS})</option>
                {WORKER_CHOICES.map((n) => (
                  <option key={n} value={n}>
                    {n === 1 ? '1 (no shards)' : n}
                  </option>
                ))}
              </select>
            </label>
            {running ? (
              <button type="button" onClick={() => useLadder.getState().cancel()}>
                Cancel search
              </button>
            ) : (
              <button type="button" onClick={() => useLadder.getState().start()}>
                {status === 'idle' ? 'Start search' : 'Restart search'}
              </button>
            )}
          </div>
        </>
      )}
      <SearchStatus />
      {/* Always there (empty before a search), so that its appearing during a run does not move the page. The table
          is built only while open: 50 rows re-rendered with every progress report cost the page long tasks. */}
      <details className="ladder-table" onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary>All functions up to K {completeK ?? ''}</summary>
        {tableOpen && <FunctionTableView />}
      </details>
    </section>
  );
}
