import { useMemo } from 'react';
import { kWording } from '../../eml/compiler/kWording.ts';
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

export function TourStepView({
  step,
  solved,
  onSolved,
  exercise = true,
}: {
  step: TourStep;
  solved: boolean;
  onSolved: () => void;
  /** False in an embedded step (slides): the exercise is for the reader of the app, not for the audience. */
  exercise?: boolean;
}) {
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
        <KSizes k={m.k} step={step} />, depth <strong>{m.depth}</strong>{' '}
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
      {exercise && <ExerciseBox step={step} solved={solved} onSolved={onSolved} />}
    </>
  );
}

/**
 * "K 193, as the paper compiles it · 93 in the robust and shortest forms": the playground compiles robustly by
 * default, so a bare K here would contradict the K it shows for the same value.
 */
function KSizes({ k, step }: { k: number; step: TourStep }) {
  const [head, ...rest] = kWording(k, step.sizes?.own ?? [], step.sizes?.k ?? null).split(' · ');
  const tail = head.slice(`K ${k}`.length);
  return (
    <span data-testid="tour-sizes">
      K <strong data-testid="tour-k">{k}</strong>
      {tail}
      {rest.map((r) => ` · ${r}`).join('')}
    </span>
  );
}
