/** The one option parser of the CLI and the scripts: unknown options and bad values are errors everywhere. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { UsageError } from './command.ts';
import { choiceOption, integerOption, numberOption, parseOptions } from './options.ts';

const SPEC = { x: { type: 'string' }, json: { type: 'boolean' } } as const;

describe('parseOptions', () => {
  it("reads options, a spaced negative value, and positionals after '--'", () => {
    expect(parseOptions(['e', '--x', '-1', '--json'], SPEC, true)).toEqual({
      values: { x: '-1', json: true },
      positionals: ['e'],
    });
    expect(parseOptions(['--json', '--', '-x', '--y'], SPEC, true).positionals).toEqual(['-x', '--y']);
  });

  it('refuses an unknown option, a missing value and a positional where none is taken', () => {
    expect(() => parseOptions(['--target-tree', 'x'], SPEC, true)).toThrow(/Unknown option '--target-tree'/);
    expect(() => parseOptions(['--x'], SPEC, true)).toThrow(UsageError);
    expect(() => parseOptions(['stray'], SPEC, false)).toThrow(/positional/i);
  });

  it('checked readers name the option and what it takes', () => {
    const v = { runs: '12', bad: '1.5', neg: '-3', mode: 'dot', f: '0.25', big: '1e9' };
    expect(integerOption(v, 'runs', 1, 1)).toBe(12);
    expect(integerOption(v, 'absent', 7, 1)).toBe(7);
    expect(() => integerOption(v, 'bad', 1, 1)).toThrow('--bad must be an integer from 1 to');
    expect(() => integerOption(v, 'neg', 1, 0)).toThrow(/--neg must be an integer from 0/);
    expect(choiceOption(v, 'mode', ['mermaid', 'dot'] as const, 'mermaid')).toBe('dot');
    expect(() => choiceOption(v, 'runs', ['a', 'b'] as const, 'a')).toThrow('--runs must be one of a, b, not "12"');
    expect(numberOption(v, 'f', 1, 0, 1)).toBe(0.25);
    expect(() => numberOption(v, 'big', 1, 0, 1000)).toThrow(/--big must be a number from 0 to 1000/);
  });
});

/** A script run in a process of its own, as `npm run` would. */
const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}`, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('scripts refuse what they do not take (exit 2, the usage line)', () => {
  it.each([
    ['benchRecovery.ts', ['--target-trees', 'EML[1,x]'], /Unknown option '--target-trees'/],
    ['benchRecovery.ts', ['--target-tree', 'EML[1, z]'], /variable "z" \(line 1, column 8\).*rename it to x or y/],
    ['benchRecovery.ts', ['--target-tree', 'EML[1, x', '--runs', '1'], /does not read: line 1, column 4/],
    ['benchRecovery.ts', ['--target', 'eml_depth3', '--target-tree', 'EML[1,x]'], /either --target or --target-tree/],
    ['benchRecovery.ts', ['--target', 'random:4:tall'], /shape must be one of chain, bushy, any/],
    ['benchRecovery.ts', ['--target', 'random:9'], /depth must be 1–8/],
    ['benchRecovery.ts', ['--target-tree', 'EML[EML[EML[x,1],1],1]'], /not finite at x = 1\.9, y = 1\.0/],
    ['benchRecovery.ts', ['--runs', 'many'], /--runs must be an integer/],
    ['benchRecovery.ts', ['--kernel', 'avx'], /--kernel must be one of simd, js, not "avx"/],
    ['benchRecovery.ts', ['--engine', 'tfjs', '--kernel', 'js'], /--kernel is the native engine's, not tfjs's/],
    ['benchRecovery.ts', ['--flags', 'pairRepairs=1'], /--flags: unknown flag pairRepairs \(betterInit, /],
    ['benchRecovery.ts', ['--flags', 'anneal=0,anneal=1'], /--flags: anneal is given twice; give it once/],
    ['benchRecovery.ts', ['--set', 'lr=0.1,lr=0.2'], /--set: lr is given twice; give it once/],
    ['benchRecovery.ts', ['--flags', 'anneal=yes'], /--flags: anneal takes 0, 1, true or false, not "yes"/],
    [
      'benchRecovery.ts',
      ['--target', 'random:6:bushy', '--settings', 'improved', '--flags', 'pairRepair=1,semanticRepair=0'],
      /improved\.pairRepair works through semanticRepair: switch it on, or pairRepair off/,
    ],
    ['buildKernel.ts', ['--write'], /Unknown option '--write'/],
    ['bench.ts', ['--jsno'], /Unknown option '--jsno'/],
    ['perfPlayground.ts', ['--runs', '3'], /Unknown option '--runs'/],
    ['deps.ts', ['--format', 'svg'], /--format must be one of mermaid, dot/],
    ['fuzz.ts', ['--runs', '-3'], /--runs must be an integer ≥ 1, not -3/],
  ])(
    '%s %j',
    (script, args, message) => {
      const r = run(script, args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/usage: npm run /);
      expect(r.stdout).toBe('');
    },
    90_000,
  );
});

describe('bench:recovery --flags', () => {
  it('says which flags go off with one they act through', () => {
    const r = run('benchRecovery.ts', [
      '--target',
      'eml_depth2',
      '--runs',
      '1',
      '--settings',
      'improved',
      '--flags',
      'anneal=0',
      '--json',
    ]);
    expect(r.stderr).toMatch(/--flags: anneal=0 also switches off semanticRepair, which acts through it/);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))).runs).toBe(1);
  }, 90_000);
});
