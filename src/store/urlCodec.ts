/**
 * The share link's state: a versioned, validated, lz-string-compressed copy of the document in the URL hash.
 * Anything in a URL is untrusted input, so decoding checks every field and reports what was wrong instead of
 * loading half a document.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { COMPILE_MODES } from '../eml/compiler/compile.ts';
import { isSemantics } from '../eml/evaluate/semantics.ts';
import { INPUT_KINDS } from '../eml/input.ts';
import { DEFAULT_PLANE_WINDOW, restoreWindow } from '../eml/plane/window.ts';
import type { PlaygroundDocument } from './document.ts';

export const URL_SCHEMA_VERSION = 1;
const HASH_KEY = 's';
/** Compressed links longer than this are refused before decompressing (a decompression bomb guard). */
const MAX_ENCODED_LENGTH = 400_000;
export const MAX_TEXT_LENGTH = 1_000_000;
/** The plot range and sliders accept at most this magnitude (as the range fields do); larger values only break the axes. */
const MAX_MAGNITUDE = 1e15;

/**
 * `notice`: a part that could not be used was set to its default and the rest loaded (today only the Complex plane's
 * window, a view setting not worth refusing a whole link for); say it to the user.
 */
export type DecodeResult = { ok: true; doc: PlaygroundDocument; notice?: string } | { ok: false; error: string };

export function encodeDocument(doc: PlaygroundDocument): string {
  return compressToEncodedURIComponent(JSON.stringify({ v: URL_SCHEMA_VERSION, ...doc }));
}

export function documentToHash(doc: PlaygroundDocument): string {
  return `#${HASH_KEY}=${encodeDocument(doc)}`;
}

/** The encoded state in a location hash, or null when the hash carries none. */
export function stateFromHash(hash: string): string | null {
  // Not URLSearchParams: it would turn the '+' of lz-string's URI alphabet into spaces.
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (part.startsWith(`${HASH_KEY}=`)) return part.slice(HASH_KEY.length + 1);
  }
  return null;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Check an untrusted object field by field; the first problem is the message. */
export function validateDocument(raw: unknown): DecodeResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, error: 'the state is not an object' };
  const o = raw as Record<string, unknown>;
  if (o.v !== URL_SCHEMA_VERSION)
    return {
      ok: false,
      error: `unsupported state version ${JSON.stringify(o.v)} (this app reads version ${URL_SCHEMA_VERSION})`,
    };
  if (typeof o.text !== 'string') return { ok: false, error: 'the expression text is missing' };
  if (o.text.length > MAX_TEXT_LENGTH)
    return { ok: false, error: `the expression is ${o.text.length} characters, over the ${MAX_TEXT_LENGTH} limit` };
  if (typeof o.inputKind !== 'string' || !(INPUT_KINDS as readonly string[]).includes(o.inputKind))
    return { ok: false, error: 'unknown input kind' };
  // 'compact' is the mode's old name, still read (saved documents and links made before the modes were renamed).
  if (
    typeof o.compileMode !== 'string' ||
    !(o.compileMode === 'compact' || (COMPILE_MODES as readonly string[]).includes(o.compileMode))
  )
    return { ok: false, error: 'unknown compile mode' };
  if (typeof o.clean !== 'boolean') return { ok: false, error: 'the clean switch is not true/false' };
  if (typeof o.semantics !== 'string' || !isSemantics(o.semantics)) return { ok: false, error: 'unknown semantics' };
  for (const key of ['x', 'y', 'xMin', 'xMax'] as const) {
    if (!finite(o[key])) return { ok: false, error: `${key} is not a finite number` };
    if (Math.abs(o[key] as number) > MAX_MAGNITUDE)
      return { ok: false, error: `${key} is ${o[key] as number}, beyond ±${MAX_MAGNITUDE}` };
  }
  const [xMin, xMax] = [o.xMin as number, o.xMax as number];
  if (!(xMin < xMax)) return { ok: false, error: 'the plot range is empty (xMin ≥ xMax)' };
  if (xMax - xMin < 1e-9 * Math.max(1, Math.abs(xMin), Math.abs(xMax)))
    return { ok: false, error: 'the plot range is too narrow to plot' };
  // Absent in links and autosaves made before the plane's window was kept: the default, silently.
  const plane = o.planeWindow === undefined ? null : restoreWindow(o.planeWindow);
  return {
    ok: true,
    ...(plane && !plane.ok
      ? { notice: `the Complex plane’s window in it was not usable (${plane.error}), so the default window is shown` }
      : {}),
    doc: {
      text: o.text,
      inputKind: o.inputKind as PlaygroundDocument['inputKind'],
      compileMode: o.compileMode as PlaygroundDocument['compileMode'],
      clean: o.clean,
      semantics: o.semantics,
      x: o.x as number,
      y: o.y as number,
      xMin: o.xMin as number,
      xMax: o.xMax as number,
      planeWindow: plane?.ok ? plane.window : DEFAULT_PLANE_WINDOW,
    },
  };
}

export function decodeDocument(encoded: string): DecodeResult {
  if (encoded.length > MAX_ENCODED_LENGTH) return { ok: false, error: 'the link is too long to be a playground link' };
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(encoded);
  } catch {
    json = null;
  }
  if (!json) return { ok: false, error: 'the link’s state is not valid compressed data (was it cut short?)' };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, error: 'the link’s state is not valid JSON' };
  }
  return validateDocument(raw);
}
