import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { isEventName, type EventName, type Events } from '#shared/bridge/contract';
import type { DispatchResult } from '../core/handlers/dispatch';
import type { Logger } from '../core/handlers/types';
import { SECURITY_HEADERS } from '../core/security/csp';
import { readStatic } from './static-files';

export const DEFAULT_PORT = 4317;
export const LOOPBACK = '127.0.0.1';
export const TOKEN_HEADER = 'x-packbench-token';
const TOKEN_PLACEHOLDER = '__PACKBENCH_TOKEN__';

/** Per-method body caps; everything else gets the default. */
const DEFAULT_BODY_CAP = 1024 * 1024;
const BODY_CAPS: Record<string, number> = {
  'files.exportBackup': 300 * 1024 * 1024,
  'backup.write': 300 * 1024 * 1024,
};

export interface WebHostOptions {
  port: number;
  rendererDir: string;
  dispatch: (method: string, args: unknown) => Promise<DispatchResult>;
  log: Logger;
  /** Fixed token for tests; a random one per start otherwise. */
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

async function readBody(req: IncomingMessage, cap: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > cap) {
    throw new HttpError(413, 'invalid-args', `Body over ${cap} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > cap) throw new HttpError(413, 'invalid-args', `Body over ${cap} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The browser-mode host: the built renderer and the bridge over HTTP, on 127.0.0.1 only. Bridge
 * calls must carry our Host (defeats DNS rebinding), our Origin, same-origin fetch metadata and
 * the per-start token that only the page we served knows. No CORS headers are ever sent.
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  // Read per request, so a rebuild while the host runs is served at once.
  async function indexHtml(): Promise<string> {
    const raw = await readFile(join(opts.rendererDir, 'index.html'), 'utf8').catch(() => {
      throw new Error(
        `No built renderer at ${opts.rendererDir}. Run "npm run build:renderer" (npm run web does it).`,
      );
    });
    if (!raw.includes(TOKEN_PLACEHOLDER)) {
      throw new Error('renderer index.html has no token placeholder');
    }
    return raw.replace(TOKEN_PLACEHOLDER, token);
  }
  await indexHtml();
  const clients = new Set<ServerResponse>();
  let port = opts.port;
  const origin = () => `http://${LOOPBACK}:${port}`;
  const hostOk = (host: string | undefined) =>
    host === `${LOOPBACK}:${port}` || host === `localhost:${port}`;

  function checkBridgeCaller(req: IncomingMessage, url: URL) {
    if (req.headers.host !== `${LOOPBACK}:${port}`) {
      throw new HttpError(403, 'forbidden', 'Wrong Host');
    }
    if (req.headers.origin !== origin()) {
      throw new HttpError(403, 'forbidden', 'Foreign or missing Origin');
    }
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') {
      throw new HttpError(403, 'forbidden', 'Not a same-origin request');
    }
    // Header only: a token in the URL would end up in logs, history and Referer headers.
    if (url.searchParams.has('token')) {
      throw new HttpError(403, 'forbidden', 'The token goes in the x-packbench-token header only');
    }
    if (req.headers[TOKEN_HEADER] !== token) {
      throw new HttpError(403, 'forbidden', 'Missing or wrong token');
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL) {
    const method = url.pathname.slice('/api/'.length);
    if (req.method !== 'POST') throw new HttpError(405, 'invalid-args', 'POST only');
    checkBridgeCaller(req, url);
    if (method === 'events') {
      // A POST that stays open (fetch with the token header; EventSource cannot send headers).
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json(;|$)/i.test(type)) {
      throw new HttpError(415, 'invalid-args', 'Content-Type must be application/json');
    }
    const text = await readBody(req, BODY_CAPS[method] ?? DEFAULT_BODY_CAP);
    let args: unknown;
    try {
      args = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      throw new HttpError(400, 'invalid-args', 'Body is not valid JSON');
    }
    sendJson(res, 200, await opts.dispatch(method, args));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', origin());
    if (!hostOk(req.headers.host)) {
      throw new HttpError(403, 'forbidden', 'Wrong Host');
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpError(405, 'invalid-args', 'GET only');
    }
    if (req.headers.host !== `${LOOPBACK}:${port}`) {
      // One origin, one database: send localhost visitors to the canonical address.
      res.writeHead(308, { Location: `${origin()}${url.pathname}${url.search}` });
      res.end();
      return;
    }
    const file = url.pathname === '/' ? null : await readStatic(opts.rendererDir, url.pathname);
    if (file && !file.path.endsWith('index.html')) {
      send(res, 200, file.body, file.type);
      return;
    }
    if (!file && /\.[a-z0-9]+$/i.test(url.pathname)) {
      throw new HttpError(404, 'not-found', 'Not found');
    }
    // The app shell, for / and every client-side route such as /print/label/<id>.
    send(res, 200, await indexHtml(), 'text/html; charset=utf-8');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((cause: unknown) => {
      if (cause instanceof HttpError) {
        opts.log.warn('web-host: refused', {
          status: cause.status,
          reason: cause.message,
          path: (req.url ?? '').split('?')[0],
        });
        if (!res.headersSent) {
          sendJson(res, cause.status, {
            ok: false,
            error: { code: cause.code, message: cause.message },
          });
        } else res.end();
        return;
      }
      opts.log.error('web-host: internal error', { error: String(cause) });
      if (!res.headersSent) {
        sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Internal error' } });
      } else res.end();
    });
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `${origin()}/`,
    port,
    token,
    emit(event, payload) {
      if (!isEventName(event)) return;
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const c of clients) c.write(frame);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.end();
        clients.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
