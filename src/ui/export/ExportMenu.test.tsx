// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseTreeJson } from '../../eml/export/json.ts';
import { parseEml } from '../../eml/syntax/index.ts';
import { usePlayground } from '../../store/store.ts';
import { PlotView } from '../plot/PlotView.tsx';
import { ExportMenu, formulaLatex } from './ExportMenu.tsx';
import { findDrawing, findPlotSvg, findTreeSvg, pngScale, serializeSvg } from './svgExport.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: Root;
const downloads: Array<{ name: string; blob: Blob }> = [];
const blobs = new Map<string, Blob>();

beforeEach(() => {
  act(() =>
    usePlayground.getState().load({
      ...usePlayground.getState().doc,
      text: 'EML[1,EML[EML[1,x],1]]',
      inputKind: 'auto',
      x: 2,
      y: 3,
      xMin: -4,
      xMax: 4,
    }),
  );
  let n = 0;
  URL.createObjectURL = (b: Blob | MediaSource) => {
    const url = `blob:test/${n++}`;
    blobs.set(url, b as Blob);
    return url;
  };
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  downloads.length = 0;
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() =>
    root.render(
      <>
        <PlotView />
        <ExportMenu />
      </>,
    ),
  );
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.restoreAllMocks();
});

/** jsdom's Blob has no text(). */
const text = (b: Blob) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result as string);
    r.onerror = () => reject(r.error);
    r.readAsText(b);
  });
const button = (label: string) => [...host.querySelectorAll('button')].find((b) => b.textContent === label)!;
const click = async (label: string) => {
  await act(async () => {
    button(label).click();
  });
};

describe('<ExportMenu />', () => {
  it('is a labelled group with every export', () => {
    const group = host.querySelector('.export-panel [role="group"]')!;
    expect(document.getElementById(group.getAttribute('aria-labelledby')!)!.textContent).toBe('Export');
    expect(group.querySelectorAll('button')).toHaveLength(13);
  });

  it('downloads the text exports with their file names and contents', async () => {
    await click('Download JSON');
    await click('Download JavaScript');
    await click('Download Python');
    await click('Download EML text');
    await click('Download RPN');
    await click('Download Mathematica');
    await click('Download GLSL shader');
    expect(downloads.map((d) => d.name)).toEqual([
      'eml-tree.json',
      'eml-tree.js',
      'eml_tree.py',
      'eml-tree.eml.txt',
      'eml-tree.rpn.txt',
      'eml-tree.m',
      'eml-tree.frag',
    ]);
    const ln = parseEml('EML[1,EML[EML[1,x],1]]').tree;
    expect(parseTreeJson(await text(downloads[0].blob)).tree).toBe(ln);
    expect(downloads[0].blob.type).toBe('application/json');
    const f = new Function(`${await text(downloads[1].blob)}\nreturn f;`)() as (x: number) => { re: number };
    expect(f(2).re).toBeCloseTo(Math.log(2), 15);
    expect(await text(downloads[2].blob)).toContain('def f(x):');
    expect(await text(downloads[6].blob)).toMatch(/^#version 300 es\n/);
    expect(host.querySelector('[role="status"]')!.textContent).toBe('Saved eml-tree.frag.');
  });

  it('exports the plot as standalone SVG, and says so when there is no tree drawing', async () => {
    await click('Export plot as SVG');
    expect(downloads[0].name).toBe('eml-plot.svg');
    const svgText = await text(downloads[0].blob);
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    expect(doc.querySelector('parsererror'), svgText.slice(0, 600)).toBeNull();
    expect(doc.documentElement.localName).toBe('svg');
    expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(doc.documentElement.getAttribute('width')).toBeTruthy();
    expect(doc.querySelector('path[data-series="re"]')).not.toBeNull();
    expect(doc.documentElement.hasAttribute('data-testid')).toBe(false);
    await click('Export tree as SVG');
    expect(downloads).toHaveLength(1);
    expect(host.querySelector('[role="status"]')!.textContent).toMatch(/no tree drawing/);
  });

  it('copies LaTeX, or shows it for copying by hand when the clipboard is unavailable', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await click('Copy LaTeX');
    expect(writeText).toHaveBeenCalledWith(expect.stringMatching(/ln|log/));
    writeText.mockRejectedValue(new Error('denied'));
    await click('Copy LaTeX');
    expect(host.querySelector<HTMLTextAreaElement>('textarea[aria-label="LaTeX of the formula"]')!.value).toMatch(
      /ln|log/,
    );
  });
});

describe('svg export helpers', () => {
  it('finds drawings by their data-drawing attribute, whatever the headings say', () => {
    expect(findPlotSvg()!.getAttribute('role')).toBe('img');
    expect(findTreeSvg()).toBeNull();
    for (const h of host.querySelectorAll('h2')) h.textContent = 'Renamed';
    expect(findDrawing('plot')).toBe(findPlotSvg());
    const other = document.createElement('div');
    other.innerHTML = '<section aria-label="Tree"><svg class="tree-svg"></svg></section>';
    expect(findTreeSvg(other)).toBeNull(); // a heading or class alone does not make a drawing
    other.querySelector('svg')!.setAttribute('data-drawing', 'tree');
    expect(findTreeSvg(other)).toBe(other.querySelector('svg'));
  });

  it('keeps the title, adds a background and xmlns', () => {
    const { text: out, width, height } = serializeSvg(findPlotSvg()!, { background: '#fff' });
    expect(out.startsWith('<?xml')).toBe(true);
    expect(out).toMatch(/<rect[^>]*fill="#fff"/);
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
  });

  it('limits the PNG scale to what canvases allow', () => {
    expect(pngScale(640, 320)).toBe(2);
    expect(pngScale(20000, 100)).toBeLessThan(1);
    expect(pngScale(12000, 12000) * 12000).toBeLessThanOrEqual(Math.sqrt(120_000_000) + 1e-6);
  });

  it('takes the formula LaTeX from the math that was typed', () => {
    expect(formulaLatex({ ok: false } as never)).toBeNull();
  });
});
