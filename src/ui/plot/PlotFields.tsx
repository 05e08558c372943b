/** The plot's inputs: the x / y sliders and the x-range fields. */
import { useId, useRef, type KeyboardEvent } from 'react';
import { displayNumber } from './plotFormat.ts';

/** A slider whose dragging is transient and whose release commits one undoable step. */
export function Slider({
  name,
  value,
  min,
  max,
  onMove,
  onCommit,
}: {
  name: 'x' | 'y';
  value: number;
  min: number;
  max: number;
  onMove: (v: number) => void;
  onCommit: (start: number, end: number) => void;
}) {
  const id = useId();
  const start = useRef<number | null>(null);
  const latest = useRef(value);
  latest.current = value;
  const step = (max - min) / 1000;
  const commit = () => {
    if (start.current === null) return;
    const s = start.current;
    start.current = null;
    onCommit(s, latest.current);
  };
  return (
    <div className="plot-slider">
      <label htmlFor={id}>{name}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step > 0 ? step : 'any'}
        value={Math.min(max, Math.max(min, value))}
        aria-valuetext={displayNumber(value)}
        onChange={(e) => {
          const v = e.currentTarget.valueAsNumber;
          if (!Number.isFinite(v)) return;
          if (start.current === null) start.current = latest.current;
          latest.current = v;
          onMove(v);
        }}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      <output htmlFor={id}>{displayNumber(value)}</output>
    </div>
  );
}

export function RangeField({
  label,
  value,
  error,
  errorId,
  onChange,
  onCommit,
}: {
  label: string;
  value: string;
  error: string | null;
  errorId: string;
  onChange: (v: string) => void;
  onCommit: () => void;
}) {
  const id = useId();
  return (
    <div className="number-field plot-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        spellCheck={false}
        autoComplete="off"
        value={value}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={onCommit}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
          if (e.key === 'Enter') onCommit();
        }}
      />
    </div>
  );
}
