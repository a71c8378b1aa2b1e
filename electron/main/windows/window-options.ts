import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowState } from './window-state';

export const MIN_WIDTH = 960;
export const MIN_HEIGHT = 600;
export const DEFAULT_WIDTH = 1280;
export const DEFAULT_HEIGHT = 800;
/** Matches the renderer's first paint so a slow start shows no white flash. */
export const BACKGROUND_COLOR = '#111418';

export interface WindowOptionsInput {
  /** Absolute path of out/preload/index.cjs. */
  preloadPath: string;
  /** Remembered, already clamped bounds; null for a first start. */
  state: WindowState | null;
}

/**
 * BrowserWindow options with Electron's security checklist made explicit (reference/reliability.md
 * §3, items 2–4, 6, 8–10). Pure, so a snapshot test pins every security-relevant value.
 */
export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const placement = input.state
    ? {
        x: input.state.x,
        y: input.state.y,
        width: input.state.width,
        height: input.state.height,
      }
    : { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT, center: true };
  return {
    ...placement,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'Packbench',
    backgroundColor: BACKGROUND_COLOR,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
