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

  it('judges by stated significant digits and fits with a weights column', async () => {
    // y = 2x + 3 at 8 digits with two outliers weighted 0 in column 3.
    const wfile = join(dir, 'weighted.csv');
    const rows = Array.from({ length: 30 }, (_, i) => {
      const x = -3 + i * 0.25;
      const bad = i === 4 ? 30 : i === 20 ? -12 : 0;
      return `${x},${(2 * x + 3 + bad).toPrecision(8)},${bad ? 0 : 1}`;
    });
    writeFileSync(wfile, ['x,y,w', ...rows].join('\n'));
    const r = await cli(
      'fit',
      wfile,
      '--target',
      'y',
      '--inputs',
      'x',
      '--weights',
      'w',
      '--digits',
      '8',
      '--budget-s',
      '5',
      '--jobs',
      '1',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('8 significant digits, as stated');
    expect(r.out).toMatch(/exact/);
  }, 30_000);

  it('refuses bad options and unreadable tables with exit code 2 and a message', async () => {
    const bad = await cli('fit', file, '--budget-s', '-3');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--budget-s must be a number from 0.1 to 3600');
    expect((await cli('fit', file, '--noise', 'lots')).err).toContain('--noise');
    expect((await cli('fit', file, '--frobnicate')).code).toBe(2);
    const missing = await cli('fit', join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('ENOENT');
    for (const d of ['0', '18', '6.5', 'six']) {
      const r = await cli('fit', file, '--digits', d);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--digits');
    }
    const both = await cli('fit', file, '--digits', '6', '--noise', '0.01');
    expect(both.code).toBe(2);
    expect(both.err).toContain('give one of them');
    const w = await cli('fit', file, '--weights', 'mass');
    expect(w.code).toBe(2);
    expect(w.err).toContain('"mass" is not a column');
    const col = await cli('fit', file, '--target', 'pressure');
    expect(col.code).toBe(2);
    expect(col.err).toContain('"pressure" is not a column');
  });
});
