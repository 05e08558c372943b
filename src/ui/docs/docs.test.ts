import { describe, expect, it } from 'vitest';
import { DOC_PAGES, docHref, docLabel } from '../../docs/pages.ts';
import { docsRouteOf } from './docsRoute.ts';
import { renderDoc } from './DocsView.tsx';

describe('the docs as the app shows them', () => {
  it('bundles every page with its title', () => {
    expect(DOC_PAGES.map((p) => p.id)).toEqual(['README', 'semantics', 'constructions', 'fitting']);
    expect(DOC_PAGES.find((p) => p.id === 'semantics')?.title).toBe('Evaluation semantics');
  });

  it('renders headings with prefixed ids and links to the app addresses', () => {
    const html = renderDoc('semantics', DOC_PAGES[1].markdown);
    expect(html).toContain('id="doc-branch-cut"');
    expect(html).toContain('href="#docs/semantics/branch-cut"'); // same-page link
    expect(html).toContain('href="#docs/fitting/the-trainable-tree"'); // cross-page link
    expect(html).toContain('<table>');
  });

  it('labels references by page and heading', () => {
    expect(docLabel('constructions', 'primitives')).toBe('Constructions › Primitives');
    expect(docLabel('fitting')).toBe('Fitting');
    expect(docHref('constructions', 'k-table')).toBe('#docs/constructions/k-table');
  });

  it('reads the route', () => {
    expect(docsRouteOf('#docs')).toEqual({ page: null, anchor: null });
    expect(docsRouteOf('#docs/semantics/branch-cut')).toEqual({ page: 'semantics', anchor: 'branch-cut' });
    expect(docsRouteOf('#tour')).toBeNull();
  });
});
