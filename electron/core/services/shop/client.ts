import { z } from 'zod';
import { err, ok, type Result } from '#shared/utils/result';
import {
  backoffDelayMs,
  classifyResponse,
  classifyTransportError,
  parseRetryAfter,
  type Outcome,
  type ShopAction,
  type ShopReason,
} from './errors';
import { signRequest } from './signer';

/**
 * The signed TikTok Shop Open API client (202309+): common parameters, `x-tts-access-token`,
 * one serialisation of the JSON body that is both signed and sent, re-signing on every attempt,
 * retries for reads and throttling, token refresh, and every failure as a classified value.
 */
export interface ShopClientConfig {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  shopCipher: string;
}

export interface TokenSource {
  current(): string;
  /** Called once per request on an expired token; resolves true when a fresh token is in place. */
  refresh?(): Promise<boolean>;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface ShopClientDeps {
  config: ShopClientConfig;
  tokens: TokenSource;
  fetch: FetchLike;
  /** Wall clock in milliseconds; stamped into every attempt. */
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Per-attempt timeout; default 20 s. */
  timeoutMs?: number;
  /** Attempts for retryable and rate-limited outcomes, including the first; default 6. */
  maxAttempts?: number;
  /** Extra headers on every call (never signed). */
  headers?: Record<string, string>;
}

export interface ShopCallError extends Outcome {
  code: number | null;
  message: string;
  httpStatus: number | null;
  requestId: string | null;
  attempts: number;
  /** The last answer's Retry-After, in ms, when it had one (kept when retries run out). */
  retryAfterMs?: number;
}

export type ShopResult<T> = Result<T, ShopCallError>;

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface CallSpec<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Writes are never blindly retried after they may have been applied. */
  write: boolean;
  /** Shape of `data`; a mismatch counts as a malformed response. */
  data: z.ZodType<T>;
  /** Extra headers for this call only (never signed). */
  headers?: Record<string, string>;
}

const Envelope = z.object({
  code: z.number().int(),
  message: z.string().default(''),
  request_id: z.string().optional(),
  data: z.unknown().optional(),
});

/** §3.2: `shop_cipher` is forbidden on these path prefixes and required everywhere else. */
export function cipherAllowed(path: string): boolean {
  return !/^\/(authorization|seller)\//.test(path) && !path.startsWith('/api/');
}

export function localError(reason: ShopReason, action: ShopAction, message: string): ShopCallError {
  return { action, reason, code: null, message, httpStatus: null, requestId: null, attempts: 0 };
}

function queryStrings(query: Record<string, QueryValue> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    out[key] = typeof value === 'object' ? value.join(',') : String(value);
  }
  return out;
}

export function createShopClient(deps: ShopClientDeps) {
  const timeoutMs = deps.timeoutMs ?? 20_000;
  const maxAttempts = deps.maxAttempts ?? 6;
  const base = deps.config.baseUrl.replace(/\/+$/, '');

  interface Attempt {
    outcome: Outcome;
    data?: unknown;
    code: number | null;
    message: string;
    httpStatus: number | null;
    requestId: string | null;
    retryAfterMs?: number;
  }

  async function attempt<T>(spec: CallSpec<T>): Promise<Attempt> {
    const query = queryStrings(spec.query);
    query.app_key = deps.config.appKey;
    query.timestamp = String(Math.floor(deps.now() / 1000));
    if (cipherAllowed(spec.path)) query.shop_cipher = deps.config.shopCipher;
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const contentType = 'application/json';
    query.sign = signRequest({
      appSecret: deps.config.appSecret,
      path: spec.path,
      query,
      ...(body !== undefined ? { body } : {}),
      contentType,
    });
    const url = `${base}${spec.path}?${new URLSearchParams(query).toString()}`;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await deps.fetch(url, {
        method: spec.method,
        headers: {
          ...deps.headers,
          ...spec.headers,
          'content-type': contentType,
          'x-tts-access-token': deps.tokens.current(),
        },
        ...(body !== undefined ? { body } : {}),
        signal: controller.signal,
      });
      text = await response.text();
    } catch (cause) {
      const outcome = classifyTransportError(cause, spec.write, timedOut);
      return {
        outcome,
        code: null,
        message: timedOut ? `No answer within ${timeoutMs} ms` : describe(cause),
        httpStatus: null,
        requestId: null,
      };
    } finally {
      clearTimeout(timer);
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), deps.now());
    let envelope: z.infer<typeof Envelope> | null = null;
    try {
      const parsed = Envelope.safeParse(JSON.parse(text));
      if (parsed.success) envelope = parsed.data;
    } catch {
      // Not JSON: classified below as a malformed response.
    }
    const outcome = classifyResponse({ httpStatus: response.status, envelope, write: spec.write });
    const common = {
      code: envelope?.code ?? null,
      httpStatus: response.status,
      requestId: envelope?.request_id ?? null,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
    if (outcome.action !== 'done' || outcome.reason !== 'ok') {
      const message = envelope
        ? envelope.message
        : `HTTP ${response.status} with a body that is not a TikTok Shop envelope`;
      return { outcome, message, ...common };
    }
    const data = spec.data.safeParse(envelope?.data ?? {});
    if (!data.success) {
      const reason: ShopReason = 'malformed-response';
      return {
        outcome: { reason, action: spec.write ? 'ambiguous' : 'retryable' },
        message: `Unexpected data shape: ${data.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
        ...common,
      };
    }
    return { outcome, data: data.data, message: envelope?.message ?? '', ...common };
  }

  async function call<T>(spec: CallSpec<T>): Promise<ShopResult<T>> {
    let refreshed = false;
    let resigned = false;
    let retries = 0;
    for (let attempts = 1; ; attempts += 1) {
      const a = await attempt(spec);
      if (a.outcome.action === 'done' && a.outcome.reason === 'ok') return ok(a.data as T);
      const error: ShopCallError = {
        ...a.outcome,
        code: a.code,
        message: a.message,
        httpStatus: a.httpStatus,
        requestId: a.requestId,
        attempts,
        ...(a.retryAfterMs !== undefined ? { retryAfterMs: a.retryAfterMs } : {}),
      };
      if (attempts >= maxAttempts) return err(error);
      if (a.outcome.reason === 'token-expired' && !refreshed && deps.tokens.refresh) {
        refreshed = true;
        if (await deps.tokens.refresh()) continue;
        return err(error);
      }
      if (a.outcome.reason === 'clock-skew') {
        // Re-stamp and re-sign once; a second rejection means the station clock is wrong.
        if (resigned) return err(error);
        resigned = true;
        continue;
      }
      if (a.outcome.action === 'rate-limited' || a.outcome.action === 'retryable') {
        await deps.sleep(backoffDelayMs(retries, deps.random, a.retryAfterMs));
        retries += 1;
        continue;
      }
      return err(error);
    }
  }

  return { call, config: deps.config };
}
export type ShopClient = ReturnType<typeof createShopClient>;

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    return inner instanceof Error ? `${cause.message}: ${inner.message}` : cause.message;
  }
  return String(cause);
}

/**
 * Cursor pagination (§4): calls `page` with the previous `next_page_token` until it is empty.
 * Stops at the first error and returns it with what was collected so far.
 */
export async function collectPages<P extends { nextPageToken: string }, I>(
  page: (token: string | undefined) => Promise<ShopResult<P>>,
  items: (p: P) => readonly I[],
  maxPages = 10_000,
): Promise<{ items: I[]; error: ShopCallError | null; pages: number }> {
  const out: I[] = [];
  let token: string | undefined;
  for (let n = 0; n < maxPages; n += 1) {
    const r = await page(token);
    if (!r.ok) return { items: out, error: r.error, pages: n };
    out.push(...items(r.value));
    if (r.value.nextPageToken === '') return { items: out, error: null, pages: n + 1 };
    token = r.value.nextPageToken;
  }
  return {
    items: out,
    error: localError('client-bug', 'permanent', `Stopped after ${maxPages} pages`),
    pages: maxPages,
  };
}
