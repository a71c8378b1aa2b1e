import type { StationDb } from '../db';
import { createCatalogRepository } from './catalog-repository';
import { createEvidenceRepository } from './evidence-repository';
import { createIntakeRepository } from './intake-repository';
import { createLabelsRepository } from './labels-repository';
import { createMetaRepository } from './meta-repository';
import { createOrdersRepository } from './orders-repository';
import { createOutboxRepository } from './outbox-repository';
import { createPackingRepository } from './packing-repository';
import { createRecoveryRepository } from './recovery-repository';
import { createReturnIntakeRepository } from './return-intake-repository';
import { createReturnsRepository } from './returns-repository';
import { createShippingRepository } from './shipping-repository';
import { createTrackingRepository } from './tracking-repository';
import { createWeighingRepository } from './weighing-repository';

export function createRepositories(db: StationDb) {
  return {
    orders: createOrdersRepository(db),
    catalog: createCatalogRepository(db),
    intake: createIntakeRepository(db),
    labels: createLabelsRepository(db),
    meta: createMetaRepository(db),
    outbox: createOutboxRepository(db),
    packing: createPackingRepository(db),
    recovery: createRecoveryRepository(db),
    shipping: createShippingRepository(db),
    tracking: createTrackingRepository(db),
    returns: createReturnsRepository(db),
    returnIntake: createReturnIntakeRepository(db),
    weighings: createWeighingRepository(db),
    evidence: createEvidenceRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
export type { QueueFilter, SearchHit, IdMatch } from './orders-repository';
