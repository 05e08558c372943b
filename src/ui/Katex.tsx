import 'katex/dist/katex.min.css';
import { useMemo } from 'react';
import { katexHtml } from './katexHtml.ts';

/**
 * TeX typeset by KaTeX (see katexHtml.ts for the safety settings). `html` may carry markup already typeset by
 * katexHtml elsewhere (a worker), so a heavy formula costs the page nothing but inserting it.
 */
export function Katex({ tex, display = false, label, html }: { tex: string; display?: boolean; label?: string; html?: string }) {
  const markup = useMemo(() => html ?? katexHtml(tex, display), [html, tex, display]);
  // With a label, the plain-text reading is announced (role="math" permits a label); otherwise KaTeX's MathML is.
  // eslint-disable-next-line react/no-danger -- KaTeX output, generated with trust: false
  return <span className={display ? 'katex-block' : undefined} role={label ? 'math' : undefined} aria-label={label} dangerouslySetInnerHTML={{ __html: markup }} />;
}
