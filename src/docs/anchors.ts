/**
 * Heading anchors of the docs pages, spelled as GitHub spells them (lower case, punctuation dropped, spaces to
 * hyphens), so one `docs/<page>.md#anchor` reference works on GitHub and in the app's #docs view alike.
 */
export function slugOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of every heading (`#` to `######`) of a markdown text, outside fenced code. */
export function anchorsOf(markdown: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (m) out.push(slugOf(m[1]));
  }
  return out;
}

/** A reference to a docs page in source text: `docs/semantics.md#branch-cut`. */
export const DOC_REF = /docs\/([a-z-]+)\.md(?:#([a-z0-9-]+))?/g;
