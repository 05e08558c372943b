/**
 * The docs/ pages as the app ships them: bundled as text at build time (so they work offline and in every copy of
 * the app), with their headings, for the #docs view and for turning `docs/<page>.md#anchor` references into links.
 */
import readme from '../../docs/README.md?raw';
import semantics from '../../docs/semantics.md?raw';
import constructions from '../../docs/constructions.md?raw';
import fitting from '../../docs/fitting.md?raw';
import { slugOf } from './anchors.ts';

export interface DocHeading {
  anchor: string;
  title: string;
}

export interface DocPage {
  /** `README` for the index, else the file name without `.md`. */
  id: string;
  title: string;
  markdown: string;
  headings: readonly DocHeading[];
}

function headingsOf(markdown: string): DocHeading[] {
  const out: DocHeading[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (m) out.push({ anchor: slugOf(m[1]), title: m[1].trim() });
  }
  return out;
}

function page(id: string, markdown: string): DocPage {
  const headings = headingsOf(markdown);
  return { id, title: headings[0]?.title ?? id, markdown, headings };
}

export const DOC_PAGES: readonly DocPage[] = [
  page('README', readme),
  page('semantics', semantics),
  page('constructions', constructions),
  page('fitting', fitting),
];

export const docPage = (id: string): DocPage | undefined => DOC_PAGES.find((p) => p.id === id);

/** The app's address of a page (and heading): `#docs/constructions/primitives`. */
export const docHref = (id: string, anchor?: string | null): string => `#docs/${id}${anchor ? `/${anchor}` : ''}`;

/** A reader's label for a reference: "Constructions › Primitives". */
export function docLabel(id: string, anchor?: string | null): string {
  const p = docPage(id);
  if (!p) return `docs/${id}.md`;
  const h = anchor ? p.headings.find((x) => x.anchor === anchor) : undefined;
  return h ? `${p.title} › ${h.title}` : p.title;
}
