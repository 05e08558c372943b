/**
 * The export controls: images of the tree and the plot (SVG, PNG) and of the complex plane (PNG), the formula's LaTeX
 * (clipboard), and the tree as EML text, RPN, Mathematica, JSON, JavaScript, Python and the plane's GLSL shader. What each file is lives in src/eml/export/files.ts;
 * this component only finds the drawings, builds blobs and starts downloads, and reports in a live status line.
 */
import { useId, useRef, useState } from 'react';
import { decompile } from '../../eml/decompiler/decompile.ts';
import {
  EXPORT_ORDER,
  EXPORT_SPECS,
  textExport,
  type ExportKind,
  type TextExportKind,
} from '../../eml/export/files.ts';
import { printMathLatex } from '../../eml/math/print.ts';
import { printLatex } from '../../eml/syntax/index.ts';
import type { InputReading } from '../../eml/input.ts';
import { usePlayground } from '../../store/store.ts';
import { EXPORT_TEXT_MAX_K } from '../budgets.ts';
import { downloadBlob, findPlotSvg, findTreeSvg, serializeSvg, svgToPng } from './svgExport.ts';
import { planePng } from '../plane/planeImage.ts';
import './export.css';

/**
 * Above this K the decompiler is not run on click (the EML LaTeX is copied instead): it runs on the main thread
 * here, and its time grows fast with K (seconds for a few thousand on chains).
 */
const DECOMPILE_LIMIT_K = 1_000;

/** The formula's LaTeX: the ordinary math typed, else the decompiled reading, else the EML form. */
export function formulaLatex(reading: InputReading): string | null {
  if (!reading.ok) return null;
  if (reading.kind === 'math') return printMathLatex(reading.compiled.math);
  if (reading.tree.k <= DECOMPILE_LIMIT_K) {
    try {
      return decompile(reading.tree).latex;
    } catch {
      // fall through to the EML form
    }
  }
  return reading.tree.k <= EXPORT_TEXT_MAX_K ? printLatex(reading.tree) : null;
}

type Status = { kind: 'ok' | 'error'; text: string } | null;

export function ExportMenu() {
  const reading = usePlayground((s) => s.derived.reading);
  const headingId = useId();
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [manualCopy, setManualCopy] = useState<string | null>(null);
  const manualRef = useRef<HTMLTextAreaElement>(null);

  const run = async (kind: ExportKind) => {
    const spec = EXPORT_SPECS[kind];
    setBusy(kind);
    setManualCopy(null);
    try {
      if (kind === 'tree-svg' || kind === 'tree-png' || kind === 'plot-svg' || kind === 'plot-png') {
        const isTree = kind.startsWith('tree');
        const svg = isTree ? findTreeSvg() : findPlotSvg();
        if (!svg) throw new Error(`there is no ${isTree ? 'tree' : 'plot'} drawing on the page to export`);
        const serialized = serializeSvg(svg, { title: isTree ? 'EML tree' : 'Plot of f(x)' });
        const blob = kind.endsWith('svg')
          ? new Blob([serialized.text], { type: spec.mimeType })
          : await svgToPng(serialized, 2);
        downloadBlob(blob, spec.fileName);
        setStatus({ kind: 'ok', text: `Saved ${spec.fileName}.` });
        return;
      }
      if (kind === 'plane-png') {
        downloadBlob(await planePng(), spec.fileName);
        setStatus({ kind: 'ok', text: `Saved ${spec.fileName}.` });
        return;
      }
      const state = usePlayground.getState();
      const current = state.derived.reading;
      if (!current.ok) throw new Error('the expression does not read, so there is no tree to export');
      if (kind === 'latex') {
        const latex = formulaLatex(current);
        if (latex === null) throw new Error(`the tree has K = ${current.tree.k}, too large to write as LaTeX`);
        try {
          await navigator.clipboard.writeText(latex);
          setStatus({ kind: 'ok', text: 'Copied the formula’s LaTeX to the clipboard.' });
        } catch {
          setManualCopy(latex);
          setStatus({
            kind: 'error',
            text: 'The clipboard is not available here: the LaTeX is shown below, selected, to copy by hand.',
          });
          requestAnimationFrame(() => manualRef.current?.select());
        }
        return;
      }
      if (current.tree.k > EXPORT_TEXT_MAX_K) {
        throw new Error(
          `the tree has K = ${current.tree.k}, over the ${EXPORT_TEXT_MAX_K} a text export writes out (its text would not fit in memory); the SVG and PNG of the drawing still work`,
        );
      }
      const file = textExport(kind as TextExportKind, current.tree, { source: state.doc.text });
      downloadBlob(new Blob([file.content], { type: file.mimeType }), file.fileName);
      setStatus({ kind: 'ok', text: `Saved ${file.fileName}.` });
    } catch (e) {
      setStatus({ kind: 'error', text: `${spec.label} failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel export-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Export</h2>
      <div className="export-buttons" role="group" aria-labelledby={headingId}>
        {EXPORT_ORDER.map((kind) => {
          const spec = EXPORT_SPECS[kind];
          const needsTree = !kind.startsWith('plot');
          return (
            <button
              key={kind}
              type="button"
              title={spec.description}
              disabled={busy !== null || (needsTree && !reading.ok)}
              onClick={() => void run(kind)}
              data-export={kind}
            >
              {spec.label}
            </button>
          );
        })}
      </div>
      <p className={`export-status${status?.kind === 'error' ? ' is-error' : ''}`} role="status" aria-live="polite">
        {status?.text ?? ''}
      </p>
      {manualCopy !== null && (
        <textarea
          ref={manualRef}
          className="export-manual"
          readOnly
          aria-label="LaTeX of the formula"
          value={manualCopy}
          rows={3}
        />
      )}
    </section>
  );
}
