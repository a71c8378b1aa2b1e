import { describe, expect, it } from 'vitest';
import { deriveParcelState, eventKey, mergeEvents, toEvent } from './events';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 12);
const ev = (h: number, text: string) =>
  toEvent({ description: text, update_time_millis: T0 + h * H });

describe('tracking events', () => {
  it('merges without duplicates, sorted, keeping the carrier text as received', () => {
    const first = mergeEvents([], [ev(5, 'Out for Delivery'), ev(0, 'Label created')]);
    expect(first.added).toBe(2);
    const again = mergeEvents(first.events, [
      ev(0, '  label   CREATED '),
      ev(5, 'Out for Delivery'),
      ev(2, 'Picked up by carrier'),
    ]);
    expect(again.added).toBe(1);
    expect(again.events.map((e) => e.text)).toEqual([
      'Label created',
      'Picked up by carrier',
      'Out for Delivery',
    ]);
    expect(eventKey(ev(0, 'A  b'))).toBe(eventKey(ev(0, 'a b')));
  });

  it('drops events without a usable time', () => {
    const r = mergeEvents([], [toEvent({ description: 'x', update_time_millis: 0 })]);
    expect(r.events).toEqual([]);
  });

  it('derives the status from the newest known event; the package detail overrides', () => {
    const events = [ev(0, 'Label created'), ev(2, 'Picked up'), ev(3, 'Weather delay')];
    const s = deriveParcelState(events, null, T0 + 4 * H, 30 * 24 * H);
    expect(s.status).toBe('in-transit');
    expect(s.lastEventText).toBe('Weather delay');
    expect(s.firstScanAt).toBe(T0 + 2 * H);
    expect(s.final).toBe(false);
    const done = deriveParcelState(
      events,
      { packageStatus: 'COMPLETED', deliveredAt: T0 + 9 * H },
      T0 + 10 * H,
      30 * 24 * H,
    );
    expect(done).toMatchObject({ status: 'delivered', deliveredAt: T0 + 9 * H, final: true });
    const lost = deriveParcelState(
      events,
      { packageStatus: 'CANCELLED', exceptionReason: 'PACKAGE_LOST' },
      T0 + 10 * H,
      30 * 24 * H,
    );
    expect(lost).toMatchObject({ status: 'exception', exception: 'lost', final: true });
  });

  it('expires a parcel with no update for the given time, exactly after the boundary', () => {
    const events = [ev(0, 'Label created'), ev(2, 'Picked up')];
    const limit = 30 * 24 * H;
    expect(deriveParcelState(events, null, T0 + 2 * H + limit, limit).status).toBe('in-transit');
    expect(deriveParcelState(events, null, T0 + 2 * H + limit + 1, limit).status).toBe('expired');
  });
});
