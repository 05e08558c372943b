/**
 * The one KaTeX call of the app, usable on the page and in workers (renderToString needs no DOM). `trust: false`
 * and `throwOnError: false` mean nothing from the user's text can become active HTML, and a bad formula shows as
 * red source instead of breaking the page. MathML output keeps formulas readable by screen readers.
 *
 * KaTeX itself is neither bounded nor total: its parser recurses once per group, so about 1 000 nested \frac
 * overflow the stack (a RangeError that throwOnError does not cover), and its time grows with the input (about
 * 35 ms per 1 000 characters measured in Node, more on a slow page). So TeX over a size or nesting budget is not
 * handed to KaTeX at all, any exception from KaTeX is caught, and both cases return a bounded, escaped fallback.
 */
import katex from 'katex';

/** Longest TeX typeset: ≈ 300 ms of KaTeX on a slow machine; longer formulas are unreadable anyway. */
export const MAX_TEX_LENGTH = 8_000;
/** Deepest group nesting ({…}, \left…\right) typeset; KaTeX overflowed the stack at ≈ 1 000 in Node. */
export const MAX_TEX_NESTING = 200;
/** Characters of the source quoted in a fallback. */
const EXCERPT = 200;

/** Why `tex` is refused before typesetting, or null when it is within the budget. O(length). */
export function texOverBudget(tex: string): string | null {
  if (tex.length > MAX_TEX_LENGTH) {
    return `formula too large to typeset (${tex.length} characters of TeX, at most ${MAX_TEX_LENGTH})`;
  }
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex.charCodeAt(i);
    if (c === 92 /* \ */) {
      // \left opens a group, \right closes one; \{ and \} are literal braces, skipped with their backslash.
      let end = i + 1;
      while (end < tex.length && /[A-Za-z]/.test(tex[end])) end++;
      const name = tex.slice(i + 1, end);
      if (name === 'left') depth++;
      else if (name === 'right') depth--;
      i = Math.max(i + 1, end - 1);
      if (depth > deepest) deepest = depth;
      continue;
    }
    if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */) depth--;
    if (depth > deepest) deepest = depth;
  }
  if (deepest > MAX_TEX_NESTING)
    return `formula too deeply nested to typeset (${deepest} levels, at most ${MAX_TEX_NESTING})`;
  return null;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A plain-text stand-in: the reason, then the start of the source, escaped. */
function fallback(reason: string, tex: string): string {
  const shown = tex.length > EXCERPT ? `${tex.slice(0, EXCERPT)}…` : tex;
  return `<span class="katex-fallback" title="${escapeHtml(reason)}">${escapeHtml(reason)}: <code>${escapeHtml(shown)}</code></span>`;
}

/** HTML for `tex`; never throws, and never spends more than the budget's worth of KaTeX time. */
export function katexHtml(tex: string, display: boolean): string {
  const refused = texOverBudget(tex);
  if (refused) return fallback(refused, tex);
  try {
    return katex.renderToString(tex, {
      displayMode: display,
      throwOnError: false,
      trust: false,
      output: 'htmlAndMathml',
      strict: 'ignore',
      maxExpand: 1000,
    });
  } catch (e) {
    const why = e instanceof RangeError ? 'formula too complex to typeset' : 'formula could not be typeset';
    return fallback(why, tex);
  }
}
