/**
 * Reads every object store of a database with raw IndexedDB, whatever its version, so a
 * too-new or damaged station database can still be exported. Never writes, never upgrades.
 */
export interface RawExport {
  format: 'packbench-export';
  exportedAt: string;
  database: string;
  version: number;
  stores: Record<string, unknown[]>;
  errors: Record<string, string>;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export async function exportRawDatabase(name: string, now = new Date()): Promise<RawExport> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onupgradeneeded = () => {
      // The database did not exist: abort so that nothing is created.
      open.transaction?.abort();
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error(`Cannot open ${name}`));
    open.onblocked = () => reject(new Error(`Opening ${name} is blocked by another window`));
  });
  try {
    const out: RawExport = {
      format: 'packbench-export',
      exportedAt: now.toISOString(),
      database: name,
      version: db.version,
      stores: {},
      errors: {},
    };
    for (const store of Array.from(db.objectStoreNames)) {
      try {
        const tx = db.transaction(store, 'readonly');
        out.stores[store] = await request(tx.objectStore(store).getAll());
      } catch (cause) {
        out.errors[store] = String(cause);
      }
    }
    return out;
  } finally {
    db.close();
  }
}

export function exportFileName(name: string, now = new Date()): string {
  return `${name}-export-${now.toISOString().replace(/[:.]/g, '-')}.json`;
}
