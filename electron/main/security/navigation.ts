import { isAppUrl } from '../app-origin';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface NavigationEvent extends PreventableEvent {
  readonly url: string;
}

export interface GuardLog {
  warn(message: string, context?: Record<string, unknown>): void;
}

/** Hosts a link in the UI may open in the system browser (https only, exact host match). */
export const EXTERNAL_HOSTS: readonly string[] = ['seller-us.tiktok.com', 'partner.tiktokshop.com'];

function clip(url: string): string {
  return url.slice(0, 200);
}

/**
 * `will-navigate` / `will-redirect`: the window may only ever show `app://bundle`. Anything else
 * (https://evil, app://bundle.evil, javascript:, file:, data:) is prevented. Returns whether the
 * navigation was allowed.
 */
export function guardNavigation(event: NavigationEvent, log: GuardLog): boolean {
  if (isAppUrl(event.url)) return true;
  event.preventDefault();
  log.warn('security: navigation blocked', { url: clip(event.url) });
  return false;
}

/** True for `https://<allow-listed host>/…` without credentials or a non-default port. */
export function isAllowedExternalUrl(
  raw: string,
  hosts: readonly string[] = EXTERNAL_HOSTS,
): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    hosts.includes(url.hostname)
  );
}

export interface WindowOpenDeps {
  /** `shell.openExternal` in the app; only ever called with an allow-listed https URL. */
  openExternal: (url: string) => Promise<void>;
  log: GuardLog;
  hosts?: readonly string[];
}

/**
 * `setWindowOpenHandler`: never opens an Electron window. Allow-listed https links go to the
 * system browser; everything else is dropped and logged.
 */
export function createWindowOpenHandler(deps: WindowOpenDeps) {
  return function handleWindowOpen(details: { url: string }): { action: 'deny' } {
    if (isAllowedExternalUrl(details.url, deps.hosts)) {
      deps.openExternal(details.url).catch((cause: unknown) => {
        deps.log.warn('security: openExternal failed', { error: String(cause) });
      });
    } else {
      deps.log.warn('security: window.open blocked', { url: clip(details.url) });
    }
    return { action: 'deny' };
  };
}

/** `will-attach-webview`: the app has no <webview>, so every attach is cancelled. */
export function guardWebviewAttach(event: PreventableEvent, log: GuardLog): void {
  event.preventDefault();
  log.warn('security: webview attach blocked');
}

/** The part of `WebContents` the guards attach to; a fake in tests, the real one in the app. */
export interface GuardTarget {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Applied from `app.on('web-contents-created')`, so every webContents gets every guard. */
export function applyWebContentsGuards(contents: GuardTarget, deps: WindowOpenDeps): void {
  contents.on('will-navigate', (event) => {
    guardNavigation(event, deps.log);
  });
  contents.on('will-redirect', (event) => {
    guardNavigation(event, deps.log);
  });
  contents.on('will-attach-webview', (event) => guardWebviewAttach(event, deps.log));
  contents.setWindowOpenHandler(createWindowOpenHandler(deps));
}
