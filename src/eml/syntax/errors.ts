/**
 * Syntax errors that know where they happened, plus the input-size guard that runs before any parsing.
 *
 * Positions are in UTF-16 code units (JS string indices), the same unit editors and `String#slice` use, so a
 * UI can select `[offset, offset + length)` directly.
 */

/** Machine-readable error kinds, so a UI or test can react without matching message text. */
export type EmlSyntaxErrorCode =
  | 'input-too-large'
  | 'empty-input'
  | 'unexpected-character'
  | 'unknown-function'
  | 'reserved-name'
  | 'name-too-long'
  | 'bad-number'
  | 'missing-comma'
  | 'missing-argument'
  | 'too-many-arguments'
  | 'missing-closer'
  | 'mismatched-bracket'
  | 'unclosed-bracket'
  | 'trailing-input'
  | 'unknown-token'
  | 'stack-underflow'
  | 'leftover-values'
  /** An eml-tree JSON document (export/json.ts) that does not read. */
  | 'tree-json'
  /** Well-formed input the compiler refuses (division by zero, a number too large to be exact, over budget). */
  | 'compile-error'
  /** A bug caught by a safety net: reported as an error of the input instead of breaking the caller. */
  | 'internal-error';

export interface EmlSyntaxErrorInit {
  code: EmlSyntaxErrorCode;
  message: string;
  /** 0-based index of the first offending code unit; may equal source.length for "ended too early". */
  offset: number;
  /** Length of the offending span; clamped to at least 1 so there is always something to underline. */
  length?: number;
  hint?: string;
}

export class EmlSyntaxError extends Error {
  readonly code: EmlSyntaxErrorCode;
  readonly offset: number;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
  readonly length: number;
  /** How to fix it, in one sentence; '' when there is nothing useful to add. */
  readonly hint: string;

  constructor(init: EmlSyntaxErrorInit, source: string) {
    super(init.message);
    this.name = 'EmlSyntaxError';
    this.code = init.code;
    this.offset = Math.max(0, Math.min(init.offset, source.length));
    this.length = Math.max(1, init.length ?? 1);
    this.hint = init.hint ?? '';
    const { line, column } = lineColumn(source, this.offset);
    this.line = line;
    this.column = column;
  }

  /** Compiler-style report: position, message, the source line with a caret underline, and the hint. */
  format(source: string): string {
    const parts = [`line ${this.line}, column ${this.column}: ${this.message}`];
    const { text, caretStart, caretLength } = excerpt(source, this.offset, this.length);
    parts.push(`  ${text}`);
    parts.push(`  ${caretPadding(text, caretStart)}${'^'.repeat(caretLength)}`);
    if (this.hint) parts.push(`hint: ${this.hint}`);
    return parts.join('\n');
  }
}

/** 1-based line and column of `offset`; '\n' ends a line (a preceding '\r' belongs to that line ending). */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Longest piece of the user's text quoted inside a message (the excerpt under it shows the context). */
export const MAX_QUOTE = 40;

/**
 * `text` for quoting in a message: whole when short, else its start and its length, so a 1 MB token cannot
 * become a 1 MB message (messages are logged, shown in tooltips and sent as JSON).
 */
export function quote(text: string): string {
  if (text.length <= MAX_QUOTE) return text;
  // Do not cut a surrogate pair in half.
  const end = (text.charCodeAt(MAX_QUOTE - 1) & 0xfc00) === 0xd800 ? MAX_QUOTE - 1 : MAX_QUOTE;
  return `${text.slice(0, end)}… (${text.length} characters)`;
}

/** Longest excerpt of one line we show; a 1 MB single-line input must not be echoed whole. */
const EXCERPT_WIDTH = 80;

interface Excerpt {
  text: string;
  caretStart: number;
  caretLength: number;
}

function excerpt(source: string, offset: number, length: number): Excerpt {
  const lineStart = offset === 0 ? 0 : source.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = source.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = source.length;
  if (lineEnd > lineStart && source[lineEnd - 1] === '\r') lineEnd--;
  let from = lineStart;
  let to = lineEnd;
  if (to - from > EXCERPT_WIDTH) {
    // Keep a little context before the error and fill the rest after it.
    from = Math.max(lineStart, offset - 30);
    to = Math.min(lineEnd, from + EXCERPT_WIDTH);
    from = Math.max(lineStart, Math.min(from, to - EXCERPT_WIDTH));
  }
  const head = from > lineStart ? '…' : '';
  const tail = to < lineEnd ? '…' : '';
  const text = head + source.slice(from, to) + tail;
  const caretStart = head.length + (offset - from);
  // The caret may sit one past the end (input ended early) but never runs past the shown line.
  const caretLength = Math.max(1, Math.min(length, head.length + (to - from) - caretStart));
  return { text, caretStart, caretLength };
}

/** Spaces under the excerpt up to the caret, keeping tabs so the caret lines up however tabs render. */
function caretPadding(text: string, width: number): string {
  let pad = '';
  for (let i = 0; i < width; i++) pad += text[i] === '\t' ? '\t' : ' ';
  return pad;
}

export interface ParseLimits {
  /** Largest accepted input, in UTF-8 bytes (what a file or a paste would weigh). */
  maxInputBytes: number;
}

export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = Object.freeze({ maxInputBytes: 1_000_000 });

export function resolveLimits(limits?: Partial<ParseLimits>): ParseLimits {
  return { ...DEFAULT_PARSE_LIMITS, ...limits };
}

/** Throws before tokenising when `source` is over the byte limit, pointing at the first character past it. */
export function checkInputSize(source: string, limits?: Partial<ParseLimits>): void {
  const max = resolveLimits(limits).maxInputBytes;
  // A UTF-16 code unit is at most 3 UTF-8 bytes (a surrogate pair is 4 for 2 units), so short inputs need no count.
  if (source.length * 3 <= max) return;
  let bytes = 0;
  let firstOver = -1;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    let size: number;
    if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < source.length && (source.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      size = 4;
      i++;
    } else size = 3;
    bytes += size;
    if (firstOver === -1 && bytes > max) firstOver = i - (size === 4 ? 1 : 0);
  }
  if (firstOver === -1) return;
  let shown = formatBytes(bytes);
  const limit = formatBytes(max);
  if (shown === limit) shown = `${bytes} bytes`;
  throw new EmlSyntaxError(
    {
      code: 'input-too-large',
      message: `expression too long: ${shown}, at most ${limit}`,
      offset: firstOver,
      // Programs calling the parser can pass a larger limits.maxInputBytes; people typing cannot, so the hint is theirs.
      hint: `shorten the text to at most ${limit}; the limit keeps parsing and every view responsive`,
    },
    source,
  );
}

/** Decimal units, as file managers show them: 1_200_000 → "1.2 MB", 1_000_000 → "1 MB". */
export function formatBytes(bytes: number): string {
  const trim = (x: number) => String(Number(x.toFixed(1)));
  if (bytes >= 999_950) return `${trim(bytes / 1_000_000)} MB`;
  if (bytes >= 1_000) return `${trim(bytes / 1_000)} kB`;
  return `${bytes} bytes`;
}
