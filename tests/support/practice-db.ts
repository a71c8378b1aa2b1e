/**
 * Reads the station's practice database (`packbench-practice`) from a page with raw IndexedDB,
 * not through the app's code, so a test sees what was actually stored.
 */
import type { Page } from 'playwright-core';

/** Every row of one object store of the practice database. */
export async function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('packbench-practice');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(new Error(String(r.error)));
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => resolve(req.result as unknown[]);
      req.onerror = () => reject(new Error(String(req.error)));
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}
