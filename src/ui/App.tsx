import { ExpressionPanel } from './ExpressionPanel.tsx';
import { ResultPanel } from './ResultPanel.tsx';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>EML Playground</h1>
        <p className="tagline">
          Every elementary function from one operator: <code>eml(x, y) = exp(x) − ln(y)</code> and the constant 1.
        </p>
      </header>
      <main className="app-main">
        <ExpressionPanel />
        <ResultPanel />
      </main>
    </div>
  );
}
