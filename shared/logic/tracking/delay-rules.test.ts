import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  endOfLocalDay,
  evaluateDelays,
  offsetMs,
  promisedDeadline,
  thresholdsFor,
  urgency,
  type ParcelFacts,
} from './delay-rules';
import { deriveParcelState, toEvent, type TrackingEvent } from './events';
import { DELAY_TEXTS, delayText } from './reasons';
import { nextRefreshAt } from './schedule';

const H = 3_600_000;
const D = 24 * H;
const HANDOVER = Date.UTC(2026, 10, 2, 15); // Mon 2 Nov 2026, 15:00 UTC
const T = DEFAULT_THRESHOLDS; // 48 h first scan, 4 d movement, 7 d promise, 30 d expiry

function facts(
  events: Array<[number, string]>,
  now: number,
  over: Partial<ParcelFacts> = {},
  pkg: Parameters<typeof deriveParcelState>[1] = null,
): ParcelFacts {
  const evs: TrackingEvent[] = events.map(([h, text]) =>
    toEvent({ description: text, update_time_millis: HANDOVER + h * H }),
  );
  return {
    state: deriveParcelState(evs, pkg, now, T.expiredAfterDays * D),
    handedOverAt: HANDOVER,
    promisedAt: null,
    timeZone: 'UTC',
    ...over,
  };
}
const codes = (f: ParcelFacts, now: number) => evaluateDelays(f, T, now).map((x) => x.code);

describe('no first scan', () => {
  const label: Array<[number, string]> = [[0, 'Shipping label created']];
  it('holds from exactly N hours after handover, not a millisecond before', () => {
    const due = HANDOVER + 48 * H;
    expect(codes(facts(label, due - 1), due - 1)).toEqual([]);
    expect(codes(facts(label, due), due)).toEqual(['no-first-scan']);
    expect(evaluateDelays(facts(label, due), T, due)[0]?.since).toBe(due);
  });
  it('stops holding once the carrier scans', () => {
    const now = HANDOVER + 60 * H;
    expect(codes(facts([...label, [50, 'Picked up by carrier']], now), now)).toEqual([]);
  });
});

describe('no movement', () => {
  const moving: Array<[number, string]> = [
    [0, 'Label created'],
    [3, 'Picked up'],
    [20, 'Departed facility'],
  ];
  it('holds N days after the last event, at the boundary', () => {
    const due = HANDOVER + 20 * H + 4 * D;
    expect(codes(facts(moving, due - 1), due - 1)).toEqual([]);
    expect(codes(facts(moving, due), due)).toEqual(['no-movement']);
  });
  it('is most severe once the parcel has expired (no update for 30 days)', () => {
    const now = HANDOVER + 20 * H + 31 * D;
    const f = facts(moving, now);
    expect(f.state.status).toBe('expired');
    const found = evaluateDelays(f, T, now).find((x) => x.code === 'no-movement');
    expect(found?.severity).toBe(4);
  });
});

describe('past the promised date', () => {
  const moving: Array<[number, string]> = [
    [0, 'Label created'],
    [3, 'Picked up'],
  ];
  it('the promised day ends at midnight in the destination zone (UTC+8 and UTC-5)', () => {
    // Promised 9 Nov 2026 10:00 UTC = 18:00 in Shanghai, 05:00 in New York.
    const promisedAt = Date.UTC(2026, 10, 9, 10);
    const sh = { promisedAt, timeZone: 'Asia/Shanghai' };
    const ny = { promisedAt, timeZone: 'America/New_York' };
    const shEnd = Date.UTC(2026, 10, 9, 16); // 10 Nov 00:00 +08:00
    const nyEnd = Date.UTC(2026, 10, 10, 5); // 10 Nov 00:00 -05:00
    expect(promisedDeadline(facts(moving, 0, sh), T)).toBe(shEnd);
    expect(promisedDeadline(facts(moving, 0, ny), T)).toBe(nyEnd);
    // Keep the parcel moving so only the promise rule is in play.
    const busy: Array<[number, string]> = [...moving, [7 * 24 - 2, 'Arrived at facility']];
    expect(codes(facts(busy, shEnd - 1, sh), shEnd - 1)).toEqual([]);
    expect(codes(facts(busy, shEnd, sh), shEnd)).toEqual(['past-promised-date']);
    expect(codes(facts(busy, shEnd, ny), shEnd)).toEqual([]);
    expect(codes(facts(busy, nyEnd, ny), nyEnd)).toEqual(['past-promised-date']);
  });

  it('uses handover + promised days when the shop gives no date', () => {
    const f = facts(moving, 0);
    expect(promisedDeadline(f, T)).toBe(Date.UTC(2026, 10, 10)); // 9 Nov 15:00 → end of 9 Nov
  });

  it('a daylight-saving change on the promised night still ends the day at local midnight', () => {
    // Europe/London leaves summer time on 25 Oct 2026 (02:00 BST → 01:00 GMT).
    const promisedAt = Date.UTC(2026, 9, 24, 12); // 24 Oct, 13:00 BST
    const end = endOfLocalDay(promisedAt, 'Europe/London');
    expect(end).toBe(Date.UTC(2026, 9, 24, 23)); // 25 Oct 00:00 BST = 24 Oct 23:00 UTC
    const after = endOfLocalDay(Date.UTC(2026, 9, 25, 12), 'Europe/London');
    expect(after).toBe(Date.UTC(2026, 9, 26, 0)); // 26 Oct 00:00 GMT
    expect(offsetMs(Date.UTC(2026, 9, 24, 12), 'Europe/London')).toBe(H);
    expect(offsetMs(Date.UTC(2026, 9, 26, 12), 'Europe/London')).toBe(0);
    // New York springs forward on 8 Mar 2026: that day has 23 hours.
    const ny = endOfLocalDay(Date.UTC(2026, 2, 8, 12), 'America/New_York');
    expect(ny).toBe(Date.UTC(2026, 2, 9, 4));
  });
});

describe('events that are findings at once', () => {
  it('failed attempt, exception, returned to sender; delivered clears everything', () => {
    const now = HANDOVER + 50 * H;
    expect(
      codes(
        facts(
          [
            [3, 'Picked up'],
            [40, 'Delivery attempted - no one home'],
          ],
          now,
        ),
        now,
      ),
    ).toEqual(['failed-attempt']);
    expect(
      codes(
        facts(
          [
            [3, 'Picked up'],
            [40, 'Package damaged'],
          ],
          now,
        ),
        now,
      ),
    ).toEqual(['exception']);
    expect(
      codes(
        facts(
          [
            [3, 'Picked up'],
            [40, 'Returned to sender'],
          ],
          now,
        ),
        now,
      ),
    ).toEqual(['returned-to-sender']);
    const late = HANDOVER + 40 * D;
    expect(
      codes(
        facts(
          [
            [3, 'Picked up'],
            [400, 'Delivered'],
          ],
          late,
        ),
        late,
      ),
    ).toEqual([]);
    expect(
      codes(
        facts(
          [[3, 'Picked up']],
          now,
          {},
          { packageStatus: 'CANCELLED', exceptionReason: 'PACKAGE_LOST' },
        ),
        now,
      ),
    ).toEqual(['exception']);
  });
});

describe('clock changes', () => {
  it('a clock set back before the last event never raises or clears a finding by itself', () => {
    const events: Array<[number, string]> = [
      [3, 'Picked up'],
      [100, 'Arrived at facility'],
    ];
    const clean = HANDOVER + 101 * H;
    const behind = HANDOVER - 5 * D; // the machine's clock jumped back 5 days
    expect(codes(facts(events, behind), behind)).toEqual(codes(facts(events, clean), clean));
    // A finding measured from a clock ahead of the events does not go negative either.
    const f = evaluateDelays(facts([[0, 'Label created']], behind), T, behind);
    expect(f).toEqual([]);
  });
  it('ages are instants: the same UTC moment gives the same findings in every station zone', () => {
    const now = HANDOVER + 49 * H;
    const a = evaluateDelays(
      facts([[0, 'Label created']], now, { timeZone: 'Asia/Tokyo' }),
      T,
      now,
    );
    const b = evaluateDelays(
      facts([[0, 'Label created']], now, { timeZone: 'America/Los_Angeles' }),
      T,
      now,
    );
    expect(a.map((x) => [x.code, x.since])).toEqual(b.map((x) => [x.code, x.since]));
  });
});

describe('thresholds per carrier and destination', () => {
  const table = {
    default: T,
    overrides: [
      { carrier: 'USPS', thresholds: { noFirstScanHours: 24 } },
      { destination: 'GB', thresholds: { promisedDays: 10 } },
      { carrier: 'usps', destination: 'gb', thresholds: { noFirstScanHours: 72 } },
    ],
  };
  it('the most specific override wins, others fill in', () => {
    expect(thresholdsFor(table, 'UPS', 'US')).toEqual(T);
    expect(thresholdsFor(table, 'USPS', 'US').noFirstScanHours).toBe(24);
    expect(thresholdsFor(table, 'FedEx', 'GB').promisedDays).toBe(10);
    const both = thresholdsFor(table, 'USPS', 'GB');
    expect(both.noFirstScanHours).toBe(72);
    expect(both.promisedDays).toBe(10);
  });
  it('an edited threshold moves the boundary', () => {
    const t = thresholdsFor(table, 'USPS', 'US');
    const now = HANDOVER + 24 * H;
    expect(evaluateDelays(facts([[0, 'Label created']], now), t, now).map((x) => x.code)).toEqual([
      'no-first-scan',
    ]);
  });
});

describe('urgency and refresh schedule', () => {
  it('sorts by severity, then by how long the finding has held', () => {
    const now = HANDOVER + 10 * D;
    const lost = urgency([{ code: 'exception', since: now - H, severity: 4 }], now);
    const oldDelay = urgency([{ code: 'no-movement', since: now - 5 * D, severity: 2 }], now);
    const newDelay = urgency([{ code: 'no-movement', since: now - D, severity: 2 }], now);
    expect(lost).toBeGreaterThan(oldDelay);
    expect(oldDelay).toBeGreaterThan(newDelay);
    expect(urgency([], now)).toBe(0);
  });
  it('refreshes often while moving, rarely when quiet, never after a final state', () => {
    const now = HANDOVER + 3 * D;
    const ctx = { now, promisedDeadline: now + 5 * D };
    const out = facts(
      [
        [3, 'Picked up'],
        [71, 'Out for delivery'],
      ],
      now,
    ).state;
    expect(nextRefreshAt(out, ctx)).toBe(now + H);
    const moving = facts(
      [
        [3, 'Picked up'],
        [70, 'Arrived at facility'],
      ],
      now,
    ).state;
    expect(nextRefreshAt(moving, ctx)).toBe(now + 3 * H);
    const quiet = facts(
      [
        [3, 'Picked up'],
        [10, 'Arrived at facility'],
      ],
      now,
    ).state;
    expect(nextRefreshAt(quiet, ctx)).toBe(now + 12 * H);
    expect(nextRefreshAt(quiet, { now, promisedDeadline: now + 2 * H })).toBe(now + 3 * H);
    const done = facts(
      [
        [3, 'Picked up'],
        [70, 'Delivered'],
      ],
      now,
    ).state;
    expect(nextRefreshAt(done, ctx)).toBeNull();
  });
});

describe('reason texts', () => {
  it('every reason has zh-CN and English text, with its numbers filled in', () => {
    for (const texts of Object.values(DELAY_TEXTS)) {
      expect(texts['zh-CN'].length).toBeGreaterThan(0);
      expect(texts.en.length).toBeGreaterThan(0);
    }
    expect(delayText('no-first-scan', 'en', { hours: 48 })).toBe(
      'No carrier scan 48 hours after handover',
    );
    expect(delayText('no-movement', 'zh-CN', { days: 4 })).toBe('4 天没有物流更新');
  });
});
