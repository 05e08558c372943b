import { describe, expect, it } from 'vitest';
import { looksLikeEml, readInput } from './input.ts';

const auto = { kind: 'auto', compileMode: 'compact', clean: false } as const;

describe('reading the Expression box', () => {
  it.each(['eml(1, x)', 'E(x,1)', 'EML[1,EML[EML[1,x],1]]', '1 x E', '{1, x, EML}', 'x y E 1 E'])('%s is EML', (t) => {
    expect(looksLikeEml(t)).toBe(true);
    expect(readInput(t, auto)).toMatchObject({ ok: true, kind: 'eml' });
  });

  it.each(['sin(x)', 'x^2 + 1', '2x', 'exp(x)', 'e', 'pi', 'x - y', 'ln x'])('%s is ordinary math', (t) => {
    expect(looksLikeEml(t)).toBe(false);
    expect(readInput(t, auto).kind).toBe('math');
  });

  it('a lone variable or 1 is read as the EML leaf', () => {
    expect(readInput('x', auto)).toMatchObject({ ok: true, kind: 'eml' });
    expect(readInput('1', auto)).toMatchObject({ ok: true, kind: 'eml' });
  });

  it('compiles math with the chosen mode and reports its K', () => {
    const r = readInput('x*y', { kind: 'math', compileMode: 'paper', clean: false });
    expect(r.ok && r.tree.k).toBe(41);
  });

  it('errors keep their position; forcing the kind overrides detection', () => {
    const bad = readInput('eml(1 x)', auto);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ column: 7 });
    const forced = readInput('x', { ...auto, kind: 'math' });
    expect(forced).toMatchObject({ ok: true, kind: 'math' });
    const refused = readInput('floor(x)', auto);
    expect(refused.ok).toBe(false);
  });
});
