/** The shape of a tour step: data only, so the view renders it and the tests check every claim in it. */
import type { EmlNode } from '../eml/ast.ts';
import type { KByMode, SizeMode } from '../eml/compiler/kWording.ts';
import type { Complex } from '../eml/evaluate/complex.ts';

export interface Point {
  x?: number;
  y?: number;
}

/** One line of a derivation; `check` computes both sides at a point so the claim is verified, not asserted. */
export interface DerivationLine {
  latex: string;
  check?: (p: Required<Point>) => [Complex, Complex];
}

export interface Exercise {
  prompt: string;
  /** EML the editor starts from. */
  starter: string;
  /** What the user's tree must equal, at every point of `points`. */
  target: (p: Required<Point>) => Complex;
  points: Point[];
  hint: string;
  /** One accepted answer (tests use it to prove the exercise can be solved). */
  answer: string;
}

export interface TourStep {
  id: string;
  title: string;
  /** Paragraphs of explanation; inline TeX between $…$. */
  body: string[];
  /** The identity, LaTeX. */
  identity: string;
  derivation: DerivationLine[];
  tree: EmlNode;
  /** Rules-table ids drawn as named blocks inside this step's tree (earlier constructions). */
  blocks: string[];
  /** K and depth as the text states them; tests compare them with the tree. */
  k: number;
  depth: number;
  /**
   * The same value compiled in each mode, so the step can say which form its tree is (`own`: the modes whose tree it
   * is, by identity; empty for a construction of its own) and what the others cost. Tests compile `math` and check.
   * Absent where no mode compiles the value (−∞).
   */
  sizes?: { math: string; own: readonly SizeMode[]; k: KByMode };
  /** The value the tree must have, from Math (the reference), at a point. */
  expected: (p: Required<Point>) => Complex;
  samples: Point[];
  slider?: { variable: 'x' | 'y'; min: number; max: number; step: number; initial: number };
  /** A second tree worth comparing (e.g. the finite −1 beside the one through ln 0). */
  alternative?: { label: string; tree: EmlNode; k: number; note: string };
  exercise: Exercise;
  source: string;
}

export const re = (v: number): Complex => ({ re: v, im: 0 });
