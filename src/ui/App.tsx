import { useEffect, type ReactNode } from 'react';
import { RegionBoundary } from './ErrorBoundary.tsx';
import { ExamplesGallery } from './ExamplesGallery.tsx';
import { ExpressionPanel } from './ExpressionPanel.tsx';
import { FormulaPanel } from './FormulaPanel.tsx';
import { LadderPanel } from './ladder/LadderPanel.tsx';
import { AutosaveNotice, BackgroundErrorNotice, StartNotice } from './Notices.tsx';
import { SkipLinks, type SkipTarget } from './SkipLinks.tsx';
import { Toolbar, ViewToolbar } from './Toolbar.tsx';
import { ExportMenu } from './export/ExportMenu.tsx';
import { PlotView } from './plot/PlotView.tsx';
import { ComplexPlaneView } from './plane/ComplexPlaneView.tsx';
import { CockpitView } from './cockpit/CockpitView.tsx';
import { EmbeddedTourStep, TourView } from './tour/TourView.tsx';
import { TreeView } from './tree/TreeView.tsx';
import { routeOf, useHash, useViewFlags, type Route } from './useRoute.ts';
import { useShareLinkNotice } from './useShareLink.ts';
import { DocsView } from './docs/DocsView.tsx';
import { docsRouteOf } from './docs/docsRoute.ts';
import { MapView } from './map/MapView.tsx';
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
    <div className="region" data-region={name.toLowerCase()}>
      <RegionBoundary name={name} resetKey={reading}>
        {children}
      </RegionBoundary>
    </div>
  );
}

/** The Expression region's boundary: every edit of the text retries it, and while failed the text stays editable. */
function ExpressionRegion({ children }: { children: ReactNode }) {
  const draft = usePlayground((s) => s.draft);
  return (
    <div className="region" data-region="expression">
      <RegionBoundary name="Expression" resetKey={draft} fallback={<DraftFallback />}>
        {children}
      </RegionBoundary>
    </div>
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
        <div className="region" data-region="examples">
          <RegionBoundary name="Examples">
            <ExamplesGallery />
          </RegionBoundary>
        </div>
        <div className="region" data-region="ladder">
          <RegionBoundary name="Shortest form">
            <LadderPanel />
          </RegionBoundary>
        </div>
      </div>
      <div className="column">
        <DocumentRegion name="Tree">
          <TreeView />
        </DocumentRegion>
        <DocumentRegion name="Plot">
          <PlotView />
        </DocumentRegion>
        <DocumentRegion name="Complex plane">
          <ComplexPlaneView />
        </DocumentRegion>
        <DocumentRegion name="Export">
          <ExportMenu />
        </DocumentRegion>
      </div>
    </main>
  );
}

/** The skip links of each screen, in the order of the regions on the page. */
const SKIP_TARGETS: Record<Route['screen'] | 'docs', readonly SkipTarget[]> = {
  playground: [
    { region: 'tree', label: 'the tree' },
    { region: 'expression', label: 'the expression' },
    { region: 'formula', label: 'the formula' },
    { region: 'plot', label: 'the plot' },
    { region: 'complex plane', label: 'the complex plane' },
    { region: 'examples', label: 'the examples' },
    { region: 'export', label: 'export' },
  ],
  tour: [
    { region: 'tour-step', label: 'the step' },
    { region: 'tour-steps', label: 'the list of steps' },
  ],
  fit: [{ region: 'fit', label: 'the data' }],
  map: [{ region: 'map', label: 'the map' }],
  docs: [{ region: 'docs', label: 'the documentation' }],
};

/** Embed mode: one view and a link to the full app, nothing else (see README, "Embedding"). */
function EmbeddedView({ route }: { route: Route }) {
  const full = `${location.pathname}${location.hash}`;
  return (
    <main className="embed">
      {route.screen === 'tour' ? (
        <RegionBoundary name="Guided tour" resetKey={route.step}>
          <EmbeddedTourStep stepId={route.step} />
        </RegionBoundary>
      ) : (
        <>
          <DocumentRegion name="Formula">
            <FormulaPanel />
          </DocumentRegion>
          <DocumentRegion name="Tree">
            <TreeView />
          </DocumentRegion>
        </>
      )}
      <p className="embed-credit">
        <a href={full} target="_blank" rel="noopener">
          Open in EML Playground
        </a>
      </p>
    </main>
  );
}

export function App({ notice, recovery = [] }: { notice: string | null; recovery?: readonly Recovery[] }) {
  const hash = useHash();
  const route = routeOf(hash);
  const docs = docsRouteOf(hash);
  const { present, embed } = useViewFlags();
  const [linkNotice, dismissLinkNotice] = useShareLinkNotice();
  useEffect(() => {
    // On the root element, so the tokens (high contrast) and every sheet can follow the mode.
    document.documentElement.toggleAttribute('data-present', present && !embed);
    document.documentElement.toggleAttribute('data-embed', embed);
  }, [present, embed]);
  if (embed)
    return (
      <div className="app">
        <EmbeddedView route={route} />
      </div>
    );
  return (
    <div className="app">
      <SkipLinks targets={docs ? SKIP_TARGETS.docs : SKIP_TARGETS[route.screen]} />
      <header className="app-header">
        <div>
          <h1>EML Playground</h1>
          <p className="tagline">
            Every elementary function from one operator: <code>eml(x, y) = exp(x) − ln(y)</code> and the constant 1.
          </p>
        </div>
        <nav aria-label="Screens" className="screens">
          {route.screen === 'playground' && !docs ? (
            <a href="#tour">Guided tour: from 1 to sin x</a>
          ) : (
            <a href="#">Back to the playground</a>
          )}
          {route.screen !== 'fit' && <a href="#fit">Fit data</a>}
          {route.screen !== 'map' && <a href="#map">Map of constructions</a>}
          {!docs && <a href="#docs">Documentation</a>}
        </nav>
        <ViewToolbar present={present} />
        {route.screen === 'playground' && !docs && (
          <RegionBoundary name="Toolbar">
            <Toolbar />
          </RegionBoundary>
        )}
      </header>
      <StartNotice notice={notice} recovery={recovery} />
      {linkNotice && (
        <div className="notice" role="alert">
          {linkNotice}
          <button type="button" onClick={dismissLinkNotice}>
            Dismiss
          </button>
        </div>
      )}
      <AutosaveNotice />
      <BackgroundErrorNotice />
      {/* One boundary per screen as well: a failure outside the regions still leaves the header and navigation. */}
      {docs ? (
        <div className="region" data-region="docs" key="docs">
          <RegionBoundary name="Documentation">
            <DocsView page={docs.page} anchor={docs.anchor} />
          </RegionBoundary>
        </div>
      ) : route.screen === 'fit' ? (
        <div className="region" data-region="fit" key="fit">
          <RegionBoundary name="Fit data">
            <CockpitView encoded={route.run} />
          </RegionBoundary>
        </div>
      ) : route.screen === 'map' ? (
        <div className="region" data-region="map" key="map">
          <RegionBoundary name="Map of constructions">
            <MapView />
          </RegionBoundary>
        </div>
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
