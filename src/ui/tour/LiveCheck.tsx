import { useId, useMemo, useState } from 'react';
import { formatComplex } from '../../eml/format.ts';
import { checkStep, TOLERANCE } from '../../tour/tour.ts';
import type { TourStep } from '../../tour/types.ts';

function CheckRow({ label, check }: { label: string; check: ReturnType<typeof checkStep> }) {
  return (
    <tr className={check.pass ? 'pass' : 'fail'}>
      <th scope="row">{label}</th>
      <td>{formatComplex(check.value)}</td>
      <td>{formatComplex(check.expected)}</td>
      <td>{check.error === 0 ? '0' : check.error.toExponential(1)}</td>
      <td>{check.pass ? '✓ equal' : '✗ differs'}</td>
    </tr>
  );
}

const pointLabel = (p: { x: number; y: number }, step: TourStep) => {
  const vars = [step.samples, step.slider ? [{ [step.slider.variable]: 0 }] : []].flat().flatMap((s) => Object.keys(s));
  const used = [...new Set(vars)];
  return used.length === 0 ? 'constant' : used.map((v) => `${v} = ${p[v as 'x' | 'y']}`).join(', ');
};

/** The core evaluates the step's tree beside the reference value: at fixed samples, and wherever the slider is. */
export function LiveCheck({ step }: { step: TourStep }) {
  const sliderId = useId();
  const [value, setValue] = useState(step.slider?.initial ?? 0);
  const samples = useMemo(() => step.samples.map((p) => checkStep(step, p)), [step]);
  const live = step.slider ? checkStep(step, { [step.slider.variable]: value }) : null;
  return (
    <section className="live-check" aria-label="Live check">
      <h3>Live check</h3>
      <p className="help">
        The core evaluates the tree (complex semantics) and compares it with the expected value; “equal” means a
        relative error ≤ {TOLERANCE}.
      </p>
      {step.slider && (
        <div className="field">
          <label htmlFor={sliderId}>
            {step.slider.variable} = {value}
          </label>
          <input
            id={sliderId}
            type="range"
            min={step.slider.min}
            max={step.slider.max}
            step={step.slider.step}
            value={value}
            onChange={(e) => setValue(e.currentTarget.valueAsNumber)}
          />
        </div>
      )}
      <table className="checks">
        <thead>
          <tr>
            <th scope="col">at</th>
            <th scope="col">tree</th>
            <th scope="col">expected</th>
            <th scope="col">error</th>
            <th scope="col">result</th>
          </tr>
        </thead>
        <tbody>
          {live && <CheckRow label={`slider: ${pointLabel(live.point, step)}`} check={live} />}
          {samples.map((c, i) => (
            <CheckRow key={i} label={pointLabel(c.point, step)} check={c} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
