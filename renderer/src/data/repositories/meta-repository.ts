import type { StationDb } from '../db';
import type { PracticeSeedState, Stamp } from '../rows';

const PRACTICE_SEED = 'practice-seed';

export function createMetaRepository(db: StationDb) {
  return {
    async stamp(): Promise<Stamp | undefined> {
      return (await db.meta.get('stamp'))?.value as Stamp | undefined;
    },
    async practiceSeed(): Promise<PracticeSeedState | undefined> {
      return (await db.meta.get(PRACTICE_SEED))?.value as PracticeSeedState | undefined;
    },
    async setPracticeSeed(state: PracticeSeedState): Promise<void> {
      await db.meta.put({ key: PRACTICE_SEED, value: state });
    },
  };
}

export type MetaRepository = ReturnType<typeof createMetaRepository>;
