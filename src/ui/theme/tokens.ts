/**
 * The design tokens: the one place that names the app's colours, for the style sheets (as CSS custom properties,
 * written into the page by `installTokens`) and for the code that draws on a canvas or writes colours into an SVG
 * (the plot, the loss chart), which import the palettes below. A colour changed here changes everywhere; the
 * sheets hold no colour literals of their own (tokens.test.ts checks that).
 *
 * Three sets: light, dark (used when the system asks for it: there is one dark-mode block, generated here) and the
 * presenter overrides (high contrast on a projector, in both schemes).
 *
 * Contrast (WCAG 2.1, checked by tokens.test.ts): text and muted text ≥ 4.5:1 on the surface and on panels,
 * control borders and the accent ≥ 3:1, and the text on an accent-filled button ≥ 4.5:1 — in the dark scheme the
 * accent is light, so that text is dark (a white label on it measured 2.16:1).
 */

export interface Theme {
  /** Page background. */
  readonly surface: string;
  /** Panels, buttons and inputs. */
  readonly panel: string;
  readonly text: string;
  /** Secondary text: captions, hints, axis labels. */
  readonly muted: string;
  readonly accent: string;
  /** Text on an accent-filled control. */
  readonly onAccent: string;
  /** Errors and failed checks. */
  readonly bad: string;
  readonly badBg: string;
  /** Passed checks, exact results. */
  readonly good: string;
  readonly goodBg: string;
  /** Warnings, notices, approximate results, "new in this step". */
  readonly warn: string;
  readonly warnBg: string;
  /** Separators and panel borders (decorative). */
  readonly line: string;
  /** Borders of controls, which must be seen (≥ 3:1). */
  readonly controlBorder: string;
  readonly focus: string;
  // The tree drawing.
  readonly treeBg: string;
  readonly nodeFill: string;
  readonly leafFill: string;
  readonly blockFill: string;
  readonly blockInk: string;
  readonly lit: string;
  readonly litBg: string;
  readonly flag: string;
  // Marks drawn over a domain-coloured picture (the complex plane), whose colours are every hue and lightness: a
  // light ring inside a dark one shows on any of them, in either scheme.
  readonly markInner: string;
  readonly markOuter: string;
  /** The hatching over points where the tree departs from its function. */
  readonly markHatch: string;
}

export const LIGHT: Theme = {
  surface: '#fbfbf8',
  panel: '#ffffff',
  text: '#1b2430',
  muted: '#56616f',
  accent: '#1f5fa8',
  onAccent: '#ffffff',
  bad: '#a3261b',
  badBg: '#fff4f2',
  good: '#1d7a36',
  goodBg: '#e3f4e8',
  warn: '#8a5a00',
  warnBg: '#fff8e6',
  line: '#d9dde3',
  controlBorder: '#7d8794',
  focus: '#1f5fa8',
  treeBg: '#ffffff',
  nodeFill: '#ffffff',
  leafFill: '#eef3fa',
  blockFill: '#fdf3df',
  blockInk: '#6a4500',
  lit: '#c77f00',
  litBg: '#fff3e0',
  flag: '#c0392b',
  markInner: '#ffffff',
  markOuter: '#000000',
  markHatch: 'rgba(0, 0, 0, 0.55)',
};

export const DARK: Theme = {
  surface: '#14181e',
  panel: '#1c222a',
  text: '#e6e9ee',
  muted: '#a5afbd',
  accent: '#7fb2ff',
  onAccent: '#0b1420',
  bad: '#ff8a7a',
  badBg: '#3a1f1c',
  good: '#6fd08c',
  goodBg: '#1f3a28',
  warn: '#f0c060',
  warnBg: '#3a3017',
  line: '#39414d',
  controlBorder: '#7a8494',
  focus: '#7fb2ff',
  treeBg: '#161b21',
  nodeFill: '#1c222a',
  leafFill: '#22303f',
  blockFill: '#3a2f17',
  blockInk: '#f5d48e',
  lit: '#ffc940',
  litBg: '#3a2a10',
  flag: '#ff7b6b',
  markInner: '#ffffff',
  markOuter: '#000000',
  markHatch: 'rgba(0, 0, 0, 0.55)',
};

/** Presenter mode: full-strength text and borders, for a projector in a lit room. */
export const PRESENT_LIGHT: Partial<Theme> = {
  surface: '#ffffff',
  text: '#000000',
  muted: '#2e3742',
  line: '#6b7480',
  controlBorder: '#2e3742',
};
export const PRESENT_DARK: Partial<Theme> = {
  surface: '#000000',
  panel: '#0d1117',
  text: '#ffffff',
  muted: '#d3d9e2',
  line: '#8a94a3',
  controlBorder: '#d3d9e2',
};

/**
 * Series colours of the plot and the charts (canvas and SVG). Mid-tone colours chosen to read on both the light
 * and the dark panel (≥ 3:1 against each, checked by tokens.test.ts), so a drawing needs no per-scheme palette and
 * an exported SVG looks the same whichever scheme it was saved in.
 */
export const SERIES = {
  /** Plot: the real and imaginary parts of f(x). */
  re: '#3b7dd8',
  im: '#d0641a',
  /** Plot markers where a flag fires; the knee of a Pareto front. */
  flag: '#d64535',
  /** Loss chart. */
  best: '#3b7dd8',
  hard: '#d64535',
  snapped: '#2e9e4a',
  validation: '#9467bd',
  /** Data scatter: training and validation points, and the fitted curve. */
  train: '#3b7dd8',
  val: '#d0641a',
  fit: '#d64535',
} as const;

export type SeriesName = keyof typeof SERIES;

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function declarations(theme: Partial<Theme>, indent: string): string {
  return Object.entries(theme)
    .map(([k, v]) => `${indent}--${kebab(k)}: ${v};`)
    .join('\n');
}

/** The custom properties as CSS: light on :root, one dark-mode block, presenter overrides, the series colours. */
export function tokensCss(): string {
  const series = Object.entries(SERIES)
    .map(([k, v]) => `  --series-${kebab(k)}: ${v};`)
    .join('\n');
  return [
    `:root {\n  color-scheme: light dark;\n${declarations(LIGHT, '  ')}\n${series}\n}`,
    `:root[data-present] {\n${declarations(PRESENT_LIGHT, '  ')}\n}`,
    `@media (prefers-color-scheme: dark) {\n  :root {\n${declarations(DARK, '    ')}\n  }\n  :root[data-present] {\n${declarations(PRESENT_DARK, '    ')}\n  }\n}`,
  ].join('\n');
}

/** Writes the tokens into the page once, before the first render (the sheets read them as var(--…)). */
export function installTokens(doc: Document = document): void {
  if (doc.getElementById('eml-tokens')) return;
  const style = doc.createElement('style');
  style.id = 'eml-tokens';
  style.textContent = tokensCss();
  doc.head.prepend(style);
}

/** Whether the page is in the dark scheme now (for drawings made in code, read at draw time). */
export function currentTheme(): Theme {
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  return dark ? DARK : LIGHT;
}
