import { RegionBoundary } from './ErrorBoundary.tsx';
import { ExamplesGallery } from './ExamplesGallery.tsx';
import { ExpressionPanel } from './ExpressionPanel.tsx';
import { FormulaPanel } from './FormulaPanel.tsx';
import { AutosaveNotice, BackgroundErrorNotice, StartNotice } from './Notices.tsx';
import { Toolbar } from './Toolbar.tsx';
import { ExportMenu } from './export/ExportMenu.tsx';
import { PlotView } from './plot/PlotView.tsx';
import { CockpitView } from './cockpit/CockpitView.tsx';
import { TourView } from './tour/TourView.tsx';
import { TreeView } from './tree/TreeView.tsx';
import { routeOf, useHash } from './useRoute.ts';
import { usePlayground } from '../store/store.ts';
import type { Recovery } from '../store/persistence.ts';

/**
 * The Expression box as plain text, shown while the Expression view itself is failed: the user's text stays
 * visible and editable (each edit retries the view, whose resetKey is the draft).
 */
function DraftFallback() {
  const draft = usePlayground((s) => s.draft);
  return (
    <textarea
      className="expression-input"
      aria-label="Expression"
      value={draft}
      spellCheck={false}
      rows={3}
      onChange={(e) => usePlayground.getState().setDraft(e.currentTarget.value)}
    />
  );
}

/**
 * Each region has its own boundary: a failure shows in that region only. Regions that draw the applied
 * document get a fresh try whenever it changes (resetKey), so fixing the text also fixes the view.
 */
function Playground() {
  const reading = usePlayground((s) => s.derived.reading);
  const draft = usePlayground((s) => s.draft);
  return (
    <main className="app-main">
      <div className="column">
        <RegionBoundary name="Expression" resetKey={draft} fallback={<DraftFallback />}>
          <ExpressionPanel />
        </RegionBoundary>
        <RegionBoundary name="Formula" resetKey={reading}>
          <FormulaPanel />
        </RegionBoundary>
        <RegionBoundary name="Examples">
          <ExamplesGallery />
        </RegionBoundary>
      </div>
      <div className="column">
        <RegionBoundary name="Tree" resetKey={reading}>
          <TreeView />
        </RegionBoundary>
        <RegionBoundary name="Plot" resetKey={reading}>
          <PlotView />
        </RegionBoundary>
        <RegionBoundary name="Export" resetKey={reading}>
          <ExportMenu />
        </RegionBoundary>
      </div>
    </main>
  );
}

export function App({ notice, recovery = [] }: { notice: string | null; recovery?: readonly Recovery[] }) {
  const route = routeOf(useHash());
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>EML Playground</h1>
          <p className="tagline">
            Every elementary function from one operator: <code>eml(x, y) = exp(x) − ln(y)</code> and the constant 1.
          </p>
        </div>
        <nav aria-label="Screens" className="screens">
          {route.screen === 'playground' ? <a href="#tour">Guided tour: from 1 to sin x</a> : <a href="#">Back to the playground</a>}
          {route.screen !== 'fit' && <a href="#fit">Fit data</a>}
        </nav>
        {route.screen === 'playground' && (
          <RegionBoundary name="Toolbar">
            <Toolbar />
          </RegionBoundary>
        )}
      </header>
      <StartNotice notice={notice} recovery={recovery} />
      <AutosaveNotice />
      <BackgroundErrorNotice />
      {/* One boundary per screen as well: a failure outside the regions still leaves the header and navigation. */}
      {route.screen === 'fit' ? (
        <RegionBoundary name="Fit data" key="fit">
          <CockpitView encoded={route.run} />
        </RegionBoundary>
      ) : route.screen === 'tour' ? (
        <main>
          <RegionBoundary name="Guided tour" key="tour" resetKey={route.step}>
            <TourView stepId={route.step} />
          </RegionBoundary>
        </main>
      ) : (
        <RegionBoundary name="Playground" key="playground">
          <Playground />
        </RegionBoundary>
      )}
    </div>
  );
}
