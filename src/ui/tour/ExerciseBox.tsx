import { useId, useState } from 'react';
import { formatComplex } from '../../eml/format.ts';
import { checkExercise, type ExerciseResult } from '../../tour/tour.ts';
import type { TourStep } from '../../tour/types.ts';
import { ParseErrorView } from '../ParseErrorView.tsx';

/** "Try it": the user edits a tree until the core agrees it equals the target at the exercise's points. */
export function ExerciseBox({ step, solved, onSolved }: { step: TourStep; solved: boolean; onSolved: () => void }) {
  const ids = { box: useId(), err: useId() };
  const [text, setText] = useState(step.exercise.starter);
  const [result, setResult] = useState<ExerciseResult | null>(null);
  const [showHint, setShowHint] = useState(false);
  const check = () => {
    const r = checkExercise(step, text);
    setResult(r);
    if (r.status === 'solved') onSolved();
  };
  return (
    <section className="exercise" aria-label="Try it">
      <h3>Try it {solved && <span className="solved-badge">solved</span>}</h3>
      <p>{step.exercise.prompt}</p>
      <label htmlFor={ids.box}>Your tree</label>
      <textarea
        id={ids.box}
        className="expression-input"
        rows={2}
        spellCheck={false}
        value={text}
        aria-describedby={result?.status === 'syntax' ? ids.err : undefined}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            check();
          }
        }}
      />
      <div className="button-row">
        <button type="button" onClick={check}>
          Check
        </button>
        <button type="button" onClick={() => setShowHint((h) => !h)} aria-expanded={showHint}>
          Hint
        </button>
      </div>
      {showHint && <p className="hint">{step.exercise.hint}</p>}
      <div role="status" className="exercise-result">
        {result?.status === 'solved' && (
          <p className="pass">Correct: your tree (K = {result.k}) equals the target at every check point.</p>
        )}
        {result?.status === 'wrong' && (
          <p className="fail">
            Not yet: at{' '}
            {Object.entries(result.point)
              .map(([k, v]) => `${k} = ${v}`)
              .join(', ')}{' '}
            your tree gives {result.value ? formatComplex(result.value) : '—'}, the target is{' '}
            {formatComplex(result.expected)} ({result.message}).
          </p>
        )}
      </div>
      {result?.status === 'syntax' && <ParseErrorView id={ids.err} source={text} error={result.error} />}
    </section>
  );
}
