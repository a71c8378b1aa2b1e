import { useLiveQuery } from 'dexie-react-hooks';
import type { AppliedSuggestion, CarrierRule } from '#shared/logic/insights/index';
import { useStationDb } from '../context';
import { createInsightsRepository } from '../repositories/insights-repository';

/** Carrier rules from applied suggestions (the ship step reorders its options by them). */
export function useCarrierRules(): CarrierRule[] | undefined {
  const db = useStationDb();
  return useLiveQuery(() => createInsightsRepository(db).carrierRules(), [db]);
}

export function useAppliedSuggestions(): AppliedSuggestion[] | undefined {
  const db = useStationDb();
  return useLiveQuery(() => createInsightsRepository(db).appliedSuggestions(), [db]);
}
