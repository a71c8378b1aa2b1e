import type { StationDb } from '../data/db';
import { seedPracticeShop } from '../data/practice-seed';
import type { Repositories } from '../data/repositories';
import { insightsDevHooks } from '../features/insights/dev-hooks';
import { intakeDevHooks } from '../features/intake/dev-hooks';
import { outboxDevHooks } from '../features/outbox/dev-hooks';
import { packingDevHooks } from '../features/packing';

/**
 * With `?dev=1` the page exposes its repositories for benchmarks and tests. It grants nothing
 * new: any script of this origin can already open the same IndexedDB.
 */
export function installDevHooks(db: StationDb, repos: Repositories, practice = true) {
  if (new URLSearchParams(window.location.search).get('dev') !== '1') return;
  Object.assign(window, {
    __packbench: {
      db,
      repos,
      packing: packingDevHooks(repos),
      intake: intakeDevHooks(repos, practice),
      outbox: outboxDevHooks(repos),
      insights: insightsDevHooks(db),
      seed: (target: number, chunkSize = 1000) =>
        seedPracticeShop(db, {
          target,
          chunkSize,
          nowSeconds: Math.floor(Date.now() / 1000),
        }),
    },
  });
}
