/** Every CLI error is exit 2 with a message; under --json the documented object, never a stack trace. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli.ts';

async function cli(argv: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    ...(stdin === undefined ? {} : { stdin: async () => new TextEncoder().encode(stdin) }),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The documented error object: all six fields, with their types. */
function documentedError(stderr: string) {
  const j = JSON.parse(stderr);
  expect(Object.keys(j)).toEqual(['error']);
  expect(Object.keys(j.error).sort()).toEqual(['column', 'hint', 'length', 'line', 'message', 'offset']);
  for (const k of ['offset', 'line', 'column', 'length']) expect(Number.isInteger(j.error[k])).toBe(true);
  expect(typeof j.error.message).toBe('string');
  expect(typeof j.error.hint).toBe('string');
  return j.error as { message: string; offset: number; line: number; column: number; length: number; hint: string };
}

describe('CLI errors', () => {
  it('the quoted inputs: compile exits 0 with a tree, or 2 with positioned JSON', async () => {
    for (const text of [
      '0*x',
      'x*0',
      '0x',
      '0 sin(x)',
      'sqrt(1e999)',
      '2^(10^10)',
      '1e-400^1e-400',
      '1e4096',
      '1.2e-500^64',
    ]) {
      for (const mode of ['robust', 'shortest', 'paper']) {
        const r = await cli(['compile', text, '--mode', mode, '--json']);
        expect([0, 2], `${text} ${mode}`).toContain(r.code);
        if (r.code === 0) expect(JSON.parse(r.out).k).toBeGreaterThan(0);
        else {
          const e = documentedError(r.err);
          expect(e.offset + e.length).toBeLessThanOrEqual(text.length);
          expect(e.hint).not.toBe('');
        }
      }
    }
    expect(JSON.parse((await cli(['compile', '0*x', '--json'])).out)).toMatchObject({ k: 7, paperK: 7 });
  });

  it('compile errors carry their position in JSON and text', async () => {
    const j = await cli(['compile', 'x + 1/0', '--json']);
    expect(j.code).toBe(2);
    expect(documentedError(j.err)).toMatchObject({
      message: 'division by zero',
      offset: 4,
      line: 1,
      column: 5,
      length: 3,
    });
    const t = await cli(['compile', 'x + 1/0']);
    expect(t.err).toContain('line 1, column 5: division by zero');
    expect(t.err).toContain('    ^^^');
    const big = await cli(['compile', 'sqrt(1e999)', '--json']);
    expect(documentedError(big.err)).toMatchObject({
      offset: 5,
      length: 5,
      message: 'number too large to be exact: at most 400 digits',
    });
  });

  it('usage errors: text by default, the documented JSON under --json', async () => {
    const t = await cli(['compile', '--bogus']);
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/^error: Unknown option '--bogus'/);
    const j = await cli(['compile', '--bogus', '--json']);
    expect(j.code).toBe(2);
    expect(documentedError(j.err).message).toMatch(/--bogus/);
    expect(documentedError((await cli(['frobnicate', '--json'])).err).message).toBe('unknown command "frobnicate"');
    expect(documentedError((await cli(['compile', 'x', '--mode', 'fast', '--json'])).err).hint).toMatch(/^usage:/);
    expect(documentedError((await cli(['eval', 'eml(x,1)', '--json'])).err).message).toMatch(/no value for x/);
    expect(documentedError((await cli(['eval', 'eml(x,1)', '--x', 'banana', '--json'])).err).message).toMatch(
      /not a number/,
    );
  });

  it("'--' ends the options, so an expression may start with '-'", async () => {
    const r = await cli(['compile', '--json', '--mode', 'shortest', '--', '-x']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ k: 15, variables: ['x'] });
  });

  it("'-' reads the expression from standard input", async () => {
    const r = await cli(['compile', '-', '--json'], 'x*y\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ k: 17 });
    expect((await cli(['eval', '-', '--x', '2'], 'eml(x, 1)')).out).toContain('value: 7.38905609893065');
    const none = await cli(['compile', '-', '--json']);
    expect(none.code).toBe(2);
    expect(documentedError(none.err).message).toMatch(/standard input/);
  });

  it('the real process: exit 2, JSON on stderr, no stack trace; stdin with -', () => {
    const run = (args: string[], input?: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
        encoding: 'utf8',
        input,
        timeout: 60_000,
      });
    const bad = run(['compile', 'sqrt(1e999)', '--json']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(documentedError(bad.stderr).column).toBe(6);
    const good = run(['compile', '-', '--json'], 'sin(x)\n');
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ input: 'sin(x)', mode: 'robust' });
  }, 120_000);
});

describe('CLI size limits', () => {
  it('a tree too large to print expanded is exit 2 with a message, not an internal error', async () => {
    // sin nested 18 deep compiles (a DAG of a few thousand nodes) to K ≈ 10⁹, over the printers' 2·10⁷.
    const r = await cli(['compile', `${'sin('.repeat(18)}x${')'.repeat(18)}`, '--json']);
    expect(r.code).toBe(2);
    expect(documentedError(r.err).message).toMatch(/too large to print/);
  });

  it('a tree too large to decompile is exit 2 with the refusal, not an empty explanation', async () => {
    const chain = `${'eml('.repeat(5001)}x${', 1)'.repeat(5001)}`; // K 10 003, over the decompiler's 10 001
    const r = await cli(['decompile', chain, '--json']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(documentedError(r.err).message).toMatch(/too large to decompile \(K 10003 > 10001\)/);
    const small = await cli(['decompile', 'eml(x, 1)', '--json']);
    expect(small.code).toBe(0);
  });
});
