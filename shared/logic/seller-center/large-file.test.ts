import { describe, expect, it } from 'vitest';
import { OrderRow } from '#shared/domain/order';
import {
  largeExportChunks,
  largeExportCounts,
  largeExportOrderId,
} from '../../../tests/fixtures/seller-center/large-export';
import { stringChunksSource, type ParseProgress } from './csv-stream';
import { importSellerCenterCsv } from './import';

describe('a 100,000-line Seller Center export', () => {
  it(
    'imports with exact order and line counts and progress rising to 100%',
    { timeout: 60_000 },
    async () => {
      const rowCount = 100_000;
      const chunks = [...largeExportChunks(rowCount, 700)];
      const total = chunks.reduce((n, c) => n + c.length, 0);
      const expected = largeExportCounts(rowCount);
      const progress: ParseProgress[] = [];

      const result = await importSellerCenterCsv(
        stringChunksSource(chunks, total),
        { market: 'US', utcOffsetMinutes: -300, importedAt: 1_790_000_000_000 },
        (p) => progress.push(p),
      );

      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const report = result.value;
      expect(report.errors).toEqual([]);
      expect(report.rowCount).toBe(expected.rows);
      expect(report.orderCount).toBe(expected.orders);
      expect(report.orders).toHaveLength(expected.orders);
      expect(report.lineCount).toBe(expected.units);
      expect(report.orders.reduce((n, o) => n + o.lines.length, 0)).toBe(expected.units);
      expect(new Set(report.orders.map((o) => o.id)).size).toBe(expected.orders);
      expect(report.orders[0]?.id).toBe(largeExportOrderId(0));
      expect(OrderRow.safeParse(report.orders[expected.orders - 1]).success).toBe(true);

      expect(progress.length).toBeGreaterThan(10);
      for (let i = 1; i < progress.length; i += 1) {
        expect(progress[i]!.processed).toBeGreaterThanOrEqual(progress[i - 1]!.processed);
        expect(progress[i]!.fraction!).toBeGreaterThanOrEqual(progress[i - 1]!.fraction!);
      }
      const last = progress.at(-1)!;
      expect(last.fraction).toBe(1);
      expect(last.processed).toBe(total);
      expect(last.rows).toBe(expected.rows + 1);
    },
  );
});
