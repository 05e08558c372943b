import { ExamplesGallery } from './ExamplesGallery.tsx';
import { ExpressionPanel } from './ExpressionPanel.tsx';
import { FormulaPanel } from './FormulaPanel.tsx';
import { Toolbar } from './Toolbar.tsx';
import { ExportMenu } from './export/ExportMenu.tsx';
import { PlotView } from './plot/PlotView.tsx';
import { CockpitView } from './cockpit/CockpitView.tsx';
import { TourView } from './tour/TourView.tsx';
import { TreeView } from './tree/TreeView.tsx';
import { routeOf, useHash } from './useRoute.ts';

function Playground() {
  return (
    <main className="app-main">
      <div className="column">
        <ExpressionPanel />
        <FormulaPanel />
        <ExamplesGallery />
      </div>
      <div className="column">
        <TreeView />
        <PlotView />
        <ExportMenu />
      </div>
    </main>
  );
}

export function App({ notice }: { notice: string | null }) {
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
        {route.screen === 'playground' && <Toolbar />}
      </header>
      {notice && (
        <p className="notice" role="alert">
          {notice}
        </p>
      )}
      {route.screen === 'fit' ? (
        <CockpitView encoded={route.run} />
      ) : route.screen === 'tour' ? (
        <main>
          <TourView stepId={route.step} />
        </main>
      ) : (
        <Playground />
      )}
    </div>
  );
}
