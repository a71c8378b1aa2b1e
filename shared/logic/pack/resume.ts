/**
 * An interrupted pack continued from its stored counts (issue 13 item 3): the checklist as it was
 * after the last saved scan. Each line's count is the stored count, capped at what the order
 * needs; counts for SKUs not in the order are ignored. Open alerts are not carried over (their
 * items were, or were not, taken out of the box: the packer looks again), so the screen says how
 * many scans were continued.
 */
import type { OrderRow } from '#shared/domain/order';
import type { BarcodeIndex } from './barcode-index';
import { createPackState, type PackLine, type PackState } from './checklist';

export function resumePackState(
  order: OrderRow,
  index: BarcodeIndex,
  counts: Readonly<Record<string, number>>,
): PackState {
  const fresh = createPackState(order, index);
  let countedTotal = 0;
  let remaining = 0;
  const lines: PackLine[] = fresh.lines.map((line) => {
    const stored = counts[line.skuId];
    const n = typeof stored === 'number' && Number.isFinite(stored) ? Math.floor(stored) : 0;
    const counted = Math.max(0, Math.min(line.expected, n));
    countedTotal += counted;
    if (counted < line.expected) remaining += 1;
    return counted === 0 ? line : { ...line, counted };
  });
  return { ...fresh, lines, countedTotal, remaining, seq: countedTotal };
}
