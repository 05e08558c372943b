/**
 * The Examples gallery: constructions from the paper, each opened in one click. Sources: the paper (arXiv 2603.21852) and its
 * reference code, as docs/constructions.md#small-trees (compiler output), docs/constructions.md#shortest-forms
 * (shortest known forms) and docs/fitting.md#targets-and-data (the trainer's targets) describe them.
 */
import type { InputKind } from '../eml/input.ts';

export interface Example {
  name: string;
  text: string;
  kind: InputKind;
  source: string;
}

export const EXAMPLES: readonly Example[] = [
  { name: 'e', text: 'EML[1,1]', kind: 'eml', source: 'docs/constructions.md#small-trees' },
  { name: '0', text: 'EML[1,EML[EML[1,1],1]]', kind: 'eml', source: 'docs/constructions.md#small-trees' },
  {
    name: '−1 (via ln 0)',
    text: 'EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[1,1]]',
    kind: 'eml',
    source: 'docs/constructions.md#shortest-forms neg, K=15',
  },
  {
    name: '−1 (finite)',
    text: 'EML[EML[1,EML[EML[1,EML[1,EML[1,1]]],1]],EML[EML[1,1],1]]',
    kind: 'eml',
    source: 'docs/constructions.md#shortest-forms negNoInf, K=17',
  },
  {
    name: '2',
    text: 'EML[1,EML[EML[EML[1,EML[EML[1,EML[1,EML[1,1]]],1]],EML[1,1]],1]]',
    kind: 'eml',
    source: 'docs/constructions.md#shortest-forms two, K=19',
  },
  { name: 'exp x', text: 'EML[x,1]', kind: 'eml', source: 'docs/constructions.md#small-trees' },
  { name: 'ln x', text: 'EML[1,EML[EML[1,x],1]]', kind: 'eml', source: 'docs/constructions.md#small-trees' },
  {
    name: 'identity',
    text: 'EML[1,EML[EML[1,EML[x,1]],1]]',
    kind: 'eml',
    source: 'docs/constructions.md#small-trees ln(exp x)',
  },
  {
    name: 'x − y',
    text: 'EML[EML[1,EML[EML[1,x],1]],EML[y,1]]',
    kind: 'eml',
    source: 'docs/constructions.md#small-trees sub, K=11',
  },
  {
    name: 'x + y',
    text: 'EML[1,EML[EML[EML[x,EML[EML[x,EML[1,EML[y,1]]],1]],EML[x,1]],1]]',
    kind: 'eml',
    source: 'docs/constructions.md#shortest-forms add, K=19',
  },
  {
    name: 'x · y',
    text: 'EML[EML[x,EML[EML[EML[1,EML[EML[1,EML[x,y]],1]],x],1]],1]',
    kind: 'eml',
    source: 'docs/constructions.md#shortest-forms multiply, K=17',
  },
  {
    name: '1/x',
    text: 'EML[EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],x],1]',
    kind: 'eml',
    source: 'docs/constructions.md#shortest-forms Fig. 2, K=15',
  },
  { name: '√x', text: 'sqrt(x)', kind: 'math', source: 'compiled' },
  { name: 'x²', text: 'x^2', kind: 'math', source: 'compiled' },
  { name: 'i', text: 'i', kind: 'math', source: 'compiled' },
  { name: 'π', text: 'pi', kind: 'math', source: 'compiled' },
  { name: 'sin x', text: 'sin(x)', kind: 'math', source: 'compiled' },
  {
    name: 'eml_depth2',
    text: 'EML[1,EML[y,x]]',
    kind: 'eml',
    source: 'docs/fitting.md#targets-and-data training target',
  },
  {
    name: 'eml_depth3',
    text: 'EML[EML[1,EML[y,x]],1]',
    kind: 'eml',
    source: 'docs/fitting.md#targets-and-data training target',
  },
  {
    name: 'eml_depth4',
    text: 'EML[1,EML[EML[1,EML[x,y]],1]]',
    kind: 'eml',
    source: 'docs/fitting.md#targets-and-data training target',
  },
  {
    name: 'eml_depth5',
    text: 'EML[1,EML[EML[1,EML[1,EML[x,y]]],1]]',
    kind: 'eml',
    source: 'docs/fitting.md#targets-and-data training target',
  },
  {
    name: 'eml_depth6',
    text: 'EML[1,EML[EML[EML[1,EML[EML[x,y],1]],1],1]]',
    kind: 'eml',
    source: 'docs/fitting.md#targets-and-data training target',
  },
];
