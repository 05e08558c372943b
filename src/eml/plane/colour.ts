/**
 * Domain colouring, written once in TypeScript (the float64 raster) and once in GLSL (the shader), with the same
 * formulas so that both renderers give the same picture:
 * - hue = arg f (red at arg 0, then yellow, green at 2π/3, blue at −2π/3),
 * - lightness = 0.1 + 0.8·(2/π)·atan|f| (black at 0, mid at |f| = 1, white towards ∞),
 * - contour lines of the modulus at every power of 2: the brightness is a sawtooth in log₂|f| that drops at each one.
 * Overlays: branch-cut crossings in white, ln 0 / overflow / NaN as a grey checkerboard.
 */

export const CONTOUR_BASE = 2;

export const OVERLAY_COLOURS = {
  cut: [255, 255, 255] as const,
  failLight: [200, 200, 200] as const,
  failDark: [110, 110, 110] as const,
  /** A non-finite value with no failing node of its own (a constant that is already ±∞). */
  nonFinite: [128, 128, 128] as const,
};

/** The legend's lines, shared by the view and the PNG export's caption. */
export const LEGEND = {
  hue: 'Hue: arg f(x) (red 0, green 2π/3, blue −2π/3)',
  lightness: 'Lightness: |f(x)| (black 0, mid 1, white ∞); a contour at every power of 2',
  gpu: 'GPU float32: ~7 digits; exp overflows above 88.7 (float64: 709.8), so deep trees fail earlier than in float64',
  cpu: 'CPU float64: ~16 digits, the evaluator’s own semantics (principal branch, ln 0 = −∞)',
};

/** rgb (0–255) of the value re + i·im; writes into `out` at `offset`. */
export function domainColour(re: number, im: number, out: Uint8ClampedArray, offset: number): void {
  const m = Math.hypot(re, im);
  if (!Number.isFinite(m)) {
    out[offset] = OVERLAY_COLOURS.nonFinite[0];
    out[offset + 1] = OVERLAY_COLOURS.nonFinite[1];
    out[offset + 2] = OVERLAY_COLOURS.nonFinite[2];
    out[offset + 3] = 255;
    return;
  }
  const h = fract(Math.atan2(im, re) / (2 * Math.PI));
  const l = 0.1 + 0.8 * (2 / Math.PI) * Math.atan(m);
  const shade = m > 0 ? 0.82 + 0.18 * fract(Math.log2(m)) : 0.82;
  const s = 0.9;
  for (let c = 0; c < 3; c++) {
    const k = HUE_OFFSETS[c];
    const t = Math.min(1, Math.max(0, Math.abs(mod(h * 6 + k, 6) - 3) - 1));
    const v = l + s * (t - 0.5) * (1 - Math.abs(2 * l - 1));
    out[offset + c] = Math.round(255 * v * shade);
  }
  out[offset + 3] = 255;
}

/** Where red, green and blue sit on the hue circle, in sixths (a module constant: no array per pixel). */
const HUE_OFFSETS = [0, 4, 2] as const;
const fract = (v: number) => v - Math.floor(v);
const mod = (a: number, b: number) => a - b * Math.floor(a / b);

/** The same colouring in GLSL ES 3.00 (domainColour(vec2) → vec3), for the shader. */
export const GLSL_COLOUR = `
vec3 domainColour(vec2 v) {
  float big = max(abs(v.x), abs(v.y));
  // Scaled so that |v| above ~1.8e19 does not overflow in the squares (float32).
  float m = big > 0.0 ? big * length(v / big) : 0.0;
  if (isinf(m) || isnan(m)) return vec3(${OVERLAY_COLOURS.nonFinite.map((c) => (c / 255).toFixed(6)).join(', ')});
  float h = fract(atan(v.y, v.x) / 6.283185307179586);
  float l = 0.1 + 0.8 * 0.6366197723675814 * atan(m);
  float shade = m > 0.0 ? 0.82 + 0.18 * fract(log2(m)) : 0.82;
  vec3 t = clamp(abs(mod(h * 6.0 + vec3(0.0, 4.0, 2.0), 6.0) - 3.0) - 1.0, 0.0, 1.0);
  return (l + 0.9 * (t - 0.5) * (1.0 - abs(2.0 * l - 1.0))) * shade;
}
`;
