import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { DocRefText } from './docs/DocRefText.tsx';
import { canonicalMode, COMPILE_MODE_LABELS, COMPILE_MODES } from '../eml/compiler/compile.ts';
import { SEMANTICS, SEMANTICS_INFO, isSemantics } from '../eml/evaluate/semantics.ts';
import { INPUT_KINDS, type InputKind, type InputOptions, type InputReading } from '../eml/input.ts';
import { readCached } from '../store/derive.ts';
import { usePlayground } from '../store/store.ts';
import { LargeDraft } from './expression/LargeDraft.tsx';
import { LARGE_DRAFT_CHARS } from './expression/largePaste.ts';
import { takeLargePaste } from './expression/largePaste.ts';
import { useLongReading } from './expression/useLongReading.ts';
import { ParseErrorView } from './ParseErrorView.tsx';

const APPLY_DELAY_MS = 450;
/**
 * Drafts longer than this are not read while rendering (each keystroke would re-read them, up to a few hundred ms
 * for 1 MB): they are read once typing pauses, in the reading worker (expression/readClient.ts), and the result is
 * cached for applying.
 */
const LIVE_READ_CHARS = 50_000;
const LONG_READ_DELAY_MS = 300;
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
  const options = useMemo(
    (): InputOptions => ({ kind: inputKind, compileMode, clean }),
    [inputKind, compileMode, clean],
  );
  const long = draft.length > LIVE_READ_CHARS;
  const liveReading = useMemo(() => (long ? null : readCached(draft, options)), [long, draft, options]);
  const longReading = useLongReading(draft, options, long, LONG_READ_DELAY_MS);
  const reading: InputReading | null = long ? (longReading.state === 'read' ? longReading.reading : null) : liveReading;
  // A very long draft is shown as an excerpt unless the user asked for the full text (see LargeDraft.tsx).
  const [fullFor, setFullFor] = useState<string | null>(null);
  const excerpted = draft.length > LARGE_DRAFT_CHARS && fullFor !== draft;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    if (reading?.ok) timer.current = setTimeout(() => applyDraft(), APPLY_DELAY_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [reading, applyDraft]);

  const failed = reading !== null && !reading.ok;
  const detected = inputKind === 'auto' && reading ? reading.kind : null;
  return (
    <section className="panel" aria-labelledby={`${ids.box}-h`}>
      <h2 id={`${ids.box}-h`}>Expression</h2>
      <label htmlFor={ids.box} className="visually-hidden">
        Expression
      </label>
      {excerpted ? (
        <LargeDraft
          id={ids.box}
          draft={draft}
          invalid={failed}
          describedBy={failed ? ids.err : undefined}
          onText={setDraft}
          onEditFull={() => setFullFor(draft)}
        />
      ) : (
        <textarea
          id={ids.box}
          className="expression-input"
          value={draft}
          spellCheck={false}
          autoComplete="off"
          rows={3}
          // Wrapping a long text is most of the browser's layout work for it (≈ 600–1 000 ms for 800 kB in Chromium,
          // against ≈ 100–270 ms unwrapped), so long drafts scroll sideways instead.
          wrap={long ? 'off' : undefined}
          aria-invalid={failed}
          aria-describedby={failed ? ids.err : undefined}
          onPaste={(e) => takeLargePaste(e, setDraft)}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              applyDraft();
            }
          }}
        />
      )}
      <p className="help">
        EML as <code>eml(1, x)</code>, <code>EML[1, x]</code> or RPN <code>1 x E</code>; or ordinary math like{' '}
        <code>sin(x)</code>, <code>x^2 + 1</code>, <code>Sqrt[x]</code>. Enter applies; Shift+Enter adds a line.
      </p>
      {/* Compile errors are positioned EmlSyntaxErrors too (CompileError extends it). */}
      {long && longReading.state === 'reading' && (
        <p className="help" role="status">
          Reading a long expression ({draft.length.toLocaleString('en')} characters)…
        </p>
      )}
      {long && longReading.state === 'failed' && (
        <p className="help read-failed" role="alert">
          This expression could not be read: {longReading.reason}.{' '}
          <button type="button" onClick={longReading.retry}>
            Retry reading
          </button>
        </p>
      )}
      {reading !== null && !reading.ok && <ParseErrorView id={ids.err} source={draft} error={reading.error} />}
      <div className="field-row">
        <fieldset className="segmented">
          <legend>Input</legend>
          {INPUT_KINDS.map((k) => (
            <label key={k}>
              <input
                type="radio"
                name={ids.kind}
                value={k}
                checked={inputKind === k}
                onChange={() => update({ inputKind: k })}
              />
              {KIND_LABEL[k]}
            </label>
          ))}
          {detected && <span className="detected">reads as {detected === 'eml' ? 'EML' : 'ordinary math'}</span>}
        </fieldset>
        <div className="field">
          <label htmlFor={ids.mode}>Compile mode</label>
          <select
            id={ids.mode}
            value={canonicalMode(compileMode)}
            onChange={(e) => update({ compileMode: e.currentTarget.value as (typeof COMPILE_MODES)[number] })}
          >
            {COMPILE_MODES.map((m) => (
              <option key={m} value={m}>
                {COMPILE_MODE_LABELS[m]}
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
          <select
            id={ids.sem}
            value={semantics}
            onChange={(e) => isSemantics(e.currentTarget.value) && update({ semantics: e.currentTarget.value })}
          >
            {SEMANTICS.map((s) => (
              <option key={s} value={s}>
                {SEMANTICS_INFO[s].label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="help">
        {SEMANTICS_INFO[semantics].description}{' '}
        <span className="source">
          Source: <DocRefText text={SEMANTICS_INFO[semantics].source} />.
        </span>
      </p>
    </section>
  );
}
