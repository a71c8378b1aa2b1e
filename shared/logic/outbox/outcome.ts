import type { BackoffOptions, Random } from './backoff';
import { fullJitterDelay, rateLimitDelay } from './backoff';
import type { ShopFailure, UpstreamDecision, UpstreamSnapshot } from './classify';
import { CANCELLED_CODES, AFTER_SALE_CODES, WINDOW_CODES, classifyFailure } from './classify';
import type { Hold } from './gates';
import { extendHold } from './gates';
import type { ConflictState, OutboxError, OutboxRow, OutboxState, RowPatch } from './row';

/**
 * Outcome → next state, as pure functions. The engine claims a row (pending → inflight counts an
 * attempt) before it sends; answers that say "nothing was applied, and it is not this row's
 * fault" (offline, rate limit, auth) give the attempt back, so a day offline kills nothing.
 */

export interface OutcomeContext {
  now: number;
  random: Random;
  maxAttempts: number;
  backoff: BackoffOptions;
  /** Hold on every request while the host is unreachable. */
  offline: Hold;
  /** Hold on every request after a 429. */
  rateLimit: Hold;
  /** How often a row on an ON_HOLD/UNPAID order is read back again. */
  holdRecheckMs: number;
  /** After this long since creation, a row still waiting on ON_HOLD/UNPAID is dead. */
  holdDeadlineMs: number;
}

export type GateEffect =
  | { gate: 'none' }
  | { gate: 'auth'; reason: string }
  | { gate: 'offline'; hold: Hold }
  | { gate: 'rate-limit'; hold: Hold };

export interface NextStep {
  patch: RowPatch & { state: OutboxState };
  effect: GateEffect;
  /** Short machine-readable reason for logs and the audit trail. */
  reason: string;
}

export function errorOf(failure: ShopFailure, at: number): OutboxError {
  switch (failure.type) {
    case 'network':
      return {
        code: failure.sent ? 'NETWORK_AFTER_SEND' : 'NETWORK',
        message: failure.message,
        at,
      };
    case 'malformed':
      return { code: 'MALFORMED', message: failure.message, at };
    case 'api':
      return {
        code: failure.code !== 0 ? String(failure.code) : `HTTP_${failure.httpStatus}`,
        message: failure.message,
        at,
      };
  }
}

/** A conflict the shop named by code on a write; the read-back confirms or absorbs it. */
export function conflictHint(error: OutboxError | null): ConflictState | null {
  if (!error || !/^\d+$/.test(error.code)) return null;
  const code = Number(error.code);
  const cancelled: readonly number[] = [...CANCELLED_CODES, ...AFTER_SALE_CODES];
  if (cancelled.includes(code)) return 'conflict-cancelled';
  if ((WINDOW_CODES as readonly number[]).includes(code)) return 'conflict-window';
  return null;
}

function retryState(from: 'inflight' | 'verify'): OutboxState {
  // A row that was being verified is still unverified; a refused send applied nothing.
  return from === 'inflight' ? 'pending' : 'verify';
}

/** A failed send (`from: 'inflight'`) or a failed read-back (`from: 'verify'`). */
export function afterFailure(
  row: OutboxRow,
  from: 'inflight' | 'verify',
  failure: ShopFailure,
  ctx: OutcomeContext,
): NextStep {
  const { now } = ctx;
  const op = from === 'inflight' ? 'write' : 'read';
  const lastError = errorOf(failure, now);
  const cls = classifyFailure(failure, op);
  // The claim counted a send; a failed read-back counts here.
  const counted = from === 'inflight' ? row.attempts : row.attempts + 1;
  const uncounted = from === 'inflight' ? Math.max(0, row.attempts - 1) : row.attempts;
  const base = { lastError, updatedAt: now };

  const retry = (state: OutboxState, reason: string, delayFloor = 0): NextStep => {
    if (counted >= ctx.maxAttempts) {
      return {
        patch: { ...base, state: 'dead', attempts: counted, nextAttemptAt: now },
        effect: { gate: 'none' },
        reason: `${reason}; ${counted} attempts`,
      };
    }
    const delay = Math.max(delayFloor, fullJitterDelay(counted - 1, ctx.random, ctx.backoff));
    return {
      patch: { ...base, state, attempts: counted, nextAttemptAt: now + delay },
      effect: { gate: 'none' },
      reason,
    };
  };

  switch (cls.class) {
    case 'offline': {
      const wait = fullJitterDelay(ctx.offline.streak, ctx.random, ctx.backoff);
      const hold = extendHold(ctx.offline, now, Math.max(wait, ctx.backoff.baseMs));
      return {
        patch: { ...base, state: retryState(from), attempts: uncounted, nextAttemptAt: hold.until },
        effect: { gate: 'offline', hold },
        reason: 'offline',
      };
    }
    case 'rate-limited': {
      const wait = rateLimitDelay(ctx.rateLimit.streak, cls.retryAfterMs, ctx.random);
      const hold = extendHold(ctx.rateLimit, now, wait);
      return {
        patch: { ...base, state: retryState(from), attempts: uncounted, nextAttemptAt: hold.until },
        effect: { gate: 'rate-limit', hold },
        reason: 'rate-limited',
      };
    }
    case 'auth':
      return {
        patch: { ...base, state: retryState(from), attempts: uncounted, nextAttemptAt: now },
        effect: { gate: 'auth', reason: lastError.message },
        reason: 'auth',
      };
    case 'permanent':
      return {
        patch: { ...base, state: 'dead', attempts: counted, nextAttemptAt: now },
        effect: { gate: 'none' },
        reason: 'permanent',
      };
    case 'transient':
      return retry(retryState(from), 'transient');
    case 'ambiguous':
      return retry('verify', 'ambiguous');
    case 'verify':
    case 'conflict':
      // The shop answered definitively about the state: read it back at once and compare.
      if (from === 'verify') return retry('verify', 'transient');
      if (counted >= ctx.maxAttempts) return retry('verify', cls.class);
      return {
        patch: { ...base, state: 'verify', attempts: counted, nextAttemptAt: now },
        effect: { gate: 'none' },
        reason: cls.class === 'conflict' ? cls.state : 'verify',
      };
  }
}

/** What a successful read-back of a `verify` row leads to. `send` is handled by the engine. */
export function afterDecision(
  row: OutboxRow,
  decision: Exclude<UpstreamDecision, { decision: 'send' }>,
  upstream: UpstreamSnapshot,
  ctx: Pick<OutcomeContext, 'now' | 'holdRecheckMs' | 'holdDeadlineMs'>,
): NextStep {
  const { now } = ctx;
  const none = { gate: 'none' } as const;
  const conflict = {
    upstreamStatus: upstream.orderStatus,
    upstreamTrackingNumber: upstream.trackingNumber,
    upstreamProviderId: upstream.shippingProviderId,
  };
  switch (decision.decision) {
    case 'done':
      return {
        patch: { state: 'done', updatedAt: now, nextAttemptAt: now },
        effect: none,
        reason: 'done',
      };
    case 'conflict':
      return {
        patch: {
          state: decision.state,
          updatedAt: now,
          conflict,
          lastError: { code: decision.state.toUpperCase(), message: decision.reason, at: now },
        },
        effect: none,
        reason: decision.reason,
      };
    case 'permanent':
      return {
        patch: {
          state: 'dead',
          updatedAt: now,
          lastError: { code: 'UPSTREAM_STATE', message: decision.reason, at: now },
        },
        effect: none,
        reason: decision.reason,
      };
    case 'wait': {
      const lastError = { code: 'UPSTREAM_HOLD', message: decision.reason, at: now };
      if (now - row.createdAt > ctx.holdDeadlineMs) {
        return {
          patch: { state: 'dead', updatedAt: now, lastError },
          effect: none,
          reason: `${decision.reason}; deadline passed`,
        };
      }
      return {
        patch: {
          state: 'verify',
          updatedAt: now,
          lastError,
          nextAttemptAt: now + ctx.holdRecheckMs,
        },
        effect: none,
        reason: decision.reason,
      };
    }
  }
}
