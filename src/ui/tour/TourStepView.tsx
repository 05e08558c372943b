import { useMemo } from 'react';
import { DocRefText } from '../docs/DocRefText.tsx';
import { metrics } from '../../eml/metrics.ts';
import { complexError, fillPoint } from '../../tour/tour.ts';
import type { TourStep } from '../../tour/types.ts';
import { Katex } from '../Katex.tsx';
import { ExerciseBox } from './ExerciseBox.tsx';
import { LiveCheck } from './LiveCheck.tsx';
import { TexText } from './TexText.tsx';
import { TourTree } from './TourTree.tsx';

/** One derivation line with the core's verdict at the step's first sample point. */
function Derivation({ step }: { step: TourStep }) {
  const rows = useMemo(
    () =>
      step.derivation.map((line) => {
        if (!line.check) return { line, error: null };
        const [lhs, rhs] = line.check(fillPoint(step.samples[0] ?? {}));
        return { line, error: complexError(lhs, rhs) };
      }),
    [step],
  );
  return (
    <ol className="derivation">
      {rows.map(({ line, error }, i) => (
        <li key={i}>
          <Katex tex={line.latex} />{' '}
          {error !== null && (
            <span className={error <= 1e-12 ? 'pass' : 'fail'}>
              {error <= 1e-12 ? '✓ checked numerically' : `✗ off by ${error.toExponential(1)}`}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

export function TourStepView({ step, solved, onSolved }: { step: TourStep; solved: boolean; onSolved: () => void }) {
  const m = metrics(step.tree);
  return (
    <>
      <h2 id="tour-step-title" tabIndex={-1}>
        {step.title}
      </h2>
      {step.body.map((p, i) => (
        <p key={i}>
          <TexText text={p} />
        </p>
      ))}
      <div className="identity" data-testid="tour-identity">
        <Katex tex={step.identity} display />
      </div>
      <Derivation step={step} />
      <p className="metrics-line">
        K = <strong data-testid="tour-k">{m.k}</strong>, depth <strong>{m.depth}</strong>{' '}
        <span className="source">
          (source: the paper, arXiv 2603.21852, explained in <DocRefText text={step.source} />)
        </span>
      </p>
      <TourTree tree={step.tree} label={`Tree of ${step.title}: K ${m.k}, depth ${m.depth}`} />
      {step.alternative && (
        <details className="alternative">
          <summary>Compare: {step.alternative.label}</summary>
          <p>{step.alternative.note}</p>
          <TourTree tree={step.alternative.tree} label={`Tree of ${step.alternative.label}`} />
        </details>
      )}
      <LiveCheck step={step} />
      <ExerciseBox step={step} solved={solved} onSolved={onSolved} />
    </>
  );
}
