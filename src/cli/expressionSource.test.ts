/** Where a command's expression comes from: the argument, '-' (standard input), `--file PATH`, or after '--'. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_EXPRESSION_BYTES } from './input.ts';
import { runCli } from './runCli.ts';

async function cli(argv: string[], stdin?: Uint8Array) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    ...(stdin === undefined ? {} : { stdin: async () => stdin }),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'eml-cli-'));
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A right-leaning chain eml(x, eml(x, … 1)) of about `chars` characters: valid EML, K = 2·depth + 1. */
function chain(chars: number): { text: string; depth: number } {
  const depth = Math.floor((chars - 1) / 8);
  return { text: `${'eml(x, '.repeat(depth)}1${')'.repeat(depth)}`, depth };
}

describe('CLI expression sources', () => {
  it('--file PATH reads the expression from a file (BOM and one trailing newline dropped)', async () => {
    const r = await cli(['metrics', '--file', file('ln.txt', '\uFEFFEML[1,EML[EML[1,x],1]]\n'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ k: 7 });
    const c = await cli(['compile', '--file', file('sum.txt', 'x*y'), '--json']);
    expect(JSON.parse(c.out)).toMatchObject({ k: 17 });
  });

  it('--file refuses a missing file, a folder, a file over the limit and bytes that are not UTF-8', async () => {
    const missing = await cli(['metrics', '--file', join(dir, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--file .*nope\.txt: no such file/);
    expect((await cli(['metrics', '--file', dir])).err).toMatch(/not a file/);
    const big = await cli(['metrics', '--file', file('big.txt', 'x'.repeat(MAX_EXPRESSION_BYTES + 1))]);
    expect(big.code).toBe(2);
    expect(big.err).toMatch(/over the 4000000-byte limit/);
    const latin1 = await cli(['metrics', '--file', file('latin1.txt', Uint8Array.of(0x65, 0x6d, 0x6c, 0xe9))]);
    expect(latin1.code).toBe(2);
    expect(latin1.err).toMatch(/not UTF-8 text/);
    const both = await cli(['metrics', 'x', '--file', file('x.txt', 'x')]);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/not two/);
  });

  it("standard input that is not UTF-8 is refused; '--' lets a positional start with '-'", async () => {
    const r = await cli(['metrics', '-'], Uint8Array.of(0xff, 0x31));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/standard input: not UTF-8/);
    const neg = await cli(['compile', '--json', '--', '-x']);
    expect(neg.code).toBe(0);
    expect(JSON.parse(neg.out)).toMatchObject({ input: '-x' });
    const withoutDashes = await cli(['compile', '-x']);
    expect(withoutDashes.code).toBe(2);
    expect(withoutDashes.err).toMatch(/Unknown option '-x'/);
  });

  it('echo <1 MB expression> | cli metrics - --json works in a real process', () => {
    const { text, depth } = chain(1_000_000);
    expect(text.length).toBeGreaterThan(999_000);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'metrics', '-', '--json'], {
      encoding: 'utf8',
      input: `${text}\n`,
      timeout: 120_000,
      maxBuffer: 1 << 24,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ k: 2 * depth + 1, depth });
  }, 180_000);
});
