/**
 * The complex-plane window: the default (|Re|, |Im| ≤ 4), zoom about a point, pan, the numeric fields' validation,
 * and whether float32 still resolves the pixels (else the view switches to the float64 worker).
 */
import type { PlaneWindow } from './raster.ts';

export const DEFAULT_PLANE_WINDOW: PlaneWindow = Object.freeze({ reMin: -4, reMax: 4, imMin: -4, imMax: 4 });
/** Bounds of the fields: beyond this the window's own arithmetic loses the pixels. */
export const PLANE_LIMIT = 1e15;
/** Narrowest width allowed relative to the coordinates' size: float64 still has ~3 digits across 1000 pixels. */
const MIN_RELATIVE_WIDTH = 1e-12;
/**
 * float32's relative spacing is 2^−23 ≈ 1.2e−7: when a pixel is less than ~8 of those at the window's coordinates,
 * neighbouring pixels would get the same float32 input, so the float64 path draws instead.
 */
const FLOAT32_PIXEL_ULPS = 8 * 2 ** -23;

/** Why the four texts are not a window (keyed by field), or the window. */
export function parseWindow(
  texts: Record<keyof PlaneWindow, string>,
): { ok: true; window: PlaneWindow } | { ok: false; errors: Partial<Record<keyof PlaneWindow, string>> } {
  const labels: Record<keyof PlaneWindow, string> = {
    reMin: 'Re from',
    reMax: 'Re to',
    imMin: 'Im from',
    imMax: 'Im to',
  };
  const errors: Partial<Record<keyof PlaneWindow, string>> = {};
  const v = {} as PlaneWindow;
  for (const key of Object.keys(labels) as Array<keyof PlaneWindow>) {
    const t = texts[key].trim().replace('−', '-');
    const n = t === '' ? NaN : Number(t);
    if (Number.isNaN(n)) errors[key] = `${labels[key]} must be a number (for example −4 or 2.5e-3)`;
    else if (!(Math.abs(n) <= PLANE_LIMIT)) errors[key] = `${labels[key]} must lie between −1e15 and 1e15`;
    v[key] = n;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (!(v.reMin < v.reMax)) return { ok: false, errors: { reMin: 'Re from must be less than Re to' } };
  if (!(v.imMin < v.imMax)) return { ok: false, errors: { imMin: 'Im from must be less than Im to' } };
  if (tooNarrow(v))
    return { ok: false, errors: { reMin: 'the window is too narrow to draw (under 1e−12 of its coordinates)' } };
  return { ok: true, window: v };
}

/**
 * A window read back from saved state (share link, autosave): an object of four finite numbers that the fields
 * would accept, or why not (the fields' own messages).
 */
export function restoreWindow(raw: unknown): { ok: true; window: PlaneWindow } | { ok: false; error: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, error: 'it is not an object of reMin, reMax, imMin and imMax' };
  const o = raw as Record<string, unknown>;
  const keys = ['reMin', 'reMax', 'imMin', 'imMax'] as const;
  const missing = keys.filter((k) => typeof o[k] !== 'number');
  if (missing.length > 0) return { ok: false, error: `${missing.join(', ')} must be numbers` };
  // Number → string → Number is exact in JavaScript, so the fields' validation reads the very values.
  const r = parseWindow(Object.fromEntries(keys.map((k) => [k, String(o[k])])) as Record<keyof PlaneWindow, string>);
  if (!r.ok) return { ok: false, error: Object.values(r.errors).join('; ') };
  return r;
}

const scaleOf = (w: PlaneWindow) =>
  Math.max(Math.abs(w.reMin), Math.abs(w.reMax), Math.abs(w.imMin), Math.abs(w.imMax), 1e-300);

export function tooNarrow(w: PlaneWindow): boolean {
  const s = scaleOf(w);
  return w.reMax - w.reMin < MIN_RELATIVE_WIDTH * s || w.imMax - w.imMin < MIN_RELATIVE_WIDTH * s;
}

/** Whether float32 resolves a window of this many pixels (false: draw with the float64 worker). */
export function float32Resolves(w: PlaneWindow, width: number, height: number): boolean {
  const s = scaleOf(w);
  const pixel = Math.min((w.reMax - w.reMin) / width, (w.imMax - w.imMin) / height);
  return pixel >= FLOAT32_PIXEL_ULPS * s;
}

/** The window scaled by `factor` (< 1 zooms in) about the point at fractions (fx, fy) of its width and height (fy from the top). */
export function zoomWindow(w: PlaneWindow, factor: number, fx = 0.5, fy = 0.5): PlaneWindow {
  const cre = w.reMin + fx * (w.reMax - w.reMin);
  const cim = w.imMax - fy * (w.imMax - w.imMin);
  const next = {
    reMin: cre - (cre - w.reMin) * factor,
    reMax: cre + (w.reMax - cre) * factor,
    imMin: cim - (cim - w.imMin) * factor,
    imMax: cim + (w.imMax - cim) * factor,
  };
  return tooNarrow(next) || scaleOf(next) > PLANE_LIMIT ? w : next;
}

/** The window moved by fractions of its size (dx right, dy up). */
export function panWindow(w: PlaneWindow, dx: number, dy: number): PlaneWindow {
  const a = dx * (w.reMax - w.reMin);
  const b = dy * (w.imMax - w.imMin);
  const next = { reMin: w.reMin + a, reMax: w.reMax + a, imMin: w.imMin + b, imMax: w.imMax + b };
  return scaleOf(next) > PLANE_LIMIT ? w : next;
}

/** The point at pixel (px, py) of a width × height view (py from the top), at the pixel's centre. */
export function pointAt(w: PlaneWindow, width: number, height: number, px: number, py: number) {
  return {
    re: w.reMin + ((Math.floor(px) + 0.5) / width) * (w.reMax - w.reMin),
    im: w.imMax - ((Math.floor(py) + 0.5) / height) * (w.imMax - w.imMin),
  };
}
