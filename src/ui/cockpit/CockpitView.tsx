/**
 * The fitting cockpit: Data → Training → Result, with the Pareto front and the recovery lab. On mount it restores
 * the run from a `#fit/<run>` link or the autosave (validated, never throwing: fitPersistence.ts) and autosaves
 * data, settings and the last result. Each region sits in its own error boundary, so a failure in one view shows
 * a message there and the other regions, and the user's data, stay.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { indexedDbStore, type BlobStore } from '../../store/blobStore.ts';
import { bootFit, sessionJson, startFitAutosave } from '../../store/fitPersistence.ts';
import { useFit } from '../../store/fitStore.ts';
import { RegionBoundary } from '../ErrorBoundary.tsx';
import { warmCertifier } from '../../workers/clients/certifyClient.ts';
import { prewarmTrainingWorker } from '../../workers/clients/trainingWorkers.ts';
import { prewarmSearchWorkers } from '../../workers/searchPool.ts';
import { installDiagnostics } from './diagnostics.ts';
import { DataPanel } from './DataPanel.tsx';
import { download } from './download.ts';
import { ParetoPanel } from './ParetoPanel.tsx';
import { RecoveryLab } from './RecoveryLab.tsx';
import { ResultCard } from './ResultCard.tsx';
import { SearchPareto } from './SearchPareto.tsx';
import { SearchResultCard } from './SearchResultCard.tsx';
import { ShareLink } from './ShareLink.tsx';
import { methodFor } from '../../fit/fitSettings.ts';
import { TrainingPanel } from './TrainingPanel.tsx';
import './cockpit.css';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

let blobs: BlobStore | null | undefined;
/** IndexedDB when the browser allows it; otherwise none (the autosave then says large tables are not kept). */
function blobStore(): BlobStore | null {
  if (blobs === undefined) {
    try {
      blobs = indexedDbStore() ?? null;
    } catch {
      blobs = null;
    }
  }
  return blobs;
}

/** The one restore of this page load (and of each `#fit/…` link opened later), shared by every mount of the view. */
let boot: { encoded: string | null; done: Promise<string[]>; shown: boolean } | null = null;

/** A region in its own error boundary: its failure is shown in place, and the rest of the cockpit keeps working. */
function Region({ name, children }: { name: string; children: ReactNode }) {
  return <RegionBoundary name={name}>{children}</RegionBoundary>;
}

export function CockpitView({ encoded }: { encoded: string | null }) {
  const [notices, setNotices] = useState<string[]>([]);
  const [ready, setReady] = useState(false);
  const saveProblem = useFit((s) => s.saveProblem);
  const method = useFit((s) => methodFor(s.settings, s.source));
  useEffect(() => {
    let stopAutosave: (() => void) | undefined;
    let live = true;
    const s = storage();
    // Restore once per page load, and again when a different `#fit/…` link is opened in this tab. The autosave
    // starts only after the restore finished, so nothing is written over a save before it was read (a remount
    // during a slow IndexedDB read waits for the same restore).
    if (!boot || (encoded !== null && encoded !== boot.encoded))
      boot = { encoded, done: bootFit(encoded, boot ? null : s, blobStore()), shown: false };
    const current = boot;
    void current.done.then((n) => {
      if (!live) return;
      if (!current.shown) {
        current.shown = true;
        setNotices(n);
      }
      setReady(true);
      if (s)
        stopAutosave = startFitAutosave(s, blobStore(), (flush) => {
          window.addEventListener('pagehide', flush);
          return () => window.removeEventListener('pagehide', flush);
        });
    });
    return () => {
      live = false;
      stopAutosave?.();
    };
  }, [encoded]);
  useEffect(() => {
    installDiagnostics();
    // Start the certifier and a training worker while the page is idle, so neither Play nor a result pays for it.
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
    idle(() => {
      void warmCertifier().catch(() => undefined);
      prewarmTrainingWorker();
      prewarmSearchWorkers();
      // KaTeX's fonts too: a font arriving with the first result would re-lay-out the whole page at that moment.
      for (const font of ['1em KaTeX_Main', 'italic 1em KaTeX_Math', '1em KaTeX_Size1'])
        void document.fonts?.load(font).catch(() => undefined);
    });
  }, []);
  if (!ready) {
    return (
      <main className="cockpit">
        <p className="help" role="status">
          Restoring your fitting session…
        </p>
      </main>
    );
  }
  return (
    <main className="cockpit">
      <h2 className="visually-hidden">Fit data</h2>
      {notices.map((n, i) => (
        <p key={i} className="notice" role="alert" data-testid="fit-notice">
          {n}
        </p>
      ))}
      {saveProblem && (
        <div className="notice" role="alert" data-testid="fit-save-problem">
          <p>{saveProblem}</p>
          <button type="button" onClick={() => download('eml-fit-session.json', sessionJson(), 'application/json')}>
            Download data and settings
          </button>
        </div>
      )}
      <div className="cockpit-grid">
        <div className="column">
          <Region name="Data">
            <DataPanel />
          </Region>
          <Region name="Share link">
            <ShareLink />
          </Region>
        </div>
        <div className="column">
          <Region name="Training">
            <TrainingPanel />
          </Region>
        </div>
        <div className="column">
          <Region name="Result">{method === 'search' ? <SearchResultCard /> : <ResultCard />}</Region>
          <Region name="Pareto front">{method === 'search' ? <SearchPareto /> : <ParetoPanel />}</Region>
        </div>
      </div>
      <Region name="Recovery lab">
        <RecoveryLab />
      </Region>
    </main>
  );
}
