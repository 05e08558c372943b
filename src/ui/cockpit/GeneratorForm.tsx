/** Generate data from a formula (math or EML), or from one of the paper's targets over its grid. */
import { useId } from 'react';
import { paperTargetGenerator, type GeneratorSpec } from '../../fit/generate.ts';
import { useFit } from '../../store/fitStore.ts';
import { isTargetName, TARGET_NAMES } from '../../training/targets.ts';

export function GeneratorForm() {
  const id = useId();
  const g = useFit((s) => s.generator);
  const errors = useFit((s) => s.generatorErrors);
  const { setGenerator, generateData } = useFit.getState();
  const num = (key: keyof GeneratorSpec, label: string, step = 'any', min?: number) => (
    <label className="field">
      {label}
      <input
        type="number"
        step={step}
        min={min}
        value={g[key] as number}
        onChange={(e) =>
          setGenerator({ [key]: e.target.value === '' ? NaN : Number(e.target.value) } as Partial<GeneratorSpec>)
        }
      />
    </label>
  );
  return (
    <details className="generator">
      <summary>Generate data from a formula</summary>
      <div className="field-row">
        <label className="field">
          Paper target
          <select
            value=""
            onChange={(e) => {
              if (isTargetName(e.target.value)) setGenerator(paperTargetGenerator(e.target.value));
            }}
          >
            <option value="">choose…</option>
            {TARGET_NAMES.map((t) => (
              <option key={t} value={t}>
                {t} (grid [1,3]², step 0.1)
              </option>
            ))}
          </select>
        </label>
        <label className="field formula-field">
          Formula (math or EML)
          <input
            id={`${id}-f`}
            type="text"
            value={g.formula}
            spellCheck={false}
            onChange={(e) => setGenerator({ formula: e.target.value })}
          />
        </label>
        <label className="field">
          Inputs
          <select value={g.inputs} onChange={(e) => setGenerator({ inputs: Number(e.target.value) as 1 | 2 })}>
            <option value={1}>1 (x)</option>
            <option value={2}>2 (x, y)</option>
          </select>
        </label>
        <label className="field">
          Layout
          <select
            value={g.layout}
            onChange={(e) => setGenerator({ layout: e.target.value as GeneratorSpec['layout'] })}
          >
            <option value="grid">evenly spaced grid</option>
            <option value="random">uniform random</option>
          </select>
        </label>
      </div>
      <div className="field-row">
        {num('xMin', 'x from')}
        {num('xMax', 'x to')}
        {g.inputs === 2 && num('yMin', 'y from')}
        {g.inputs === 2 && num('yMax', 'y to')}
        {num('points', g.inputs === 2 && g.layout === 'grid' ? 'Points per axis' : 'Points', '1', 2)}
        {num('noise', 'Noise σ', 'any', 0)}
        {num('seed', 'Noise seed', '1', 0)}
      </div>
      <button type="button" onClick={() => generateData()}>
        Generate data
      </button>
      {errors.length > 0 && (
        <ul className="parse-error" role="alert">
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
    </details>
  );
}
