import type { ReactNode } from 'react';
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

/** A region's boundary, given a fresh try whenever the applied document changes (fixing the text fixes the view). */
function DocumentRegion({ name, children }: { name: string; children: ReactNode }) {
  const reading = usePlayground((s) => s.derived.reading);
  return (
    <RegionBoundary name={name} resetKey={reading}>
      {children}
    </RegionBoundary>
  );
}

/** The Expression region's boundary: every edit of the text retries it, and while failed the text stays editable. */
function ExpressionRegion({ children }: { children: ReactNode }) {
  const draft = usePlayground((s) => s.draft);
  return (
    <RegionBoundary name="Expression" resetKey={draft} fallback={<DraftFallback />}>
      {children}
    </RegionBoundary>
  );
}

/**
 * Each region has its own boundary: a failure shows in that region only. The subscriptions for the reset keys live
 * in the small wrappers above, so a keystroke re-renders the Expression region only, not the tree and the plot.
 */
function Playground() {
  return (
    <main className="app-main">
      <div className="column">
        <ExpressionRegion>
          <ExpressionPanel />
        </ExpressionRegion>
        <DocumentRegion name="Formula">
          <FormulaPanel />
        </DocumentRegion>
        <RegionBoundary name="Examples">
          <ExamplesGallery />
        </RegionBoundary>
      </div>
      <div className="column">
        <DocumentRegion name="Tree">
          <TreeView />
        </DocumentRegion>
        <DocumentRegion name="Plot">
          <PlotView />
        </DocumentRegion>
        <DocumentRegion name="Export">
          <ExportMenu />
        </DocumentRegion>
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
          {route.screen === 'playground' ? (
            <a href="#tour">Guided tour: from 1 to sin x</a>
          ) : (
            <a href="#">Back to the playground</a>
          )}
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
