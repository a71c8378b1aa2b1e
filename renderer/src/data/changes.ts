import Dexie from 'dexie';

/**
 * Calls `fn` whenever a table of the named database is written (in this window or another),
 * using Dexie's own change notifications. Cheap: no query runs until the caller decides to.
 */
export function onTableChanged(dbName: string, table: string, fn: () => void): () => void {
  const prefix = `idb://${dbName}/${table}/`;
  const listener = (parts: Record<string, unknown>) => {
    for (const part of Object.keys(parts)) {
      if (part.startsWith(prefix)) {
        fn();
        return;
      }
    }
  };
  Dexie.on.storagemutated.subscribe(listener);
  return () => Dexie.on.storagemutated.unsubscribe(listener);
}
