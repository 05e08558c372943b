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

const texName = (name: string) =>
  `\\operatorname{${name.replace(/[\\{}$&#^_%~]/g, (c) => `\\${c}`).replace(/·/g, '\\cdot ')}}`;

/**
 * LaTeX of the EML form with recognised blocks written as name(args): eml(1, eml(eml(1, x), 1)) becomes ln(x).
 * Trees are at most a few hundred K here (larger ones are not typeset), so recursion depth is bounded by depth.
 */
export function blockLatex(node: EmlNode, recognise: Recognise): string {
  if (node.kind !== 'eml') return printLatex(node);
  const block = recognise(node);
  if (block) {
    if (block.args.length === 0) return texName(block.name);
    return `${texName(block.name)}\\left(${block.args.map((a) => blockLatex(a.node, recognise)).join(', ')}\\right)`;
  }
  return `\\operatorname{eml}\\left(${blockLatex(node.left, recognise)}, ${blockLatex(node.right, recognise)}\\right)`;
}
