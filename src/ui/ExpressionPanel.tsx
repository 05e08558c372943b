import { useEffect, useId, useMemo, useRef } from 'react';
import { COMPILE_MODES } from '../eml/compiler/compile.ts';
import { SEMANTICS, SEMANTICS_INFO, isSemantics } from '../eml/evaluate/semantics.ts';
import { detectInputKind, INPUT_KINDS, readInput, type InputKind } from '../eml/input.ts';
import { usePlayground } from '../store/store.ts';
import { ParseErrorView } from './ParseErrorView.tsx';

const APPLY_DELAY_MS = 450;
const KIND_LABEL: Record<InputKind, string> = { auto: 'Auto', eml: 'EML', math: 'Math' };

export function ExpressionPanel() {
  const draft = usePlayground((s) => s.draft);
  const inputKind = usePlayground((s) => s.doc.inputKind);
  const compileMode = usePlayground((s) => s.doc.compileMode);
  const clean = usePlayground((s) => s.doc.clean);
  const semantics = usePlayground((s) => s.doc.semantics);
  const { setDraft, applyDraft, update } = usePlayground.getState();
  const ids = { box: useId(), err: useId(), mode: useId(), sem: useId(), kind: useId() };

  // Reading the draft live gives the error while typing; applying it (history, views) waits for a pause or Enter.
  const reading = useMemo(() => readInput(draft, { kind: inputKind, compileMode, clean }), [draft, inputKind, compileMode, clean]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    if (reading.ok) timer.current = setTimeout(() => applyDraft(), APPLY_DELAY_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [reading, applyDraft]);

  const detected = inputKind === 'auto' ? detectInputKind(draft) : null;
  return (
    <section className="panel" aria-labelledby={`${ids.box}-h`}>
      <h2 id={`${ids.box}-h`}>Expression</h2>
      <label htmlFor={ids.box} className="visually-hidden">
        Expression
      </label>
      <textarea
        id={ids.box}
        className="expression-input"
        value={draft}
        spellCheck={false}
        autoComplete="off"
        rows={3}
        aria-invalid={!reading.ok}
        aria-describedby={!reading.ok ? ids.err : undefined}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            applyDraft();
          }
        }}
      />
      <p className="help">
        EML as <code>eml(1, x)</code>, <code>EML[1, x]</code> or RPN <code>1 x E</code>; or ordinary math like <code>sin(x)</code>,{' '}
        <code>x^2 + 1</code>, <code>Sqrt[x]</code>. Enter applies; Shift+Enter adds a line.
      </p>
      {/* Compile errors are positioned EmlSyntaxErrors too (CompileError extends it). */}
      {!reading.ok && <ParseErrorView id={ids.err} source={draft} error={reading.error} />}
      <div className="field-row">
        <fieldset className="segmented">
          <legend>Input</legend>
          {INPUT_KINDS.map((k) => (
            <label key={k}>
              <input type="radio" name={ids.kind} value={k} checked={inputKind === k} onChange={() => update({ inputKind: k })} />
              {KIND_LABEL[k]}
            </label>
          ))}
          {detected && <span className="detected">reads as {detected === 'eml' ? 'EML' : 'ordinary math'}</span>}
        </fieldset>
        <div className="field">
          <label htmlFor={ids.mode}>Compile mode</label>
          <select id={ids.mode} value={compileMode} onChange={(e) => update({ compileMode: e.currentTarget.value as (typeof COMPILE_MODES)[number] })}>
            {COMPILE_MODES.map((m) => (
              <option key={m} value={m}>
                {m === 'compact' ? 'compact (shortest valid forms)' : 'paper (eml_compiler_v4)'}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={clean} onChange={(e) => update({ clean: e.currentTarget.checked })} />
          Clean (never ln 0)
        </label>
        <div className="field">
          <label htmlFor={ids.sem}>Semantics</label>
          <select id={ids.sem} value={semantics} onChange={(e) => isSemantics(e.currentTarget.value) && update({ semantics: e.currentTarget.value })}>
            {SEMANTICS.map((s) => (
              <option key={s} value={s}>
                {SEMANTICS_INFO[s].label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="help">
        {SEMANTICS_INFO[semantics].description} <span className="source">Source: {SEMANTICS_INFO[semantics].source}.</span>
      </p>
    </section>
  );
}
