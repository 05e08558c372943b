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
    return (this.ln ??= buildLnIndex(this));
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
      for (let k = 0; k < m && finite; k++) {
        if (a === prev.count) [e.re, e.im] = [Math.E, 0];
        else expInto(prev.values[2 * (a * m + k)], prev.values[2 * (a * m + k) + 1], e);
        if (b === prev.count) [l.re, l.im] = [0, 0];
        else logInto(prev.values[2 * (b * m + k)], prev.values[2 * (b * m + k) + 1], l);
        const re = e.re - l.re;
        const im = e.im - l.im;
        finite = Number.isFinite(re) && Number.isFinite(im);
        values[o + 2 * k] = re;
        values[o + 2 * k + 1] = im;
        // Ten significant digits: one function computed two ways differs by rounding only.
        if (k < 8) key += `${re.toPrecision(10)},${im.toPrecision(10)};`;
      }
      if (!finite || seen.has(key)) continue;
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

/** Points whose values key the logarithm index; a key keeps 4 significant digits of each part (parts below 1e−6
 * count as 0, so that an exactly real value and one with a rounding-size imaginary part meet). */
const KEY_POINTS = 3;
const keyPart = (v: number): string => (Math.abs(v) < 1e-6 ? '0' : v.toPrecision(4));
const keyOf = (v: ArrayLike<number>): string => Array.from({ length: 2 * KEY_POINTS }, (_, q) => keyPart(v[q])).join();

/** The logarithms of a top level's entries (and of the constant 1, index count) at the sample points, by key. */
export interface LnIndex {
  ln: Float64Array;
  index: Map<string, number[]>;
}

function buildLnIndex(lib: SemanticLibrary): LnIndex {
  const top = lib.levels[lib.maxHeight];
  const m = lib.sample.length;
  const ln = new Float64Array((top.count + 1) * 2 * m); // the constant 1 (last) has ln 0
  const index = new Map<string, number[]>();
  const c: Complex = { re: 0, im: 0 };
  for (let i = 0; i <= top.count; i++) {
    if (i < top.count)
      for (let k = 0; k < m; k++) {
        logInto(top.values[2 * (i * m + k)], top.values[2 * (i * m + k) + 1], c);
        [ln[2 * (i * m + k)], ln[2 * (i * m + k) + 1]] = [c.re, c.im];
      }
    const key = keyOf(ln.subarray(2 * i * m));
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  }
  return { ln, index };
}

/** At most this many pairs are tried per node. */
const MAX_PAIRS = 8;

/**
 * Candidates eml(a, b) for a node of height maxHeight + 1 whose image (exp on the left, ln on the right) should
 * be `want`: its value v is then log(want) (up to 2πi) or exp(want), and for each a of the top level or the
 * constant 1, b must have ln b = exp a − v, looked up by key and checked at every valid sample point. Returned as a one-off Level of the composed choices, with its entry indices.
 */
export function pairs(lib: SemanticLibrary, want: Float64Array, valid: Uint8Array, left: boolean): [Level, number[]] {
  const m = lib.sample.length;
  const top = lib.levels[lib.maxHeight];
  const h = lib.maxHeight + 1;
  const nl = 2 ** h;
  const ng = 2 * nl - 2;
  const none: [Level, number[]] = [
    { count: 0, leaves: new Uint8Array(0), gates: new Uint8Array(0), values: new Float64Array(0) },
    [],
  ];
  for (let k = 0; k < KEY_POINTS; k++) if (!valid[k]) return none;
  const v = new Float64Array(2 * m);
  const c: Complex = { re: 0, im: 0 };
  for (let k = 0; k < m; k++) {
    if (left) logInto(want[2 * k], want[2 * k + 1], c);
    else expInto(want[2 * k], want[2 * k + 1], c);
    [v[2 * k], v[2 * k + 1]] = [c.re, c.im];
  }
  const { ln, index } = lib.lnIndex();
  const need = new Float64Array(2 * m);
  const found: Array<[number, number]> = [];
  for (let a = 0; a <= top.count && found.length < MAX_PAIRS; a++) {
    for (let k = 0; k < m; k++) {
      if (a === top.count) [c.re, c.im] = [Math.E, 0];
      else expInto(top.values[2 * (a * m + k)], top.values[2 * (a * m + k) + 1], c);
      [need[2 * k], need[2 * k + 1]] = [c.re - v[2 * k], c.im - v[2 * k + 1]];
      // v from a logarithm is known up to 2πi: ln b's imaginary part in (−π, π] fixes it (−π counts as π).
      if (left) need[2 * k + 1] -= 2 * Math.PI * Math.ceil((need[2 * k + 1] - Math.PI - 1e-9) / (2 * Math.PI));
    }
    for (const b of index.get(keyOf(need)) ?? []) {
      let ok = true;
      for (let k = 0; k < m && ok; k++) {
        if (!valid[k]) continue;
        const dr = ln[2 * (b * m + k)] - need[2 * k];
        const di = ln[2 * (b * m + k) + 1] - need[2 * k + 1];
        ok = dr * dr + di * di <= 1e-12 * (1 + need[2 * k] ** 2 + need[2 * k + 1] ** 2);
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
