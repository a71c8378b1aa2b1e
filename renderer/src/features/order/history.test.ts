import { describe, expect, it } from 'vitest';
import type { AuditRow, ScanEventRow } from '../../data/rows';
import { buildOrderHistory } from './history';

const audit = (id: string, at: number, kind: string, detail: Record<string, unknown> = {}) =>
  ({ id, at, kind, orderId: 'o1', actor: 'Alice', station: 'ST-1', detail }) satisfies AuditRow;
const scan = (id: string, at: number, outcome: string, code: string) =>
  ({
    id,
    at,
    outcome,
    code,
    sessionId: 's1',
    orderId: 'o1',
    skuId: null,
    packer: 'Bob',
    station: 'ST-2',
  }) satisfies ScanEventRow;

describe('order history', () => {
  it('merges audit rows and scans newest first, with who, station and what was scanned', () => {
    const h = buildOrderHistory(
      [audit('a1', 100, 'order.confirmed'), audit('a2', 400, 'pack.completed')],
      [scan('s1', 200, 'ticked', '4006381333931'), scan('s2', 300, 'wrong-item', '123')],
    );
    expect(h.entries.map((e) => [e.kind, e.at])).toEqual([
      ['pack.completed', 400],
      ['scan.wrong-item', 300],
      ['scan.ticked', 200],
      ['order.confirmed', 100],
    ]);
    expect(h.entries[1]).toMatchObject({ who: 'Bob', station: 'ST-2', detail: '123' });
    expect(h.entries[3]).toMatchObject({ who: 'Alice', station: 'ST-1', detail: null });
    expect(h.hidden).toBe(0);
  });

  it('gives counted scans the ok tone, alerts the error tone, stops and overrides the warn tone', () => {
    const h = buildOrderHistory(
      [
        audit('a1', 1, 'pack.override', { supervisor: 'Sam', reason: 'label torn' }),
        audit('a2', 2, 'pack.stop-ship'),
        audit('a3', 3, 'label.printed'),
      ],
      [
        scan('s1', 4, 'complete', 'A'),
        scan('s2', 5, 'over-scan', 'A'),
        scan('s3', 6, 'unknown-barcode', 'Z'),
      ],
    );
    const tone = Object.fromEntries(h.entries.map((e) => [e.kind, e.tone]));
    expect(tone).toEqual({
      'pack.override': 'warn',
      'pack.stop-ship': 'warn',
      'label.printed': 'info',
      'scan.complete': 'ok',
      'scan.over-scan': 'error',
      'scan.unknown-barcode': 'error',
    });
  });

  it('summarises the detail fields worth a glance and keeps customer text as plain text', () => {
    const h = buildOrderHistory(
      [
        audit('a1', 1, 'pack.override', {
          reason: '<b>torn</b>',
          supervisor: 'Sam',
          lines: [{ skuId: 'x' }],
          sessionId: 'p1',
        }),
      ],
      [],
    );
    expect(h.entries[0]?.detail).toBe('reason: <b>torn</b> · supervisor: Sam');
  });

  it('keeps the newest entries within the limit and says how many older ones are left out', () => {
    const scans = Array.from({ length: 30 }, (_, i) => scan(`s${i}`, i, 'ticked', `C${i}`));
    const h = buildOrderHistory([audit('a1', 100, 'pack.completed')], scans, 10);
    expect(h.entries).toHaveLength(10);
    expect(h.entries[0]?.kind).toBe('pack.completed');
    expect(h.entries.at(-1)?.detail).toBe('C21');
    expect(h.hidden).toBe(21);
  });

  it('orders entries of the same millisecond stably', () => {
    const a = buildOrderHistory([], [scan('s1', 5, 'ticked', 'A'), scan('s2', 5, 'ticked', 'B')]);
    const b = buildOrderHistory([], [scan('s2', 5, 'ticked', 'B'), scan('s1', 5, 'ticked', 'A')]);
    expect(a.entries.map((e) => e.id)).toEqual(b.entries.map((e) => e.id));
  });
});
