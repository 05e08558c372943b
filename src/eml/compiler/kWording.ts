/**
 * How a K is said to a reader: always with the form it belongs to, and with what the other compile modes make of
 * the same value, because the numbers differ a lot (π is K 193 as the paper compiles it, 93 in the shortest form)
 * and a bare "K 193" next to a bare "K 93" elsewhere reads as a contradiction. Used by the tour and the playground.
 */
export type SizeMode = 'paper' | 'robust' | 'shortest';

export const SIZE_MODES: readonly SizeMode[] = ['paper', 'robust', 'shortest'];

/** K of one value in each mode (null where the mode refuses it, e.g. |x| in paper mode). */
export type KByMode = Readonly<Record<SizeMode, number | null>>;

function phrase(modes: readonly SizeMode[]): string {
  if (modes.length === 1 && modes[0] === 'paper') return 'as the paper compiles it';
  const names = modes.filter((m) => m !== 'paper');
  const forms = names.length === 1 ? `the ${names[0]} form` : `the ${names.join(' and ')} forms`;
  return modes.includes('paper') ? `as the paper compiles it and in ${forms}` : `in ${forms}`;
}

/**
 * "K 193, as the paper compiles it · 93 in the robust and shortest forms". `own` lists the modes whose tree this
 * one is (empty: a construction of its own, "K 17 for this construction"); the other modes follow, equal K grouped.
 */
export function kWording(k: number, own: readonly SizeMode[], sizes: KByMode | null): string {
  const head = own.length === 0 ? `K ${k} for this construction` : `K ${k}, ${phrase(own)}`;
  if (!sizes) return head;
  const groups = new Map<number, SizeMode[]>();
  for (const mode of SIZE_MODES) {
    const other = sizes[mode];
    if (own.includes(mode) || other === null) continue;
    groups.set(other, [...(groups.get(other) ?? []), mode]);
  }
  const rest = [...groups].map(([kk, modes]) => `${kk} ${phrase(modes)}`);
  return [head, ...rest].join(' · ');
}
