import { useEffect, useMemo, useRef } from 'react';
import { Marked } from 'marked';
import './docs.css';
import { slugOf } from '../../docs/anchors.ts';
import { DOC_PAGES, docHref, docPage } from '../../docs/pages.ts';

/**
 * The project's documentation inside the app (#docs, #docs/<page>, #docs/<page>/<heading>), rendered from the
 * bundled docs/ markdown so it is there offline. Links between pages (`semantics.md#branch-cut`) are rewritten to
 * the app's hash addresses; heading ids carry a `doc-` prefix so they cannot collide with the app's own ids.
 */
const marked = new Marked({
  gfm: true,
  renderer: {
    heading({ tokens, depth, text }) {
      return `<h${depth + 1} id="doc-${slugOf(text)}">${this.parser.parseInline(tokens)}</h${depth + 1}>\n`;
    },
  },
});

const PAGE_LINK = /\]\(([a-z-]+|README)\.md(?:#([a-z0-9-]+))?\)/g;
const SAME_PAGE_LINK = /\]\(#([a-z0-9-]+)\)/g;

export function renderDoc(id: string, markdown: string): string {
  const linked = markdown
    .replace(PAGE_LINK, (_m, page: string, anchor?: string) => `](${docHref(page, anchor)})`)
    .replace(SAME_PAGE_LINK, (_m, anchor: string) => `](${docHref(id, anchor)})`);
  // Wide tables scroll inside a focusable box of their own, so a phone's page never scrolls sideways and a
  // keyboard can still scroll them.
  return marked
    .parse(linked, { async: false })
    .replace(/<table>/g, '<div class="docs-table" tabindex="0"><table>')
    .replace(/<\/table>/g, '</table></div>');
}

export function DocsView({ page, anchor }: { page: string | null; anchor: string | null }) {
  const doc = docPage(page ?? 'README');
  const html = useMemo(() => (doc ? renderDoc(doc.id, doc.markdown) : ''), [doc]);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = anchor ? ref.current?.querySelector(`#doc-${CSS.escape(anchor)}`) : null;
    if (target) target.scrollIntoView({ block: 'start' });
    else window.scrollTo({ top: 0 });
  }, [html, anchor]);
  return (
    <main className="docs-view">
      <nav aria-label="Documentation pages" className="docs-nav">
        <ul>
          {DOC_PAGES.map((p) => (
            <li key={p.id}>
              <a href={docHref(p.id)} aria-current={p.id === doc?.id ? 'page' : undefined}>
                {p.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {doc ? (
        <article className="docs-page" ref={ref} dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <p role="alert">There is no documentation page “{page}”. Pick one of the pages above.</p>
      )}
    </main>
  );
}
