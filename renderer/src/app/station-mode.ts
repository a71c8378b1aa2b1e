import { LIVE_DB_NAME, PRACTICE_DB_NAME } from '../data/db';
import { bridge } from '../platform/bridge';

export interface StationMode {
  practice: boolean;
  dbName: string;
}

const KEY = 'packbench.stationMode';

function modeOf(practice: boolean): StationMode {
  return { practice, dbName: practice ? PRACTICE_DB_NAME : LIVE_DB_NAME };
}

/**
 * Which shop this station serves, and so which database it opens: a connected shop's orders live
 * in `packbench`, the practice shop's in `packbench-practice`, never mixed. The host decides; when
 * it cannot be asked, the last known mode is kept (so an offline live station stays live).
 */
export async function resolveStationMode(): Promise<StationMode> {
  const res = await bridge().shop.status({});
  if (res.ok) {
    const practice = res.value.mode !== 'connected';
    try {
      localStorage.setItem(KEY, practice ? 'practice' : 'live');
    } catch {
      // Storage full or blocked: the mode is still right for this start.
    }
    return modeOf(practice);
  }
  return modeOf(lastKnownMode() !== 'live');
}

function lastKnownMode(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
