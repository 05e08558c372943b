import { describe, expect, it } from 'vitest';
import { kWording } from './kWording.ts';

describe('K wording: every K says its form', () => {
  it('names the own form and the others, equal K grouped', () => {
    expect(kWording(193, ['paper'], { paper: 193, robust: 93, shortest: 93 })).toBe(
      'K 193, as the paper compiles it · 93 in the robust and shortest forms',
    );
    expect(kWording(93, ['robust'], { paper: 193, robust: 93, shortest: 93 })).toBe(
      'K 93, in the robust form · 193 as the paper compiles it · 93 in the shortest form',
    );
    expect(kWording(17, [], { paper: 57, robust: 31, shortest: 15 })).toBe(
      'K 17 for this construction · 57 as the paper compiles it · 31 in the robust form · 15 in the shortest form',
    );
    expect(kWording(11, ['robust', 'shortest'], { paper: 83, robust: 11, shortest: 11 })).toBe(
      'K 11, in the robust and shortest forms · 83 as the paper compiles it',
    );
    expect(kWording(3, ['paper', 'robust', 'shortest'], { paper: 3, robust: 3, shortest: 3 })).toBe(
      'K 3, as the paper compiles it and in the robust and shortest forms',
    );
  });

  it('leaves out a mode that refuses the value, and says only the own form without sizes', () => {
    expect(kWording(59, ['robust'], { paper: null, robust: 59, shortest: 59 })).toBe(
      'K 59, in the robust form · 59 in the shortest form',
    );
    expect(kWording(11, [], null)).toBe('K 11 for this construction');
  });
});
