/**
 * Candidates from structure keys. A search worker cannot be interrupted inside the synchronous search (without
 * cross-origin isolation there is no SharedArrayBuffer to signal it), so Stop ends it; what it had found is then
 * known only from its progress reports, whose best-so-far is a structure key ("sub(v0,ln(v0))": ops, v<i>
 * variables, c fitted constants, fixed constants by their text). This reads such a key back into the search's
 * expression form; the finishing step refits every constant, so structure and loss are all a candidate needs.
 */
import type { BinaryOp, Expr, UnaryOp } from '../fit/search/expr.ts';
import { BINARY_OPS, UNARY_OPS } from '../fit/search/expr.ts';
import type { SearchCandidate } from './protocol.ts';

const FIXED: Record<string, number> = { '1': 1, e: Math.E, '0': 0, pi: Math.PI };

/** The expression a structure key names, or null when the text is not one (positions are not needed: keys are ours). */
export function exprOfKey(key: string): Expr | null {
  let pos = 0;
  let params = 0;
  const node = (depth: number): Expr | null => {
    if (depth > 200) return null;
    const m = /^[A-Za-z0-9_.*/+-]+/.exec(key.slice(pos));
    if (!m) return null;
    const word = m[0];
    pos += word.length;
    if (key[pos] === '(') {
      pos++;
      const a = node(depth + 1);
      if (!a) return null;
      if (key[pos] === ')' && (UNARY_OPS as readonly string[]).includes(word)) {
        pos++;
        return { t: 'un', op: word as UnaryOp, a };
      }
      if (key[pos] !== ',' || !(BINARY_OPS as readonly string[]).includes(word)) return null;
      pos++;
      const b = node(depth + 1);
      if (!b || key[pos] !== ')') return null;
      pos++;
      return { t: 'bin', op: word as BinaryOp, a, b };
    }
    if (/^v\d+$/.test(word)) return { t: 'var', i: Number(word.slice(1)) };
    if (word === 'c') return { t: 'param', i: params++ };
    const value = FIXED[word] ?? Number(word);
    return Number.isFinite(value) ? { t: 'num', value, text: word } : null;
  };
  const e = node(0);
  return e && pos === key.length ? e : null;
}

/** Each distinct key a stopped shard reported as its best, as candidates (size = node count). */
export function candidatesOfKeys(best: ReadonlyMap<string, number>): SearchCandidate[] {
  const out: SearchCandidate[] = [];
  for (const [k, mse] of best) {
    const expr = exprOfKey(k);
    if (expr) out.push({ expr, mse, size: sizeOf(expr) });
  }
  return out;
}

function sizeOf(e: Expr): number {
  return e.t === 'un' ? 1 + sizeOf(e.a) : e.t === 'bin' ? 1 + sizeOf(e.a) + sizeOf(e.b) : 1;
}

/**
 * Merges the shards' candidates as the CLI does (fit/pool.ts): all of them go to finishing, which keeps the best
 * of each size; here duplicates of one structure keep their lowest loss, so a shard's report and its final list
 * do not count twice.
 */
export function mergeCandidates(
  lists: readonly (readonly SearchCandidate[])[],
  keyOf: (e: unknown) => string,
): SearchCandidate[] {
  const byKey = new Map<string, SearchCandidate>();
  for (const list of lists)
    for (const c of list) {
      if (!Number.isFinite(c.mse)) continue;
      const k = keyOf(c.expr);
      const old = byKey.get(k);
      if (!old || c.mse < old.mse) byKey.set(k, c);
    }
  return [...byKey.values()].sort((a, b) => a.size - b.size || a.mse - b.mse);
}
