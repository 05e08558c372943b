import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorsOf, DOC_REF, slugOf } from './anchors.ts';

/**
 * Issue 15: the code and the UI cite the paper or the project's own docs/ pages, never a file the user cannot
 * open. Every `docs/<page>.md#anchor` reference must name a page that exists and a heading that it has.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SCANNED = ['src', 'e2e', 'scripts', 'index.html', 'public'];

function filesUnder(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    return [];
  }
  if (st.isFile()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

const files = SCANNED.flatMap((p) => filesUnder(join(ROOT, p))).filter(
  (f) => /\.(ts|tsx|js|mjs|html|json|css|md|txt)$/.test(f) && !f.endsWith('references.test.ts'),
);
const texts = files.map((f) => ({ file: f.slice(ROOT.length + 1), text: readFileSync(f, 'utf8') }));

const pages = new Map(
  readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => [f.replace(/\.md$/, ''), anchorsOf(readFileSync(join(ROOT, 'docs', f), 'utf8'))]),
);

describe('references the user can follow', () => {
  it('scans the sources', () => expect(texts.length).toBeGreaterThan(100));

  it.each([
    ['the private reference notes', /eml-reference|stack-notes\.md|user-expectations\.md/],
    ['the shared folder outside the repository', /\.\.\/shared\b|\/work\/shared/],
    ['section signs of the private notes (cite docs/<page>.md#anchor instead)', /§/],
  ])('no source file or UI text cites %s', (_what, pattern) => {
    const hits = texts.filter((t) => pattern.test(t.text)).map((t) => t.file);
    expect(hits).toEqual([]);
  });

  it('every docs reference names an existing page and heading', () => {
    const broken: string[] = [];
    let count = 0;
    for (const { file, text } of texts) {
      for (const m of text.matchAll(DOC_REF)) {
        count++;
        const anchors = pages.get(m[1]);
        if (!anchors || (m[2] && !anchors.includes(m[2]))) broken.push(`${file}: ${m[0]}`);
      }
    }
    expect(broken).toEqual([]);
    expect(count).toBeGreaterThan(50);
  });

  it('the docs pages link to each other by existing anchors', () => {
    const broken: string[] = [];
    for (const [page] of pages) {
      const text = readFileSync(join(ROOT, 'docs', `${page}.md`), 'utf8');
      for (const m of text.matchAll(/\]\(([a-z-]+\.md)?(?:#([a-z0-9-]+))?\)/g)) {
        const target = m[1] ? m[1].replace(/\.md$/, '') : page;
        const anchors = pages.get(target);
        if (!anchors || (m[2] && !anchors.includes(m[2]))) broken.push(`${page}.md: ${m[0]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('slugOf', () => {
  it('spells anchors as GitHub does', () => {
    expect(slugOf('ln 0 and signed zeros')).toBe('ln-0-and-signed-zeros');
    expect(slugOf('Size: K and depth')).toBe('size-k-and-depth');
    expect(slugOf('Real vs complex')).toBe('real-vs-complex');
  });
});
