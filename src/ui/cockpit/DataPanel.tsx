/**
 * The "Data" region: paste, drop or choose a table, or generate one; column mapping and split; precise validation
 * messages next to the untouched text; a preview table and a scatter plot of what will be fitted.
 */
import { Fragment, useId, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MAX_INPUTS, MIN_SAMPLE_ROWS, MODEL_VARS, type ColumnMapping } from '../../fit/dataset.ts';
import { excerpt, MAX_ROWS, type HeaderMode } from '../../fit/table.ts';
import { useFit } from '../../store/fitStore.ts';
import { retryDataRead } from './controller.ts';
import { RegionBoundary } from '../ErrorBoundary.tsx';
import { DataText } from './DataText.tsx';
import { GeneratorForm } from './GeneratorForm.tsx';
import { Scatter } from './Scatter.tsx';

const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Wider tables pick columns by number: 5 lists of 10 000 options would take seconds to render. */
export const MAX_COLUMN_OPTIONS = 200;
/** Columns shown in the preview table (the rest are counted). */
const PREVIEW_COLUMNS = 12;
/** Column names are user text of any length: shown at most this long. */
const NAME_CHARS = 40;
const nameOf = (c: string) => excerpt(c, NAME_CHARS);

export function DataPanel() {
  const id = useId();
  const { text, header, mapping, validation, splitSeed, sampleRows } = useFit(
    useShallow((s) => ({
      text: s.text,
      header: s.header,
      mapping: s.mapping,
      validation: s.validation,
      splitSeed: s.splitSeed,
      sampleRows: s.sampleRows,
    })),
  );
  useFit((s) => s.source); // the generator's fresh points depend on it
  const { setText, setHeader, setMapping, setSplit } = useFit.getState();
  const [fileNote, setFileNote] = useState<string | null>(null);
  // Written by dataSync.ts when the inputs change (or a large table's worker replies); never computed here.
  const p = useFit((s) => s.prepared);

  const readFile = async (f: File | undefined) => {
    if (!f) return;
    if (!/\.(csv|tsv|txt)$/i.test(f.name)) return setFileNote(`“${f.name}” is not a .csv, .tsv or .txt file.`);
    if (f.size > MAX_FILE_BYTES)
      return setFileNote(`“${f.name}” is ${(f.size / 1e6).toFixed(1)} MB; the limit is 50 MB.`);
    setText(await f.text());
    setFileNote(`Loaded “${f.name}”.`);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    void readFile(e.dataTransfer.files[0]);
  };

  const table = p.table;
  const m: ColumnMapping | null = p.ok ? p.mapping : table ? mapping : null;
  const wide = (table?.columns.length ?? 0) > MAX_COLUMN_OPTIONS;
  const columnOptions = wide
    ? null
    : table?.columns.map((c, j) => (
        <option key={j} value={j}>
          {nameOf(c)}
        </option>
      ));
  const nCols = table?.columns.length ?? 0;
  /** A column chooser: a list for ordinary tables, a 1-based column number for very wide ones. */
  const pick = (
    label: string,
    value: number | null,
    onPick: (v: string) => void,
    opts: { none?: boolean; disabled?: boolean } = {},
  ) => (
    <label className="field">
      {label}
      {wide ? (
        <input
          type="number"
          min={1}
          max={nCols}
          step={1}
          placeholder={opts.none ? 'none' : undefined}
          disabled={opts.disabled}
          value={value === null ? '' : value + 1}
          onChange={(e) => {
            const v = e.target.value.trim();
            const j = Math.floor(Number(v));
            if (v === '' && opts.none) onPick('');
            else if (Number.isFinite(j) && j >= 1 && j <= nCols) onPick(String(j - 1));
          }}
        />
      ) : (
        <select value={value ?? ''} disabled={opts.disabled} onChange={(e) => onPick(e.target.value)}>
          {opts.none && <option value="">none</option>}
          {columnOptions}
        </select>
      )}
    </label>
  );
  const setInput = (i: number, v: string) => {
    if (!m) return;
    const inputs = [...m.inputs];
    if (v === '') inputs.splice(i);
    else inputs[i] = Number(v);
    setMapping({ ...m, inputs });
  };

  return (
    <section className="panel cockpit-data" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Data</h2>
      <div className="drop-zone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        <label htmlFor={`${id}-text`}>Data table (CSV, TSV or whitespace; header optional; drop a file here)</label>
        <DataText
          id={`${id}-text`}
          text={text}
          invalid={!p.ok && p.stage !== 'reading'}
          describedBy={!p.ok ? `${id}-err` : undefined}
          onText={setText}
        />
      </div>
      <div className="field-row">
        <label className="field">
          Choose a file
          <input
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        </label>
        <label className="field">
          First line
          <select value={header} onChange={(e) => setHeader(e.target.value as HeaderMode)}>
            <option value="auto">detect header</option>
            <option value="yes">is a header</option>
            <option value="no">is data</option>
          </select>
        </label>
      </div>
      {fileNote && (
        <p className="help" role="status">
          {fileNote}
        </p>
      )}
      {!p.ok && p.stage === 'reading' && (
        <p className="help" role="status" id={`${id}-err`}>
          {p.errors[0]}
        </p>
      )}
      {!p.ok && p.stage !== 'reading' && (
        <div id={`${id}-err`} className="parse-error" role="alert">
          <p>{p.stage === 'table' ? 'The table cannot be used yet:' : 'Check the column mapping:'}</p>
          <ul className="data-errors">
            {p.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
          {p.errors.some((e) => e.includes('Read again')) && (
            <button type="button" onClick={retryDataRead}>
              Read again
            </button>
          )}
        </div>
      )}
      {p.ok &&
        p.warnings.map((w, i) => (
          <p key={i} className="notice">
            {w}
          </p>
        ))}
      {table && table.rows > MAX_ROWS && (
        <label className="field">
          Subsample size (rows, {MIN_SAMPLE_ROWS.toLocaleString('en')}–{MAX_ROWS.toLocaleString('en')}; seeded by the
          split seed {splitSeed})
          <input
            type="number"
            min={MIN_SAMPLE_ROWS}
            max={MAX_ROWS}
            step={1000}
            value={sampleRows}
            onChange={(e) =>
              setSplit({
                sampleRows: Math.max(
                  MIN_SAMPLE_ROWS,
                  Math.min(MAX_ROWS, Math.floor(Number(e.target.value)) || MAX_ROWS),
                ),
              })
            }
          />
        </label>
      )}
      <GeneratorForm />
      {table && m && (
        <fieldset className="mapping">
          <legend>Columns</legend>
          {wide && (
            <p className="notice" role="status">
              This table has {nCols.toLocaleString('en')} columns: choose each column by its number (1–
              {nCols.toLocaleString('en')}); lists are shown for tables of up to {MAX_COLUMN_OPTIONS} columns.
            </p>
          )}
          {pick('Output column', m.output, (v) => setMapping({ ...m, output: Number(v) }))}
          {Array.from({ length: MAX_INPUTS }, (_, i) => (
            <Fragment key={i}>
              {pick(`Input ${MODEL_VARS[i]}`, m.inputs[i] ?? null, (v) => setInput(i, v), {
                none: i > 0,
                disabled: i > m.inputs.length,
              })}
            </Fragment>
          ))}
          {pick('Weights column', m.weights, (v) => setMapping({ ...m, weights: v === '' ? null : Number(v) }), {
            none: true,
          })}
        </fieldset>
      )}
      <div className="field-row">
        <label className="field">
          Validation share (%)
          <input
            type="number"
            min={0}
            max={90}
            step={5}
            value={Math.round(validation * 100)}
            onChange={(e) => setSplit({ validation: Math.min(0.9, Math.max(0, Number(e.target.value) / 100 || 0)) })}
          />
        </label>
        <label className="field">
          Split seed
          <input
            type="number"
            min={0}
            step={1}
            value={splitSeed}
            onChange={(e) => setSplit({ splitSeed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
          />
        </label>
      </div>
      {p.ok && (
        <>
          <p className="help">
            {p.dataset.n} points ({p.split.train.n} training, {p.split.validation.n} validation); model inputs{' '}
            {p.dataset.vars.join(', ')} ← {p.mapping.inputs.map((j) => `“${nameOf(p.table.columns[j])}”`).join(', ')},
            output ← “{nameOf(p.table.columns[p.mapping.output])}”.
          </p>
          <RegionBoundary name="Data preview" resetKey={p}>
            <Preview />
          </RegionBoundary>
          <RegionBoundary name="Scatter plot" resetKey={p}>
            <Scatter prepared={p} />
          </RegionBoundary>
        </>
      )}
    </section>
  );
}

function Preview() {
  const p = useFit((s) => s.prepared);
  if (!p.ok) return null;
  const rows = Math.min(6, p.table.rows);
  const cols = Math.min(PREVIEW_COLUMNS, p.table.columns.length);
  const more = p.table.columns.length - cols;
  return (
    <div className="preview-wrap">
      <table className="preview">
        <caption>
          Preview: first {rows} of {p.table.rows} rows
          {more > 0 ? `, first ${cols} of ${p.table.columns.length.toLocaleString('en')} columns` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">line</th>
            {p.table.columns.slice(0, cols).map((c, j) => (
              <th scope="col" key={j}>
                {nameOf(c)}
              </th>
            ))}
            {more > 0 && <th scope="col">… {more.toLocaleString('en')} more</th>}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, i) => (
            <tr key={i}>
              <th scope="row">{p.table.lines[i]}</th>
              {p.table.data.slice(0, cols).map((col, j) => (
                <td key={j}>{Number(col[i].toPrecision(8))}</td>
              ))}
              {more > 0 && <td>…</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
