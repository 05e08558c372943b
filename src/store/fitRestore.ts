/**
 * Validation of a restored fitting session (the autosave), field by field. Everything in storage is untrusted: it
 * may be from an older version, cut short, edited by hand, or written while a bug was live. Each field that fails
 * its check is replaced by its default and named in `problems`; the rest is kept. Candidate trees are parsed here,
 * so the result card never meets a tree that does not parse (that blanked the cockpit on every load).
 */
import { readSearchLink, type SearchLinkData } from '../fit/searchLink.ts';
import { parseEml } from '../eml/syntax/index.ts';
import { constantsProblem } from '../fit/certificate.ts';
import { MIN_SAMPLE_ROWS, type ColumnMapping } from '../fit/dataset.ts';
import { DEFAULT_FIT_SETTINGS, readFitSettings, type FitSettings } from '../fit/fitSettings.ts';
import { DEFAULT_GENERATOR, readGenerator, type GeneratorSpec } from '../fit/generate.ts';
import { readMapping } from '../fit/runCodec.ts';
import { excerpt, MAX_ROWS, type HeaderMode } from '../fit/table.ts';

/**
 * One trained candidate as the cockpit keeps it. Defined here, not in fitStore.ts, so checking a saved session
 * needs no store; fitStore re-exports it as Candidate.
 */
export interface RestoredCandidate {
  /** The snapped tree in EML[·,·] syntax (also its identity). */
  tree: string;
  k: number;
  depth: number;
  init: string;
  mseTrain: number;
  /** Snapped MSE on the validation rows (NaN without any). */
  mseVal: number;
  /** The trainer's own exactness flag (the certificate re-checks it). */
  exact: boolean;
  /** Values of the tree's decimal constant leaves `_c0`, … (fit/certificate.ts); absent when it has none. */
  constants?: Record<string, number>;
}

export interface RestoredSession {
  text: string | null;
  header: HeaderMode;
  source: 'paste' | 'generator';
  generator: GeneratorSpec;
  mapping: ColumnMapping | null;
  validation: number;
  splitSeed: number;
  sampleRows: number;
  settings: FitSettings;
  candidates: RestoredCandidate[];
  selected: string | null;
  /** The last finished formula search (checked like a link's; re-measured on the data after the restore). */
  search: SearchLinkData | null;
}

/** Text kept inline in localStorage; longer tables go to the browser database (fitPersistence.ts). */
export const MAX_SAVED_TEXT = 60_000_000;
export const MAX_CANDIDATES = 500;
/** A snapped tree of depth ≤ 6 prints in well under 2 000 characters; anything far longer is not ours. */
export const MAX_TREE_CHARS = 20_000;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, lo: number, hi: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
/** JSON writes NaN and ±Infinity as null: read null back as NaN (a metric that was not available). */
const metric = (v: unknown): number | null => (v === null ? NaN : typeof v === 'number' ? v : null);

/** Why a candidate cannot be used, or null when it can. */
export function candidateProblem(c: unknown): string | null {
  if (!isObj(c)) return 'not an object';
  if (typeof c.tree !== 'string' || c.tree.length === 0) return 'no tree';
  if (c.tree.length > MAX_TREE_CHARS) return `its tree is ${c.tree.length.toLocaleString('en')} characters long`;
  let tree;
  try {
    tree = parseEml(c.tree).tree;
  } catch (e) {
    return `its tree “${excerpt(c.tree)}” does not parse (${excerpt(e instanceof Error ? e.message : String(e), 80)})`;
  }
  // A tree with `_cN` leaves needs their values, and values need their leaves (a saved map is untrusted).
  const bad = constantsProblem(tree, c.constants);
  if (bad) return excerpt(bad, 160);
  if (!isInt(c.k, 1, 1_000_000) || !isInt(c.depth, 0, 64)) return 'its size or depth is not a whole number';
  if (metric(c.mseTrain) === null || metric(c.mseVal) === null) return 'its errors are not numbers';
  if (typeof c.exact !== 'boolean') return 'its exactness is not true or false';
  return null;
}

/** A saved session, field by field: what could be kept, and what could not (each with the reason). */
export function restoreSession(raw: unknown): { session: RestoredSession; problems: string[] } {
  const problems: string[] = [];
  const o = isObj(raw) ? raw : {};
  if (!isObj(raw)) problems.push('the save is not an object');
  let text: string | null = null;
  if (typeof o.text === 'string' && o.text.length <= MAX_SAVED_TEXT) text = o.text;
  else if (o.text !== undefined && o.text !== null) problems.push('the data table is not text (or is too long)');
  const header: HeaderMode = o.header === 'yes' || o.header === 'no' || o.header === 'auto' ? o.header : 'auto';
  if (o.header !== undefined && header !== o.header) problems.push('the header choice is unknown');
  const source = o.source === 'generator' ? 'generator' : 'paste';
  let generator = DEFAULT_GENERATOR;
  if (o.generator !== undefined) {
    const g = readGenerator(o.generator);
    if (typeof g === 'string') problems.push(`the generator (${excerpt(g, 120)})`);
    else generator = g;
  }
  let mapping: ColumnMapping | null = null;
  if (o.mapping !== undefined && o.mapping !== null) {
    const m = readMapping(o.mapping);
    if (typeof m === 'string') problems.push(`the column mapping (${m})`);
    else mapping = m;
  }
  const validation = typeof o.validation === 'number' && o.validation >= 0 && o.validation <= 0.9 ? o.validation : 0.2;
  if (o.validation !== undefined && validation !== o.validation) problems.push('the validation share (not in 0–90 %)');
  const splitSeed = isInt(o.splitSeed, 0, 2 ** 32 - 1) ? o.splitSeed : 1;
  if (o.splitSeed !== undefined && splitSeed !== o.splitSeed) problems.push('the split seed (not a whole number)');
  const sampleRows = isInt(o.sampleRows, MIN_SAMPLE_ROWS, MAX_ROWS) ? o.sampleRows : MAX_ROWS;
  if (o.sampleRows !== undefined && sampleRows !== o.sampleRows) problems.push('the subsample size');
  let settings = DEFAULT_FIT_SETTINGS;
  if (o.settings !== undefined) {
    const s = readFitSettings(o.settings);
    if (s.ok) settings = s.settings;
    else problems.push(`the training settings (${s.error})`);
  }
  const candidates: RestoredCandidate[] = [];
  let dropped = 0;
  let firstWhy = '';
  if (Array.isArray(o.candidates)) {
    for (const c of o.candidates.slice(0, MAX_CANDIDATES)) {
      const why = candidateProblem(c);
      if (why) {
        dropped++;
        firstWhy ||= why;
        continue;
      }
      const x = c as Record<string, unknown>;
      candidates.push({
        tree: x.tree as string,
        k: x.k as number,
        depth: x.depth as number,
        init: typeof x.init === 'string' ? excerpt(x.init, 40) : '?',
        mseTrain: metric(x.mseTrain)!,
        mseVal: metric(x.mseVal)!,
        exact: x.exact as boolean,
        ...(x.constants !== undefined ? { constants: { ...(x.constants as Record<string, number>) } } : {}),
      });
    }
    if (o.candidates.length > MAX_CANDIDATES)
      problems.push(`${o.candidates.length - MAX_CANDIDATES} results beyond the first ${MAX_CANDIDATES}`);
  } else if (o.candidates !== undefined) problems.push('the results (not a list)');
  if (dropped) problems.push(`${dropped} result${dropped === 1 ? '' : 's'} (${firstWhy})`);
  const selected = typeof o.selected === 'string' && candidates.some((c) => c.tree === o.selected) ? o.selected : null;
  let search: SearchLinkData | null = null;
  if (o.search !== undefined && o.search !== null) {
    const r = readSearchLink(o.search);
    if (typeof r === 'string') problems.push(`the formula search result (${excerpt(r, 120)})`);
    else search = r;
  }
  return {
    session: {
      text,
      header,
      source,
      generator,
      mapping,
      validation,
      splitSeed,
      sampleRows,
      settings,
      candidates,
      selected,
      search,
    },
    problems,
  };
}
