/**
 * Reading a pasted or dropped table: CSV, TSV, semicolon or whitespace separated, header optional. Every problem
 * is reported with its line and column (1-based, as an editor counts them) so the user can find it in the text
 * they pasted, which the UI never clears. Cells are parsed with d3-dsv one line at a time: numeric tables have no
 * quoted newlines, and per-line parsing is what keeps line numbers exact.
 */
import { dsvFormat } from 'd3-dsv';

export type Delimiter = 'comma' | 'tab' | 'semicolon' | 'whitespace';
export type HeaderMode = 'auto' | 'yes' | 'no';

export interface Table {
  columns: string[];
  /** Whether the first non-blank line was read as column names. */
  header: boolean;
  delimiter: Delimiter;
  /** One Float64Array per column, all of length `rows`. */
  data: Float64Array[];
  rows: number;
  /** Line (1-based, in the pasted text) of each data row. */
  lines: Int32Array;
}

export type TableReading =
  { ok: true; table: Table; warnings: string[] } | { ok: false; errors: string[]; errorCount: number };

export const MIN_ROWS = 5;
export const MAX_ROWS = 100_000;
/** Widest table read; a fit uses at most 5 columns, and wider tables are almost surely not meant as data. */
export const MAX_COLUMNS = 10_000;
/** Longest quotation of a cell or a column name in a message: a hostile cell can be megabytes long. */
export const EXCERPT_CHARS = 24;

/** A bounded quotation of user text for messages: the first EXCERPT_CHARS characters, then “…” and the length. */
export function excerpt(s: string, max = EXCERPT_CHARS): string {
  return s.length > max ? `${s.slice(0, max)}… (${s.length.toLocaleString('en')} characters)` : s;
}
/** Messages listed before "… and N more": enough to show the pattern without flooding the page. */
const MAX_MESSAGES = 8;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NAN = /^[+-]?nan$/i;
const INF = /^[+-]?(?:inf|infinity|∞)$/i;

/** A cell as a finite number, or why it is not one. */
export function readCell(cell: string): { ok: true; value: number } | { ok: false; why: string } {
  const s = cell.trim();
  if (s === '') return { ok: false, why: 'is empty' };
  if (NUMBER.test(s)) {
    const v = Number(s);
    return Number.isFinite(v)
      ? { ok: true, value: v }
      : { ok: false, why: `“${excerpt(s)}” overflows to ∞ (the largest number is about 1.8e308)` };
  }
  if (NAN.test(s)) return { ok: false, why: 'is NaN (not a number)' };
  if (INF.test(s)) return { ok: false, why: 'is infinite' };
  return { ok: false, why: `“${excerpt(s)}” is not a number` };
}

export function detectDelimiter(lines: string[]): Delimiter {
  const sample = lines.slice(0, 20);
  if (sample.some((l) => l.includes('\t'))) return 'tab';
  if (sample.some((l) => l.includes(','))) return 'comma';
  if (sample.some((l) => l.includes(';'))) return 'semicolon';
  return 'whitespace';
}

const DSV = { comma: dsvFormat(','), tab: dsvFormat('\t'), semicolon: dsvFormat(';') };

function splitLine(line: string, d: Delimiter): string[] {
  if (d === 'whitespace') return line.trim().split(/\s+/);
  const rows = DSV[d].parseRows(line);
  return (rows[0] ?? ['']).map((c) => c.trim());
}

const isNumericRow = (cells: string[]) => cells.every((c) => readCell(c).ok);

export function readTable(text: string, header: HeaderMode = 'auto'): TableReading {
  const all = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  // Blank lines and '#' comments are skipped, but each kept line remembers its number in the original text.
  const kept: Array<{ line: number; text: string }> = [];
  all.forEach((t, i) => {
    if (t.trim() !== '' && !t.trimStart().startsWith('#')) kept.push({ line: i + 1, text: t });
  });
  if (kept.length === 0)
    return {
      ok: false,
      errors: ['No data: paste a table with one row per line, e.g. “x, f” then “0.5, -0.693”.'],
      errorCount: 1,
    };
  const delimiter = detectDelimiter(kept.map((k) => k.text));
  const rows = kept.map((k) => splitLine(k.text, delimiter));
  const hasHeader = header === 'yes' || (header === 'auto' && !isNumericRow(rows[0]));
  const width = rows[0].length;
  if (width > MAX_COLUMNS) {
    return {
      ok: false,
      errors: [
        `Line ${kept[0].line}: ${width.toLocaleString('en')} columns; at most ${MAX_COLUMNS.toLocaleString('en')} can be read (a fit uses one output, up to 3 inputs and a weights column). Keep only the columns you need.`,
      ],
      errorCount: 1,
    };
  }
  const errors: string[] = [];
  let errorCount = 0;
  const report = (msg: string) => {
    errorCount++;
    if (errors.length < MAX_MESSAGES) errors.push(msg);
  };
  let columns: string[];
  if (hasHeader) {
    columns = rows[0].map((c) => c.trim());
    const seen = new Map<string, number>();
    columns.forEach((name, j) => {
      if (name === '') report(`Header (line ${kept[0].line}): column ${j + 1} has no name.`);
      else if (seen.has(name))
        report(
          `Header (line ${kept[0].line}): column ${j + 1} is named “${excerpt(name)}” like column ${seen.get(name)! + 1}; names must be unique.`,
        );
      else seen.set(name, j);
    });
  } else columns = Array.from({ length: width }, (_, j) => `column ${j + 1}`);
  const body = hasHeader ? rows.slice(1) : rows;
  const bodyLines = hasHeader ? kept.slice(1) : kept;
  const n = body.length;
  if (width < 2)
    report(
      `Line ${kept[0].line}: found ${width} column; a fit needs at least 2 (inputs and an output). Separate cells with commas, tabs or spaces.`,
    );
  const data = Array.from({ length: width }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const cells = body[i];
    const line = bodyLines[i].line;
    if (cells.length !== width) {
      report(
        `Line ${line}: ${cells.length} cell${cells.length === 1 ? '' : 's'}, but the ${hasHeader ? 'header' : 'first row'} has ${width}; every row needs the same number of cells.`,
      );
      continue;
    }
    for (let j = 0; j < width; j++) {
      const c = readCell(cells[j]);
      if (c.ok) data[j][i] = c.value;
      else report(`Line ${line}, column ${j + 1}${hasHeader ? ` (“${excerpt(columns[j])}”)` : ''}: the cell ${c.why}.`);
    }
  }
  if (n < MIN_ROWS)
    report(`Only ${n} data row${n === 1 ? '' : 's'}; at least ${MIN_ROWS} are needed to fit and validate.`);
  if (errorCount > 0) {
    if (errorCount > errors.length)
      errors.push(`… and ${errorCount - errors.length} more problem${errorCount - errors.length === 1 ? '' : 's'}.`);
    return { ok: false, errors, errorCount };
  }
  const warnings =
    n > MAX_ROWS
      ? [
          `${n.toLocaleString('en')} rows is over the ${MAX_ROWS.toLocaleString('en')} a fit can use: a seeded random subsample is used instead (choose its size below; the split seed seeds it).`,
        ]
      : [];
  return {
    ok: true,
    table: { columns, header: hasHeader, delimiter, data, rows: n, lines: Int32Array.from(bodyLines, (k) => k.line) },
    warnings,
  };
}

/** A table as CSV text with round-trip precision (String(number) is the shortest exact decimal). */
export function tableToCsv(columns: string[], data: ArrayLike<number>[]): string {
  const n = data[0]?.length ?? 0;
  const out = [columns.join(',')];
  for (let i = 0; i < n; i++) out.push(data.map((c) => String(c[i])).join(','));
  return out.join('\n');
}
