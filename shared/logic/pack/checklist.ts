/**
 * Step 2: the scan-verified pack checklist. Pure and synchronous, so the UI ticks from memory on
 * the keydown that ends a scan and persists afterwards (performance-limits.md: an awaited
 * IndexedDB read during a background write costs p99 250–390 ms; ticking from memory 7–16 ms).
 *
 * Cost per scan: parsing the code, two Map lookups and one Set lookup, then a copy of the
 * per-SKU line array (one pointer per distinct SKU; unchanged lines keep their identity, so a
 * memoised row re-renders only when its own line changed). Nothing scans the order's lines.
 *
 * Only `ticked` and `complete` change counts. Wrong items, over-scans and unknown barcodes
 * raise an open alert that blocks verification until it is resolved (the item is out of the
 * box) or a supervisor overrides; other orders' codes and impossible barcodes alert only.
 */
import { quantitiesBySku, type OrderRow } from '#shared/domain/order';
import type { ProductRow } from '#shared/domain/product';
import { itemKey, parseScan } from '#shared/logic/scan/parse';
import type { ScanRejection } from '#shared/logic/scan/rejections';
import { err, ok, type Result } from '#shared/utils/result';
import type { BarcodeIndex } from './barcode-index';

export interface PackLine {
  readonly skuId: string;
  readonly sellerSku: string;
  readonly productName: string;
  readonly skuName: string;
  readonly handling: ProductRow['handling'];
  readonly expected: number;
  readonly counted: number;
  /** No usable barcode: counted by manual quantity entry. */
  readonly manualOnly: boolean;
  /** The count was entered by hand. */
  readonly manual: boolean;
  /** Force-verified by a supervisor. */
  readonly overriddenBy: string | null;
}

export type AlertKind = 'wrong-item' | 'over-scan' | 'unknown-barcode';

export interface PackAlert {
  readonly seq: number;
  readonly kind: AlertKind;
  readonly code: string;
  readonly skuId: string | null;
}

export interface PackState {
  readonly orderId: string;
  readonly lines: readonly PackLine[];
  /** skuId → index in `lines`. Shared between states: never mutated. */
  readonly lineOf: ReadonlyMap<string, number>;
  /** Upper-cased order id, package ids and tracking numbers of this order. */
  readonly ownIds: ReadonlySet<string>;
  readonly index: BarcodeIndex;
  readonly expectedTotal: number;
  readonly countedTotal: number;
  /** Lines not yet fully counted. */
  readonly remaining: number;
  readonly alerts: readonly PackAlert[];
  /** Scans and entries applied so far. */
  readonly seq: number;
}

export type ScanOutcome =
  | { kind: 'ticked'; skuId: string; count: number; of: number }
  | { kind: 'complete'; skuId: string; count: number; of: number; verified: boolean }
  | { kind: 'wrong-item'; skuId: string; code: string }
  | { kind: 'over-scan'; skuId: string; count: number; of: number }
  | { kind: 'unknown-barcode'; code: string }
  | {
      kind: 'other-order';
      code: string;
      orderId: string | null;
      idKind: 'order-id' | 'package-id' | 'tracking';
    }
  | { kind: 'this-order'; code: string }
  | { kind: 'invalid'; code: string; reason: ScanRejection };

export interface ScanStep {
  state: PackState;
  outcome: ScanOutcome;
}

export interface ScanContext {
  /** Which order owns an order id, package id or tracking number; from an in-memory index. */
  lookupOrder?: (code: string) => string | null;
}

export function createPackState(order: OrderRow, index: BarcodeIndex): PackState {
  const lines: PackLine[] = quantitiesBySku(order.lines).map((q) => {
    const product = index.bySku.get(q.skuId);
    return {
      skuId: q.skuId,
      sellerSku: q.sellerSku,
      productName: q.productName,
      skuName: q.skuName,
      handling: product?.handling ?? [],
      expected: q.quantity,
      counted: 0,
      manualOnly: !index.scannable.has(q.skuId),
      manual: false,
      overriddenBy: null,
    };
  });
  const ownIds = new Set(
    [order.id, ...order.packageIds, ...order.trackingNumbers].map((s) => s.trim().toUpperCase()),
  );
  ownIds.delete('');
  return {
    orderId: order.id,
    lines,
    lineOf: new Map(lines.map((l, i) => [l.skuId, i])),
    ownIds,
    index,
    expectedTotal: lines.reduce((n, l) => n + l.expected, 0),
    countedTotal: 0,
    remaining: lines.filter((l) => l.expected > 0).length,
    alerts: [],
    seq: 0,
  };
}

/** Every unit counted (or force-verified) and no open alert. */
export function isVerified(state: PackState): boolean {
  return state.remaining === 0 && state.alerts.length === 0 && state.lines.length > 0;
}

function setCount(state: PackState, at: number, line: PackLine, next: PackLine): PackState {
  const lines = state.lines.slice();
  lines[at] = next;
  const wasDone = line.counted >= line.expected;
  const isDone = next.counted >= next.expected;
  return {
    ...state,
    lines,
    countedTotal: state.countedTotal - line.counted + next.counted,
    remaining: state.remaining + (wasDone ? 1 : 0) - (isDone ? 1 : 0),
    seq: state.seq + 1,
  };
}

function withAlert(
  state: PackState,
  kind: AlertKind,
  code: string,
  skuId: string | null,
): PackState {
  const seq = state.seq + 1;
  return { ...state, seq, alerts: [...state.alerts, { seq, kind, code, skuId }] };
}

function countedOutcome(state: PackState, line: PackLine): ScanOutcome {
  const base = { skuId: line.skuId, count: line.counted, of: line.expected };
  if (state.remaining === 0) return { kind: 'complete', ...base, verified: isVerified(state) };
  return { kind: 'ticked', ...base };
}

function tickSku(state: PackState, skuId: string, code: string): ScanStep {
  const at = state.lineOf.get(skuId);
  const line = at === undefined ? undefined : state.lines[at];
  if (at === undefined || !line) {
    return {
      state: withAlert(state, 'wrong-item', code, skuId),
      outcome: { kind: 'wrong-item', skuId, code },
    };
  }
  if (line.counted >= line.expected) {
    return {
      state: withAlert(state, 'over-scan', code, skuId),
      outcome: { kind: 'over-scan', skuId, count: line.counted, of: line.expected },
    };
  }
  const next = setCount(state, at, line, { ...line, counted: line.counted + 1 });
  return { state: next, outcome: countedOutcome(next, next.lines[at] ?? line) };
}

/** Applies one normalised scan. Synchronous; the caller persists the outcome afterwards. */
export function applyScan(state: PackState, code: string, ctx: ScanContext = {}): ScanStep {
  const text = code.trim();
  const content = parseScan(text);
  const key = itemKey(content);
  const skuId = key === null ? undefined : state.index.byKey.get(key);
  if (skuId !== undefined) return tickSku(state, skuId, text);

  const upper = text.toUpperCase();
  if (state.ownIds.has(upper)) {
    return { state: { ...state, seq: state.seq + 1 }, outcome: { kind: 'this-order', code: text } };
  }
  const idKind =
    content.kind === 'order-id' || content.kind === 'package-id' ? content.kind : 'tracking';
  const owner = ctx.lookupOrder?.(text) ?? null;
  if (
    (owner !== null && owner !== state.orderId) ||
    content.kind === 'order-id' ||
    content.kind === 'package-id'
  ) {
    return {
      state: { ...state, seq: state.seq + 1 },
      outcome: { kind: 'other-order', code: text, orderId: owner, idKind },
    };
  }
  if (content.kind === 'invalid') {
    return {
      state: { ...state, seq: state.seq + 1 },
      outcome: { kind: 'invalid', code: text, reason: content.reason },
    };
  }
  return {
    state: withAlert(state, 'unknown-barcode', text, null),
    outcome: { kind: 'unknown-barcode', code: text },
  };
}

export const PACK_ERROR_CODES = [
  'pack.sku-not-in-order',
  'pack.manual-not-allowed',
  'pack.qty-out-of-range',
  'pack.reason-required',
  'pack.supervisor-required',
] as const;
export type PackErrorCode = (typeof PACK_ERROR_CODES)[number];

export interface PackError {
  code: PackErrorCode;
  params: Readonly<Record<string, string | number>>;
}

/**
 * Manual quantity entry for a SKU without a barcode: sets the count (0…expected). SKUs that can
 * be scanned must be scanned, or force-verified by a supervisor.
 */
export function applyManual(
  state: PackState,
  skuId: string,
  qty: number,
): Result<ScanStep, PackError> {
  const at = state.lineOf.get(skuId);
  const line = at === undefined ? undefined : state.lines[at];
  if (at === undefined || !line) return err({ code: 'pack.sku-not-in-order', params: { skuId } });
  if (!line.manualOnly) return err({ code: 'pack.manual-not-allowed', params: { skuId } });
  if (!Number.isInteger(qty) || qty < 0 || qty > line.expected) {
    return err({ code: 'pack.qty-out-of-range', params: { skuId, qty, max: line.expected } });
  }
  const next = setCount(state, at, line, { ...line, counted: qty, manual: true });
  const updated = next.lines[at] ?? line;
  const outcome: ScanOutcome =
    qty === line.expected
      ? countedOutcome(next, updated)
      : { kind: 'ticked', skuId, count: qty, of: line.expected };
  return ok({ state: next, outcome });
}
