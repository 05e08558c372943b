import { useMemo } from 'react';
import { DOC_REF } from '../docs/anchors.ts';
import { docLabel } from '../docs/pages.ts';
import { readSafely } from '../store/derive.ts';
import { usePlayground } from '../store/store.ts';
import { EXAMPLES } from '../tour/examples.ts';

/** A source note as a tooltip can show it: docs references by page and heading title ("Constructions › Small trees"). */
const sourceText = (source: string) =>
  source === 'compiled'
    ? 'compiled'
    : source.replace(DOC_REF, (_m, page: string, anchor?: string) => docLabel(page, anchor));

export function ExamplesGallery() {
  const compileMode = usePlayground((s) => s.doc.compileMode);
  const clean = usePlayground((s) => s.doc.clean);
  const ks = useMemo(
    () =>
      EXAMPLES.map((ex) => {
        const r = readSafely(ex.text, { kind: ex.kind, compileMode, clean });
        return r.ok ? r.tree.k : null;
      }),
    [compileMode, clean],
  );
  const open = (i: number) => {
    const { doc, load } = usePlayground.getState();
    load({ ...doc, text: EXAMPLES[i].text, inputKind: EXAMPLES[i].kind });
  };
  return (
    <section className="panel examples" aria-labelledby="examples-h">
      <h2 id="examples-h">Examples</h2>
      <p className="help">
        K of each example: EML ones as written, formulas{' '}
        {compileMode === 'paper'
          ? 'as the paper compiles them'
          : `in the ${compileMode === 'compact' ? 'shortest' : compileMode} form`}{' '}
        (the compile mode of the Expression panel).
      </p>
      <ul className="example-list">
        {EXAMPLES.map((ex, i) => (
          <li key={ex.name}>
            <button type="button" onClick={() => open(i)} title={`${ex.text} (${sourceText(ex.source)})`}>
              <span className="example-name">{ex.name}</span>
              <span className="example-k">K {ks[i] ?? '—'}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
