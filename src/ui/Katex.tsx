import 'katex/dist/katex.min.css';
import { useMemo } from 'react';
import { katexHtml } from '../eml/export/katexHtml.ts';

/** Characters of the TeX source shown when typesetting fails. */
const EXCERPT = 200;
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * katexHtml is meant never to throw; a formula must still never take its view down if it does, so a failure
 * shows a bounded excerpt of the source instead.
 */
function typeset(tex: string, display: boolean): string {
  try {
    return katexHtml(tex, display);
  } catch (e) {
    const excerpt = tex.length > EXCERPT ? `${tex.slice(0, EXCERPT)}…` : tex;
    return `<code class="katex-failed" title="${escape(e instanceof Error ? e.message.slice(0, 200) : 'typesetting failed')}">${escape(excerpt)}</code>`;
  }
}

/**
 * TeX typeset by KaTeX (see katexHtml.ts for the safety settings). `html` may carry markup already typeset by
 * katexHtml elsewhere (a worker), so a heavy formula costs the page nothing but inserting it.
 */
export function Katex({
  tex,
  display = false,
  label,
  html,
}: {
  tex: string;
  display?: boolean;
  label?: string;
  html?: string;
}) {
  const markup = useMemo(() => html ?? typeset(tex, display), [html, tex, display]);
  // With a label, the plain-text reading is announced (role="math" permits a label); otherwise KaTeX's MathML is.
  // Markup is KaTeX's output, generated with trust: false, so user text never reaches innerHTML unescaped.
  return (
    <span
      className={display ? 'katex-block' : undefined}
      role={label ? 'math' : undefined}
      aria-label={label}
      dangerouslySetInnerHTML={{ __html: markup }}
    />
  );
}
