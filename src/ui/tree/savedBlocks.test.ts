import { describe, expect, it } from 'vitest';
import { eml, ONE, variable } from '../../eml/ast.ts';
import { blockTree, readSavedBlocks, removeBlock, SAVED_BLOCKS_KEY, saveBlock } from './savedBlocks.ts';

function memoryStorage(initial?: string) {
  const data = new Map<string, string>(initial === undefined ? [] : [[SAVED_BLOCKS_KEY, initial]]);
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('saved blocks', () => {
  it('saves, replaces by name, reads back and removes', () => {
    const s = memoryStorage();
    const t = eml(variable('x'), ONE);
    expect(saveBlock('exp x', t, s).error).toBeNull();
    expect(saveBlock('one', ONE, s).list.map((b) => b.name)).toEqual(['one', 'exp x']);
    saveBlock('exp x', ONE, s);
    const list = readSavedBlocks(s);
    expect(list.map((b) => b.name)).toEqual(['exp x', 'one']);
    expect(blockTree(list[0])).toBe(ONE);
    expect(removeBlock('one', s).map((b) => b.name)).toEqual(['exp x']);
  });

  it('rejects empty names and keeps the list', () => {
    const s = memoryStorage();
    expect(saveBlock('  ', ONE, s).error).toMatch(/name/);
    expect(readSavedBlocks(s)).toEqual([]);
  });

  it.each(['not json', '{"a":1}', '[1,2]', '[{"name":"x","eml":"eml(1"}]', '[{"name":"","eml":"1"}]', 'null'])(
    'reads malformed storage %s as nothing',
    (raw) => {
      expect(readSavedBlocks(memoryStorage(raw))).toEqual([]);
    },
  );

  it('keeps the valid entries of a partly corrupt list', () => {
    const raw = JSON.stringify([
      { name: 'good', eml: 'eml(x, 1)' },
      { name: 'bad', eml: 'eml(' },
      { name: 5, eml: '1' },
    ]);
    expect(readSavedBlocks(memoryStorage(raw)).map((b) => b.name)).toEqual(['good']);
  });

  it('survives a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(readSavedBlocks(broken)).toEqual([]);
    expect(saveBlock('a', ONE, broken).error).toMatch(/refused/);
  });
});
