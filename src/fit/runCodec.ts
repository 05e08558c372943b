/**
 * A fitting run in the URL (`#fit/<state>`): versioned JSON, lz-string compressed. Small data travels inline; large
 * generated data travels as its generator (formula, range, points, noise, seed), which reproduces it exactly.
 * Together with every setting and the seed, opening the link reproduces the run. Everything decoded is untrusted:
 * sizes are capped before decompressing and each field is checked, and a bad link is refused with a reason.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { MAX_INPUTS, MIN_SAMPLE_ROWS, type ColumnMapping } from './dataset.ts';
import { MAX_COLUMNS, MAX_ROWS } from './table.ts';
import { readGenerator, type GeneratorSpec } from './generate.ts';
import { readFitSettings, type FitSettings } from './fitSettings.ts';
import type { HeaderMode } from './table.ts';
import { readSearchLink, searchLinkJson, type SearchLinkData } from './searchLink.ts';

export const RUN_SCHEMA_VERSION = 1;
/** Inline data above this many characters is replaced by its generator when there is one. */
export const INLINE_LIMIT = 20_000;
/** Longest `#fit/…` payload accepted (and so the longest link the share button makes). */
export const MAX_ENCODED = 300_000;
const MAX_TEXT = 2_000_000;

export type RunData = { kind: 'inline'; text: string; header: HeaderMode } | { kind: 'generator'; spec: GeneratorSpec };

export interface RunState {
  data: RunData;
  mapping: ColumnMapping;
  validation: number;
  splitSeed: number;
  settings: FitSettings;
  /** Size of the seeded subsample used when the table has more than MAX_ROWS rows (older links: MAX_ROWS). */
  sampleRows: number;
  /** A finished formula search, so the link opens on its result (searchLink.ts); absent when too large or none. */
  search?: SearchLinkData;
  /** Why a link's search result was not opened (the run itself was): shown as a notice. */
  searchDropped?: string;
}

export type RunDecode = { ok: true; run: RunState } | { ok: false; error: string };

export function encodeRun(run: RunState): string {
  const { search, ...rest } = run;
  const result = search ? searchLinkJson(search) : null;
  return compressToEncodedURIComponent(
    JSON.stringify({ v: RUN_SCHEMA_VERSION, ...rest, ...(result ? { search: result } : {}) }),
  );
}

/** Inline when small or when there is no generator; otherwise the generator. */
export function chooseRunData(text: string, header: HeaderMode, generator: GeneratorSpec | null): RunData {
  if (generator && text.length > INLINE_LIMIT) return { kind: 'generator', spec: generator };
  return { kind: 'inline', text, header };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, lo: number, hi: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

function readData(raw: unknown): RunData | string {
  if (!isObj(raw)) return 'the data is missing';
  if (raw.kind === 'inline') {
    if (typeof raw.text !== 'string') return 'the inline data is not text';
    if (raw.text.length > MAX_TEXT) return 'the inline data is too long';
    if (raw.header !== 'auto' && raw.header !== 'yes' && raw.header !== 'no') return 'unknown header mode';
    return { kind: 'inline', text: raw.text, header: raw.header };
  }
  if (raw.kind === 'generator') {
    const spec = readGenerator(raw.spec);
    return typeof spec === 'string' ? `generator: ${spec}` : { kind: 'generator', spec };
  }
  return 'unknown data kind';
}

export function readMapping(raw: unknown): ColumnMapping | string {
  if (!isObj(raw)) return 'the column mapping is missing';
  if (!isInt(raw.output, 0, MAX_COLUMNS - 1)) return 'the output column is not a column number';
  if (
    !Array.isArray(raw.inputs) ||
    raw.inputs.length < 1 ||
    raw.inputs.length > MAX_INPUTS ||
    !raw.inputs.every((j) => isInt(j, 0, MAX_COLUMNS - 1))
  )
    return 'the input columns are not 1–3 column numbers';
  if (raw.weights !== null && !isInt(raw.weights, 0, MAX_COLUMNS - 1))
    return 'the weights column is not a column number';
  return { output: raw.output, inputs: [...(raw.inputs as number[])], weights: raw.weights as number | null };
}

export function decodeRun(encoded: string): RunDecode {
  if (encoded.length > MAX_ENCODED) return { ok: false, error: 'the link is too long to be a fitting run' };
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(encoded);
  } catch {
    json = null;
  }
  if (!json || json.length > MAX_TEXT + 100_000)
    return { ok: false, error: 'the link’s run is not valid compressed data (was it cut short?)' };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, error: 'the link’s run is not valid JSON' };
  }
  if (!isObj(raw)) return { ok: false, error: 'the run is not an object' };
  if (raw.v !== RUN_SCHEMA_VERSION)
    return {
      ok: false,
      error: `unsupported run version ${JSON.stringify(raw.v)?.slice(0, 20)} (this app reads version ${RUN_SCHEMA_VERSION})`,
    };
  const data = readData(raw.data);
  if (typeof data === 'string') return { ok: false, error: data };
  const mapping = readMapping(raw.mapping);
  if (typeof mapping === 'string') return { ok: false, error: mapping };
  if (typeof raw.validation !== 'number' || !(raw.validation >= 0 && raw.validation <= 0.9))
    return { ok: false, error: 'the validation share is not in [0, 0.9]' };
  if (!isInt(raw.splitSeed, 0, 2 ** 32 - 1)) return { ok: false, error: 'the split seed is not a whole number' };
  const s = readFitSettings(raw.settings);
  if (!s.ok) return { ok: false, error: `settings: ${s.error}` };
  const sampleRows = raw.sampleRows ?? MAX_ROWS;
  if (!isInt(sampleRows, MIN_SAMPLE_ROWS, MAX_ROWS))
    return { ok: false, error: `the subsample size is not a whole number from ${MIN_SAMPLE_ROWS} to ${MAX_ROWS}` };
  const run: RunState = {
    data,
    mapping,
    validation: raw.validation,
    splitSeed: raw.splitSeed,
    settings: s.settings,
    sampleRows,
  };
  if (raw.search !== undefined) {
    const search = readSearchLink(raw.search);
    if (typeof search === 'string') run.searchDropped = search;
    else run.search = search;
  }
  return { ok: true, run };
}
