/**
 * Turning a drawn <svg> into a standalone file, and files into downloads. DOM-dependent, kept apart from the pure
 * descriptions in src/eml/export/files.ts.
 *
 * A standalone SVG needs what the page's style sheets provided: every element gets the computed values of the
 * presentation properties that differ from their initial values, inline; `currentColor` and CSS variables arrive
 * resolved. A background rectangle carries the page colour (dark themes draw light ink), and xmlns is set.
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Properties copied from the computed style, with their initial values (not written when equal). */
export const INLINED_PROPERTIES: ReadonlyArray<readonly [string, string | null]> = [
  ['fill', 'rgb(0, 0, 0)'],
  ['fill-opacity', '1'],
  ['fill-rule', 'nonzero'],
  ['stroke', 'none'],
  ['stroke-width', '1px'],
  ['stroke-opacity', '1'],
  ['stroke-dasharray', 'none'],
  ['stroke-dashoffset', '0px'],
  ['stroke-linecap', 'butt'],
  ['stroke-linejoin', 'miter'],
  ['opacity', '1'],
  ['visibility', 'visible'],
  ['display', null],
  ['font-family', null],
  ['font-size', null],
  ['font-weight', '400'],
  ['font-style', 'normal'],
  ['text-anchor', 'start'],
  ['dominant-baseline', 'auto'],
  ['alignment-baseline', 'auto'],
  ['paint-order', 'normal'],
  ['color', null],
];

const NOT_INHERITED = new Set(['opacity', 'display', 'alignment-baseline']);
/** Elements whose computed style does not matter (and is display: none). */
const NOT_DRAWN = new Set(['title', 'desc', 'defs', 'metadata']);

/** Attributes that only make sense on the live page. */
const LIVE_ATTRIBUTES = ['tabindex', 'aria-activedescendant', 'aria-describedby', 'aria-labelledby', 'data-testid'];

/**
 * The drawing the app marks with `data-drawing="<name>"` (TreeView's tree, PlotView's plot): found by that
 * attribute, not by a heading's text, so renaming or translating a heading cannot break the export.
 */
export function findDrawing(name: 'tree' | 'plot', root: ParentNode = document): SVGSVGElement | null {
  const el = root.querySelector(`svg[data-drawing="${name}"]`);
  return el instanceof SVGSVGElement ? el : null;
}

export const findTreeSvg = (root: ParentNode = document) => findDrawing('tree', root);
export const findPlotSvg = (root: ParentNode = document) => findDrawing('plot', root);

const isTransparent = (c: string) => c === '' || c === 'transparent' || /^rgba\(.*,\s*0\)$/.test(c);

/** The colour the svg is seen on: its own background, or the nearest ancestor's; white when none. */
export function backgroundOf(el: Element): string {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (!isTransparent(c)) return c;
  }
  return '#ffffff';
}

export interface SerializedSvg {
  text: string;
  width: number;
  height: number;
}

export interface SerializeOptions {
  /**
   * Export the whole drawing rather than the current view: when the svg holds one top-level <g> with a transform
   * (a zoom/pan), that transform is dropped and the viewBox fits the content. Default true.
   */
  fitContent?: boolean;
  /** Padding around fitted content, in user units. */
  padding?: number;
  /** Background colour; null for none. Default: the colour the svg is seen on. */
  background?: string | null;
  /** A <title> for the file when the svg has none. */
  title?: string;
}

export function serializeSvg(svg: SVGSVGElement, options: SerializeOptions = {}): SerializedSvg {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  // Inline computed styles, walking the original and the clone in step (same structure).
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copies = [clone, ...Array.from(clone.querySelectorAll('*'))];
  // Inherited properties are written only where they differ from the parent's value, so the file stays small.
  const computed = new Map<Element, Map<string, string>>();
  originals.forEach((orig, i) => {
    const copy = copies[i];
    if (!(orig instanceof SVGElement) || !copy) return;
    if (NOT_DRAWN.has(orig.localName)) return;
    const cs = getComputedStyle(orig);
    const values = new Map<string, string>();
    const parentValues = orig === svg ? undefined : computed.get(orig.parentElement!);
    const decls: string[] = [];
    for (const [prop, initial] of INLINED_PROPERTIES) {
      const v = cs.getPropertyValue(prop);
      values.set(prop, v);
      if (v === '') continue;
      const inherited = !NOT_INHERITED.has(prop);
      const baseline = inherited && parentValues ? parentValues.get(prop) : initial;
      if (v === baseline) continue;
      // Only display: none matters in a file (text and shapes compute to block/inline either way).
      if (prop === 'display' && v !== 'none') continue;
      decls.push(`${prop}: ${v}`);
    }
    computed.set(orig, values);
    if (decls.length > 0) copy.setAttribute('style', decls.join('; '));
    else copy.removeAttribute('style');
    for (const a of LIVE_ATTRIBUTES) copy.removeAttribute(a);
  });

  const rect = svg.getBoundingClientRect();
  let viewBox = svg.getAttribute('viewBox');
  const vb = viewBox?.split(/[\s,]+/).map(Number);
  const vbOk = vb !== undefined && vb.length === 4 && vb[2] > 0 && vb[3] > 0;
  let width = Math.round(rect.width) || (vbOk ? vb[2] : Number(svg.getAttribute('width')) || 640);
  let height = Math.round(rect.height) || (vbOk ? vb[3] : Number(svg.getAttribute('height')) || 480);
  const topGroups = Array.from(svg.children).filter((c) => c.localName === 'g');
  if (
    (options.fitContent ?? true) &&
    topGroups.length === 1 &&
    topGroups[0].hasAttribute('transform') &&
    !svg.hasAttribute('viewBox')
  ) {
    const g = topGroups[0] as SVGGraphicsElement;
    let box: DOMRect | null;
    try {
      box = g.getBBox();
    } catch {
      box = null;
    }
    if (box && box.width > 0 && box.height > 0) {
      const pad = options.padding ?? 16;
      const index = Array.from(svg.children).indexOf(g);
      clone.children[index].removeAttribute('transform');
      viewBox = `${box.x - pad} ${box.y - pad} ${box.width + 2 * pad} ${box.height + 2 * pad}`;
      width = Math.ceil(box.width + 2 * pad);
      height = Math.ceil(box.height + 2 * pad);
    }
  }
  if (!viewBox) viewBox = `0 0 ${width} ${height}`;
  // As a namespace declaration (a plain attribute would be serialised twice).
  clone.setAttributeNS('http://www.w3.org/2000/xmlns/', 'xmlns', SVG_NS);
  clone.setAttribute('viewBox', viewBox);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('version', '1.1');
  clone.removeAttribute('class');

  const background = options.background === undefined ? backgroundOf(svg) : options.background;
  if (background) {
    const [vx, vy, vw, vh] = viewBox.split(/[\s,]+/).map(Number);
    const bg = clone.ownerDocument.createElementNS(SVG_NS, 'rect');
    bg.setAttribute('x', String(vx));
    bg.setAttribute('y', String(vy));
    bg.setAttribute('width', String(vw));
    bg.setAttribute('height', String(vh));
    bg.setAttribute('fill', background);
    const firstDrawn = Array.from(clone.children).find((c) => !['title', 'desc', 'defs'].includes(c.localName));
    clone.insertBefore(bg, firstDrawn ?? null);
  }
  if (!clone.querySelector(':scope > title') && options.title) {
    const t = clone.ownerDocument.createElementNS(SVG_NS, 'title');
    t.textContent = options.title;
    clone.insertBefore(t, clone.firstChild);
  }
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
  return { text, width, height };
}

/** The largest scale ≤ `scale` keeping the bitmap within what browsers' canvases allow. */
export function pngScale(width: number, height: number, scale = 2): number {
  const maxSide = 16384;
  const maxArea = 120_000_000;
  return Math.min(scale, maxSide / width, maxSide / height, Math.sqrt(maxArea / (width * height)));
}

/** Rasterise serialised SVG at `scale`× through an <img> of its blob URL and a canvas. */
export async function svgToPng(svg: SerializedSvg, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const s = pngScale(svg.width, svg.height, scale);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(svg.width * s));
    canvas.height = Math.max(1, Math.round(svg.height * s));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas available');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Save `data` as a file through a temporary <a download>. */
export function downloadBlob(data: Blob, fileName: string): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
