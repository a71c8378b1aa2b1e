import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { PRACTICE_SEED, practiceCatalog } from '#shared/logic/practice-data';
import { createAdmin, handleAdmin, type Admin } from './admin';
import { checkRequest, type AuthState, type Credentials } from './auth';
import { createEvents } from './events';
import { createFaults, type FaultOptionsInput } from './faults';
import { renderLabelPdf } from './label-pdf';
import { fulfillmentRoutes } from './routes-fulfillment';
import { orderRoutes } from './routes-orders';
import { handleTrackingAdmin, trackingRoutes } from './routes-tracking';
import { handleReturnsAdmin, returnRoutes } from './routes-returns';
import type { ApiAnswer, Route, RouteContext } from './routes-types';
import { createStore } from './store';
import { handleToken } from './token-routes';

/**
 * The sandbox shop: a local TikTok-Shop-compatible Open API server on 127.0.0.1, with the same
 * signing, backed by the practice-data generator. A product feature (practice mode), also what
 * the tests and benchmarks run against.
 */
export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  appKey?: string;
  appSecret?: string;
  accessToken?: string;
  refreshToken?: string;
  shopCipher?: string;
  adminToken?: string;
  seed?: number;
  orderCount?: number;
  /** Wall clock in ms; default Date.now. */
  now?: () => number;
  faults?: FaultOptionsInput;
}

export interface SandboxShop {
  baseUrl: string;
  port: number;
  /** Live: the access token changes after a refresh. */
  credentials: Credentials & { adminToken: string };
  admin: Admin;
  close(): Promise<void>;
}

// Tracking first: it serves tracking and package detail along the parcel journeys.
const ROUTES: Route[] = [...trackingRoutes, ...orderRoutes, ...fulfillmentRoutes, ...returnRoutes];
const BODY_LIMIT = 1024 * 1024;
const DOC_TTL_S = 24 * 3600;

function token(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > BODY_LIMIT) return null;
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSandboxShop(opts: SandboxOptions = {}): Promise<SandboxShop> {
  const now = opts.now ?? Date.now;
  const nowSeconds = () => Math.floor(now() / 1000);
  const credentials: Credentials = {
    appKey: opts.appKey ?? `pbsbx${token(5)}`,
    appSecret: opts.appSecret ?? token(20),
    accessToken: opts.accessToken ?? `TTP_${token(18)}`,
    refreshToken: opts.refreshToken ?? `TTP_${token(18)}`,
    shopCipher: opts.shopCipher ?? `ROW_${token(12)}`,
  };
  const adminToken = opts.adminToken ?? token(16);
  const docKey = randomBytes(32);
  const auth: AuthState = { credentials, expiredTokens: new Set(), deniedModules: new Set() };
  const store = createStore({
    seed: opts.seed ?? PRACTICE_SEED,
    orderCount: opts.orderCount ?? 500,
    nowSeconds: nowSeconds(),
    catalog: practiceCatalog(opts.seed ?? PRACTICE_SEED),
  });
  const faults = createFaults(opts.faults ?? {}, now);
  const events = createEvents(store);
  const admin = createAdmin({
    store,
    events,
    faults,
    auth,
    nowSeconds,
    newToken: () => `TTP_${token(18)}`,
  });
  const shop = {
    id: '7495103260853210000',
    name: 'Packbench Sandbox Shop',
    region: 'US',
    cipher: credentials.shopCipher,
  };
  const held = new Set<ServerResponse>();
  let baseUrl = '';
  let requestSeq = 0;

  const docSig = (pkg: string, type: string, size: string, expires: string) =>
    createHmac('sha256', docKey).update(`${pkg}|${type}|${size}|${expires}`).digest('hex');
  const docUrl = (packageId: string, q: Record<string, string>) => {
    const expires = String(nowSeconds() + DOC_TTL_S);
    const type = q.document_type ?? '';
    const size = q.document_size ?? 'A6';
    const params = new URLSearchParams({
      document_type: type,
      document_size: size,
      expires,
      sig: docSig(packageId, type, size, expires),
    });
    return `${baseUrl}/__files/labels/${packageId}.pdf?${params.toString()}`;
  };

  function sendJson(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
  }

  function envelope(answer: ApiAnswer): Record<string, unknown> {
    requestSeq += 1;
    const requestId = `${new Date(now()).toISOString().replace(/\D/g, '').slice(0, 14)}PBSBX${String(requestSeq).padStart(8, '0')}`;
    return {
      code: answer.code,
      message: answer.message,
      request_id: requestId,
      ...(answer.data !== undefined ? { data: answer.data } : {}),
    };
  }

  async function serveLabel(res: ServerResponse, url: URL): Promise<void> {
    const m = /^\/__files\/labels\/(\d{6,24})\.pdf$/.exec(url.pathname);
    const q = Object.fromEntries(url.searchParams);
    const pkg = m?.[1] ?? '';
    const expires = q.expires ?? '';
    const valid =
      m !== null &&
      q.sig !== undefined &&
      q.sig === docSig(pkg, q.document_type ?? '', q.document_size ?? '', expires) &&
      Number(expires) >= nowSeconds();
    const index = valid ? store.packageIndex(pkg) : null;
    if (index === null) {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('This document link is invalid or has expired.');
      return;
    }
    const o = store.order(index);
    const li = o.line_items[0];
    const addr = o.recipient_address;
    const pdf = await renderLabelPdf({
      trackingNumber: li?.tracking_number || 'PENDING',
      orderId: o.id,
      packageId: pkg,
      carrier: li?.shipping_provider_name || 'USPS',
      recipientName: addr?.name ?? '',
      addressLines: [
        addr?.address_line1,
        addr?.address_line2,
        addr?.postal_code,
        addr?.region_code,
      ].filter((l): l is string => typeof l === 'string' && l.length > 0),
      itemCount: o.line_items.length,
      size: q.document_size === 'A5' ? 'A5' : 'A6',
      documentType: q.document_type ?? 'SHIPPING_LABEL',
      createdAt: (store.extra(index).shippedAt ?? o.update_time) * 1000,
    });
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(pdf.length) });
    res.end(Buffer.from(pdf));
  }

  async function serveApi(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    raw: string,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    events.applyDue(nowSeconds());
    const latency =
      faults.options.latencyMs + (faults.take(['latency'], method, path)?.latencyMs ?? 0);
    if (latency > 0) await delay(latency);
    if (!faults.admit()) {
      const retry = faults.retryAfterSeconds();
      sendJson(res, 429, envelope({ code: 36009002, message: 'Too many requests.' }), {
        'retry-after': String(retry),
      });
      return;
    }
    const pre = faults.take(['http-500', 'http-503', 'http-429', 'timeout'], method, path);
    if (pre?.kind === 'http-500')
      return sendJson(res, 500, envelope({ code: 36009003, message: 'Internal error.' }));
    if (pre?.kind === 'http-503') {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<html><body>503 Service Temporarily Unavailable</body></html>');
      return;
    }
    if (pre?.kind === 'http-429') {
      const retry = String(pre.retryAfterSeconds ?? 1);
      return sendJson(res, 429, envelope({ code: 36009002, message: 'Too many requests.' }), {
        'retry-after': retry,
      });
    }
    if (pre?.kind === 'timeout') {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    const candidates = ROUTES.filter((r) => r.pattern.test(path));
    const route = candidates.find((r) => r.method === method);
    if (!route) {
      const answer =
        candidates.length > 0
          ? { code: 36009010, message: `Invalid method ${method} for ${path}.` }
          : { code: 36009009, message: `Invalid path ${path}.` };
      return sendJson(res, 404, envelope(answer));
    }
    const query = Object.fromEntries(url.searchParams);
    const header = req.headers['x-tts-access-token'];
    const rejection = checkRequest({
      state: auth,
      path,
      query,
      rawBody: raw,
      contentType: req.headers['content-type'],
      accessToken: typeof header === 'string' ? header : undefined,
      nowSeconds: nowSeconds(),
    });
    if (rejection) return sendJson(res, rejection.httpStatus, envelope(rejection));
    let body: unknown = undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        return sendJson(
          res,
          200,
          envelope({ code: 36009004, message: 'Invalid param error: body is not JSON.' }),
        );
      }
    }
    const idem = req.headers['x-packbench-idempotency-key'];
    const ctx: RouteContext = {
      method,
      path,
      params: route.pattern.exec(path)?.slice(1) ?? [],
      query,
      body,
      nowSeconds: nowSeconds(),
      nowMs: now(),
      idempotencyKey:
        typeof idem === 'string' ? idem.slice(0, 255) : (query.idempotency_key ?? null),
      store,
      faults,
      docUrl,
      shop,
    };
    const answer = route.handle(ctx);
    const post = faults.take(['drop-after-write', 'malformed-json'], method, path);
    if (post?.kind === 'drop-after-write') {
      // The change is applied; the client never hears about it.
      req.socket.destroy();
      return;
    }
    if (post?.kind === 'malformed-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(envelope(answer)).slice(0, 40));
      return;
    }
    sendJson(res, answer.httpStatus ?? 200, envelope(answer));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    if (raw === null)
      return sendJson(
        res,
        413,
        envelope({ code: 36009004, message: 'Invalid param error: body too large.' }),
      );
    if (url.pathname.startsWith('/__admin/')) {
      const given =
        req.headers['x-admin-token'] ?? req.headers.authorization?.replace(/^Bearer /, '');
      if (given !== adminToken)
        return sendJson(res, 401, { ok: false, error: 'admin token required' });
      let body: unknown;
      try {
        body = raw.length > 0 ? (JSON.parse(raw) as unknown) : undefined;
      } catch {
        return sendJson(res, 400, { ok: false, error: 'body is not JSON' });
      }
      if (url.pathname.startsWith('/__admin/returns')) {
        const a = handleReturnsAdmin(store, req.method ?? 'GET', url.pathname, body, nowSeconds());
        return sendJson(res, a.status, a.body);
      }
      const answer =
        handleTrackingAdmin(store, req.method ?? 'GET', url.pathname, body, nowSeconds()) ??
        handleAdmin(admin, req.method ?? 'GET', url.pathname, body);
      return sendJson(res, answer.status, answer.body);
    }
    if (url.pathname.startsWith('/__files/')) return serveLabel(res, url);
    if (url.pathname.startsWith('/api/v2/token/')) {
      return sendJson(
        res,
        200,
        envelope(handleToken(auth, url, nowSeconds(), () => `TTP_${token(18)}`)),
      );
    }
    return serveApi(req, res, url, raw);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((cause: unknown) => {
      if (!res.headersSent)
        sendJson(
          res,
          500,
          envelope({ code: 36009003, message: `Internal error: ${String(cause)}` }),
        );
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    port,
    credentials: Object.defineProperty({ ...credentials, adminToken }, 'accessToken', {
      get: () => credentials.accessToken,
      enumerable: true,
    }),
    admin,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
