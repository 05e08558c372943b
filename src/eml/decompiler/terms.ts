/**
 * The formula's linked terms: the named blocks met walking down from the root (a block's own nodes are skipped,
 * its arguments are walked), each with its absolute path, so hovering a term can light its subtree in the tree and
 * a hovered tree node can light the term that contains it. Also the EML form with blocks written by name.
 */
import type { EmlNode } from '../ast.ts';
import { printLatex } from '../syntax/index.ts';
import type { Recognise } from './blocks.ts';

export interface FormulaTerm {
  path: string;
  node: EmlNode;
  name: string;
}

export function blockTerms(root: EmlNode, recognise: Recognise, limit = 24): FormulaTerm[] {
  const out: FormulaTerm[] = [];
  const stack: Array<[EmlNode, string]> = [[root, '']];
  const seen = new Set<string>();
  while (stack.length > 0 && out.length < limit) {
    const [node, path] = stack.pop()!;
    if (node.kind !== 'eml') continue;
    const block = recognise(node);
    if (block) {
      const key = `${node.id}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ path, node, name: block.name });
      }
      for (let i = block.args.length - 1; i >= 0; i--) stack.push([block.args[i].node, path + block.args[i].path]);
      continue;
    }
    stack.push([node.right, `${path}R`], [node.left, `${path}L`]);
  }
  return out;
}

const TOKEN = /[A-Za-z]+|\d+|./gu;
const SYMBOL: Record<string, string> = { '·': '{\\cdot}', '−': '-', '*': '\\times ', π: '\\pi ', φ: '\\varphi ' };

/**
 * A block name as TeX. A word ("sub", "sin") is an operator name; a shape ("·^2", "1/·", "exp(−·)", "−(1/2)") is
 * typeset as the mathematics it writes, with "·" for the argument: its "^" must stay a superscript (escaped, KaTeX
 * reads "\^" as a circumflex accent and "·^2" came out as "·2̂"), and anything KaTeX could misread is dropped.
 */
export function texName(name: string): string {
  if (/^[A-Za-z]{2,}$/.test(name)) return `\\operatorname{${name}}`;
  const tokens = name.match(TOKEN) ?? [];
  let i = 0;
  const atom = (): string => {
    const t = tokens[i++];
    if (t === undefined) return '';
    if (t === '(') {
      let group = '';
      while (i < tokens.length && tokens[i] !== ')') group += atom();
      i++; // the closing parenthesis
      return `(${group})`;
    }
    if (t === '^') {
      const exponent = atom();
      return `^{${exponent.replace(/^\((.*)\)$/, '$1')}}`;
    }
    if (/^[A-Za-z]{2,}$/.test(t)) return `\\operatorname{${t}}`;
    if (/^[A-Za-z0-9]+$/.test(t) || '+/='.includes(t)) return t;
    return SYMBOL[t] ?? '';
  };
  let out = '';
  while (i < tokens.length) out += atom();
  return out;
}

/**
 * LaTeX of the EML form with recognised blocks written as name(args): eml(1, eml(eml(1, x), 1)) becomes ln(x).
 * Trees are at most a few hundred K here (larger ones are not typeset), so recursion depth is bounded by depth.
 */
export function blockLatex(node: EmlNode, recognise: Recognise): string {
  if (node.kind !== 'eml') return printLatex(node);
  const block = recognise(node);
  if (block) {
    if (block.args.length === 0) return texName(block.name);
    // A shape ("·^2") applied to its argument is bracketed, so "[·²](x)" cannot read as "·² times (x)".
    const head = /^[A-Za-z]{2,}$/.test(block.name) ? texName(block.name) : `\\left[${texName(block.name)}\\right]`;
    return `${head}\\left(${block.args.map((a) => blockLatex(a.node, recognise)).join(', ')}\\right)`;
  }
  return `\\operatorname{eml}\\left(${blockLatex(node.left, recognise)}, ${blockLatex(node.right, recognise)}\\right)`;
}
