import { isAppUrl } from '../app-origin';

/**
 * Web permissions the UI may use, and only from `app://bundle`. `persistent-storage` lets
 * `navigator.storage.persist()` protect IndexedDB from eviction (reference/reliability.md §2.3).
 * `hid`: USB postal scales through WebHID; `media`: the bench camera (evidence photos; the web
 * host's Permissions-Policy allows the camera only, never the microphone). Everything else is denied.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['persistent-storage', 'hid', 'media'];

export function decidePermission(
  permission: string,
  requestingUrl: string,
  allowed: readonly string[] = ALLOWED_PERMISSIONS,
): boolean {
  return allowed.includes(permission) && isAppUrl(requestingUrl);
}

export interface PermissionLog {
  info(message: string, context?: Record<string, unknown>): void;
}

/** For `session.setPermissionRequestHandler`. */
export function createPermissionRequestHandler(log: PermissionLog) {
  return function onPermissionRequest(
    _webContents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details: { requestingUrl?: string },
  ): void {
    const url = details.requestingUrl ?? '';
    const granted = decidePermission(permission, url);
    if (!granted) log.info('security: permission denied', { permission, url: url.slice(0, 200) });
    callback(granted);
  };
}

/** For `session.setPermissionCheckHandler`: synchronous checks use the same decision. */
export function createPermissionCheckHandler() {
  return function onPermissionCheck(
    _webContents: unknown,
    permission: string,
    requestingOrigin: string,
  ): boolean {
    return decidePermission(permission, requestingOrigin);
  };
}
