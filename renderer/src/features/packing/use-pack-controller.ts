import { useRepos } from '../../data/context';
import type { Repositories } from '../../data/repositories';
import { cues, cueForSound } from '../../lib/sounds';
import { log } from '../../lib/logger';
import { bridge } from '../../platform/bridge';
import { packingStore } from '../../stores/packing-store';
import { getSessionState } from '../../stores/session-store';
import { getUiState } from '../../stores/ui-store';
import { createPackController, type OrderLock, type PackController } from './controller';

const controllers = new WeakMap<Repositories, PackController>();

/**
 * This window's Web Lock on an order (`ifAvailable`: never waits), held until `release`. Another
 * window or tab of this station (same origin) asking for the same order gets null; the lock goes
 * away by itself when the holding window closes or crashes. Without Web Locks every order is
 * lockable and only the data layer guards (it refuses a second pack in any case).
 */
export async function lockOrderInThisWindow(orderId: string): Promise<OrderLock | null> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks?.request) return { release() {} };
  return new Promise<OrderLock | null>((resolve, reject) => {
    locks
      .request(`packbench-pack-order:${orderId}`, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(null);
          return undefined;
        }
        return new Promise<void>((release) => resolve({ release: () => release() }));
      })
      .catch(reject);
  });
}

/** The app's pack controller for a data context (one per opened database). */
export function packControllerFor(repos: Repositories): PackController {
  let c = controllers.get(repos);
  if (!c) {
    c = createPackController({
      repos,
      store: packingStore,
      who: () => {
        const s = getSessionState();
        return s.operator ? { packer: s.operator.name, station: s.stationId } : null;
      },
      setOperator: (name, badge, at) =>
        getSessionState().actions.operatorSignedIn({ name, badge, signedInAt: at }),
      now: () => Date.now(),
      play: (sound) => cues.play(cueForSound(sound), getSessionState().soundVolume),
      getOrders: async (ids) => {
        try {
          return await bridge().shop.getOrders({ ids });
        } catch (cause) {
          return { ok: false, error: { code: 'unavailable', message: String(cause) } };
        }
      },
      online: () => navigator.onLine,
      showPackScreen: () => getUiState().actions.screenOpened('pack'),
      log: (level, message, context) => log[level](message, context),
      lockOrder: lockOrderInThisWindow,
    });
    controllers.set(repos, c);
    // Another window upgrading or deleting the database: close ours, tell the packer to reload.
    repos.packing.onDatabaseReplaced((newVersion) => {
      log.warn('station database replaced by another window', { newVersion });
      packingStore.getState().actions.guardRaised({ kind: 'db-replaced' });
    });
    // Open sessions nobody worked on for half a day are closed (audited), never offered.
    const station = getSessionState().stationId;
    void repos.packing
      .closeStaleSessions({ packer: 'station', station, now: Date.now() })
      .then((closed) => {
        if (closed.length > 0) log.info('packing: stale sessions closed', { closed });
      })
      .catch((cause: unknown) => log.warn('packing: stale sessions not closed', { cause }));
  }
  return c;
}

export function usePackController(): PackController {
  return packControllerFor(useRepos());
}
