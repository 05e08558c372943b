/**
 * Parser for ordinary math: `x^2 + 1`, `2 sin(x)`, `ArcTan[x]`, `Power[x, y]`, `log(2, 8)`, `0.5`.
 *
 * Grammar (precedence low → high; ^ is right-associative and binds tighter than unary minus, so −x^2 = −(x^2)):
 *   expr    := term (('+' | '−') term)*
 *   term    := unary (('*' | '/' | implicit) unary)*      implicit: `2x`, `2 sin x`, `(x+1)(x−1)`, `x y`
 *   unary   := ('−' | '+') unary | power
 *   power   := primary (('^' | '**') unary)?
 *   primary := number | constant | variable | f(args) | f[args] | f operand | '(' expr ')' | '√' power
 * Recursive descent with an explicit nesting limit (MAX_NESTING) and the shared input-size guard, so hostile
 * input fails with a positioned error instead of a stack overflow. Every node's place in the text is recorded
 * (spans.ts), so the compiler can position its own errors.
 */
import { checkInputSize, quote, type ParseLimits } from '../syntax/errors.ts';
import { invalidVariableReason } from '../ast.ts';
import * as M from './ast.ts';
import type { MathNode } from './ast.ts';
import { CONSTANT_NAMES, FUNCTIONS, lookupFunction, UNSUPPORTED, type Spelling } from './functions.ts';
import { CompileError, MathSyntaxError } from './errors.ts';
import { parseDecimal, rational } from './rational.ts';
import { setSpan } from './spans.ts';
import { tokenize, type Tok } from './tokens.ts';

export const MAX_NESTING = 200;

export interface MathParseOptions {
  limits?: Partial<ParseLimits>;
}

export function parseMath(source: string, options: MathParseOptions = {}): MathNode {
  checkInputSize(source, options.limits);
  if (source.trim() === '')
    throw new MathSyntaxError('empty-input', 'empty input', 0, source, 1, 'type an expression such as x^2 + 1');
  return new Parser(source, tokenize(source)).parseAll();
}

const CLOSER: Record<string, string> = { '(': ')', '[': ']' };

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly toks: Tok[],
  ) {}

  private get tok(): Tok {
    return this.toks[this.pos];
  }

  private fail(
    reason: ConstructorParameters<typeof MathSyntaxError>[0],
    message: string,
    tok: Tok,
    hint = '',
    length?: number,
  ): never {
    throw new MathSyntaxError(reason, message, tok.offset, this.src, length ?? Math.max(1, tok.text.length), hint);
  }

  /** Records that `node` spans from `start` to the end of the last token read. */
  private mark<T extends MathNode>(node: T, start: number): T {
    setSpan(node, this.src, start, this.toks[Math.max(0, this.pos - 1)].end);
    return node;
  }

  private enter(tok: Tok): void {
    if (++this.depth > MAX_NESTING)
      this.fail(
        'too-deep',
        `expression nested more than ${MAX_NESTING} levels deep`,
        tok,
        'split it into smaller expressions',
      );
  }

  parseAll(): MathNode {
    const e = this.expr();
    const t = this.tok;
    if (t.kind !== 'eof') {
      if (t.kind === 'close')
        this.fail('mismatched-bracket', `unmatched '${t.text}'`, t, 'remove it or add the opening bracket');
      this.fail(
        'trailing-input',
        `unexpected '${t.text}' after a complete expression`,
        t,
        'join the parts with an operator such as + or *',
      );
    }
    return e;
  }

  private expr(): MathNode {
    const start = this.tok.offset;
    let left = this.term();
    while (this.tok.kind === 'op' && (this.tok.text === '+' || this.tok.text === '-')) {
      const op = this.toks[this.pos++].text;
      const right = this.term();
      left = this.mark(op === '+' ? M.add(left, right) : M.sub(left, right), start);
    }
    return left;
  }

  private startsOperand(t: Tok): boolean {
    return (
      t.kind === 'num' ||
      t.kind === 'name' ||
      (t.kind === 'open' && t.text === '(') ||
      (t.kind === 'op' && t.text === '√')
    );
  }

  private term(): MathNode {
    const start = this.tok.offset;
    let left = this.unary();
    for (;;) {
      const t = this.tok;
      if (t.kind === 'op' && (t.text === '*' || t.text === '/')) {
        this.pos++;
        const right = this.unary();
        left = this.mark(t.text === '*' ? M.mul(left, right) : M.div(left, right), start);
      } else if (this.startsOperand(t)) {
        left = this.mark(M.mul(left, this.unary()), start); // implicit multiplication
      } else return left;
    }
  }

  private unary(): MathNode {
    const t = this.tok;
    if (t.kind === 'op' && (t.text === '-' || t.text === '+')) {
      this.pos++;
      this.enter(t);
      const arg = this.unary();
      this.depth--;
      return t.text === '-' ? this.mark(M.neg(arg), t.offset) : arg;
    }
    return this.power();
  }

  private power(): MathNode {
    const start = this.tok.offset;
    const base = this.primary();
    const t = this.tok;
    if (t.kind === 'op' && t.text === '^') {
      this.pos++;
      this.enter(t);
      const exponent = this.unary();
      this.depth--;
      return this.mark(M.pow(base, exponent), start);
    }
    return base;
  }

  private primary(): MathNode {
    const t = this.tok;
    switch (t.kind) {
      case 'num': {
        this.pos++;
        let value;
        try {
          value = parseDecimal(t.text.startsWith('.') ? `0${t.text}` : t.text);
        } catch (e) {
          if (e instanceof CompileError) this.fail('bad-number', e.message, t, e.hint);
          throw e;
        }
        if (!value)
          this.fail(
            'bad-number',
            `${t.text} is not a number`,
            t,
            'write digits with an optional decimal point and exponent, as in 1.5e-3',
          );
        return this.mark(M.num(value), t.offset);
      }
      case 'open': {
        if (t.text === '[')
          this.fail('mismatched-bracket', "'[' opens a function's arguments, as in Sin[x]; use ( ) for grouping", t);
        this.pos++;
        this.enter(t);
        const inner = this.expr();
        this.close(t);
        this.depth--;
        return inner;
      }
      case 'op':
        if (t.text === '√') {
          this.pos++;
          this.enter(t);
          const arg = this.power();
          this.depth--;
          return this.mark(M.call('sqrt', arg), t.offset);
        }
        this.fail(
          'missing-operand',
          `expected a number, name or '(' before '${t.text}'`,
          t,
          'an operator needs an operand on both sides',
        );
      // eslint-disable-next-line no-fallthrough
      case 'name':
        return this.name();
      case 'eof':
        this.fail('missing-operand', 'the expression ends where an operand was expected', t, 'complete the expression');
      // eslint-disable-next-line no-fallthrough
      default:
        if (t.kind === 'close')
          this.fail(
            'missing-operand',
            `expected an operand before '${t.text}'`,
            t,
            'empty parentheses or a dangling operator',
          );
        this.fail(
          'missing-operand',
          `unexpected '${t.text}'`,
          t,
          'commas only separate function arguments, as in log(2, x)',
        );
    }
  }

  private close(open: Tok): void {
    const t = this.tok;
    const want = CLOSER[open.text];
    if (t.kind === 'close' && t.text === want) {
      this.pos++;
      return;
    }
    if (t.kind === 'close')
      this.fail(
        'mismatched-bracket',
        `'${open.text}' at column ${open.offset + 1} is closed by '${t.text}'`,
        t,
        `use '${want}'`,
      );
    if (t.kind === 'eof') {
      throw new MathSyntaxError(
        'missing-closer',
        `'${open.text}' is never closed`,
        open.offset,
        this.src,
        1,
        `add '${want}'`,
      );
    }
    this.fail(
      'missing-closer',
      `expected '${want}' to close '${open.text}' at column ${open.offset + 1}`,
      t,
      'check the operators between the brackets',
    );
  }

  private name(): MathNode {
    const t = this.tok;
    return this.mark(this.nameOrCall(), t.offset);
  }

  private nameOrCall(): MathNode {
    const t = this.toks[this.pos++];
    const next = this.tok;
    const isCall = next.kind === 'open';
    const spelling = lookupFunction(t.text);
    if (spelling) {
      if (isCall) return this.callWith(t, spelling, this.args(next));
      // `sin x`: a function applied to the next operand (no implicit product inside it).
      if (!this.startsOperand(next)) this.fail('missing-operand', `${t.text} needs an argument, as in ${t.text}(x)`, t);
      if (spelling.arities !== 'variadic' && !spelling.arities.includes(1)) {
        this.fail('wrong-arity', `${t.text} takes ${String(spelling.arities)} arguments: write ${t.text}(a, b)`, t);
      }
      this.enter(t);
      const arg = this.power();
      this.depth--;
      return this.callWith(t, spelling, [arg]);
    }
    // Own properties only: a variable named constructor or toString is not Object.prototype's function.
    if (Object.hasOwn(UNSUPPORTED, t.text))
      this.fail(
        'unsupported-function',
        UNSUPPORTED[t.text],
        t,
        'rewrite it with exp, ln, powers and the trigonometric functions',
      );
    const constant = Object.hasOwn(CONSTANT_NAMES, t.text) ? CONSTANT_NAMES[t.text] : undefined;
    if (constant) return M.konst(constant);
    if (isCall && (t.text.length > 1 || next.text === '[')) {
      this.fail(
        'unknown-function',
        `unknown function '${quote(t.text)}'`,
        t,
        `known: ${Object.keys(FUNCTIONS).join(', ')}; for a product write ${quote(t.text)}*(…)`,
      );
    }
    const reason = invalidVariableReason(t.text);
    if (reason) this.fail('bad-variable', reason, t);
    return M.mvar(t.text);
  }

  private args(open: Tok): MathNode[] {
    this.pos++;
    this.enter(open);
    const out: MathNode[] = [];
    if (this.tok.kind === 'close' && this.tok.text === CLOSER[open.text]) {
      this.pos++;
      this.depth--;
      return out;
    }
    out.push(this.expr());
    while (this.tok.kind === 'comma') {
      this.pos++;
      out.push(this.expr());
    }
    this.close(open);
    this.depth--;
    return out;
  }

  private callWith(t: Tok, s: Spelling, args: MathNode[]): MathNode {
    const ok = s.arities === 'variadic' ? args.length >= 2 : s.arities.includes(args.length);
    if (!ok) {
      const want = s.arities === 'variadic' ? 'two or more' : s.arities.join(' or ');
      this.fail('wrong-arity', `${t.text} takes ${want} argument${want === '1' ? '' : 's'}, got ${args.length}`, t);
    }
    if ('fn' in s.target) {
      if (s.target.fn === 'log' && args.length === 1) return M.call('ln', args[0]);
      return M.call(s.target.fn, ...args);
    }
    const [a, b] = args;
    switch (s.target.sugar) {
      case 'half':
        return M.div(a, M.num(2));
      case 'minus':
        return M.neg(a);
      case 'inv':
        return M.div(M.num(1), a);
      case 'sqr':
        return M.pow(a, M.num(2));
      case 'plus':
        return args.reduce((acc, x) => M.add(acc, x));
      case 'times':
        return args.reduce((acc, x) => M.mul(acc, x));
      case 'subtract':
        return M.sub(a, b);
      case 'divide':
        return M.div(a, b);
      case 'power':
        return M.pow(a, b);
      case 'eml':
        return M.emlCall(a, b);
    }
  }
}

/** Convenience for tests and callers that hold a number: an exact rational node. */
export const numberNode = (n: number | bigint, d: number | bigint = 1): MathNode => M.num(rational(n, d));
