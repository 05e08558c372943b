import { useId, useState } from 'react';
import { formatComplex } from '../../eml/format.ts';
import { checkExercise, type ExerciseResult } from '../../tour/tour.ts';
import type { ExerciseReading } from '../../tour/exerciseInput.ts';
import type { TourStep } from '../../tour/types.ts';
import { Katex } from '../Katex.tsx';
import { ParseErrorView } from '../ParseErrorView.tsx';

/** "Try it": the user edits a tree until the core agrees it equals the target at the exercise's points. */
export function ExerciseBox({ step, solved, onSolved }: { step: TourStep; solved: boolean; onSolved: () => void }) {
  const ids = { box: useId(), err: useId(), help: useId() };
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
      <label htmlFor={ids.box}>Your answer</label>
      <p className="help" id={ids.help}>
        EML (<code>eml(1, x)</code>, <code>1 x E</code>), ordinary math (<code>e - 1</code>, <code>2*pi</code>) or the
        tree&apos;s block names (<code>mul(i, i)</code>).
      </p>
      <textarea
        id={ids.box}
        className="expression-input"
        rows={2}
        spellCheck={false}
        value={text}
        aria-describedby={result?.status === 'syntax' ? `${ids.help} ${ids.err}` : ids.help}
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
        {result && result.status !== 'syntax' && <ReadingLine reading={result.reading} />}
        {result?.status === 'solved' && (
          <p className="pass">
            Correct: {result.reading.kind === 'eml' ? 'your tree' : 'its tree'} (K {result.k}
            {result.reading.kind === 'math' ? ', as the paper compiles it' : ''}) equals the target at every check
            point.
          </p>
        )}
        {result?.status === 'wrong' && (
          <p className="fail">
            Not yet: at{' '}
            {Object.entries(result.point)
              .map(([k, v]) => `${k} = ${v}`)
              .join(', ')}{' '}
            {result.reading.kind === 'eml' ? 'your tree' : 'its tree'} gives{' '}
            {result.value ? formatComplex(result.value) : '—'}, the target is {formatComplex(result.expected)} (
            {result.message}).
          </p>
        )}
      </div>
      {result?.status === 'syntax' && (
        <>
          <p className="help">Read as {result.tried === 'eml' ? 'EML' : 'ordinary math'}; it does not parse:</p>
          <ParseErrorView id={ids.err} source={text} error={result.error} />
        </>
      )}
    </section>
  );
}

/** How the answer was understood: "Reads as ordinary math: e − 1", so a misreading is visible before the verdict. */
function ReadingLine({ reading }: { reading: ExerciseReading }) {
  return (
    <p
      className="exercise-reading"
      data-testid="exercise-reading"
      data-reading={reading.kind === 'math' ? reading.text : 'eml'}
    >
      {reading.kind === 'eml' ? (
        'Reads as EML.'
      ) : (
        <>
          Reads as ordinary math: <Katex tex={reading.latex} />, checked as its compiled EML tree.
        </>
      )}
    </p>
  );
}
