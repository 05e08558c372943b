/**
 * The dependency direction, checked on the real import graph (scripts/importGraph.ts): core ← fit/training/content ←
 * workers ← store ← ui ← app, the CLI beside the app on the core and fit/training, the scripts on those and the CLI;
 * no run-time cycle.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, layerOf, upwardImports, type ImportEdge } from '../scripts/importGraph.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const edges = importGraph(root);

describe('repository structure', () => {
  it('reads the import graph (imports, workers by URL, type-only imports marked)', () => {
    const has = (from: string, to: string) => edges.find((e) => e.from === from && e.to === to);
    expect(has('src/ui/App.tsx', 'src/store/store.ts')?.typeOnly).toBe(false);
    expect(edges.some((e) => e.to.startsWith('src/workers/') && e.to.endsWith('Worker.ts'))).toBe(true);
    expect(edges.some((e) => e.typeOnly)).toBe(true);
    expect(edges.length).toBeGreaterThan(500);
  });

  it('has no import from a lower layer to a higher one', () => {
    expect(upwardImports(edges)).toEqual([]);
  });

  it('has no import cycle among files', () => {
    expect(importCycles(edges)).toEqual([]);
  });

  it('flags what the rules forbid (the checks can fail)', () => {
    const bad: ImportEdge[] = [
      { from: 'src/eml/ast.ts', to: 'src/ui/App.tsx', typeOnly: true },
      { from: 'src/cli/main.ts', to: 'src/store/store.ts', typeOnly: false },
      { from: 'src/a.ts', to: 'src/b.ts', typeOnly: false },
      { from: 'src/b.ts', to: 'src/a.ts', typeOnly: false },
      { from: 'src/c.ts', to: 'src/d.ts', typeOnly: true },
      { from: 'src/d.ts', to: 'src/c.ts', typeOnly: false },
    ];
    expect(upwardImports(bad.slice(0, 2))).toEqual([
      'core → ui: src/eml/ast.ts imports src/ui/App.tsx',
      'cli → store: src/cli/main.ts imports src/store/store.ts',
    ]);
    expect(importCycles(bad)).toEqual([['src/a.ts', 'src/b.ts']]);
    expect(layerOf('src/elsewhere.ts')).toBeNull();
  });
});
