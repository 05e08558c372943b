import { describe, expect, it } from 'vitest';
import { runAgreement } from './agreement.ts';
import { createTfjsEngine } from './tfjsEngine.ts';

describe('tfjs engine (cpu backend) vs native', () => {
  it('agrees within float32 tolerance over the first 50 steps from the same initial parameters', async () => {
    const {
      native: a,
      other: b,
      nativeLoss,
      otherLoss,
    } = await runAgreement((opts) => createTfjsEngine(opts, ['cpu']));
    expect(b.backend).toBe('cpu fused');
    nativeLoss.forEach((step, i) => {
      for (let r = 0; r < 2; r++) expect(Math.abs(otherLoss[i][r] - step[r]) / Math.abs(step[r])).toBeLessThan(1e-4);
    });
    const hard = new Float64Array(2);
    const hardB = new Float64Array(2);
    a.evalMse(0.01, new Uint8Array([1, 1]), hard);
    b.evalMse(0.01, new Uint8Array([1, 1]), hardB);
    for (let r = 0; r < 2; r++) expect(Math.abs(hardB[r] - hard[r]) / hard[r]).toBeLessThan(1e-3);
    b.dispose();
  }, 30_000);
});
