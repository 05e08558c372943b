/**
 * What each export of the playground is: its file name, MIME type and (for the text exports) its content.
 * Pure, so the choices are unit-tested; the UI (src/ui/export/) only turns these into downloads.
 */
import type { EmlNode } from '../ast.ts';
import { printFunctional, printLatex, printMathematica, printRpn } from '../syntax/index.ts';
import { generateJavaScript, generatePython } from './code.ts';
import { writeTreeJson } from './json.ts';
import { compilePlaneShader } from '../plane/glsl.ts';
import { preparePlane } from '../plane/program.ts';

export type TextExportKind = 'eml' | 'rpn' | 'mathematica' | 'json' | 'javascript' | 'python' | 'glsl' | 'latex';
export type ImageExportKind = 'tree-svg' | 'tree-png' | 'plot-svg' | 'plot-png' | 'plane-png';
export type ExportKind = TextExportKind | ImageExportKind;

export interface ExportSpec {
  kind: ExportKind;
  /** The button's text. */
  label: string;
  fileName: string;
  mimeType: string;
  /** What the file holds, in a sentence (button description / tooltip). */
  description: string;
}

export const EXPORT_SPECS: Readonly<Record<ExportKind, ExportSpec>> = Object.freeze({
  'tree-svg': {
    kind: 'tree-svg',
    label: 'Export tree as SVG',
    fileName: 'eml-tree.svg',
    mimeType: 'image/svg+xml',
    description: 'The tree drawing as a standalone SVG file.',
  },
  'tree-png': {
    kind: 'tree-png',
    label: 'Export tree as PNG',
    fileName: 'eml-tree.png',
    mimeType: 'image/png',
    description: 'The tree drawing as a PNG image at twice the screen size.',
  },
  'plot-svg': {
    kind: 'plot-svg',
    label: 'Export plot as SVG',
    fileName: 'eml-plot.svg',
    mimeType: 'image/svg+xml',
    description: 'The plot as a standalone SVG file.',
  },
  'plot-png': {
    kind: 'plot-png',
    label: 'Export plot as PNG',
    fileName: 'eml-plot.png',
    mimeType: 'image/png',
    description: 'The plot as a PNG image at twice the screen size.',
  },
  'plane-png': {
    kind: 'plane-png',
    label: 'Export complex plane as PNG',
    fileName: 'eml-complex-plane.png',
    mimeType: 'image/png',
    description: 'The complex-plane picture (domain colouring with the overlays shown) as a PNG image.',
  },
  latex: {
    kind: 'latex',
    label: 'Copy LaTeX',
    fileName: 'eml-formula.tex',
    mimeType: 'application/x-tex',
    description: 'Copies the formula as LaTeX to the clipboard.',
  },
  eml: {
    kind: 'eml',
    label: 'Download EML text',
    fileName: 'eml-tree.eml.txt',
    mimeType: 'text/plain;charset=utf-8',
    description: 'The tree as eml(…, …) text, which the Expression box reads back.',
  },
  rpn: {
    kind: 'rpn',
    label: 'Download RPN',
    fileName: 'eml-tree.rpn.txt',
    mimeType: 'text/plain;charset=utf-8',
    description: 'The tree in reverse Polish notation (1 x E …).',
  },
  mathematica: {
    kind: 'mathematica',
    label: 'Download Mathematica',
    fileName: 'eml-tree.m',
    mimeType: 'text/plain;charset=utf-8',
    description: 'The tree in the paper’s Mathematica form EML[…, …].',
  },
  json: {
    kind: 'json',
    label: 'Download JSON',
    fileName: 'eml-tree.json',
    mimeType: 'application/json',
    description: 'The tree as JSON (schema eml-tree, version 1).',
  },
  javascript: {
    kind: 'javascript',
    label: 'Download JavaScript',
    fileName: 'eml-tree.js',
    mimeType: 'text/javascript;charset=utf-8',
    description: 'A self-contained JavaScript function f(…) that evaluates the tree.',
  },
  python: {
    kind: 'python',
    label: 'Download Python',
    fileName: 'eml_tree.py',
    mimeType: 'text/x-python;charset=utf-8',
    description: 'A Python/NumPy function f(…) that evaluates the tree, vectorised.',
  },
  glsl: {
    kind: 'glsl',
    label: 'Download GLSL shader',
    fileName: 'eml-tree.frag',
    mimeType: 'text/plain;charset=utf-8',
    description:
      'The WebGL2 fragment shader the complex-plane view draws with: the tree in float32, one temporary per distinct node.',
  },
});

/** The order of the export controls. */
export const EXPORT_ORDER: readonly ExportKind[] = [
  'tree-svg',
  'tree-png',
  'plot-svg',
  'plot-png',
  'plane-png',
  'latex',
  'eml',
  'rpn',
  'mathematica',
  'json',
  'javascript',
  'python',
  'glsl',
];

export interface ExportFile {
  fileName: string;
  mimeType: string;
  content: string;
}

export interface TextExportContext {
  /** The formula's LaTeX (ordinary math); defaults to the EML form's LaTeX. */
  latex?: string;
  /** The text the tree came from (shown in the code's header comment). */
  source?: string;
}

/** The file a text export produces for `tree`. May throw RangeError for trees too large to print expanded. */
export function textExport(kind: TextExportKind, tree: EmlNode, context: TextExportContext = {}): ExportFile {
  const spec = EXPORT_SPECS[kind];
  const title = context.source ? `Source: ${context.source}` : undefined;
  const content = (() => {
    switch (kind) {
      case 'eml':
        return `${printFunctional(tree)}\n`;
      case 'rpn':
        return `${printRpn(tree)}\n`;
      case 'mathematica':
        return `${printMathematica(tree)}\n`;
      case 'json':
        return writeTreeJson(tree);
      case 'javascript':
        return generateJavaScript(tree, { title }).source;
      case 'python':
        return generatePython(tree, { title }).source;
      case 'glsl': {
        // #version must stay the first line, so the source note goes after it.
        const fragment = compilePlaneShader(preparePlane(tree)).fragment;
        const note = title ? `// ${title.replace(/\s+/g, ' ')}\n` : '';
        return fragment.replace('\n', `\n${note}`);
      }
      case 'latex':
        return context.latex ?? printLatex(tree);
    }
  })();
  return { fileName: spec.fileName, mimeType: spec.mimeType, content };
}
