/**
 * The fitting cockpit: Data → Training → Result, with the Pareto front and the recovery lab. On mount it restores
 * the run from a `#fit/<run>` link or the autosave, and autosaves data, settings and the last result.
 */
import { useEffect, useState } from 'react';
import { bootFit, startFitAutosave } from '../../store/fitStore.ts';
import { warmCertifier } from './certifyClient.ts';
import { prewarmTrainingWorker } from '../../workers/client.ts';
import { DataPanel } from './DataPanel.tsx';
import { ParetoPanel } from './ParetoPanel.tsx';
import { RecoveryLab } from './RecoveryLab.tsx';
import { ResultCard } from './ResultCard.tsx';
import { ShareLink } from './ShareLink.tsx';
import { TrainingPanel } from './TrainingPanel.tsx';
import './cockpit.css';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

let booted = false;

export function CockpitView({ encoded }: { encoded: string | null }) {
  const [notice, setNotice] = useState<string | null>(null);
  const [ready, setReady] = useState(booted);
  useEffect(() => {
    if (!booted) {
      booted = true;
      setNotice(bootFit(encoded, storage()));
      setReady(true);
    }
    const s = storage();
    return s ? startFitAutosave(s) : undefined;
  }, [encoded]);
  useEffect(() => {
    // Start the certifier and a training worker while the page is idle, so neither Play nor a result pays for it.
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
    idle(() => {
      void warmCertifier().catch(() => undefined);
      prewarmTrainingWorker();
      // KaTeX's fonts too: a font arriving with the first result would re-lay-out the whole page at that moment.
      for (const font of ['1em KaTeX_Main', 'italic 1em KaTeX_Math', '1em KaTeX_Size1']) void document.fonts?.load(font).catch(() => undefined);
    });
  }, []);
  if (!ready) return null;
  return (
    <main className="cockpit">
      <h2 className="visually-hidden">Fit data</h2>
      {notice && (
        <p className="notice" role="alert">
          {notice}
        </p>
      )}
      <div className="cockpit-grid">
        <div className="column">
          <DataPanel />
          <ShareLink />
        </div>
        <div className="column">
          <TrainingPanel />
        </div>
        <div className="column">
          <ResultCard />
          <ParetoPanel />
        </div>
      </div>
      <RecoveryLab />
    </main>
  );
}
