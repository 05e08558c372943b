import { useEffect, useMemo, useState } from 'react';
import { printFunctional } from '../../eml/syntax/index.ts';
import { usePlayground } from '../../store/store.ts';
import { stepIndex, TOUR } from '../../tour/tour.ts';
import { readSolved, writeSolved } from './progress.ts';
import { TourStepView } from './TourStepView.tsx';

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};
const isTextField = (el: Element | null) => el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;

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
      if (e.key === 'ArrowRight') go(index + 1);
      else if (e.key === 'ArrowLeft') go(index - 1);
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
      <nav className="tour-steps" aria-label="Tour steps">
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
      <article className="tour-step" aria-labelledby="tour-step-title">
        <TourStepView key={step.id} step={step} solved={solved.has(step.id)} onSolved={markSolved} />
        <div className="button-row tour-nav">
          <button type="button" onClick={() => go(index - 1)} disabled={index === 0} aria-keyshortcuts="ArrowLeft">
            ← Previous
          </button>
          <button type="button" onClick={openInPlayground}>
            Open this in the playground
          </button>
          <button
            type="button"
            onClick={() => go(index + 1)}
            disabled={index === TOUR.length - 1}
            aria-keyshortcuts="ArrowRight"
          >
            Next →
          </button>
        </div>
      </article>
    </div>
  );
}
