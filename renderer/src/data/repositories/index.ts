import type { StationDb } from '../db';
import { createCatalogRepository } from './catalog-repository';
import { createMetaRepository } from './meta-repository';
import { createOrdersRepository } from './orders-repository';
import { createOutboxRepository } from './outbox-repository';

export function createRepositories(db: StationDb) {
  return {
    orders: createOrdersRepository(db),
    catalog: createCatalogRepository(db),
    meta: createMetaRepository(db),
    outbox: createOutboxRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
export type { QueueFilter, SearchHit, IdMatch } from './orders-repository';
