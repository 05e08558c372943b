/**
 * The complex-plane view's GPU path: a tree compiled to a WebGL2 (GLSL ES 3.00) fragment shader that evaluates it
 * at every pixel in float32. Each distinct variable-dependent node is one temporary `n<i>` in evaluation order
 * (a shared subtree is computed once however often the tree uses it); closed subtrees are literals folded in
 * float64 (program.ts). Complex exp and log follow the evaluator's rules as far as float32 allows: principal
 * branch (arg in (−π, π]), ln 0 = −∞, exp(−∞) = 0, exp of a real stays real. Float32 has ~7 digits and overflows
 * above e^88.7, which the legend states.
 *
 * The shader has two outputs, chosen by `u_mode`: 0 draws the domain colouring with overlays; 1 writes raw values
 * (re, im, first failing step, first cut step) to a float target, for tests and the read-back of a point.
 */
import { clog } from '../evaluate/complex.ts';
import { GLSL_COLOUR, OVERLAY_COLOURS } from './colour.ts';
import type { Operand, PlaneProgram } from './program.ts';

export interface PlaneShader {
  /** Fragment shader source (GLSL ES 3.00). */
  fragment: string;
  /** Number of temporaries, one per distinct variable-dependent eml node. */
  temporaries: number;
}

export const PLANE_VERTEX_SHADER = `#version 300 es
in vec2 a_position;
void main() { gl_Position = vec4(a_position, 0.0, 1.0); }
`;

/** Overlay bits of the `u_overlays` uniform. */
export const OVERLAY_BITS = { cut: 1, fail: 2 } as const;

/** A float64 number as a GLSL float literal (rounded to float32 by the compiler); non-finite values by name. */
export function glslFloat(v: number): string {
  if (Number.isNaN(v)) return 'NAN_';
  if (v === Infinity) return 'INF_';
  if (v === -Infinity) return '(-INF_)';
  const s = Object.is(v, -0) ? '-0.0' : v.toPrecision(9);
  // toPrecision may give "1.00000000" or "1.00000000e+21": both are valid GLSL once an exponent sign is kept.
  return s.includes('.') || s.includes('e') ? s.replace('e+', 'e') : `${s}.0`;
}

const operandText = (o: Operand): string => {
  switch (o.kind) {
    case 'x':
      return 'x';
    case 'y':
      return 'y';
    case 'step':
      return `n${o.index}`;
    case 'const':
      return `vec2(${glslFloat(o.value.re)}, ${glslFloat(o.value.im)})`;
  }
};

const PRELUDE = `#version 300 es
precision highp float;
precision highp int;
uniform vec2 u_min;
uniform vec2 u_max;
uniform vec2 u_size;
uniform vec2 u_y;
uniform int u_mode;
uniform int u_overlays;
out vec4 outColor;
float INF_;
float NAN_;

bool finite2(vec2 v) { return !(isinf(v.x) || isinf(v.y) || isnan(v.x) || isnan(v.y)); }

// exp(a): a real argument stays real (no 0·∞ from sin); exp(−∞ + iy) = 0.
vec2 cexp(vec2 a) {
  if (a.y == 0.0) return vec2(exp(a.x), 0.0);
  if (a.x == -INF_) return vec2(0.0);
  if (isinf(a.y) || isnan(a.y)) return vec2(NAN_);
  float r = exp(a.x);
  return vec2(r * cos(a.y), r * sin(a.y));
}

// Principal log: ln|b| computed as ln(max) + ½ln(1 + (min/max)²), so no square overflows; ln 0 = −∞.
vec2 clog(vec2 b) {
  if (isnan(b.x) || isnan(b.y)) return vec2(NAN_);
  float big = max(abs(b.x), abs(b.y));
  if (big == 0.0) return vec2(-INF_, b.x < 0.0 ? 3.141592653589793 : 0.0);
  if (isinf(big)) return vec2(INF_, atan(b.y, b.x));
  float small = min(abs(b.x), abs(b.y)) / big;
  return vec2(log(big) + 0.5 * log(1.0 + small * small), atan(b.y, b.x));
}
${GLSL_COLOUR}
`;

/** The fragment shader of a prepared tree. */
export function compilePlaneShader(program: PlaneProgram): PlaneShader {
  const lines: string[] = [
    'void main() {',
    '  INF_ = uintBitsToFloat(0x7f800000u);',
    '  NAN_ = uintBitsToFloat(0x7fc00000u);',
    '  vec2 x = u_min + gl_FragCoord.xy / u_size * (u_max - u_min);',
    '  vec2 y = u_y;',
    '  float fail = -1.0;',
    '  float cut = -1.0;',
  ];
  program.steps.forEach((step, i) => {
    const a = operandText(step.left);
    const b = operandText(step.right);
    const n = `n${i}`;
    lines.push(`  // node ${i}: K ${step.node.k}`);
    if (step.right.kind === 'const') {
      // The ln side is closed: its log is folded too (no per-pixel log of a constant, no cut to mark).
      const c = step.right.value;
      const lnc = clog(c);
      lines.push(`  vec2 ${n} = cexp(${a}) - vec2(${glslFloat(lnc.re)}, ${glslFloat(lnc.im)});`);
    } else {
      lines.push(`  vec2 ${n}b = ${b};`);
      // fwidth before any branch: derivatives are only defined in uniform control flow.
      lines.push(`  float ${n}w = fwidth(${n}b.y);`);
      lines.push(`  vec2 ${n} = cexp(${a}) - clog(${n}b);`);
      lines.push(`  if (fail < 0.0 && ${n}b == vec2(0.0)) fail = ${i}.0;`);
      lines.push(`  if (cut < 0.0 && ${n}b.x < 0.0 && finite2(${n}b) && abs(${n}b.y) <= ${n}w) cut = ${i}.0;`);
    }
    const childrenFinite = [step.left, step.right]
      .filter((o) => o.kind !== 'const')
      .map((o) => `finite2(${operandText(o)})`);
    const cond = [`!finite2(${n})`, ...childrenFinite].join(' && ');
    lines.push(`  if (fail < 0.0 && ${cond}) fail = ${i}.0;`);
  });
  const colour = (c: readonly number[]) => `vec3(${c.map((v) => (v / 255).toFixed(6)).join(', ')})`;
  lines.push(
    `  vec2 v = ${operandText(program.result)};`,
    '  if (u_mode == 1) { outColor = vec4(v, fail, cut); return; }',
    '  vec3 rgb = domainColour(v);',
    `  if ((u_overlays & ${OVERLAY_BITS.fail}) != 0 && fail >= 0.0) {`,
    '    vec2 cell = floor(gl_FragCoord.xy / 4.0);',
    `    rgb = mod(cell.x + cell.y, 2.0) < 1.0 ? ${colour(OVERLAY_COLOURS.failLight)} : ${colour(OVERLAY_COLOURS.failDark)};`,
    '  }',
    `  if ((u_overlays & ${OVERLAY_BITS.cut}) != 0 && cut >= 0.0) rgb = ${colour(OVERLAY_COLOURS.cut)};`,
    '  outColor = vec4(rgb, 1.0);',
    '}',
  );
  return { fragment: `${PRELUDE}\n${lines.join('\n')}\n`, temporaries: program.steps.length };
}
