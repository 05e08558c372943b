import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.ts';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'fit-cli-'));
const file = join(dir, 'ratio.csv');
// A header-less table of z = x / y at 8 digits: default mapping (last column out) and fallback names x, y.
writeFileSync(
  file,
  Array.from({ length: 30 }, (_, i) => {
    const x = 0.5 + (i % 6) * 0.4;
    const y = 1 + Math.floor(i / 6) * 0.3;
    return `${x.toPrecision(8)} ${y.toPrecision(8)} ${(x / y).toPrecision(8)}`;
  }).join('\n'),
);

describe('fit command', () => {
  it('finds z = x / y and prints the documented JSON', async () => {
    const r = await cli('fit', file, '--budget-s', '8', '--jobs', '1', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ formula: 'x/y', verdict: 'exact', k: 17, variables: ['x', 'y'] });
    expect(j.trainR2).toBeGreaterThan(1 - 1e-12);
    for (const key of ['tree', 'latex', 'depth', 'validationR2', 'rmse', 'seconds', 'pareto'])
      expect(j).toHaveProperty(key);
    expect(j.tree).toMatch(/^eml\(/);
    expect(j.pareto.length).toBeGreaterThan(0);
  }, 20_000);

  it('refuses bad options and unreadable tables with exit code 2 and a message', async () => {
    const bad = await cli('fit', file, '--budget-s', '-3');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--budget-s must be a number from 0.1 to 3600');
    expect((await cli('fit', file, '--noise', 'lots')).err).toContain('--noise');
    expect((await cli('fit', file, '--frobnicate')).code).toBe(2);
    const missing = await cli('fit', join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('ENOENT');
    const col = await cli('fit', file, '--target', 'pressure');
    expect(col.code).toBe(2);
    expect(col.err).toContain('"pressure" is not a column');
  });
});
