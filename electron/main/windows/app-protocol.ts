import { contentType, resolveInside } from '../../core/services/paths';
import { SECURITY_HEADERS } from '../../core/security/csp';
import { APP_HOST, APP_SCHEME } from '../app-origin';

/** index.html carries this in a meta tag; the web host puts its per-launch token there. */
export const TOKEN_PLACEHOLDER = '__PACKBENCH_TOKEN__';
/** In Electron the preload is the transport, so the page gets a fixed marker instead of a token. */
export const IPC_TOKEN = 'ipc';

export type AppRequestTarget =
  { kind: 'file'; path: string } | { kind: 'refused'; status: 403 | 404; reason: string };

const INDEX = 'index.html';

type Body = ConstructorParameters<typeof Response>[0];

/**
 * Maps an `app://bundle/...` URL to a file inside `rendererDir`. Refuses other schemes and hosts,
 * credentials, ports, traversal (plain or percent-encoded), absolute and drive-letter paths, NUL
 * bytes and backslashes. Paths whose last segment has no extension are client-side routes and
 * get index.html.
 */
export function resolveAppRequest(rendererDir: string, rawUrl: string): AppRequestTarget {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { kind: 'refused', status: 403, reason: 'unparseable URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { kind: 'refused', status: 403, reason: 'unknown scheme or host' };
  }
  if (url.username !== '' || url.password !== '') {
    return { kind: 'refused', status: 403, reason: 'credentials in URL' };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', status: 403, reason: 'bad percent-encoding' };
  }
  const rel = decoded.replace(/^\//, '');
  if (rel.startsWith('/') || /^[a-zA-Z]:/.test(rel)) {
    return { kind: 'refused', status: 403, reason: 'absolute path' };
  }
  // Dot segments that survive URL parsing were percent-encoded (`..%2f`); refuse them outright
  // rather than letting normalisation quietly clamp them to the bundle root.
  if (rel.split(/[/\\]/).includes('..')) {
    return { kind: 'refused', status: 403, reason: 'path traversal' };
  }
  const full = resolveInside(rendererDir, url.pathname);
  if (full === null) return { kind: 'refused', status: 403, reason: 'path outside the bundle' };
  const last = rel.split('/').pop() ?? '';
  if (rel === '' || !last.includes('.')) {
    const index = resolveInside(rendererDir, INDEX);
    return index === null
      ? { kind: 'refused', status: 404, reason: 'no index' }
      : { kind: 'file', path: index };
  }
  return { kind: 'file', path: full };
}

export interface AppProtocolDeps {
  rendererDir: string;
  /** Injected so tests can use a temp dir; `fs/promises.readFile` in the app. */
  readFile: (path: string) => Promise<Uint8Array>;
  onRefused?: (url: string, reason: string) => void;
}

function respond(status: number, body: Body, type: string): Response {
  return new Response(body, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-cache' },
  });
}

function isMissing(cause: unknown): boolean {
  const code = (cause as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

/**
 * The `protocol.handle('app', …)` handler: serves the built renderer with the same security
 * headers as the web host. HTML gets the token placeholder replaced by {@link IPC_TOKEN}.
 */
export function createAppProtocolHandler(deps: AppProtocolDeps) {
  return async function handleAppRequest(request: Request): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return respond(405, 'Method not allowed', 'text/plain; charset=utf-8');
    }
    const target = resolveAppRequest(deps.rendererDir, request.url);
    if (target.kind === 'refused') {
      deps.onRefused?.(request.url.slice(0, 300), target.reason);
      return respond(target.status, null, 'text/plain; charset=utf-8');
    }
    let bytes: Uint8Array;
    try {
      bytes = await deps.readFile(target.path);
    } catch (cause) {
      if (isMissing(cause)) return respond(404, null, 'text/plain; charset=utf-8');
      throw cause;
    }
    const type = contentType(target.path);
    const body: Body = type.startsWith('text/html')
      ? new TextDecoder().decode(bytes).replaceAll(TOKEN_PLACEHOLDER, IPC_TOKEN)
      : new Uint8Array(bytes);
    return respond(200, request.method === 'HEAD' ? null : body, type);
  };
}
