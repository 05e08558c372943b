/**
 * Probe points of the functional hashing: a function of the leaves is represented by its values at a few points.
 * Two trees whose values agree there (to ~1e−9 relative, table.ts) are taken to be one function, so the points are
 * chosen where functions differ: a positive real (γ), a negative real (where ln takes the ±iπ edge) and a seeded
 * complex point off the axes. The complex point is the *second probe set*: it is not hashed, only compared, so two
 * functions that collide on the hashed (real) points are still told apart. Few points on purpose: the table holds
 * 8·2P bytes per function, and at one variable and K = 19 there are about five million of them.
 */

export type Leaves = '1' | '1,x' | '1,x,y';
export const LEAVES: readonly Leaves[] = ['1', '1,x', '1,x,y'];

export const isLeaves = (s: string): s is Leaves => (LEAVES as readonly string[]).includes(s);

/** Names of the variables of a leaf set, in order (the leaf `1` is always leaf 0). */
export const variablesOf = (leaves: Leaves): string[] => (leaves === '1' ? [] : leaves === '1,x' ? ['x'] : ['x', 'y']);

export interface ProbeSet {
  leaves: Leaves;
  /** Per probe point, per variable: [re, im]. Probe count P = points.length. */
  points: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  /** Probes [0, hashed) enter the hash; [hashed, P) only the equality check. */
  hashed: number;
  /** Indices of the probes where every variable is real (for "real on ℝ"). */
  realProbes: readonly number[];
}

const GAMMA = 0.5772156649015329;
const CATALAN = 0.915965594177219;
/** The recognizer's second unary test point (docs/constructions.md#shortest-forms), negated to sit on the cut of ln. */
const NEG = -1.2824271291006226;

/** mulberry32: small, fast, and the same sequence in every engine for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A complex point in the box |re| ≤ 1.5, 0.2 ≤ |im| ≤ 1.5 (never real, never 0). */
function complexPoint(rand: () => number): [number, number] {
  const re = 3 * rand() - 1.5;
  const im = (0.2 + 1.3 * rand()) * (rand() < 0.5 ? -1 : 1);
  return [re, im];
}

export function probeSet(leaves: Leaves, seed: number): ProbeSet {
  const rand = prng(seed ^ 0x5eed);
  if (leaves === '1') return { leaves, points: [[]], hashed: 1, realProbes: [0] };
  if (leaves === '1,x') {
    return {
      leaves,
      points: [[[GAMMA, 0]], [[NEG, 0]], [complexPoint(rand)]],
      hashed: 2,
      realProbes: [0, 1],
    };
  }
  return {
    leaves,
    points: [
      [
        [GAMMA, 0],
        [CATALAN, 0],
      ],
      [
        [NEG, 0],
        [0.6180339887498949, 0],
      ],
      [
        [0.8346268416740731, 0],
        [-1.5707963267948966 * 0.7, 0],
      ],
      [complexPoint(rand), complexPoint(rand)],
    ],
    hashed: 3,
    realProbes: [0, 1, 2],
  };
}

/** Fresh points for verifying a match (never the probes): positive and negative reals and complex points. */
export function freshPoints(leaves: Leaves, seed: number, count = 12): Array<Array<[number, number]>> {
  const rand = prng(seed ^ 0xf4e5);
  const vars = variablesOf(leaves).length;
  if (vars === 0) return [[]];
  const out: Array<Array<[number, number]>> = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    out.push(
      Array.from({ length: vars }, (): [number, number] =>
        kind === 0 ? [0.1 + 3 * rand(), 0] : kind === 1 ? [-(0.1 + 3 * rand()), 0] : complexPoint(rand),
      ),
    );
  }
  return out;
}
