/**
 * Outcome classification for TikTok Shop responses (`reliability.md` §1.2, `tiktok-shop-api.md`
 * §7, §8). Every response or transport failure maps to one action and one specific reason.
 */
export type ShopAction = 'done' | 'retryable' | 'rate-limited' | 'auth' | 'permanent' | 'ambiguous';

export type ShopReason =
  | 'ok'
  | 'already-shipped'
  | 'bad-signature'
  | 'token-expired'
  | 'token-invalid'
  | 'bad-app-key'
  | 'missing-scope'
  | 'reauthorize'
  | 'clock-skew'
  | 'cipher-missing'
  | 'cipher-unexpected'
  | 'invalid-param'
  | 'client-bug'
  | 'ip-not-allowed'
  | 'not-in-shop'
  | 'rate-limited'
  | 'server-error'
  | 'label-not-ready'
  | 'cancelled'
  | 'pending-cancel-request'
  | 'wrong-status'
  | 'invalid-tracking'
  | 'update-window'
  | 'not-applicable'
  | 'address-or-package'
  | 'not-found'
  | 'unknown-code'
  | 'no-network'
  | 'timeout'
  | 'connection-reset'
  | 'malformed-response'
  | 'http-error';

export interface Outcome {
  action: ShopAction;
  reason: ShopReason;
}

/** Per-code reasons; the action follows from the reason (and, for some, from read vs write). */
const CODE_REASONS: ReadonlyArray<readonly [ShopReason, readonly number[]]> = [
  ['already-shipped', [21011040, 21011020, 21011006, 21042056, 21008099, 21023046, 21011027]],
  ['bad-signature', [106001]],
  ['token-expired', [105002]],
  ['token-invalid', [101000]],
  ['missing-scope', [105005]],
  ['reauthorize', [36004001, 36004004, 36004005]],
  ['cipher-missing', [106013]],
  ['client-bug', [36009009, 36009010, 36009014, 36009022, 36009023]],
  ['ip-not-allowed', [36009033]],
  ['not-in-shop', [21008111]],
  ['rate-limited', [36009002]],
  ['server-error', [36009003, 36009007]],
  ['label-not-ready', [11034037, 11034023, 21023022, 11006010]],
  ['cancelled', [21011041, 21023059]],
  ['pending-cancel-request', [21011007, 21008044, 21021010]],
  ['wrong-status', [21042057, 21023035, 21042104, 21042102]],
  ['invalid-tracking', [21011022, 21011025, 21034012, 21011026, 21004012, 21004015, 11028006]],
  ['update-window', [21011050, 21011051, 21011004, 21011030]],
  ['not-applicable', [21008017, 11034002, 21008043, 21008025, 21008106]],
  ['address-or-package', [11021009, 11006013, 11006014, ...range(11021010, 11021025)]],
  ['not-found', [21011001, 21011028, 21011048, 21022025]],
];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const BY_CODE = new Map<number, ShopReason>(
  CODE_REASONS.flatMap(([reason, codes]) => codes.map((c) => [c, reason] as const)),
);

/** `36009004` is overloaded: branch on the message (§7.1). */
function reasonFor36009004(message: string): ShopReason {
  const m = message.toLowerCase();
  if (m.includes('timestamp')) return 'clock-skew';
  if (m.includes('unexpected identifier')) return 'cipher-unexpected';
  if (m.includes('access_token') || m.includes('access-token') || m.includes('access token')) {
    return 'token-invalid';
  }
  if (m.includes('app_key') || m.includes('app key')) return 'bad-app-key';
  if (m.includes('signature') || m.includes('sign ')) return 'bad-signature';
  if (m.includes('shop_id')) return 'reauthorize';
  return 'invalid-param';
}

export function reasonForCode(code: number, message: string): ShopReason {
  if (code === 0) return 'ok';
  if (code === 36009004) return reasonFor36009004(message);
  return BY_CODE.get(code) ?? 'unknown-code';
}

/** The action a reason implies; transport-ish reasons depend on whether the call was a write. */
export function actionForReason(reason: ShopReason, write: boolean): ShopAction {
  switch (reason) {
    case 'ok':
    case 'already-shipped':
      return 'done';
    case 'bad-signature':
    case 'token-expired':
    case 'token-invalid':
    case 'bad-app-key':
    case 'missing-scope':
    case 'reauthorize':
      return 'auth';
    case 'rate-limited':
      return 'rate-limited';
    case 'clock-skew':
    case 'label-not-ready':
    case 'no-network':
      // Nothing was applied: a timestamp rejection or a refused connection is safe to resend.
      return 'retryable';
    case 'server-error':
    case 'timeout':
    case 'connection-reset':
    case 'malformed-response':
      return write ? 'ambiguous' : 'retryable';
    case 'cipher-missing':
    case 'cipher-unexpected':
    case 'invalid-param':
    case 'client-bug':
    case 'ip-not-allowed':
    case 'not-in-shop':
    case 'cancelled':
    case 'pending-cancel-request':
    case 'wrong-status':
    case 'invalid-tracking':
    case 'update-window':
    case 'not-applicable':
    case 'address-or-package':
    case 'not-found':
    case 'unknown-code':
    case 'http-error':
      return 'permanent';
  }
}

/** Classifies a decoded envelope (or its absence) together with the HTTP status. */
export function classifyResponse(input: {
  httpStatus: number;
  /** null when the body was not a valid envelope (malformed JSON, HTML error page, …). */
  envelope: { code: number; message: string } | null;
  write: boolean;
}): Outcome {
  const { httpStatus, envelope, write } = input;
  if (httpStatus === 429) return { action: 'rate-limited', reason: 'rate-limited' };
  if (envelope) {
    const reason = reasonForCode(envelope.code, envelope.message);
    if (reason === 'unknown-code' && httpStatus >= 500) {
      return { action: actionForReason('server-error', write), reason: 'server-error' };
    }
    return { action: actionForReason(reason, write), reason };
  }
  if (httpStatus >= 500) {
    return { action: actionForReason('server-error', write), reason: 'server-error' };
  }
  if (httpStatus === 401 || httpStatus === 403) return { action: 'auth', reason: 'token-invalid' };
  if (httpStatus >= 400) return { action: 'permanent', reason: 'http-error' };
  // A 2xx/3xx whose body is not a valid envelope.
  return { action: actionForReason('malformed-response', write), reason: 'malformed-response' };
}

/** Classifies a failure where no HTTP response arrived. */
export function classifyTransportError(cause: unknown, write: boolean, timedOut: boolean): Outcome {
  if (timedOut) return { action: actionForReason('timeout', write), reason: 'timeout' };
  const code = errorCode(cause);
  const beforeSend = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'UND_ERR_CONNECT_TIMEOUT',
  ]);
  if (code !== undefined && beforeSend.has(code))
    return { action: 'retryable', reason: 'no-network' };
  // Reset, "other side closed" and anything unknown: the request may have been applied.
  return { action: actionForReason('connection-reset', write), reason: 'connection-reset' };
}

function errorCode(cause: unknown): string | undefined {
  let current: unknown = cause;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const record = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof record.code === 'string') return record.code;
    if (Array.isArray(record.errors) && record.errors.length > 0) {
      current = record.errors[0];
      continue;
    }
    current = record.cause;
  }
  return undefined;
}

/** §8: `min(1 s × 2^retry + U(0, 0.5 s), 60 s)`, or the server's Retry-After when it gives one. */
export function backoffDelayMs(retry: number, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(retryAfterMs, 300_000);
  return Math.min(1000 * 2 ** retry + random() * 500, 60_000);
}

/** Retry-After is delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
