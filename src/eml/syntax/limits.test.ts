/**
 * Size limits of the EML syntaxes: 1 MB of nesting parses (or fails) without recursion, long names are refused
 * where they enter, and no message quotes more than a bounded piece of the input.
 */
import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, invalidVariableReason } from '../ast.ts';
import { parseTreeJson, TreeJsonError } from '../export/json.ts';
import { metrics } from '../metrics.ts';
import { parseMath } from '../math/parser.ts';
import { EmlSyntaxError, MAX_QUOTE, parseEml, printFunctional, printLatex, printRpn, quote } from './index.ts';
import { thrownBy } from './errorProbe.ts';

const MB = 1_000_000;
const parse = (text: string) => parseEml(text);

/** Messages stay short whatever the input: a quoted piece, never the input itself. */
function expectBoundedMessage(e: EmlSyntaxError, source: string): void {
  expect(e.message.length).toBeLessThan(200);
  expect(e.hint.length).toBeLessThan(300);
  expect(e.offset).toBeGreaterThanOrEqual(0);
  expect(e.offset).toBeLessThanOrEqual(source.length);
  expect(e.format(source).length).toBeLessThan(700);
}

describe('1 MB inputs', () => {
  const cases: Array<[string, string]> = [
    ['unclosed eml( calls', 'eml('.repeat(MB / 4 - 1)],
    ['unclosed EML[ calls', 'EML['.repeat(MB / 4 - 1)],
    ['bare brackets', '('.repeat(MB - 10)],
    ['closers', ')'.repeat(MB - 10)],
    ['an RPN stack of operators', 'E '.repeat(MB / 2 - 5)],
    ['an RPN stack of operands', '1 '.repeat(MB / 2 - 5)],
    ['one operator-like word', '+'.repeat(MB - 10)],
    ['one long number', '9'.repeat(MB - 10)],
  ];
  for (const [label, source] of cases) {
    it(`${label}: a positioned syntax error with a bounded message`, () => {
      const e = thrownBy(parse, source);
      expectBoundedMessage(e, source);
    });
  }

  it('a 100 000-deep valid call chain parses and prints', () => {
    const n = 100_000;
    const text = 'eml(1,'.repeat(n) + 'x' + ')'.repeat(n);
    const t = parse(text).tree;
    expect(t.depth).toBe(n);
    expect(printFunctional(t).length).toBe('eml(1, '.length * n + 1 + n);
  });

  it('input over the byte limit is refused before parsing, at the first character past it', () => {
    const source = '1 '.repeat(MB);
    const e = thrownBy(parse, source);
    expect(e.code).toBe('input-too-large');
    expect(e.offset).toBe(MB);
    expect(e.message).toBe('expression too long: 2 MB, at most 1 MB');
  });
});

describe('long names', () => {
  const long = 'a'.repeat(50_000);

  it('a 50 000-character name is refused where it starts, in every syntax', () => {
    for (const [source, offset] of [
      [`eml(${long}, 1)`, 4],
      [`EML[1,${long}]`, 6],
      [`1 ${long} E`, 2],
      [long, 0],
    ] as const) {
      const e = thrownBy(parse, source);
      expect(e.code).toBe('name-too-long');
      expect(e.offset).toBe(offset);
      expect(e.length).toBe(50_000);
      expect(e.message).toBe(
        `the name '${'a'.repeat(MAX_QUOTE)}…' is 50000 characters long; names have at most ${MAX_NAME_LENGTH}`,
      );
      expect(e.hint).toBe('use a shorter variable name');
      expectBoundedMessage(e, source);
    }
  });

  it('a name of exactly the limit is an ordinary variable: parsed, measured and printed', () => {
    const name = 'v'.repeat(MAX_NAME_LENGTH);
    const t = parse(`eml(${name}, ${name})`).tree;
    expect(metrics(t).variables).toEqual([name]);
    expect(printRpn(t)).toBe(`${name} ${name} E`);
    expect(printLatex(t)).toContain(`\\mathrm{${name}}`);
    expect(thrownBy(parse, `eml(${name}v, 1)`).code).toBe('name-too-long');
  });

  it('tree JSON and variable() refuse them with a bounded message', () => {
    expect(invalidVariableReason(long)).toBe(
      `"${'a'.repeat(40)}…" is 50000 characters long; names have at most ${MAX_NAME_LENGTH}`,
    );
    const doc = JSON.stringify({ format: 'eml-tree', version: 1, root: long });
    let error: unknown;
    try {
      parseTreeJson(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TreeJsonError);
    expect((error as Error).message.length).toBeLessThan(200);
  });
});

describe('quoting', () => {
  it('quotes short text whole and long text as its start and length', () => {
    expect(quote('abc')).toBe('abc');
    expect(quote('x'.repeat(MAX_QUOTE))).toBe('x'.repeat(MAX_QUOTE));
    expect(quote('x'.repeat(MAX_QUOTE + 1))).toBe(`${'x'.repeat(MAX_QUOTE)}… (${MAX_QUOTE + 1} characters)`);
  });

  it('never cuts a surrogate pair', () => {
    const q = quote('x'.repeat(MAX_QUOTE - 1) + '😀'.repeat(10));
    expect(q.startsWith(`${'x'.repeat(MAX_QUOTE - 1)}…`)).toBe(true);
  });

  it('an unknown 5 000-letter function name and trailing words are quoted briefly', () => {
    const name = 'f'.repeat(5_000);
    expect(thrownBy(parse, `${name}(1, x)`).message).toBe(
      `unknown function '${quote(name)}'; the only operator is eml (also written E or EML)`,
    );
    expect(thrownBy(parse, `eml(1, x) ${'z'.repeat(200)}`).message.length).toBeLessThan(120);
  });

  it('ordinary math quotes long unknown function names briefly too', () => {
    const name = 'g'.repeat(50_000);
    for (const text of [`${name}(x)`, `${name}[x]`]) {
      const e = thrownBy(parseMath, text);
      expect(e.message).toBe(`unknown function '${quote(name)}'`);
      expect(e.hint.length).toBeLessThan(600);
      expect(e.length).toBe(50_000);
    }
  });
});
