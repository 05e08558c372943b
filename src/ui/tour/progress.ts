/** Which tour exercises the user has solved, kept across visits (validated on read, like every stored state). */
const KEY = 'eml-playground/tour-solved/v1';

export function readSolved(storage: Pick<Storage, 'getItem'> | null): Set<string> {
  try {
    const raw: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]');
    return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function writeSolved(storage: Pick<Storage, 'setItem'> | null, solved: ReadonlySet<string>): void {
  try {
    storage?.setItem(KEY, JSON.stringify([...solved]));
  } catch {
    // storage full or disabled: progress is a convenience
  }
}
