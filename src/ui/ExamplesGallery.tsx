import { useMemo } from 'react';
import { readSafely } from '../store/derive.ts';
import { usePlayground } from '../store/store.ts';
import { EXAMPLES } from '../tour/examples.ts';

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
      <ul className="example-list">
        {EXAMPLES.map((ex, i) => (
          <li key={ex.name}>
            <button type="button" onClick={() => open(i)} title={`${ex.text} (${ex.source})`}>
              <span className="example-name">{ex.name}</span>
              <span className="example-k">K={ks[i] ?? '—'}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
