/**
 * JSON of an EML tree: a small, versioned, documented schema, written and read without recursion.
 *
 * Schema "eml-tree", version 1:
 * ```
 * {
 *   "format": "eml-tree",          // required, exactly this string
 *   "version": 1,                  // required; readers reject versions they do not know
 *   "k": 7,                        // optional: RPN length (leaves + eml nodes) of the expanded tree
 *   "depth": 3,                    // optional: eml levels on the longest root-to-leaf path (a leaf has depth 0)
 *   "variables": ["x"],            // optional: the variables, sorted
 *   "root": <node>                 // required
 * }
 * <node> = 1                       // the constant one
 *        | "x"                     // a variable: an identifier, not e/eml in any case
 *        | {"eml": [<node>, <node>]}   // eml(left, right) = exp(left) − ln(right)
 * ```
 * When k, depth or variables are present they must match the tree (a check against truncated or edited files).
 * Other top-level keys are ignored (room for metadata); unknown keys inside a node are errors.
 *
 * Shared subtrees are written out in full (the nested form has no references), so the file size is linear in K;
 * K is limited like the text printers' (MAX_PRINT_K). Trees 100 000 levels deep are fine both ways: the writer walks
 * an explicit stack, and the reader is its own iterative JSON parser (JSON.parse recurses in some engines), then
 * builds the hash-consed tree bottom-up.
 */
import { eml, invalidVariableReason, ONE, topoOrder, variable, type EmlNode } from '../ast.ts';
import { EmlSyntaxError, MAX_PRINT_K, TooLargeToPrintError } from '../syntax/index.ts';

const TREE_JSON_FORMAT = 'eml-tree';
const TREE_JSON_VERSION = 1;

export interface TreeJsonOptions {
  /** Indent the top-level fields (the root stays on one line). Default true. */
  pretty?: boolean;
}

/** Serialise `tree` as an eml-tree v1 document. */
export function writeTreeJson(tree: EmlNode, options: TreeJsonOptions = {}): string {
  if (tree.k > MAX_PRINT_K) {
    throw new TooLargeToPrintError(tree.k, MAX_PRINT_K, 'JSON export');
  }
  const variables = topoOrder(tree)
    .filter((n) => n.kind === 'var')
    .map((n) => (n.kind === 'var' ? n.name : ''))
    .sort();
  const parts: string[] = [];
  const stack: (EmlNode | string)[] = [tree];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') parts.push(item);
    else if (item.kind === 'one') parts.push('1');
    else if (item.kind === 'var') parts.push(JSON.stringify(item.name));
    else {
      parts.push('{"eml":[');
      stack.push(']}', item.right, ',', item.left);
    }
  }
  const fields: Array<[string, string]> = [
    ['format', JSON.stringify(TREE_JSON_FORMAT)],
    ['version', String(TREE_JSON_VERSION)],
    ['k', String(tree.k)],
    ['depth', String(tree.depth)],
    ['variables', JSON.stringify(variables)],
    ['root', parts.join('')],
  ];
  const pretty = options.pretty ?? true;
  return pretty
    ? `{\n${fields.map(([k, v]) => `  ${JSON.stringify(k)}: ${v}`).join(',\n')}\n}\n`
    : `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

export class TreeJsonError extends Error {
  constructor(
    message: string,
    /** Character offset in the text, when the error is in the JSON syntax. */
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'TreeJsonError';
  }
}

export interface ParsedTreeJson {
  tree: EmlNode;
  version: number;
}

export interface ParseTreeJsonOptions {
  /** Refuse texts longer than this many characters (default 64 MiB). */
  maxLength?: number;
  /** Refuse trees deeper than this (default 10 000 000). */
  maxDepth?: number;
}

/** Read and validate an eml-tree document. Throws TreeJsonError with a clear message; never recurses. */
export function parseTreeJson(text: string, options: ParseTreeJsonOptions = {}): ParsedTreeJson {
  const maxLength = options.maxLength ?? 64 * 1024 * 1024;
  if (text.length > maxLength)
    throw new TreeJsonError(`the text is ${text.length} characters long; the limit is ${maxLength}`);
  const doc = parseJson(text);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new TreeJsonError('the document is not a JSON object');
  const obj = doc as Record<string, unknown>;
  if (obj.format !== TREE_JSON_FORMAT) throw new TreeJsonError(`"format" must be "${TREE_JSON_FORMAT}"`);
  if (typeof obj.version !== 'number' || !Number.isInteger(obj.version) || obj.version < 1)
    throw new TreeJsonError('"version" must be a positive integer');
  if (obj.version > TREE_JSON_VERSION) {
    throw new TreeJsonError(
      `version ${obj.version} is newer than this reader (which knows version ${TREE_JSON_VERSION})`,
    );
  }
  if (!Object.hasOwn(obj, 'root')) throw new TreeJsonError('"root" is missing');
  const tree = buildTree(obj.root, options.maxDepth ?? 10_000_000);
  if (Object.hasOwn(obj, 'k') && obj.k !== tree.k)
    throw new TreeJsonError(`"k" is ${JSON.stringify(obj.k)} but the tree has K=${tree.k}`);
  if (Object.hasOwn(obj, 'depth') && obj.depth !== tree.depth)
    throw new TreeJsonError(`"depth" is ${JSON.stringify(obj.depth)} but the tree has depth ${tree.depth}`);
  if (Object.hasOwn(obj, 'variables')) {
    const actual = topoOrder(tree)
      .filter((n) => n.kind === 'var')
      .map((n) => (n.kind === 'var' ? n.name : ''))
      .sort();
    const listed = obj.variables;
    if (!Array.isArray(listed) || listed.length !== actual.length || listed.some((v, i) => v !== actual[i])) {
      throw new TreeJsonError(`"variables" must be the tree's variables, sorted: ${JSON.stringify(actual)}`);
    }
  }
  return { tree, version: obj.version };
}

interface Frame {
  value: unknown;
  /** How the parent reaches this node: 'L', 'R', or '' for the root. */
  step: string;
  /** Its children have been pushed; on the next visit it combines their results. */
  expanded: boolean;
}

/** Where the frame on top of `frames` sits: its depth and the last steps of its path (computed on error only). */
function where(frames: readonly Frame[]): string {
  const steps = frames.filter((f) => f.expanded).map((f) => f.step);
  steps.push(frames[frames.length - 1].step);
  const path = steps.join('');
  if (path.length === 0) return 'at the root';
  return `at depth ${path.length} (path root${path.length > 12 ? '…' : ''}${path.slice(-12)})`;
}

/** Post-order build from the parsed JSON value, with an explicit stack. */
function buildTree(rootValue: unknown, maxDepth: number): EmlNode {
  const frames: Frame[] = [{ value: rootValue, step: '', expanded: false }];
  const results: EmlNode[] = [];
  let depth = 0;
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    if (frame.expanded) {
      frames.pop();
      depth--;
      const right = results.pop()!;
      const left = results.pop()!;
      results.push(eml(left, right));
      continue;
    }
    const v = frame.value;
    if (v === 1) {
      frames.pop();
      results.push(ONE);
    } else if (typeof v === 'string') {
      const reason = invalidVariableReason(v);
      if (reason) throw new TreeJsonError(`bad variable ${where(frames)}: ${reason}`);
      frames.pop();
      results.push(variable(v));
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const pair = (v as Record<string, unknown>).eml;
      if (keys.length !== 1 || keys[0] !== 'eml' || !Array.isArray(pair) || pair.length !== 2) {
        throw new TreeJsonError(`bad node ${where(frames)}: an eml node is {"eml": [left, right]} with no other keys`);
      }
      if (depth >= maxDepth) throw new TreeJsonError(`the tree is deeper than ${maxDepth}`);
      frame.expanded = true;
      depth++;
      // Right pushed first so the left child is built (and its result stacked) first.
      frames.push({ value: pair[1], step: 'R', expanded: false }, { value: pair[0], step: 'L', expanded: false });
    } else {
      throw new TreeJsonError(
        `bad node ${where(frames)}: expected 1, a variable name or {"eml": [left, right]}, got ${describe(v)}`,
      );
    }
  }
  return results[0];
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return String(v);
  return typeof v;
}

// ---------------------------------------------------------------------------------------------------------------
// A small iterative JSON parser (RFC 8259). Only what JSON.parse does, without recursion.

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_PLAIN = /[^"\\\u0000-\u001f]*/y;

type Container =
  { kind: 'array'; value: unknown[] } | { kind: 'object'; value: Record<string, unknown>; key: string | null };

export function parseJson(text: string): unknown {
  let pos = 0;
  const fail = (what: string): never => {
    throw new TreeJsonError(`JSON syntax error at offset ${pos}: ${what}`, pos);
  };
  const skip = () => {
    WS.lastIndex = pos;
    WS.test(text);
    pos = WS.lastIndex;
  };
  const readString = (): string => {
    // text[pos] === '"'
    pos++;
    let out = '';
    for (;;) {
      STRING_PLAIN.lastIndex = pos;
      STRING_PLAIN.test(text);
      out += text.slice(pos, STRING_PLAIN.lastIndex);
      pos = STRING_PLAIN.lastIndex;
      const c = text[pos];
      if (c === '"') {
        pos++;
        return out;
      }
      if (c === undefined) fail('unterminated string');
      if (c !== '\\') fail('control character in a string');
      const e = text[pos + 1];
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (e !== undefined && Object.hasOwn(simple, e)) {
        out += simple[e];
        pos += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
        out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
        pos += 6;
      } else fail('bad escape in a string');
    }
  };
  const stack: Container[] = [];
  let result: unknown;
  let done = false;
  /** Put a finished value into the enclosing container (or make it the result). */
  const emit = (v: unknown) => {
    const top = stack[stack.length - 1];
    if (!top) {
      result = v;
      done = true;
    } else if (top.kind === 'array') top.value.push(v);
    else {
      Object.defineProperty(top.value, top.key!, { value: v, enumerable: true, writable: true, configurable: true });
      top.key = null;
    }
  };
  // Expecting a value (true) or, inside a container, a separator or the end (false).
  let wantValue = true;
  skip();
  while (!done) {
    const top = stack[stack.length - 1];
    if (wantValue) {
      if (top?.kind === 'object' && top.key === null) {
        // Expecting a key (the first one, or after a comma).
        if (text[pos] !== '"') fail('expected a string key');
        top.key = readString();
        skip();
        if (text[pos] !== ':') fail('expected ":"');
        pos++;
        skip();
      }
      const c = text[pos];
      if (c === '{' || c === '[') {
        pos++;
        skip();
        const container: Container =
          c === '{' ? { kind: 'object', value: {}, key: null } : { kind: 'array', value: [] };
        const close = c === '{' ? '}' : ']';
        if (text[pos] === close) {
          pos++;
          emit(container.value);
          wantValue = false;
        } else {
          stack.push(container);
          wantValue = true;
        }
      } else if (c === '"') {
        emit(readString());
        wantValue = false;
      } else if (c === 't' && text.startsWith('true', pos)) {
        pos += 4;
        emit(true);
        wantValue = false;
      } else if (c === 'f' && text.startsWith('false', pos)) {
        pos += 5;
        emit(false);
        wantValue = false;
      } else if (c === 'n' && text.startsWith('null', pos)) {
        pos += 4;
        emit(null);
        wantValue = false;
      } else {
        NUMBER.lastIndex = pos;
        const m = NUMBER.exec(text);
        if (!m) fail(c === undefined ? 'unexpected end of text' : `unexpected character ${JSON.stringify(c)}`);
        pos = NUMBER.lastIndex;
        emit(Number(m![0]));
        wantValue = false;
      }
    } else {
      // After a value inside `top`.
      const c = text[pos];
      if (c === ',') {
        pos++;
        wantValue = true;
      } else if ((c === ']' && top.kind === 'array') || (c === '}' && top.kind === 'object')) {
        pos++;
        stack.pop();
        emit(top.value);
      } else fail(c === undefined ? 'unexpected end of text' : `expected "," or "${top.kind === 'array' ? ']' : '}'}"`);
    }
    skip();
  }
  if (pos !== text.length) fail('text after the JSON value');
  return result;
}

/**
 * Text that is an eml-tree document rather than EML: it opens an object with a quoted key. EML never does (its
 * only braces are RPN's `{1, x, EML}`, which hold no quotes), so the playground and the CLI can take either.
 */
export const looksLikeTreeJson = (text: string): boolean => /^\s*\{\s*"/.test(text);

/** Longest tree JSON read as input: far more than any tree the views can show (the JSON is ~12 characters per K). */
const MAX_INPUT_JSON = 16_000_000;

/**
 * Reads an eml-tree document given as input (the Expression box, the CLI), with its errors as positioned input
 * errors: the JSON syntax at its offset, a schema error over the whole text, with a hint naming the format.
 */
export function readTreeJsonInput(text: string): EmlNode {
  try {
    return parseTreeJson(text, { maxLength: MAX_INPUT_JSON }).tree;
  } catch (e) {
    if (!(e instanceof TreeJsonError)) throw e;
    throw new EmlSyntaxError(
      {
        code: 'tree-json',
        message: `eml-tree JSON: ${e.message}`,
        offset: e.offset ?? 0,
        length: e.offset === undefined ? Math.max(1, text.length) : 1,
        hint: 'this reads as an eml-tree JSON document (what Export → JSON writes); fix it, or give EML text',
      },
      text,
    );
  }
}
