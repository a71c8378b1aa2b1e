import { useRepos } from '../../data/context';
import type { Repositories } from '../../data/repositories';
import { cues, cueForSound } from '../../lib/sounds';
import { log } from '../../lib/logger';
import { bridge } from '../../platform/bridge';
import { packingStore } from '../../stores/packing-store';
import { getSessionState } from '../../stores/session-store';
import { getUiState } from '../../stores/ui-store';
import { createPackController, type PackController } from './controller';

const controllers = new WeakMap<Repositories, PackController>();

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
    });
    controllers.set(repos, c);
  }
  return c;
}

export function usePackController(): PackController {
  return packControllerFor(useRepos());
}
