import { describe, expect, it } from 'vitest';
import type { ShopFailure, UpstreamSnapshot } from './classify';
import { classifyFailure, decideFromUpstream, TRACKING_UPDATE_WINDOW_MS } from './classify';
import { afterFailure, conflictHint } from './outcome';
import { NO_HOLD } from './gates';
import { planEnqueue } from './schedule';
import { shipInput, updateInput } from './testing';

const api = (
  httpStatus: number,
  code: number,
  message = '',
): Extract<ShopFailure, { type: 'api' }> => ({
  type: 'api',
  httpStatus,
  code,
  message,
});

const NOW = 1_700_000_000_000;
const row = (input = shipInput('o1', 'p1', 'TRK1')) =>
  planEnqueue(input, [], { id: 'r1', idempotencyKey: 'k1', seq: 1 }, NOW).row;

const up = (over: Partial<UpstreamSnapshot> = {}): UpstreamSnapshot => ({
  orderStatus: 'AWAITING_SHIPMENT',
  isBuyerRequestCancel: false,
  trackingNumber: null,
  shippingProviderId: null,
  shippedAt: null,
  trackingUpdates: 0,
  ...over,
});

describe('classifyFailure (reliability.md §1.2 table)', () => {
  it.each([
    [{ type: 'network', sent: false, message: 'ECONNREFUSED' } as const, 'write', 'offline'],
    [{ type: 'network', sent: true, message: 'ETIMEDOUT' } as const, 'write', 'ambiguous'],
    [{ type: 'network', sent: true, message: 'ETIMEDOUT' } as const, 'read', 'transient'],
    [{ type: 'malformed', httpStatus: 200, message: '<html>' } as const, 'write', 'ambiguous'],
    [api(429, 0), 'write', 'rate-limited'],
    [api(200, 36009002), 'write', 'rate-limited'],
    [api(401, 106001), 'write', 'auth'],
    [api(200, 105002), 'read', 'auth'],
    [api(200, 36009004, 'Invalid x-tts-access-token'), 'write', 'auth'],
    [api(200, 36009004, 'Invalid timestamp'), 'write', 'transient'],
    [api(200, 36009004, 'Unexpected identifier shop_cipher'), 'write', 'permanent'],
    [api(503, 0), 'read', 'transient'],
    [api(500, 0), 'write', 'ambiguous'],
    [api(200, 36009003), 'write', 'ambiguous'],
    [api(200, 21011040), 'write', 'verify'],
    [api(200, 21011041), 'write', 'conflict'],
    [api(200, 21011051), 'write', 'conflict'],
    [api(200, 21011004), 'write', 'conflict'],
    [api(200, 21011022), 'write', 'permanent'],
    [api(200, 21011028), 'read', 'permanent'],
    [api(400, 0), 'write', 'permanent'],
    [api(200, 11034037), 'write', 'transient'],
  ] as const)('%j on a %s → %s', (failure, op, expected) => {
    expect(classifyFailure(failure, op).class).toBe(expected);
  });

  it('carries Retry-After through a rate-limit classification', () => {
    expect(classifyFailure({ ...api(429, 36009002), retryAfterMs: 3_000 }, 'write')).toEqual({
      class: 'rate-limited',
      retryAfterMs: 3_000,
    });
  });
});

describe('decideFromUpstream (reliability.md §1.3 table)', () => {
  it('sends while awaiting shipment, waits on hold, parks a cancel', () => {
    expect(decideFromUpstream(row(), up(), NOW).decision).toBe('send');
    expect(decideFromUpstream(row(), up({ orderStatus: 'ON_HOLD' }), NOW).decision).toBe('wait');
    expect(decideFromUpstream(row(), up({ orderStatus: 'UNPAID' }), NOW).decision).toBe('wait');
    expect(decideFromUpstream(row(), up({ orderStatus: 'CANCELLED' }), NOW)).toMatchObject({
      state: 'conflict-cancelled',
    });
    expect(decideFromUpstream(row(), up({ isBuyerRequestCancel: true }), NOW)).toMatchObject({
      state: 'conflict-cancelled',
    });
  });

  it('absorbs the same tracking as done and parks a different one', () => {
    const shipped = { orderStatus: 'AWAITING_COLLECTION' as const, shippedAt: NOW };
    expect(
      decideFromUpstream(row(), up({ ...shipped, trackingNumber: 'trk 1' }), NOW).decision,
    ).toBe('done');
    expect(
      decideFromUpstream(row(), up({ ...shipped, trackingNumber: 'OTHER' }), NOW),
    ).toMatchObject({
      state: 'conflict-shipped',
    });
    // Platform logistics: TikTok assigns the number, so shipped means our booking went through.
    const platform = row(shipInput('o1', 'p1'));
    expect(
      decideFromUpstream(platform, up({ ...shipped, trackingNumber: 'TT' }), NOW).decision,
    ).toBe('done');
  });

  it('guards tracking updates: window, once only, and a changed previous number', () => {
    const update = row(updateInput('o1', 'p1', 'NEW', 'OLD'));
    const shipped = up({ orderStatus: 'IN_TRANSIT', trackingNumber: 'OLD', shippedAt: NOW });
    expect(decideFromUpstream(update, shipped, NOW).decision).toBe('send');
    expect(decideFromUpstream(update, { ...shipped, trackingNumber: 'NEW' }, NOW).decision).toBe(
      'done',
    );
    const late = NOW + TRACKING_UPDATE_WINDOW_MS + 1;
    expect(decideFromUpstream(update, shipped, late)).toMatchObject({ state: 'conflict-window' });
    expect(decideFromUpstream(update, { ...shipped, trackingUpdates: 1 }, NOW)).toMatchObject({
      state: 'conflict-window',
    });
    expect(decideFromUpstream(update, { ...shipped, trackingNumber: 'X' }, NOW)).toMatchObject({
      state: 'conflict-shipped',
    });
    expect(decideFromUpstream(update, up(), NOW).decision).toBe('permanent');
  });
});

describe('afterFailure', () => {
  const ctx = {
    now: NOW,
    random: () => 0.5,
    maxAttempts: 3,
    backoff: { baseMs: 1_000, capMs: 60_000 },
    offline: NO_HOLD,
    rateLimit: NO_HOLD,
    holdRecheckMs: 60_000,
    holdDeadlineMs: 86_400_000,
  };
  const inflight = { ...row(), state: 'inflight' as const, attempts: 1 };

  it('gives the attempt back for offline, rate limit and auth', () => {
    for (const f of [
      { type: 'network', sent: false, message: '' } as const,
      api(429, 0),
      api(401, 105002),
    ]) {
      const next = afterFailure(inflight, 'inflight', f, ctx);
      expect(next.patch).toMatchObject({ state: 'pending', attempts: 0 });
      expect(next.effect.gate).not.toBe('none');
    }
  });

  it('moves an ambiguous send to verify and kills it at the attempt limit', () => {
    expect(afterFailure(inflight, 'inflight', api(500, 0), ctx).patch.state).toBe('verify');
    const last = { ...inflight, attempts: 3 };
    expect(afterFailure(last, 'inflight', api(500, 0), ctx).patch.state).toBe('dead');
    expect(afterFailure(inflight, 'inflight', api(200, 21011022), ctx).patch).toMatchObject({
      state: 'dead',
      attempts: 1,
    });
  });

  it('reads back at once after a conflict code and remembers the code as a hint', () => {
    const next = afterFailure(inflight, 'inflight', api(200, 21011051, 'once'), ctx);
    expect(next.patch).toMatchObject({ state: 'verify', nextAttemptAt: NOW });
    expect(conflictHint(next.patch.lastError ?? null)).toBe('conflict-window');
    expect(conflictHint({ code: 'HTTP_500', message: '', at: NOW })).toBeNull();
  });
});
