import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/interpreter.ts';
import { parseEml } from '../syntax/index.ts';
import { EXPORT_ORDER, EXPORT_SPECS, textExport, type TextExportKind } from './files.ts';
import { parseTreeJson } from './json.ts';

const LN = parseEml('EML[1,EML[EML[1,x],1]]').tree;

describe('export descriptions', () => {
  it('has one button per export, with distinct file names and the right MIME types', () => {
    expect(EXPORT_ORDER.map((k) => EXPORT_SPECS[k].label)).toEqual([
      'Export tree as SVG',
      'Export tree as PNG',
      'Export plot as SVG',
      'Export plot as PNG',
      'Export complex plane as PNG',
      'Copy LaTeX',
      'Download EML text',
      'Download RPN',
      'Download Mathematica',
      'Download JSON',
      'Download JavaScript',
      'Download Python',
      'Download GLSL shader',
    ]);
    const names = EXPORT_ORDER.map((k) => EXPORT_SPECS[k].fileName);
    expect(new Set(names).size).toBe(names.length);
    expect(EXPORT_SPECS['tree-svg']).toMatchObject({ fileName: 'eml-tree.svg', mimeType: 'image/svg+xml' });
    expect(EXPORT_SPECS['plot-png']).toMatchObject({ fileName: 'eml-plot.png', mimeType: 'image/png' });
    expect(EXPORT_SPECS.json.mimeType).toBe('application/json');
    expect(EXPORT_SPECS.python.fileName).toMatch(/^[a-z_]+\.py$/); // importable as a module name
  });

  it('produces each text export from the tree', () => {
    const get = (k: TextExportKind) => textExport(k, LN, { source: 'ln(x)' });
    expect(get('eml').content).toBe('eml(1, eml(eml(1, x), 1))\n');
    expect(parseEml(get('eml').content.trim()).tree).toBe(LN);
    expect(parseEml(get('rpn').content.trim()).tree).toBe(LN);
    expect(get('mathematica').content).toBe('EML[1,EML[EML[1,x],1]]\n');
    expect(parseTreeJson(get('json').content).tree).toBe(LN);
    const js = get('javascript').content;
    expect(js).toContain('Source: ln(x)');
    const f = new Function(`${js}\nreturn f;`)() as (x: number) => { re: number };
    expect(f(2).re).toBe(evaluate(LN, { x: 2 }).re);
    expect(f(2).re).toBeCloseTo(Math.log(2), 15);
    expect(get('python').content).toContain('def f(x):');
    expect(get('latex').content).toBe(
      '\\operatorname{eml}\\left(1, \\operatorname{eml}\\left(\\operatorname{eml}\\left(1, x\\right), 1\\right)\\right)',
    );
    expect(textExport('latex', LN, { latex: '\\ln x' }).content).toBe('\\ln x');
    const glsl = get('glsl').content;
    expect(glsl.split('\n').slice(0, 2)).toEqual(['#version 300 es', '// Source: ln(x)']);
    expect(glsl).toContain('vec2 v = n2;');
    expect(get('json').fileName).toBe('eml-tree.json');
  });
});
