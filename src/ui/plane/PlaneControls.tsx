/**
 * The complex-plane view's controls: the window's four fields (applied on Enter or leaving the field, with a
 * message per field), Zoom in / Zoom out / Reset view, the overlay toggles, the renderer choice and the y slider.
 */
import { useEffect, useId, useState } from 'react';
import type { PlaneWindow } from '../../eml/plane/raster.ts';
import { parseWindow } from '../../eml/plane/window.ts';

export interface Overlays {
  cut: boolean;
  fail: boolean;
  departs: boolean;
}

export type RendererChoice = 'auto' | 'cpu';

const FIELDS: Array<{ key: keyof PlaneWindow; label: string }> = [
  { key: 'reMin', label: 'Re from' },
  { key: 'reMax', label: 'Re to' },
  { key: 'imMin', label: 'Im from' },
  { key: 'imMax', label: 'Im to' },
];

const text = (w: PlaneWindow) =>
  Object.fromEntries(FIELDS.map(({ key }) => [key, String(Number(w[key].toPrecision(8)))])) as Record<
    keyof PlaneWindow,
    string
  >;

export function WindowFields({ window, onApply }: { window: PlaneWindow; onApply: (w: PlaneWindow) => void }) {
  const id = useId();
  const [texts, setTexts] = useState(() => text(window));
  const [errors, setErrors] = useState<Partial<Record<keyof PlaneWindow, string>>>({});
  // A zoom or pan rewrites the fields.
  useEffect(() => {
    setTexts(text(window));
    setErrors({});
  }, [window]);
  const apply = () => {
    const r = parseWindow(texts);
    if (r.ok) {
      setErrors({});
      onApply(r.window);
    } else setErrors(r.errors);
  };
  const messages = FIELDS.map(({ key }) => errors[key]).filter(Boolean);
  return (
    <div className="plane-window">
      {FIELDS.map(({ key, label }) => (
        <div className="number-field" key={key}>
          <label htmlFor={`${id}-${key}`}>{label}</label>
          <input
            id={`${id}-${key}`}
            type="text"
            inputMode="decimal"
            spellCheck={false}
            autoComplete="off"
            value={texts[key]}
            aria-invalid={errors[key] !== undefined}
            aria-describedby={errors[key] ? `${id}-error` : undefined}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setTexts((t) => ({ ...t, [key]: value }));
            }}
            onBlur={apply}
            onKeyDown={(e) => {
              if (e.key === 'Enter') apply();
            }}
          />
        </div>
      ))}
      {messages.length > 0 && (
        <p id={`${id}-error`} className="plane-error" role="alert">
          {messages.join('; ')}
        </p>
      )}
    </div>
  );
}

export function OverlayToggles({
  overlays,
  onChange,
  departsAvailable,
}: {
  overlays: Overlays;
  onChange: (o: Overlays) => void;
  departsAvailable: boolean;
}) {
  const box = (key: keyof Overlays, label: string, disabled = false) => (
    <label className="plane-toggle">
      <input
        type="checkbox"
        checked={overlays[key]}
        disabled={disabled}
        onChange={(e) => onChange({ ...overlays, [key]: e.currentTarget.checked })}
      />
      {label}
    </label>
  );
  return (
    <fieldset className="plane-overlays">
      <legend>Overlays</legend>
      {box('cut', 'Branch cuts (ln argument crosses the negative real axis)')}
      {box('fail', 'ln 0, overflow, NaN')}
      {box('departs', 'Departs from f (compiled from ordinary math)', !departsAvailable)}
    </fieldset>
  );
}

export function RendererSelect({ value, onChange }: { value: RendererChoice; onChange: (v: RendererChoice) => void }) {
  const id = useId();
  return (
    <div className="number-field">
      <label htmlFor={id}>Renderer</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as RendererChoice)}>
        <option value="auto">GPU float32 (float64 when zoomed in)</option>
        <option value="cpu">CPU float64 only</option>
      </select>
    </div>
  );
}

/** The second variable's slider: dragging is transient, the release one undoable step (as the Plot's sliders). */
export function YSlider({
  value,
  onMove,
  onCommit,
}: {
  value: number;
  onMove: (v: number) => void;
  onCommit: (from: number) => void;
}) {
  const id = useId();
  const [start, setStart] = useState<number | null>(null);
  const commit = () => {
    if (start === null) return;
    onCommit(start);
    setStart(null);
  };
  return (
    <div className="plane-slider">
      <label htmlFor={id}>y (second variable)</label>
      <input
        id={id}
        type="range"
        min={-10}
        max={10}
        step={0.01}
        value={Math.min(10, Math.max(-10, value))}
        aria-valuetext={String(value)}
        onChange={(e) => {
          const v = e.currentTarget.valueAsNumber;
          if (!Number.isFinite(v)) return;
          if (start === null) setStart(value);
          onMove(v);
        }}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      <output htmlFor={id}>{value}</output>
    </div>
  );
}
