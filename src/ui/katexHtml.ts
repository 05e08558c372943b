/**
 * The one KaTeX call of the app, usable on the page and in workers (renderToString needs no DOM). `trust: false`
 * and `throwOnError: false` mean nothing from the user's text can become active HTML, and a bad formula shows as
 * red source instead of breaking the page. MathML output keeps formulas readable by screen readers.
 */
import katex from 'katex';

export function katexHtml(tex: string, display: boolean): string {
  return katex.renderToString(tex, { displayMode: display, throwOnError: false, trust: false, output: 'htmlAndMathml', strict: 'ignore', maxExpand: 1000 });
}
