/**
 * Keys, readable forms, hashes and the work budget of SymPy-lite expressions (sexpr.ts), kept apart so the
 * canonicaliser reads as the rules it implements.
 */
import * as Q from '../math/rational.ts';
import { CompileError } from '../math/errors.ts';
import type { S } from './sexpr.ts';

/**
 * Keys. Paper mode's expressions share subexpressions (sin(sin(x)) uses e^{i·sin x} twice), so a key spelled out as
 * text doubles with every level: sin nested 24 deep made multi-gigabyte strings. `skey` is therefore a short token
 * interned from the node's own kind and its children's tokens (hash-consing): equal tokens ⇔ equal structure, and
 * making one costs O(children). Leaves keep readable keys ('1', '1/2', 'pi', '$x'), which callers test directly.
 * Tokens are valid for one generation (`resetKeys`, called at the start of each paper compilation), so the intern
 * table does not grow over a session.
 */
let generation = 0;
let interned = new Map<string, string>();
const tokens = new WeakMap<S, { gen: number; key: string }>();

export function resetKeys(): void {
  generation++;
  interned = new Map();
}

function leafKey(s: S): string | null {
  switch (s.t) {
    case 'num':
      return Q.toString(s.r);
    case 'I':
    case 'pi':
    case 'phi':
      return s.t;
    case 'sym':
      return `$${s.name}`;
    default:
      return null;
  }
}

/** Structural key: a readable string for leaves, an interned token for compound nodes. */
export function skey(s: S): string {
  const leaf = leafKey(s);
  if (leaf !== null) return leaf;
  const hit = tokens.get(s);
  if (hit && hit.gen === generation) return hit.key;
  let shallow: string;
  switch (s.t) {
    case 'add':
    case 'mul':
      shallow = `${s.t} ${s.args.map(skey).join(' ')}`;
      break;
    case 'pow':
      shallow = `pow ${skey(s.b)} ${skey(s.e)}`;
      break;
    case 'fn':
      shallow = `${s.f} ${skey(s.a)}`;
      break;
    case 'eml':
      shallow = `eml ${skey(s.l)} ${skey(s.r)}`;
      break;
    default:
      throw new CompileError(`no key for ${s.t}`, 'internal');
  }
  let key = interned.get(shallow);
  if (key === undefined) {
    charge(1);
    key = `#${interned.size}`;
    interned.set(shallow, key);
  }
  tokens.set(s, { gen: generation, key });
  return key;
}

const kids = (s: S): readonly S[] =>
  s.t === 'add' || s.t === 'mul'
    ? s.args
    : s.t === 'pow'
      ? [s.b, s.e]
      : s.t === 'fn'
        ? [s.a]
        : s.t === 'eml'
          ? [s.l, s.r]
          : [];

/**
 * The readable form of SymPy-lite (`(add $x (mul -1 $y))`) for "how was this built" views, built only while it is
 * at most TEXT_CAP characters. (Sums and products are ordered as SymPy orders them: sympyCompare.ts.)
 */
const TEXT_CAP = 4096;
const texts = new WeakMap<S, string | null>();
export function text(s: S): string | null {
  const leaf = leafKey(s);
  if (leaf !== null) return leaf;
  const hit = texts.get(s);
  if (hit !== undefined) return hit;
  const parts: string[] = [];
  let length = 0;
  let out: string | null = null;
  let ok = true;
  for (const c of kids(s)) {
    const t = text(c);
    if (t === null || (length += t.length + 1) > TEXT_CAP) {
      ok = false;
      break;
    }
    parts.push(t);
  }
  if (ok) out = `(${s.t === 'fn' ? s.f : s.t} ${parts.join(' ')})`;
  if (out !== null && out.length > TEXT_CAP) out = null;
  texts.set(s, out);
  return out;
}

const hashes = new WeakMap<S, number>();
function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x5bd1e995);
  return (h ^ (h >>> 15)) >>> 0;
}
function strHash(t: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
/** Deterministic structural hash (same expression → same value in every run). */
export function shash(s: S): number {
  const leaf = leafKey(s);
  if (leaf !== null) return strHash(leaf);
  const hit = hashes.get(s);
  if (hit !== undefined) return hit;
  let h = strHash(s.t === 'fn' ? s.f : s.t);
  for (const c of kids(s)) h = mix(h, shash(c));
  hashes.set(s, h);
  return h;
}

/**
 * Work budget of one paper compilation: every interned node and every term the canonicaliser touches is charged,
 * so a long sum (whose flattening is quadratic) or a deep composition is refused within a bounded time instead of
 * running for minutes. `withWorkBudget` sets it around one compilation.
 */
let workLeft = Infinity;
export function charge(units: number): void {
  workLeft -= units;
  if (workLeft < 0) {
    workLeft = Infinity;
    throw new CompileError(
      'too large for paper mode: its exact symbolic form grows past the work budget',
      'too-large',
      {
        hint: 'use compact mode, or split the expression into smaller parts',
      },
    );
  }
}
export function withWorkBudget<T>(units: number, f: () => T): T {
  const saved = workLeft;
  workLeft = units;
  try {
    return f();
  } finally {
    workLeft = saved;
  }
}
