import { createStore, del, get, keys, set } from 'idb-keyval';

/** A tiny key-value store. IndexedDB in the browser; a Map in tests. */
export type KeyValueStore = {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
};

export function memoryStore(): KeyValueStore {
  const map = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => map.get(key) as T | undefined,
    set: async (key, value) => void map.set(key, value),
    delete: async (key) => void map.delete(key),
    keys: async () => [...map.keys()],
  };
}

/**
 * IndexedDB holds CryptoKey objects as they are, so a non-extractable private key never leaves the
 * browser. idb-keyval resolves a write once its transaction commits and reopens after a failed open.
 * Same database and store names as before, so keys and tokens already stored stay readable.
 */
export function indexedDbStore(dbName = 'clawscope', storeName = 'kv'): KeyValueStore {
  const db = createStore(dbName, storeName);
  return {
    get: <T>(key: string) => get<T>(key, db),
    set: (key, value) => set(key, value, db),
    delete: (key) => del(key, db),
    keys: () => keys(db).then((k) => k.map(String)),
  };
}
