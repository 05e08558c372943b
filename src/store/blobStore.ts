/**
 * A tiny string store for what localStorage cannot hold: the fitting cockpit's large tables (a 60 000-row table is
 * 1.4 MB; localStorage quotas are ~5 MB per origin, shared with the playground). Backed by IndexedDB (one database,
 * one object store, string values by key), wrapped in promises; tests use the in-memory store behind the same
 * interface. Every operation has a time limit, because an IndexedDB open can stay blocked indefinitely.
 */
export interface BlobStore {
  get(key: string): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

const DB_NAME = 'eml-playground';
const STORE = 'blobs';
const TIME_LIMIT_MS = 10_000;

function withTimeLimit<T>(p: Promise<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(
      () => reject(new Error(`the browser database did not answer within ${TIME_LIMIT_MS / 1000} s (${what})`)),
      TIME_LIMIT_MS,
    );
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

const errorOf = (r: IDBRequest | IDBTransaction, fallback: string) => new Error(r.error?.message || fallback);

/** The IndexedDB-backed store, or null where the browser has none (or refuses it, as some private modes do). */
export function indexedDbStore(idb: IDBFactory | undefined = globalThis.indexedDB): BlobStore | null {
  if (!idb) return null;
  let db: Promise<IDBDatabase> | null = null;
  const open = () =>
    (db ??= withTimeLimit(
      new Promise<IDBDatabase>((resolve, reject) => {
        const req = idb.open(DB_NAME, 1);
        req.onupgradeneeded = () => req.result.createObjectStore(STORE);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(errorOf(req, 'the browser database could not be opened'));
      }),
      'open',
    ).catch((e: Error) => {
      db = null; // let a later call try again
      throw e;
    }));
  const run = <T>(mode: IDBTransactionMode, what: string, op: (s: IDBObjectStore) => IDBRequest): Promise<T> =>
    withTimeLimit(
      open().then(
        (d) =>
          new Promise<T>((resolve, reject) => {
            const tx = d.transaction(STORE, mode);
            const req = op(tx.objectStore(STORE));
            tx.oncomplete = () => resolve(req.result as T);
            tx.onabort = () => reject(errorOf(tx, `the browser database refused to ${what}`));
            tx.onerror = () => reject(errorOf(tx, `the browser database failed to ${what}`));
          }),
      ),
      what,
    );
  return {
    get: async (key) => {
      const v = await run<unknown>('readonly', 'read', (s) => s.get(key));
      return typeof v === 'string' ? v : null;
    },
    put: (key, value) => run<void>('readwrite', 'write', (s) => s.put(value, key)).then(() => undefined),
    delete: (key) => run<void>('readwrite', 'delete', (s) => s.delete(key)).then(() => undefined),
  };
}

/** In-memory store with the same interface (tests; and the fallback when a browser has no IndexedDB). */
export function memoryBlobStore(): BlobStore & { items: Map<string, string>; failWrites: Error | null } {
  const items = new Map<string, string>();
  const self = {
    items,
    failWrites: null as Error | null,
    get: async (key: string) => items.get(key) ?? null,
    put: async (key: string, value: string) => {
      if (self.failWrites) throw self.failWrites;
      items.set(key, value);
    },
    delete: async (key: string) => {
      items.delete(key);
    },
  };
  return self;
}
