import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/runCli.ts';
import { evaluate } from '../evaluate/interpreter.ts';
import { referenceScan, rightAgainst30, soundnessPoints, type ScanLine } from '../suites/accuracy30.ts';
import { COMPOSITIONS } from '../suites/compositions.ts';
import { ALL_SUITE_ITEMS } from '../suites/grids.ts';
import { compile, type CompileMode, type CompileResult } from './compile.ts';
import type { Interval } from './domains.ts';
import { deriveDomain } from './limits.ts';
import { LN_MAX } from './rules.ts';

/**
 * Issue 12: the validity domain stated for a whole tree (treeDomain.ts: the compiler's, the CLI's `domain` and
 * `derivedDomain`, the formula panel's) is sound. For every suite function and every composition, in every mode,
 * no point inside the stated intervals is wrong (relative error over 1e−10 against the 30-digit reference, with
 * domains.ts's absolute floor) on a scan the measurement never sampled: 20 points a decade to |x| = 710, one every
 * 4 decades down to the subnormals, and a linear grid of step 1/16 on [−2, 2] (`npm run check:domains -- --dense`
 * runs 96 a decade, every decade, step 1/128).
 */
const SOUNDNESS = soundnessPoints(20, 4, 16);
const MODES: CompileMode[] = ['robust', 'shortest', 'paper'];
const INPUTS = [...ALL_SUITE_ITEMS.map((s) => s.input), ...COMPOSITIONS];

function tryCompile(input: string, mode: CompileMode): CompileResult | null {
  try {
    return compile(input, { mode });
  } catch {
    return null; // paper mode refuses abs
  }
}

/** Points of `scan` where `tree` is wrong although one of `lines`' intervals includes them. */
function wrongInside(c: CompileResult, lines: ReadonlyArray<readonly Interval[]>, scan: readonly ScanLine[]): number[] {
  const ok = rightAgainst30(c.tree, scan);
  return scan.flatMap(({ ts }, j) =>
    ts.filter((t, i) => ok[j][i] === false && lines[j].some((iv) => iv.lo <= t && t <= iv.hi)),
  );
}

describe('stated whole-tree domains hold on a dense scan (issue 12)', () => {
  it('covers the suites and at least 40 compositions', () => {
    expect(COMPOSITIONS.length).toBeGreaterThanOrEqual(40);
    expect(SOUNDNESS.filter((t) => t > 0 && t < 1e-300).length).toBeGreaterThan(0);
    expect(SOUNDNESS.filter((t) => Math.abs(t) <= 2).length).toBeGreaterThan(64);
  });

  it.each(INPUTS.map((i) => [i]))(
    '%s, every mode',
    (input) => {
      const robust = compile(input);
      const scan = referenceScan(robust.math, robust.variables, 0, 0, SOUNDNESS);
      const wrong: string[] = [];
      let stated = 0;
      for (const mode of MODES) {
        const c = mode === 'robust' ? robust : tryCompile(input, mode);
        const d = c?.domain;
        if (!c || !d) continue;
        stated++;
        if (d.lines.length === 0) {
          // A closed tree: stated right or not at its one point.
          if (d.everywhere) wrong.push(...wrongInside(c, [[{ lo: 0, hi: 0 }]], scan).map((t) => `${mode} ${t}`));
          continue;
        }
        const bad = wrongInside(
          c,
          d.lines.map((l) => l.intervals),
          scan,
        );
        wrong.push(...bad.slice(0, 3).map((t) => `${mode} t = ${t}: "${d.text}"`));
      }
      expect(stated).toBeGreaterThan(0); // a check of no domain at all could not fail
      expect(wrong).toEqual([]);
    },
    20_000,
  );
});

describe('the analysis alone would overclaim, so it labels the measured ends', () => {
  it('the limits’ own intervals are wrong inside (cancellation, subnormals): the same check finds it', () => {
    // The check above can fail: on the analysis's intervals it finds the points the limits do not model.
    const cases: Array<[string, CompileMode, (t: number) => boolean]> = [
      ['cosh(x) - sinh(x)', 'shortest', (t) => t > -11.41 && t < -7.3], // e^{−x} − e^{−x} cancels, no limit says so
      ['avg(x, y)*3', 'robust', (t) => t < -250], // along x = t, y = −t: the halved sum cancels
      ['ln(x)', 'robust', (t) => t > 0 && t < 1e-307], // e^{e − ln x} overflows for subnormal x
    ];
    for (const [input, mode, where] of cases) {
      const c = compile(input, { mode });
      const analysed = deriveDomain(c.tree, c.variables)!;
      const scan = referenceScan(c.math, c.variables, 0, 0, SOUNDNESS);
      const found = wrongInside(
        c,
        analysed.lines.map((l) => l.intervals),
        scan,
      ).filter(where);
      expect(found.length, `${input} ${mode}`).toBeGreaterThan(0);
      expect(
        wrongInside(
          c,
          c.domain!.lines.map((l) => l.intervals),
          scan,
        ),
      ).toEqual([]);
    }
  }, 30_000);

  it('shortest cosh: the ends are measured, inside the limits’ −11.41 and 5.9006', () => {
    const d = compile('cosh(x)', { mode: 'shortest' }).domain!;
    const main = d.lines[0].intervals.find((iv) => iv.lo <= 0 && 0 <= iv.hi)!;
    expect(main.lo).toBeGreaterThan(-11.41);
    expect(main.hi).toBeLessThan(5.9006);
    expect(d.ends!.every((e) => e.source === 'measured')).toBe(true);
    expect(d.text).toContain('ends measured by a scan');
  });

  it('paper cosh: the upper end is the analysed overflow of e^{2x}, named', () => {
    const d = compile('cosh(x)', { mode: 'paper' }).domain!;
    const top = d.ends!.find((e) => e.at > 0)!;
    expect(top.source).toBe('analysed');
    expect(Math.abs(top.at - LN_MAX / 2)).toBeLessThan(1e-6);
    expect(top.limit).toMatch(/^cosh: /);
    expect(d.analysed).toBe(true);
    expect(d.text).toMatch(/end 354\.89\d* \(cosh: .*\) from the constructions’ limits, the rest measured/);
  });

  it('trig, sqrt and asinh trees, which the analysis cannot derive, get a measured domain', () => {
    for (const input of ['sin(x)', 'sqrt(x)', 'asinh(x)', 'tan(x)/2', 'sin(exp(x))'])
      for (const mode of MODES) {
        const d = compile(input, { mode }).domain;
        expect(d, `${input} ${mode}`).not.toBeNull();
        expect((d!.ends ?? []).every((e) => e.source === 'measured')).toBe(true);
      }
    const asinh = compile('asinh(x)').domain!;
    expect(asinh.analysed).toBe(false);
    expect(asinh.text).toContain('ends measured by a scan (the constructions’ limits are not derived here)');
  });
});

describe('near 0 and in the subnormals', () => {
  it('acot, wrong at random near 0 from below, is stated for none of that stretch', () => {
    // Robust acot is paper mode's tree (robust.ts checks under 1e−4 too): right to about −3e−15, then ±π/2 at random.
    const c = compile('acot(x)');
    const wrong: number[] = [];
    for (let k = 0; k < 200; k++) {
      const x = -(10 ** -(14 + k / 10));
      if (evaluate(c.tree, { x: { re: x, im: 0 } }).re > 0) wrong.push(x); // acot is −π/2 there, not +π/2
    }
    expect(wrong.length).toBeGreaterThan(10);
    const farthest = Math.min(...wrong);
    const ivs = c.domain!.lines[0].intervals;
    expect(ivs.some((iv) => iv.lo < 0 && iv.hi >= farthest)).toBe(false);
  });

  it('ln x, whose EML form overflows e^{e − ln x} below e^{−707.06}, is stated from above it', () => {
    const c = compile('ln(x)');
    expect(evaluate(c.tree, { x: { re: 1e-308, im: 0 } }).re).toBe(-Infinity);
    const lo = c.domain!.lines[0].intervals[0].lo;
    expect(lo).toBeGreaterThan(Math.exp(-707.06));
    expect(lo).toBeLessThan(1e-290);
  });
});

describe('CLI compile --json', () => {
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const code = await runCli(argv, { out: (t) => out.push(t), err: () => {} });
    expect(code).toBe(0);
    return JSON.parse(out.join('\n'));
  };
  it('derivedDomain is the stated domain with each end’s source', async () => {
    const j = await run('compile', 'cosh(x)', '--mode', 'paper', '--json');
    expect(j.derivedDomain.lines.map((l: { intervals: unknown }) => l.intervals)).toEqual(
      j.domain.lines.map((l: { intervals: unknown }) => l.intervals),
    );
    expect(j.derivedDomain.text).toBe(j.domain.text);
    expect(j.derivedDomain.analysed).toBe(true);
    expect(j.derivedDomain.lines[0].ends).toContainEqual(expect.objectContaining({ source: 'analysed' }));
    const sin = await run('compile', 'sin(x)', '--json');
    expect(sin.derivedDomain).not.toBeNull();
    expect(sin.derivedDomain.lines[0].intervals).toEqual([[-710, 710]]);
  });
});
