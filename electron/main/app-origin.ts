/**
 * The one origin the UI is served from. IndexedDB is keyed by origin, so the scheme and host must
 * never change between versions (reference/reliability.md §2.3).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * `scheme://host[:port]` of a URL, or null when it has none (javascript:, data:, file:, about:)
 * or carries credentials. `URL.origin` is the string "null" for custom schemes in Node, so the
 * origin is built from protocol and host instead.
 */
export function originOf(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '' || url.host === '') return null;
  return `${url.protocol}//${url.host}`;
}

/** True only for URLs on exactly `app://bundle` (no port, no credentials, no look-alike host). */
export function isAppUrl(raw: string): boolean {
  return originOf(raw) === APP_ORIGIN;
}
