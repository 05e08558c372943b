/**
 * Printers for the math AST: plain text that `parseMath` reads back to the same tree (up to redundant
 * parentheses), and LaTeX for KaTeX. Both iterate with memoised strings per node, so deep trees are fine.
 */
import { mapBottomUp, type MathNode } from './ast.ts';
import { FUNCTIONS } from './functions.ts';
import { isNegative, toString as ratToString } from './rational.ts';

/** Binding strength of the node's top operator when printed (higher binds tighter). */
function prec(n: MathNode): number {
  switch (n.kind) {
    case 'add':
    case 'sub':
      return 1;
    case 'mul':
    case 'div':
      return 2;
    case 'neg':
      return 3;
    case 'pow':
      return 4;
    case 'num':
      return isNegative(n.value) ? 3 : n.value.den !== 1n ? 2 : 5;
    default:
      return 5;
  }
}

interface Printed {
  s: string;
  p: number;
}

function printWith(root: MathNode, fmt: Format): string {
  const out = new Map<MathNode, Printed>();
  mapBottomUp(root, (n) => {
    out.set(
      n,
      fmt(n, (c) => out.get(c)!),
    );
    return n;
  });
  return out.get(root)!.s;
}

type Format = (n: MathNode, get: (c: MathNode) => Printed) => Printed;

const wrap = (c: Printed, min: number, open = '(', close = ')'): string => (c.p >= min ? c.s : `${open}${c.s}${close}`);

const CONST_TEXT = { e: 'e', pi: 'pi', i: 'i', phi: 'phi' } as const;
const CONST_LATEX = { e: 'e', pi: '\\pi', i: 'i', phi: '\\varphi' } as const;

const textFormat: Format = (n, get) => {
  const p = prec(n);
  switch (n.kind) {
    case 'num':
      return { s: ratToString(n.value), p };
    case 'const':
      return { s: CONST_TEXT[n.name], p };
    case 'var':
      return { s: n.name, p };
    case 'neg':
      return { s: `-${wrap(get(n.arg), 4)}`, p };
    case 'add':
      return { s: `${wrap(get(n.left), 1)} + ${wrap(get(n.right), 2)}`, p };
    case 'sub':
      return { s: `${wrap(get(n.left), 1)} - ${wrap(get(n.right), 2)}`, p };
    case 'mul':
      return { s: `${wrap(get(n.left), 2)}*${wrap(get(n.right), 4)}`, p };
    case 'div':
      return { s: `${wrap(get(n.left), 2)}/${wrap(get(n.right), 4)}`, p };
    case 'pow':
      return { s: `${wrap(get(n.left), 5)}^${wrap(get(n.right), 5)}`, p };
    case 'call':
      return { s: `${FUNCTIONS[n.fn].text}(${n.args.map((a) => get(a).s).join(', ')})`, p };
    case 'eml':
      return { s: `eml(${get(n.left).s}, ${get(n.right).s})`, p };
  }
};

/** Plain text, e.g. `x^2 + 1`, `-sin(x)/2`, `log(2, x)`. */
export function printMathText(root: MathNode): string {
  return printWith(root, textFormat);
}

/** Does this printed factor start with a digit (so juxtaposition after a number would merge them)? */
const startsWithDigit = (s: string) => /^[0-9]/.test(s);

const latexFormat: Format = (n, get) => {
  const p = prec(n);
  switch (n.kind) {
    case 'num': {
      const v = n.value;
      if (v.den === 1n) return { s: v.num.toString(), p };
      const sign = v.num < 0n ? '-' : '';
      const a = v.num < 0n ? -v.num : v.num;
      return { s: `${sign}\\frac{${a}}{${v.den}}`, p: v.num < 0n ? 3 : 5 };
    }
    case 'const':
      return { s: CONST_LATEX[n.name], p };
    case 'var':
      return { s: n.name.length > 1 ? `\\mathit{${n.name.replace(/_/g, '\\_')}}` : n.name, p };
    case 'neg':
      return { s: `-${wrap(get(n.arg), 3, '\\left(', '\\right)')}`, p };
    case 'add':
      return {
        s: `${wrap(get(n.left), 1, '\\left(', '\\right)')} + ${wrap(get(n.right), 2, '\\left(', '\\right)')}`,
        p,
      };
    case 'sub':
      return {
        s: `${wrap(get(n.left), 1, '\\left(', '\\right)')} - ${wrap(get(n.right), 2, '\\left(', '\\right)')}`,
        p,
      };
    case 'mul': {
      const l = wrap(get(n.left), 2, '\\left(', '\\right)');
      const r = wrap(get(n.right), 3, '\\left(', '\\right)');
      const sep = startsWithDigit(r) || n.right.kind === 'neg' ? ' \\cdot ' : ' ';
      return { s: `${l}${sep}${r}`, p };
    }
    case 'div':
      return { s: `\\frac{${get(n.left).s}}{${get(n.right).s}}`, p: 5 };
    case 'pow': {
      const base =
        n.left.kind === 'call' && FUNCTIONS[n.left.fn].latex
          ? `\\left(${get(n.left).s}\\right)`
          : wrap(get(n.left), 5, '\\left(', '\\right)');
      return { s: `${base}^{${get(n.right).s}}`, p };
    }
    case 'call': {
      const a = n.args.map((x) => get(x).s);
      if (n.fn === 'sqrt') return { s: `\\sqrt{${a[0]}}`, p: 5 };
      if (n.fn === 'abs') return { s: `\\left|${a[0]}\\right|`, p: 5 };
      if (n.fn === 'log') return { s: `\\log_{${a[0]}}\\left(${a[1]}\\right)`, p: 5 };
      if (n.fn === 'exp') return { s: `e^{${a[0]}}`, p: 4 };
      return { s: `${FUNCTIONS[n.fn].latex}\\left(${a.join(', ')}\\right)`, p: 5 };
    }
    case 'eml':
      return { s: `\\operatorname{eml}\\left(${get(n.left).s}, ${get(n.right).s}\\right)`, p: 5 };
  }
};

/** LaTeX for KaTeX, e.g. `x^{2} + 1`, `\frac{\sin\left(x\right)}{2}`. */
export function printMathLatex(root: MathNode): string {
  return printWith(root, latexFormat);
}
