import type { Expected, OutboxIntent, OutboxRow, OutboxState, RowPatch } from './row';
import { isActiveState, isParkedState, OUTBOX_STATES, slotOf } from './row';

/** What the caller knows when it records an intent, inside its own order transaction. */
export interface EnqueueInput {
  intent: OutboxIntent;
  orderId: string;
  packageId: string;
  expected: Expected;
}

export interface EnqueuePlan {
  row: OutboxRow;
  /** Earlier unsent rows to mark superseded, in the same transaction as `row`. */
  supersede: { id: string; patch: RowPatch }[];
}

/**
 * Builds the new row and the supersede patches. `existing` is every active row of the same order
 * (more is harmless). Only `pending` rows are superseded: an inflight or verify row may already be
 * applied, so the new row waits behind it instead. A tracking edit while the ship itself is still
 * unsent becomes a new ship intent with the new number, so one write reaches the shop, not two.
 */
export function planEnqueue(
  input: EnqueueInput,
  existing: readonly OutboxRow[],
  ids: { id: string; idempotencyKey: string; seq: number },
  now: number,
): EnqueuePlan {
  let intent = input.intent;
  let expected = input.expected;
  const sameOrderPending = existing.filter(
    (r) => r.orderId === input.orderId && r.state === 'pending',
  );

  if (intent.kind === 'update-tracking') {
    const ship = sameOrderPending.find(
      (r) => r.packageId === input.packageId && r.kind !== 'update-tracking',
    );
    const tracking = {
      trackingNumber: intent.payload.trackingNumber,
      shippingProviderId: intent.payload.shippingProviderId,
    };
    if (ship?.kind === 'ship-package' && ship.payload.selfShipment) {
      intent = { kind: 'ship-package', payload: { ...ship.payload, selfShipment: tracking } };
      expected = ship.expected;
    } else if (ship?.kind === 'mark-shipped') {
      intent = { kind: 'mark-shipped', payload: { ...ship.payload, ...tracking } };
      expected = ship.expected;
    }
  }

  const row = {
    ...intent,
    id: ids.id,
    idempotencyKey: ids.idempotencyKey,
    seq: ids.seq,
    orderId: input.orderId,
    packageId: input.packageId,
    expected,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    createdAt: now,
    updatedAt: now,
  } satisfies OutboxRow as OutboxRow;

  const slot = slotOf(row);
  const supersede = sameOrderPending
    .filter((r) => slotOf(r) === slot && r.seq < row.seq)
    .map((r) => ({
      id: r.id,
      patch: { state: 'superseded', supersededBy: row.id, updatedAt: now } satisfies RowPatch,
    }));
  return { row, supersede };
}

/** The earliest active row of each order: only it may move (per-order sequence, I3). */
export function orderHeads(rows: readonly OutboxRow[]): OutboxRow[] {
  const heads = new Map<string, OutboxRow>();
  for (const row of rows) {
    if (!isActiveState(row.state)) continue;
    const head = heads.get(row.orderId);
    if (!head || row.seq < head.seq) heads.set(row.orderId, row);
  }
  return [...heads.values()];
}

/**
 * When a row is next due, as the scheduler sees it. A time further ahead than any delay the
 * engine ever sets (`horizonMs`) was written against a wall clock that has since been set back
 * (or by a clock running ahead): it counts as due now, so a clock jump never stalls the queue.
 */
export function dueAt(row: OutboxRow, now: number, horizonMs = Infinity): number {
  return row.nextAttemptAt > now + horizonMs ? now : row.nextAttemptAt;
}

/**
 * Rows to work on now: each order's head when it is pending or verify and its time has come.
 * An order whose head is inflight is busy; other orders are never blocked by it (I5).
 */
export function selectDue(
  rows: readonly OutboxRow[],
  now: number,
  limit = Infinity,
  horizonMs = Infinity,
): OutboxRow[] {
  return orderHeads(rows)
    .filter(
      (r) => (r.state === 'pending' || r.state === 'verify') && dueAt(r, now, horizonMs) <= now,
    )
    .sort((a, b) => dueAt(a, now, horizonMs) - dueAt(b, now, horizonMs) || a.seq - b.seq)
    .slice(0, limit);
}

/** When the next head becomes due, for the worker's timer; null when nothing waits. */
export function nextWakeAt(
  rows: readonly OutboxRow[],
  now = 0,
  horizonMs = Infinity,
): number | null {
  let wake: number | null = null;
  for (const head of orderHeads(rows)) {
    if (head.state === 'inflight') continue;
    const at = dueAt(head, now, horizonMs);
    if (wake === null || at < wake) wake = at;
  }
  return wake;
}

export interface QueueStats {
  /** Rows still to sync (pending, inflight, verify). */
  depth: number;
  oldestPendingAgeMs: number | null;
  lastSuccessAt: number | null;
  /** Rows that need a person (conflicts and dead letters). */
  parked: number;
  byState: Record<OutboxState, number>;
}

/** Numbers for the status bar: queue depth, oldest pending age, last success. */
export function queueStats(rows: readonly OutboxRow[], now: number): QueueStats {
  const byState = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<
    OutboxState,
    number
  >;
  let oldest: number | null = null;
  let lastSuccessAt: number | null = null;
  let parked = 0;
  for (const row of rows) {
    byState[row.state] += 1;
    if (isActiveState(row.state) && (oldest === null || row.createdAt < oldest)) {
      oldest = row.createdAt;
    }
    if (row.state === 'done' && (lastSuccessAt === null || row.updatedAt > lastSuccessAt)) {
      lastSuccessAt = row.updatedAt;
    }
    if (isParkedState(row.state)) parked += 1;
  }
  return {
    depth: byState.pending + byState.inflight + byState.verify,
    oldestPendingAgeMs: oldest === null ? null : Math.max(0, now - oldest),
    lastSuccessAt,
    parked,
    byState,
  };
}
