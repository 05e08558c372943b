/** The eml-tree JSON document as input: the playground's reader and the CLI take it wherever they take EML. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/runCli.ts';
import { readInput } from '../input.ts';
import { parseEml } from '../syntax/index.ts';
import { looksLikeTreeJson, writeTreeJson } from './json.ts';

const LN = parseEml('eml(1, eml(eml(1, x), 1))').tree;
const OPTIONS = { kind: 'auto', compileMode: 'robust', clean: false } as const;

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

describe('eml-tree JSON as input', () => {
  it('is told apart from EML text (RPN braces hold no quotes)', () => {
    expect(looksLikeTreeJson(writeTreeJson(LN))).toBe(true);
    expect(looksLikeTreeJson(' {"format": "eml-tree"}')).toBe(true);
    expect(looksLikeTreeJson('{1, x, EML}')).toBe(false);
    expect(looksLikeTreeJson('eml(1, x)')).toBe(false);
  });

  it('the playground reads an exported tree back as the same tree (auto and EML kinds)', () => {
    for (const kind of ['auto', 'eml'] as const) {
      const r = readInput(writeTreeJson(LN), { ...OPTIONS, kind });
      expect(r.ok && r.kind === 'eml' && r.syntax).toBe('json');
      expect(r.ok && r.tree).toBe(LN); // hash-consed: the very same node
    }
  });

  it('a broken document is a positioned input error with a hint, not an internal error', () => {
    const text = '{"format":"eml-tree","version":1,"root":{"eml":[1,"x"}}';
    const r = readInput(text, OPTIONS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/^eml-tree JSON: JSON syntax error at offset 53/);
    expect(r.error.offset).toBe(53);
    expect(r.error.hint).toMatch(/Export → JSON/);
    const schema = readInput('{"format":"other","version":1,"root":1}', OPTIONS);
    expect(!schema.ok && schema.error.message).toMatch(/"format" must be "eml-tree"/);
  });

  it('the CLI converts to JSON and reads it back from stdin, a file or the argument', async () => {
    const json = await cli(['convert', 'EML[1,EML[EML[1,x],1]]', '--to', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ format: 'eml-tree', version: 1, k: 7 });
    const back = await cli(['convert', '-', '--to', 'eml', '--json'], json.out);
    expect(JSON.parse(back.out)).toMatchObject({ from: 'json', text: 'eml(1, eml(eml(1, x), 1))' });
    const metrics = await cli(['metrics', json.out, '--json']);
    expect(JSON.parse(metrics.out)).toMatchObject({ syntax: 'json', k: 7, depth: 3 });
    const forced = await cli(['metrics', '--syntax', 'json', 'eml(1, x)', '--json']);
    expect(forced.code).toBe(2);
    expect(JSON.parse(forced.err).error.message).toMatch(/^eml-tree JSON: /);
  });
});
