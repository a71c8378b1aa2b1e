import type { Screen } from '../../stores/ui-store';

/**
 * Screens that take every scan themselves (instead of "open the order on the Pack screen"): the
 * screen registers a handler while it is shown, and the scanner listener hands it the scan text.
 */
const handlers = new Map<Screen, (text: string) => void>();

export function registerScreenScanHandler(
  screen: Screen,
  handle: (text: string) => void,
): () => void {
  handlers.set(screen, handle);
  return () => {
    if (handlers.get(screen) === handle) handlers.delete(screen);
  };
}

export function screenScanHandler(screen: Screen): ((text: string) => void) | undefined {
  return handlers.get(screen);
}
