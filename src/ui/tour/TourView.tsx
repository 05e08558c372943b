import { useEffect, useMemo, useState } from 'react';
import { printFunctional } from '../../eml/syntax/index.ts';
import { usePlayground } from '../../store/store.ts';
import { stepIndex, TOUR } from '../../tour/tour.ts';
import { readSolved, writeSolved } from './progress.ts';
import { TourStepView } from './TourStepView.tsx';
import './tour.css';

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};
const isTextField = (el: Element | null) => el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;

/** Keys that move to the next / previous step: arrows, and PageDown / PageUp, which presentation clickers send. */
const NEXT_KEYS = new Set(['ArrowRight', 'PageDown']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'PageUp']);

/** One step alone, for embed mode (`?embed#tour/<step>`): no step list, no navigation, no exercise. */
export function EmbeddedTourStep({ stepId }: { stepId: string | null }) {
  const step = TOUR[Math.max(0, stepId ? stepIndex(stepId) : 0)];
  return (
    <article className="tour-step" aria-labelledby="tour-step-title" data-region="tour-step">
      <TourStepView step={step} solved={false} onSolved={() => undefined} exercise={false} />
    </article>
  );
}

/** The guided tour: a step list with progress, one step at a time, deep links `#tour/<step>`, ← → to move. */
export function TourView({ stepId }: { stepId: string | null }) {
  const index = Math.max(0, stepId ? stepIndex(stepId) : 0);
  const step = TOUR[index];
  const [solved, setSolved] = useState(() => readSolved(storage()));
  const go = (i: number) => {
    if (i >= 0 && i < TOUR.length) location.hash = `#tour/${TOUR[i].id}`;
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTextField(document.activeElement) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (NEXT_KEYS.has(e.key)) go(index + 1);
      else if (PREVIOUS_KEYS.has(e.key)) go(index - 1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  useEffect(() => {
    document.getElementById('tour-step-title')?.focus({ preventScroll: false });
  }, [index]);
  const markSolved = useMemo(
    () => () =>
      setSolved((s) => {
        const next = new Set(s).add(step.id);
        writeSolved(storage(), next);
        return next;
      }),
    [step.id],
  );
  const openInPlayground = () => {
    const { doc, load } = usePlayground.getState();
    load({ ...doc, text: printFunctional(step.tree), inputKind: 'eml' });
    location.hash = '';
  };
  return (
    <div className="tour">
      <nav className="tour-steps" aria-label="Tour steps" data-region="tour-steps">
        <p className="tour-progress">
          Step {index + 1} of {TOUR.length} · {solved.size} exercise{solved.size === 1 ? '' : 's'} solved
        </p>
        <ol>
          {TOUR.map((s, i) => (
            <li key={s.id}>
              <a href={`#tour/${s.id}`} aria-current={i === index ? 'step' : undefined}>
                {s.title}
                {solved.has(s.id) && <span className="visually-hidden"> (solved)</span>}
                {solved.has(s.id) && <span aria-hidden="true"> ✓</span>}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <article className="tour-step" aria-labelledby="tour-step-title" data-region="tour-step">
        <TourStepView key={step.id} step={step} solved={solved.has(step.id)} onSolved={markSolved} />
        <div className="button-row tour-nav">
          <button
            type="button"
            onClick={() => go(index - 1)}
            disabled={index === 0}
            aria-keyshortcuts="ArrowLeft PageUp"
          >
            ← Previous
          </button>
          <button type="button" className="tour-open-playground" onClick={openInPlayground}>
            Open this in the playground
          </button>
          <button
            type="button"
            onClick={() => go(index + 1)}
            disabled={index === TOUR.length - 1}
            aria-keyshortcuts="ArrowRight PageDown"
          >
            Next →
          </button>
        </div>
      </article>
    </div>
  );
}
