/**
 * The semantic library of a data set (semantic.ts): every distinct function of height 1 … H over the leaf columns (a
 * child is a subtree or the constant 1), evaluated at `samples` spread points, with the exp and ln of those values
 * (a left child is read through exp, a right one through ln), and the lookups that rank its entries against a
 * node's desired values.
 */
import { expInto, logInto, type Complex } from '../eml/evaluate/complex.ts';

/** The subtrees of one height: their choices in template order, and their values at the sample points. */
export interface Level {
  count: number;
  /** count × 2^h leaf columns (left to right). */
  leaves: Uint8Array;
  /** count × (2^(h+1) − 2) gates (template nodes in pre-order, side 0 then 1; 1 = constant 1). */
  gates: Uint8Array;
  /** count × 2m values (re, im at each sample point). */
  values: Float64Array;
}

export class SemanticLibrary {
  /** The sample points' indices in the training data. */
  readonly sample: Int32Array;
  /** levels[h] for h = 1 … maxHeight (levels[0] unused). */
  readonly levels: Level[] = [];
  private ln: LnIndex | null = null;
  private readonly images = new Map<number, Float64Array>();

  constructor(
    readonly x: readonly Float64Array[],
    n: number,
    readonly maxHeight = 3,
    samples = 24,
  ) {
    const m = Math.min(samples, n);
    this.sample = Int32Array.from({ length: m }, (_, k) => Math.floor(((k + 0.5) * n) / m));
    const nCols = x.length + 1;
    // Height 0: the leaf columns themselves.
    let prev: Level = {
      count: nCols,
      leaves: Uint8Array.from({ length: nCols }, (_, c) => c),
      gates: new Uint8Array(0),
      values: new Float64Array(2 * m * nCols),
    };
    for (let c = 0; c < nCols; c++)
      for (let k = 0; k < m; k++) prev.values[2 * (c * m + k)] = c === 0 ? 1 : x[c - 1][this.sample[k]];
    this.levels.push(prev);
    for (let h = 1; h <= maxHeight; h++) {
      prev = combine(prev, h, m);
      this.levels.push(prev);
    }
  }

  /** exp (left) or ln (right) of level h's values at the sample points, computed when first asked for. */
  image(h: number, left: boolean): Float64Array {
    const key = 2 * h + (left ? 0 : 1);
    let img = this.images.get(key);
    if (!img) {
      const { values } = this.levels[h];
      img = new Float64Array(values.length);
      const f: Complex = { re: 0, im: 0 };
      for (let o = 0; o < values.length; o += 2) {
        if (left) expInto(values[o], values[o + 1], f);
        else logInto(values[o], values[o + 1], f);
        [img[o], img[o + 1]] = [f.re, f.im];
      }
      this.images.set(key, img);
    }
    return img;
  }

  /** The top level by its logarithms (for the height-above pairs), built when first asked for. */
  lnIndex(): LnIndex {
    return (this.ln ??= lnIndex(this));
  }
}

/**
 * The choices of eml(a, b) at height h, a and b entries of `child` (height h − 1; index child.count = the constant
 * 1, whose subtree is left as it is), into `gates` and `leaves` in template order: this node's two gates, then the
 * left subtree's, then the right subtree's; leaves left to right.
 */
function compose(child: Level, a: number, b: number, h: number, gates: Uint8Array, leaves: Uint8Array): void {
  const half = 2 ** (h - 1);
  const pg = 2 * half - 2;
  gates[0] = a === child.count ? 1 : 0;
  gates[1] = b === child.count ? 1 : 0;
  [a, b].forEach((e, side) => {
    if (e === child.count) return;
    gates.set(child.gates.subarray(e * pg, (e + 1) * pg), 2 + side * pg);
    leaves.set(child.leaves.subarray(e * half, (e + 1) * half), side * half);
  });
}

/** An entry is kept when finite at this share of the sample points or more (overflow elsewhere; see combine). */
const MIN_FINITE_SHARE = 1 / 3;

/** Every eml(a, b) with a, b a subtree of height h − 1 or the constant 1 (not at h = 1: a leaf can be 1), deduplicated. */
function combine(prev: Level, h: number, m: number): Level {
  const nl = 2 ** h;
  const ng = 2 * nl - 2;
  const options = h === 1 ? prev.count : prev.count + 1; // index prev.count = the constant 1
  const max = options * options;
  const leaves = new Uint8Array(max * nl);
  const gates = new Uint8Array(max * ng);
  const values = new Float64Array(max * 2 * m);
  const seen = new Set<string>();
  const e: Complex = { re: 0, im: 0 };
  const l: Complex = { re: 0, im: 0 };
  let count = 0;
  for (let a = 0; a < options; a++)
    for (let b = 0; b < options; b++) {
      const o = count * 2 * m;
      let key = '';
      let finite = true;
      let finitePoints = 0;
      for (let k = 0; k < m && finite; k++) {
        if (a === prev.count) [e.re, e.im] = [Math.E, 0];
        else expInto(prev.values[2 * (a * m + k)], prev.values[2 * (a * m + k) + 1], e);
        if (b === prev.count) [l.re, l.im] = [0, 0];
        else logInto(prev.values[2 * (b * m + k)], prev.values[2 * (b * m + k) + 1], l);
        const re = e.re - l.re;
        const im = e.im - l.im;
        // ±∞ stays: a subtree that overflows at some points can still be part of a finite tree (exp(−∞) = 0,
        // e − ln ∞ = −∞), and a target's can; NaN (no value at all) drops the entry.
        finite = !Number.isNaN(re) && !Number.isNaN(im);
        if (Number.isFinite(re) && Number.isFinite(im)) finitePoints++;
        values[o + 2 * k] = re;
        values[o + 2 * k + 1] = im;
        // Ten significant digits: one function computed two ways differs by rounding only.
        if (k < 8) key += `${re.toPrecision(10)},${im.toPrecision(10)};`;
      }
      if (!finite || finitePoints < MIN_FINITE_SHARE * m || seen.has(key)) continue;
      seen.add(key);
      compose(prev, a, b, h, gates.subarray(count * ng), leaves.subarray(count * nl));
      count++;
    }
  return {
    count,
    leaves: leaves.slice(0, count * nl),
    gates: gates.slice(0, count * ng),
    values: values.slice(0, count * 2 * m),
  };
}

/** The k entries of level h whose exp (left side) or ln (right side) is closest to `want` at the valid points. */
export function rank(
  lib: SemanticLibrary,
  h: number,
  want: Float64Array,
  valid: Uint8Array,
  left: boolean,
  k: number,
): number[] {
  const m = valid.length;
  const img = lib.image(h, left);
  const count = lib.levels[h].count;
  const top: Array<[number, number]> = [];
  const scale = Float64Array.from({ length: m }, (_, q) => 1 / (1 + want[2 * q] ** 2 + want[2 * q + 1] ** 2));
  for (let i = 0; i < count; i++) {
    let d = 0;
    const worst = top.length === k ? top[k - 1][0] : Infinity;
    for (let q = 0; q < m && d < worst; q++) {
      if (!valid[q]) continue;
      const o = 2 * (i * m + q);
      const dr = img[o] - want[2 * q];
      const di = img[o + 1] - want[2 * q + 1];
      const e = (dr * dr + di * di) * scale[q];
      d += Number.isNaN(e) ? Infinity : e;
    }
    if (!(d < worst)) continue;
    top.push([d, i]);
    top.sort((a, b) => a[0] - b[0]);
    if (top.length > k) top.pop();
  }
  return top.map(([, i]) => i);
}

/** The library of a data set, built when first asked for (most runs never need it). */
export function lazyLibrary(x: readonly Float64Array[], n: number): () => SemanticLibrary {
  let lib: SemanticLibrary | null = null;
  return () => (lib ??= new SemanticLibrary(x, n));
}

/** A key keeps 4 significant digits of each part of a value (parts below 1e−6 count as 0, so that an exactly real
 * value and one with a rounding-size imaginary part meet). */
const keyPart = (v: number): string => (Math.abs(v) < 1e-6 ? '0' : v.toPrecision(4));
const keyOf = (re: number, im: number): string => `${keyPart(re)},${keyPart(im)}`;

/**
 * The logarithms of a top level's entries (and of the constant 1, index count) at the sample points, and per sample
 * point (built when first asked for) the entries by the key of their logarithm there. One point keys a lookup, the
 * one where the desired value is known best: a fixed set of key points fails wherever rounding has swallowed the
 * desired value at one of them.
 */
export interface LnIndex {
  ln: Float64Array;
  at(k: number): Map<string, number[]>;
}

function lnIndex(lib: SemanticLibrary): LnIndex {
  const top = lib.levels[lib.maxHeight];
  const m = lib.sample.length;
  const ln = new Float64Array((top.count + 1) * 2 * m); // the constant 1 (last) has ln 0
  const c: Complex = { re: 0, im: 0 };
  for (let i = 0; i < top.count; i++)
    for (let k = 0; k < m; k++) {
      logInto(top.values[2 * (i * m + k)], top.values[2 * (i * m + k) + 1], c);
      [ln[2 * (i * m + k)], ln[2 * (i * m + k) + 1]] = [c.re, c.im];
    }
  const byPoint: Array<Map<string, number[]> | undefined> = [];
  const build = (k: number): Map<string, number[]> => {
    const index = new Map<string, number[]>();
    for (let i = 0; i <= top.count; i++) {
      const key = keyOf(ln[2 * (i * m + k)], ln[2 * (i * m + k) + 1]);
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
    return index;
  };
  return { ln, at: (k) => (byPoint[k] ??= build(k)) };
}

/**
 * What a node's side of its parent should give at the library's sample points, and how far rounding can have
 * taken that from the true desired value. Each step of the inversion adds or subtracts two values that can nearly
 * cancel (exp A = D + ln B with D ≈ −ln B where the node barely matters), and the next step's ln or exp turns that
 * absolute error into a relative one: at such points the desired value is noise (a node contributing 1e−17 next to
 * values of order 10 reads as ±2e−16), and an exact match there (`pairs`) is impossible.
 */
export interface Desired {
  /** The image (exp of a left child, ln of a right one) the node should have, re and im per sample point. */
  want: Float64Array;
  /** A bound on want's absolute rounding error per sample point (∞ where want is not finite). */
  err: Float64Array;
  /** 1 where want is finite and its error small against its scale (error ≤ DESIRED_MAX_ERR · (1 + |want|)). */
  valid: Uint8Array;
}

/**
 * A point's desired image counts only where its rounding error is at most this share of its scale: a right
 * candidate then loses at most about its square (1e−6) per point when ranked, against the whole error of a wrong one.
 */
export const DESIRED_MAX_ERR = 1e-3;
/** The key's 4 significant digits need the key point's v known to about this share of its scale. */
const KEY_MAX_ERR = 1e-6;

export function newDesired(m: number): Desired {
  return { want: new Float64Array(2 * m), err: new Float64Array(m), valid: new Uint8Array(m) };
}

/** A sample point checks a pair only where v's rounding error is at most this share of its scale. */
const PAIR_MAX_V_ERR = 1e-3;

/** At most this many pairs are tried per node. */
const MAX_PAIRS = 8;

/**
 * Candidates eml(a, b) for a node of height maxHeight + 1 whose image (exp on the left, ln on the right) should
 * be d.want: its value v is then log(want) (up to 2πi) or exp(want), and for each a of the top level or the
 * constant 1, b must have ln b = exp a − v, looked up by key and checked at every valid sample point to within v's
 * rounding error there. Returned as a one-off Level of the composed choices, with its entry indices.
 */
export function pairs(lib: SemanticLibrary, d: Desired, left: boolean): [Level, number[]] {
  const { want, valid } = d;
  const m = lib.sample.length;
  const top = lib.levels[lib.maxHeight];
  const h = lib.maxHeight + 1;
  const nl = 2 ** h;
  const ng = 2 * nl - 2;
  const none: [Level, number[]] = [
    { count: 0, leaves: new Uint8Array(0), gates: new Uint8Array(0), values: new Float64Array(0) },
    [],
  ];
  const v = new Float64Array(2 * m);
  // v's rounding error: ln turns want's absolute error into a relative one, exp a relative error into an absolute.
  const vErr = new Float64Array(m);
  const c: Complex = { re: 0, im: 0 };
  for (let k = 0; k < m; k++) {
    if (left) logInto(want[2 * k], want[2 * k + 1], c);
    else expInto(want[2 * k], want[2 * k + 1], c);
    [v[2 * k], v[2 * k + 1]] = [c.re, c.im];
    vErr[k] = valid[k] ? d.err[k] * (left ? 1 / Math.hypot(want[2 * k], want[2 * k + 1]) : Math.hypot(c.re, c.im)) : 0;
  }
  // The key keeps 4 significant digits: its point's v must be known far better than that.
  let key = -1;
  let keyErr = KEY_MAX_ERR;
  for (let k = 0; k < m; k++) {
    const rel = vErr[k] / Math.hypot(1, v[2 * k], v[2 * k + 1]);
    if (valid[k] && Number.isFinite(v[2 * k]) && rel <= keyErr) [key, keyErr] = [k, rel];
  }
  if (key < 0) return none;
  const { ln, at } = lib.lnIndex();
  const index = at(key);
  const need = new Float64Array(2 * m);
  const found: Array<[number, number]> = [];
  // The constant 1 first: eml(1, b) is the commonest pair, and the first few a's can fill MAX_PAIRS.
  for (let q = 0; q <= top.count && found.length < MAX_PAIRS; q++) {
    const a = q === 0 ? top.count : q - 1;
    for (let k = 0; k < m; k++) {
      if (a === top.count) [c.re, c.im] = [Math.E, 0];
      else expInto(top.values[2 * (a * m + k)], top.values[2 * (a * m + k) + 1], c);
      [need[2 * k], need[2 * k + 1]] = [c.re - v[2 * k], c.im - v[2 * k + 1]];
      // v from a logarithm is known up to 2πi: ln b's imaginary part in (−π, π] fixes it (−π counts as π).
      if (left) need[2 * k + 1] -= 2 * Math.PI * Math.ceil((need[2 * k + 1] - Math.PI - 1e-9) / (2 * Math.PI));
    }
    // An a whose exp overflows at the key point leaves nothing to look up there.
    if (!Number.isFinite(need[2 * key]) || !Number.isFinite(need[2 * key + 1])) continue;
    for (const b of index.get(keyOf(need[2 * key], need[2 * key + 1])) ?? []) {
      let ok = true;
      for (let k = 0; k < m && ok; k++) {
        // A point where v is lost to rounding (0 where want is below its error, say) says nothing about b.
        if (!valid[k] || !Number.isFinite(vErr[k]) || vErr[k] > PAIR_MAX_V_ERR * Math.hypot(1, v[2 * k], v[2 * k + 1]))
          continue;
        const dist = Math.hypot(ln[2 * (b * m + k)] - need[2 * k], ln[2 * (b * m + k) + 1] - need[2 * k + 1]);
        ok = dist <= 1e-6 * Math.hypot(1, need[2 * k], need[2 * k + 1]) + 4 * vErr[k];
      }
      if (ok) found.push([a, b]);
    }
  }
  const level: Level = {
    count: found.length,
    leaves: new Uint8Array(found.length * nl),
    gates: new Uint8Array(found.length * ng),
    values: new Float64Array(0),
  };
  found.forEach(([a, b], i) => compose(top, a, b, h, level.gates.subarray(i * ng), level.leaves.subarray(i * nl)));
  return [level, found.map((_, i) => i)];
}
