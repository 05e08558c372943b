/** runCli's safety net: an exception nothing else handles still ends as exit 2 with "internal error: …". */
import { describe, expect, it, vi } from 'vitest';
import * as compiler from '../eml/compiler/compile.ts';
import { runCli } from './runCli.ts';

vi.mock('../eml/compiler/compile.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../eml/compiler/compile.ts')>();
  return { ...original, compile: vi.fn(original.compile) };
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI safety net', () => {
  it('an unexpected exception is exit 2 with the documented JSON', async () => {
    vi.mocked(compiler.compile).mockImplementationOnce(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    const r = await cli('compile', 'sin(x)', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.err).error).toMatchObject({
      message: 'internal error: RangeError: Maximum call stack size exceeded',
      offset: 0,
      line: 1,
      column: 1,
      hint: expect.stringMatching(/report/),
    });
  });
  it('and as text without --json', async () => {
    vi.mocked(compiler.compile).mockImplementationOnce(() => {
      throw new TypeError('boom');
    });
    const r = await cli('compile', 'sin(x)');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: internal error: TypeError: boom\nhint: /);
  });
});
