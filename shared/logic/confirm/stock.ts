/**
 * Local stock as pure functions over plain rows. Confirming an order reserves its units;
 * cancelling releases them; shipping consumes them. Each returns new rows for the SKUs touched;
 * SKUs without a stock row are not tracked locally and are left alone.
 */
import type { OrderLine, OrderRow } from '#shared/domain/order';
import type { StockRow } from '#shared/domain/product';

export type StockMap = ReadonlyMap<string, StockRow>;

/** Units needed per SKU: the API sends one line per unit. */
export function unitsBySku(lines: readonly OrderLine[]): Map<string, number> {
  const units = new Map<string, number>();
  for (const line of lines) units.set(line.skuId, (units.get(line.skuId) ?? 0) + 1);
  return units;
}

/** On hand minus reserved: what a new order may take. */
export function available(row: StockRow): number {
  return row.onHand - row.reserved;
}

function update(
  stock: StockMap,
  order: Pick<OrderRow, 'lines'>,
  now: number,
  change: (row: StockRow, units: number) => Pick<StockRow, 'onHand' | 'reserved'>,
): StockRow[] {
  const rows: StockRow[] = [];
  for (const [skuId, units] of unitsBySku(order.lines)) {
    const row = stock.get(skuId);
    if (!row) continue;
    rows.push({ ...row, ...change(row, units), updatedAt: now });
  }
  return rows;
}

export function reserve(stock: StockMap, order: Pick<OrderRow, 'lines'>, now: number): StockRow[] {
  return update(stock, order, now, (row, units) => ({
    onHand: row.onHand,
    reserved: row.reserved + units,
  }));
}

export function release(stock: StockMap, order: Pick<OrderRow, 'lines'>, now: number): StockRow[] {
  return update(stock, order, now, (row, units) => ({
    onHand: row.onHand,
    reserved: Math.max(0, row.reserved - units),
  }));
}

/** The parcel left: the units leave the shelf and their reservation ends. */
export function consume(stock: StockMap, order: Pick<OrderRow, 'lines'>, now: number): StockRow[] {
  return update(stock, order, now, (row, units) => ({
    onHand: row.onHand - units,
    reserved: Math.max(0, row.reserved - units),
  }));
}

/** A copy of `stock` with `rows` applied. */
export function withRows(stock: StockMap, rows: readonly StockRow[]): Map<string, StockRow> {
  const next = new Map(stock);
  for (const row of rows) next.set(row.skuId, row);
  return next;
}
