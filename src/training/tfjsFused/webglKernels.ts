/**
 * The fused eml kernels on tfjs's WebGL backend: one fragment shader each, the formulas of levelMath.ts in GLSL
 * (WebGL 2). Shapes and the level's constants (bound, threshold, rows in the gate table) are baked into the source, so tfjs compiles each program once per
 * problem and caches it. Logarithms and argument derivatives are scaled by max(|re|, |im|): float32 squares
 * overflow from 1.8e19, far inside the guard's range.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendKernels, EmlAttrs } from './kernels.ts';

/** The part of tfjs's MathBackendWebGL the kernels use. */
interface WebglBackend {
  runWebGLProgram(program: Program, inputs: TensorInfo[], outputDtype: 'float32'): TensorInfo;
}

/** tfjs's GPGPUProgram: named inputs (read in GLSL as getName(…)), the output's shape, and main(). */
interface Program {
  variableNames: string[];
  outputShape: number[];
  userCode: string;
}

/** A GLSL float literal (always with a point or an exponent). */
function glslFloat(x: number): string {
  const s = x.toExponential();
  return s.includes('.') ? s : s.replace('e', '.0e');
}

/** The helpers every level program shares: the mixed child value, ln|b|, arg b, the guard, the penalty slope. */
function levelHelpers(complex: boolean, { clamp, thr, offset }: EmlAttrs): string {
  const c = complex ? 'getC(q, r, i, 0)' : 'getC(q, r, i)';
  return `
    const float CLAMP = ${glslFloat(clamp)};
    const float THR = ${glslFloat(thr)};
    void mixed(int q, int r, int i, out float re, out float im) {
      float u = getSU(1, ${offset} + q, r);
      re = getSU(0, ${offset} + q, r) + u * ${c};
      im = ${complex ? 'u == 0.0 ? 0.0 : u * getC(q, r, i, 1)' : '0.0'};
    }
    float logAbs(float re, float im) {
      float m = max(abs(re), abs(im));
      if (m == 0.0) return -uintBitsToFloat(0x7f800000u);
      float a = re / m;
      float b = im / m;
      return log(m) + 0.5 * log(a * a + b * b);
    }
    // A zero imaginary part is taken as +0 (as the real computations that make it give it): GLSL does not promise
    // signed zeros, and SwiftShader's atan(−0, x > 0) is π, not −0.
    float argOf(float im, float re) { return im == 0.0 ? (re < 0.0 ? ${Math.PI.toFixed(15)} : 0.0) : atan(im, re); }
    float scrub(float z) { return isnan(z) ? 0.0 : clamp(z, -CLAMP, CLAMP); }
    bool passes(float z) { return !isnan(z) && abs(z) <= CLAMP; }
    /** d excess² / d(comp), comp being a or b. */
    float excessSlope(float a, float b, float comp) {
      float mag = sqrt(a * a + b * b);
      return mag > THR ? 2.0 * (mag - THR) * comp / mag : 0.0;
    }
  `;
}

function level([C]: TensorInfo[], attrs: EmlAttrs): Program {
  const s = C.shape[0] / 2;
  return {
    variableNames: ['C', 'SU'],
    outputShape: [s, C.shape[1], C.shape[2], 2],
    userCode: `${levelHelpers(C.shape.length === 4, attrs)}
      void main() {
        ivec4 o = getOutputCoords();
        float ar, ai, br, bi;
        mixed(o.x, o.y, o.z, ar, ai);
        mixed(o.x + ${s}, o.y, o.z, br, bi);
        float z = o.w == 0 ? exp(ar) * cos(ai) - logAbs(br, bi) : exp(ar) * sin(ai) - argOf(bi, br);
        setOutput(scrub(z));
      }`,
  };
}

/** The level's penalty per restart, from its outputs Z. */
function penalty(Z: TensorInfo, { thr }: EmlAttrs): Program {
  const [s, R, n] = Z.shape;
  return {
    variableNames: ['Z'],
    outputShape: [R],
    userCode: `
      void main() {
        int r = getOutputCoords();
        float acc = 0.0;
        for (int p = 0; p < ${s}; p++)
          for (int i = 0; i < ${n}; i++) {
            float a = getZ(p, r, i, 0);
            float b = getZ(p, r, i, 1);
            float e = max(sqrt(a * a + b * b) - ${glslFloat(thr)}, 0.0);
            acc += e * e;
          }
        setOutput(acc / ${glslFloat(s * n)});
      }`,
  };
}

function levelGrad([, , , C]: TensorInfo[], attrs: EmlAttrs): Program {
  const s = C.shape[0] / 2;
  const n = C.shape[2];
  const complex = C.shape.length === 4;
  return {
    variableNames: ['DZ', 'DP', 'Z', 'C', 'SU'],
    outputShape: C.shape,
    userCode: `${levelHelpers(complex, attrs)}
      void main() {
        ${complex ? 'ivec4 o = getOutputCoords(); int comp = o.w;' : 'ivec3 o = getOutputCoords(); int comp = 0;'}
        int r = o.y;
        int i = o.z;
        bool left = o.x < ${s};
        int p = left ? o.x : o.x - ${s};
        float ar, ai, br, bi;
        mixed(p, r, i, ar, ai);
        mixed(p + ${s}, r, i, br, bi);
        float E = exp(ar);
        float c = cos(ai);
        float sn = sin(ai);
        float zr = getZ(p, r, i, 0);
        float zi = getZ(p, r, i, 1);
        float f = getDP(r) / ${glslFloat(s * n)};
        float gr = passes(E * c - logAbs(br, bi)) ? getDZ(p, r, i, 0) + f * excessSlope(zr, zi, zr) : 0.0;
        float gi = passes(E * sn - argOf(bi, br)) ? getDZ(p, r, i, 1) + f * excessSlope(zr, zi, zi) : 0.0;
        float d;
        if (left) d = comp == 0 ? (gr * c + gi * sn) * E : (gi * c - gr * sn) * E;
        else {
          float m = max(abs(br), abs(bi));
          float a = br / m;
          float b = bi / m;
          float k = m * (a * a + b * b);
          d = comp == 0 ? (gi * b - gr * a) / k : -(gr * b + gi * a) / k;
        }
        setOutput(getSU(1, ${attrs.offset} + o.x, r) * d);
      }`,
  };
}

function gateGrad([, C, SU]: TensorInfo[], { offset }: EmlAttrs): Program {
  const [q2s, , n] = C.shape;
  const complex = C.shape.length === 4;
  const dU = complex
    ? 'getDC(q, r, i, 0) * getC(q, r, i, 0) + getDC(q, r, i, 1) * getC(q, r, i, 1)'
    : 'getDC(q, r, i) * getC(q, r, i)';
  return {
    variableNames: ['DC', 'C', 'SU'],
    outputShape: SU.shape,
    userCode: `
      void main() {
        ivec3 o = getOutputCoords();
        int q = o.y - ${offset};
        int r = o.z;
        float u = getSU(1, o.y, r);
        float acc = 0.0;
        if (q >= 0 && q < ${q2s} && u != 0.0) {
          if (o.x == 0) {
            for (int i = 0; i < ${n}; i++) acc += ${complex ? 'getDC(q, r, i, 0)' : 'getDC(q, r, i)'};
          } else {
            for (int i = 0; i < ${n}; i++) acc += ${dU};
          }
          acc /= u;
        }
        setOutput(acc);
      }`,
  };
}

/** The level's outputs, then its penalty computed from them (two programs, one kernel). */
function levelKernel(inputs: TensorInfo[], attrs: EmlAttrs, backend: WebglBackend): TensorInfo[] {
  const Z = backend.runWebGLProgram(level(inputs, attrs), inputs, 'float32');
  return [Z, backend.runWebGLProgram(penalty(Z, attrs), [Z], 'float32')];
}

const runs =
  (make: (inputs: TensorInfo[], attrs: EmlAttrs) => Program) =>
  (inputs: TensorInfo[], attrs: EmlAttrs, backend: WebglBackend) =>
    backend.runWebGLProgram(make(inputs, attrs), inputs, 'float32');

export const webglKernels: BackendKernels<WebglBackend> = {
  EmlLevel: levelKernel,
  EmlLevelGrad: runs(levelGrad),
  EmlGateGrad: runs(gateGrad),
};
