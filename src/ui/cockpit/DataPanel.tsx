/**
 * The "Data" region: paste, drop or choose a table, or generate one; column mapping and split; precise validation
 * messages next to the untouched text; a preview table and a scatter plot of what will be fitted.
 */
import { useId, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MAX_INPUTS, MIN_SAMPLE_ROWS, MODEL_VARS, type ColumnMapping } from '../../fit/dataset.ts';
import { MAX_ROWS, type HeaderMode } from '../../fit/table.ts';
import { useFit } from '../../store/fitStore.ts';
import { preparedNow } from './controller.ts';
import { GeneratorForm } from './GeneratorForm.tsx';
import { Scatter } from './Scatter.tsx';

const MAX_FILE_BYTES = 50 * 1024 * 1024;

export function DataPanel() {
  const id = useId();
  const { text, header, mapping, validation, splitSeed, sampleRows } = useFit(useShallow((s) => ({ text: s.text, header: s.header, mapping: s.mapping, validation: s.validation, splitSeed: s.splitSeed, sampleRows: s.sampleRows })));
  useFit((s) => s.source); // the generator's fresh points depend on it
  useFit((s) => s.dataVersion); // a large table finished reading in its worker
  const { setText, setHeader, setMapping, setSplit } = useFit.getState();
  const [fileNote, setFileNote] = useState<string | null>(null);
  const p = preparedNow();

  const readFile = async (f: File | undefined) => {
    if (!f) return;
    if (!/\.(csv|tsv|txt)$/i.test(f.name)) return setFileNote(`“${f.name}” is not a .csv, .tsv or .txt file.`);
    if (f.size > MAX_FILE_BYTES) return setFileNote(`“${f.name}” is ${(f.size / 1e6).toFixed(1)} MB; the limit is 50 MB.`);
    setText(await f.text());
    setFileNote(`Loaded “${f.name}”.`);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    void readFile(e.dataTransfer.files[0]);
  };

  const table = p.table;
  const m: ColumnMapping | null = p.ok ? p.mapping : table ? mapping : null;
  const columnOptions = table?.columns.map((c, j) => (
    <option key={j} value={j}>
      {c}
    </option>
  ));
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
        <textarea
          id={`${id}-text`}
          className="data-text"
          value={text}
          spellCheck={false}
          rows={8}
          aria-invalid={!p.ok && p.stage !== 'reading'}
          aria-describedby={!p.ok ? `${id}-err` : undefined}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="field-row">
        <label className="field">
          Choose a file
          <input type="file" accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values" onChange={(e) => void readFile(e.target.files?.[0])} />
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
      {fileNote && <p className="help" role="status">{fileNote}</p>}
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
        </div>
      )}
      {p.ok && p.warnings.map((w, i) => <p key={i} className="notice">{w}</p>)}
      {table && table.rows > MAX_ROWS && (
        <label className="field">
          Subsample size (rows, {MIN_SAMPLE_ROWS.toLocaleString('en')}–{MAX_ROWS.toLocaleString('en')}; seeded by the split seed {splitSeed})
          <input type="number" min={MIN_SAMPLE_ROWS} max={MAX_ROWS} step={1000} value={sampleRows} onChange={(e) => setSplit({ sampleRows: Math.max(MIN_SAMPLE_ROWS, Math.min(MAX_ROWS, Math.floor(Number(e.target.value)) || MAX_ROWS)) })} />
        </label>
      )}
      <GeneratorForm />
      {table && m && (
        <fieldset className="mapping">
          <legend>Columns</legend>
          <label className="field">
            Output column
            <select value={m.output} onChange={(e) => setMapping({ ...m, output: Number(e.target.value) })}>
              {columnOptions}
            </select>
          </label>
          {Array.from({ length: MAX_INPUTS }, (_, i) => (
            <label className="field" key={i}>
              Input {MODEL_VARS[i]}
              <select value={m.inputs[i] ?? ''} disabled={i > m.inputs.length} onChange={(e) => setInput(i, e.target.value)}>
                {i > 0 && <option value="">none</option>}
                {columnOptions}
              </select>
            </label>
          ))}
          <label className="field">
            Weights column
            <select value={m.weights ?? ''} onChange={(e) => setMapping({ ...m, weights: e.target.value === '' ? null : Number(e.target.value) })}>
              <option value="">none</option>
              {columnOptions}
            </select>
          </label>
        </fieldset>
      )}
      <div className="field-row">
        <label className="field">
          Validation share (%)
          <input type="number" min={0} max={90} step={5} value={Math.round(validation * 100)} onChange={(e) => setSplit({ validation: Math.min(0.9, Math.max(0, Number(e.target.value) / 100 || 0)) })} />
        </label>
        <label className="field">
          Split seed
          <input type="number" min={0} step={1} value={splitSeed} onChange={(e) => setSplit({ splitSeed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} />
        </label>
      </div>
      {p.ok && (
        <>
          <p className="help">
            {p.dataset.n} points ({p.split.train.n} training, {p.split.validation.n} validation); model inputs {p.dataset.vars.join(', ')} ← {p.mapping.inputs.map((j) => `“${p.table.columns[j]}”`).join(', ')}, output ← “{p.table.columns[p.mapping.output]}”.
          </p>
          <Preview />
          <Scatter prepared={p} />
        </>
      )}
    </section>
  );
}

function Preview() {
  const p = preparedNow();
  if (!p.ok) return null;
  const rows = Math.min(6, p.table.rows);
  return (
    <div className="preview-wrap">
      <table className="preview">
        <caption>Preview: first {rows} of {p.table.rows} rows</caption>
        <thead>
          <tr>
            <th scope="col">line</th>
            {p.table.columns.map((c, j) => (
              <th scope="col" key={j}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, i) => (
            <tr key={i}>
              <th scope="row">{p.table.lines[i]}</th>
              {p.table.data.map((col, j) => (
                <td key={j}>{Number(col[i].toPrecision(8))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
