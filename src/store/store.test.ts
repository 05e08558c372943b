import { beforeEach, describe, expect, it } from 'vitest';
import { ONE } from '../eml/ast.ts';
import { deriveKey } from './derive.ts';
import { DEFAULT_DOCUMENT } from './document.ts';
import { selectTree, usePlayground } from './store.ts';

const s = () => usePlayground.getState();

describe('playground store', () => {
  beforeEach(() => s().boot(DEFAULT_DOCUMENT, DEFAULT_DOCUMENT.text));

  it('a draft that does not parse is kept and not applied', () => {
    s().setDraft('eml(1, ');
    expect(s().applyDraft()).toBe(false);
    expect(s().draft).toBe('eml(1, ');
    expect(s().doc.text).toBe(DEFAULT_DOCUMENT.text);
    expect(s().past).toHaveLength(0);
  });

  it('the Complex plane’s window is a document setting: undone and redone, the tree kept', () => {
    const derived = s().derived;
    const w = { reMin: -1, reMax: 1, imMin: -2, imMax: 0 };
    s().update({ planeWindow: w });
    expect(s().derived).toBe(derived);
    s().undo();
    expect(s().doc.planeWindow).toEqual(DEFAULT_DOCUMENT.planeWindow);
    s().redo();
    expect(s().doc.planeWindow).toEqual(w);
  });

  it('applying, editing a node, undo and redo', () => {
    s().setDraft('eml(x, 1)');
    expect(s().applyDraft()).toBe(true);
    expect(selectTree(s())!.k).toBe(3);
    s().editNode('L', ONE);
    expect(s().doc.text).toBe('eml(1, 1)');
    expect(s().draft).toBe('eml(1, 1)');
    expect(s().doc.inputKind).toBe('eml');
    s().undo();
    expect(s().doc.text).toBe('eml(x, 1)');
    s().undo();
    expect(s().doc.text).toBe(DEFAULT_DOCUMENT.text);
    s().redo();
    s().redo();
    expect(s().doc.text).toBe('eml(1, 1)');
    expect(s().future).toHaveLength(0);
  });

  it('ordinary math compiles; switching compile mode is undoable and changes K', () => {
    s().setDraft('x*y');
    s().applyDraft();
    expect(s().derived.reading.kind).toBe('math');
    const compactK = selectTree(s())!.k;
    s().update({ compileMode: 'paper' });
    expect(selectTree(s())!.k).toBe(41);
    expect(compactK).toBeLessThanOrEqual(41);
    s().undo();
    expect(selectTree(s())!.k).toBe(compactK);
  });

  it('transient updates (slider drags) do not fill the history', () => {
    s().update({ x: 1 }, { transient: true });
    s().update({ x: 1.5 }, { transient: true });
    expect(s().past).toHaveLength(0);
    expect(s().doc.x).toBe(1.5);
  });
});

describe('deriveKey', () => {
  it('changes with exactly the fields the reading depends on', () => {
    const key = deriveKey(DEFAULT_DOCUMENT);
    for (const patch of [{ semantics: 'finite' as const }, { x: 7 }, { y: -1 }, { xMin: -9, xMax: 9 }])
      expect(deriveKey({ ...DEFAULT_DOCUMENT, ...patch }), JSON.stringify(patch)).toBe(key);
    for (const patch of [
      { text: 'eml(x, 1)' },
      { inputKind: 'math' as const },
      { compileMode: 'paper' as const },
      { clean: true },
    ])
      expect(deriveKey({ ...DEFAULT_DOCUMENT, ...patch }), JSON.stringify(patch)).not.toBe(key);
  });

  it('the store re-reads only when it changes: a semantics change keeps the same reading object', () => {
    s().boot(DEFAULT_DOCUMENT, DEFAULT_DOCUMENT.text);
    const before = s().derived;
    s().update({ semantics: 'real-extended' });
    expect(s().derived).toBe(before);
    s().update({ compileMode: 'paper' });
    expect(s().derived).not.toBe(before);
    expect(s().derived.key).toBe(deriveKey(s().doc));
  });
});
