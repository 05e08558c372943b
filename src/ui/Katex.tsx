import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';

/**
 * TeX typeset by KaTeX. `trust: false` and `throwOnError: false` mean nothing from the user's text can become
 * active HTML, and a bad formula shows as red source instead of breaking the page. MathML output keeps formulas
 * readable by screen readers.
 */
export function Katex({ tex, display = false, label }: { tex: string; display?: boolean; label?: string }) {
  const html = useMemo(
    () => katex.renderToString(tex, { displayMode: display, throwOnError: false, trust: false, output: 'htmlAndMathml', strict: 'ignore', maxExpand: 1000 }),
    [tex, display],
  );
  // eslint-disable-next-line react/no-danger -- KaTeX output, generated with trust: false
  // With a label, the plain-text reading is announced (role="math" permits a label); otherwise KaTeX's MathML is.
  return <span className={display ? 'katex-block' : undefined} role={label ? 'math' : undefined} aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}
