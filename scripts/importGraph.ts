/**
 * The repository's import graph and its layering rule, read with TypeScript's own parser (no bundler, no
 * resolution beyond relative paths: every import between our files is relative). Used by src/structure.test.ts,
 * which fails on a cycle or an upward arrow, and by `npm run deps`, which draws the layers.
 *
 * Layers, lowest first: the core (src/eml) ← fit, training and content (the tour's checked steps, the docs pages)
 * ← workers ← store ← ui
 * ← the app's entry. The CLI sits beside the app on the core and fit/training; the scripts also use the CLI (its
 * option parser, its fit pool).
 * Type-only imports count for the direction (a type is a dependency too) but not for cycles (they vanish at run
 * time, and two modules sharing a type is no initialisation-order hazard).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface Layer {
  name: string;
  /** Repository-relative folders or files that belong to the layer. */
  roots: readonly string[];
  /** Layers whose files this layer's files may import (its own is always allowed). */
  mayImport: readonly string[];
}

const CORE = 'core';
const MODEL = 'fit · training · content';

export const LAYERS: readonly Layer[] = [
  { name: CORE, roots: ['src/eml'], mayImport: [] },
  { name: MODEL, roots: ['src/fit', 'src/training', 'src/tour', 'src/docs'], mayImport: [CORE] },
  { name: 'workers', roots: ['src/workers'], mayImport: [CORE, MODEL] },
  { name: 'store', roots: ['src/store'], mayImport: [CORE, MODEL, 'workers'] },
  { name: 'ui', roots: ['src/ui'], mayImport: [CORE, MODEL, 'workers', 'store'] },
  { name: 'app', roots: ['src/main.tsx'], mayImport: [CORE, MODEL, 'workers', 'store', 'ui'] },
  { name: 'cli', roots: ['src/cli'], mayImport: [CORE, MODEL] },
  { name: 'scripts', roots: ['scripts'], mayImport: [CORE, MODEL, 'cli'] },
];

export interface ImportEdge {
  /** Repository-relative paths with '/' separators. */
  from: string;
  to: string;
  typeOnly: boolean;
}

const SOURCE = /\.(ts|tsx|mts)$/;
const TEST = /\.test\.(ts|tsx)$/;
const CODE = /\.(ts|tsx|mts|js|mjs)$/;

function listSources(root: string, folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listSources(root, path));
    else if (SOURCE.test(entry.name) && !TEST.test(entry.name)) out.push(path);
  }
  return out;
}

/** Whether an import or export declaration brings in types only (`import type`, or every binding marked `type`). */
function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import runs the module
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0
    ? named.elements.every((e) => e.isTypeOnly)
    : false;
}

/** The relative module specifiers a file uses: imports, re-exports, `import()`, and `new URL('…', import.meta.url)` (workers). */
function specifiers(text: string, fileName: string): Array<{ spec: string; typeOnly: boolean }> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false);
  const out: Array<{ spec: string; typeOnly: boolean }> = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      out.push({ spec: node.moduleSpecifier.text, typeOnly: isTypeOnly(node) });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      out.push({ spec: node.arguments[0].text, typeOnly: false });
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      node.arguments?.[0] &&
      ts.isStringLiteral(node.arguments[0]) &&
      node.arguments[1]?.getText(source) === 'import.meta.url'
    ) {
      out.push({ spec: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  // Code only: stylesheets and `?raw` text are assets, not modules with dependencies of their own.
  return out.filter((s) => s.spec.startsWith('.') && CODE.test(s.spec));
}

/** Every import between the repository's own source files (tests excluded: they may reach across layers). */
export function importGraph(root: string): ImportEdge[] {
  const files = [...listSources(root, 'src'), ...listSources(root, 'scripts')];
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const text = readFileSync(join(root, from), 'utf8');
    for (const { spec, typeOnly } of specifiers(text, from)) {
      const to = relative(root, resolve(root, dirname(from), spec))
        .split(sep)
        .join('/');
      edges.push({ from, to, typeOnly });
    }
  }
  return edges;
}

export function layerOf(path: string): Layer | null {
  return LAYERS.find((l) => l.roots.some((r) => path === r || path.startsWith(`${r}/`))) ?? null;
}

/** Imports that go against the layering, as readable lines ("store → ui: src/store/a.ts imports src/ui/b.ts"). */
export function upwardImports(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const a = layerOf(e.from);
    const b = layerOf(e.to);
    if (!a || !b) {
      out.push(`${e.from} imports ${e.to}, which belongs to no layer (add it to LAYERS in scripts/importGraph.ts)`);
    } else if (a !== b && !a.mayImport.includes(b.name)) {
      out.push(`${a.name} → ${b.name}: ${e.from} imports ${e.to}`);
    }
  }
  return out;
}

/** The cycles among files through imports that exist at run time (Tarjan's strongly connected components). */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (e.typeOnly) continue;
    if (!next.has(e.from)) next.set(e.from, []);
    next.get(e.from)!.push(e.to);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) connect(v);
  return cycles;
}

/** Layer-to-layer arrows with the number of imports behind each. */
export function layerArrows(edges: readonly ImportEdge[]): Array<{ from: string; to: string; imports: number }> {
  const counts = new Map<string, number>();
  for (const e of edges) {
    const a = layerOf(e.from)?.name ?? '?';
    const b = layerOf(e.to)?.name ?? '?';
    if (a === b) continue;
    counts.set(`${a}\u0000${b}`, (counts.get(`${a}\u0000${b}`) ?? 0) + 1);
  }
  return [...counts]
    .map(([k, imports]) => {
      const [from, to] = k.split('\u0000');
      return { from, to, imports };
    })
    .sort((x, y) => x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
}
