import { z } from 'zod';
import { OrderStatus } from '#shared/domain/order';
import { ReturnDecisionPayload } from '../returns/outbox-decision';
import { SendMessagePayload } from '../tracking/message-outbox';

/**
 * The outbox row: one durable *intent* ("ship package P with tracking T, expecting
 * AWAITING_SHIPMENT"), never a snapshot. Design: reference/reliability.md §1.2.
 */

export const OUTBOX_STATES = [
  'pending',
  'inflight',
  'verify',
  'done',
  'conflict-cancelled',
  'conflict-shipped',
  'conflict-window',
  'superseded',
  'dead',
] as const;
export const OutboxState = z.enum(OUTBOX_STATES);
export type OutboxState = z.infer<typeof OutboxState>;

/** Rows still moving through the queue. */
export const ACTIVE_STATES = ['pending', 'inflight', 'verify'] as const satisfies OutboxState[];
export type ActiveState = (typeof ACTIVE_STATES)[number];

/** Rows that need a person: shown as exceptions, never dropped. */
export const PARKED_STATES = [
  'conflict-cancelled',
  'conflict-shipped',
  'conflict-window',
  'dead',
] as const satisfies OutboxState[];
export type ParkedState = (typeof PARKED_STATES)[number];
export type ConflictState = Exclude<ParkedState, 'dead'>;

export function isActiveState(state: OutboxState): state is ActiveState {
  return (ACTIVE_STATES as readonly OutboxState[]).includes(state);
}

export function isParkedState(state: OutboxState): state is ParkedState {
  return (PARKED_STATES as readonly OutboxState[]).includes(state);
}

/** Final for the sync worker: done, superseded, or parked for a person. */
export function isTerminalState(state: OutboxState): boolean {
  return !isActiveState(state);
}

export const HandoverMethod = z.enum(['PICKUP', 'DROP_OFF']);
export type HandoverMethod = z.infer<typeof HandoverMethod>;

export const SelfShipment = z.strictObject({
  trackingNumber: z.string().min(1),
  shippingProviderId: z.string().min(1),
});
export type SelfShipment = z.infer<typeof SelfShipment>;

/** POST /fulfillment/202309/packages/{package_id}/ship: platform logistics or seller shipping. */
export const ShipPackagePayload = z.strictObject({
  handoverMethod: HandoverMethod,
  pickupSlot: z.strictObject({ startTime: z.number(), endTime: z.number() }).optional(),
  selfShipment: SelfShipment.optional(),
});
export type ShipPackagePayload = z.infer<typeof ShipPackagePayload>;

/** POST /fulfillment/202309/orders/{order_id}/packages (Mark Package As Shipped). */
export const MarkShippedPayload = z.strictObject({
  trackingNumber: z.string().min(1),
  shippingProviderId: z.string().min(1),
  orderLineItemIds: z.array(z.string()),
});
export type MarkShippedPayload = z.infer<typeof MarkShippedPayload>;

/** POST …/shipping_info/update: within 72 h of shipping, once. */
export const UpdateTrackingPayload = z.strictObject({
  trackingNumber: z.string().min(1),
  shippingProviderId: z.string().min(1),
  scope: z.enum(['order', 'package']),
});
export type UpdateTrackingPayload = z.infer<typeof UpdateTrackingPayload>;

/** What the bench believed upstream looked like when the intent was made. */
export const Expected = z.strictObject({
  statuses: z.array(OrderStatus).min(1),
  /** For tracking updates: the number we believe is upstream now. */
  previousTrackingNumber: z.string().optional(),
});
export type Expected = z.infer<typeof Expected>;

export const OutboxError = z.strictObject({
  code: z.string(),
  message: z.string(),
  at: z.number(),
});
export type OutboxError = z.infer<typeof OutboxError>;

/** What the read-back saw when a row was parked as a conflict: both sides are shown. */
export const ConflictInfo = z.strictObject({
  upstreamStatus: OrderStatus,
  upstreamTrackingNumber: z.string().nullable(),
  upstreamProviderId: z.string().nullable(),
});
export type ConflictInfo = z.infer<typeof ConflictInfo>;

const RowBase = z.strictObject({
  id: z.string().min(1),
  /** Made at creation, never regenerated on retry. */
  idempotencyKey: z.string().min(1),
  /** Per-device monotonic. */
  seq: z.number().int().nonnegative(),
  orderId: z.string().min(1),
  packageId: z.string(),
  expected: Expected,
  state: OutboxState,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.number(),
  lastError: OutboxError.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  supersededBy: z.string().optional(),
  conflict: ConflictInfo.optional(),
});

export const OutboxIntent = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ship-package'), payload: ShipPackagePayload }),
  z.strictObject({ kind: z.literal('mark-shipped'), payload: MarkShippedPayload }),
  z.strictObject({ kind: z.literal('update-tracking'), payload: UpdateTrackingPayload }),
  z.strictObject({ kind: z.literal('return-decision'), payload: ReturnDecisionPayload }),
  z.strictObject({ kind: z.literal('send-message'), payload: SendMessagePayload }),
]);
export type OutboxIntent = z.infer<typeof OutboxIntent>;
export type OutboxKind = OutboxIntent['kind'];

export const OutboxRow = z.discriminatedUnion('kind', [
  RowBase.extend({ kind: z.literal('ship-package'), payload: ShipPackagePayload }),
  RowBase.extend({ kind: z.literal('mark-shipped'), payload: MarkShippedPayload }),
  RowBase.extend({ kind: z.literal('update-tracking'), payload: UpdateTrackingPayload }),
  RowBase.extend({ kind: z.literal('return-decision'), payload: ReturnDecisionPayload }),
  RowBase.extend({ kind: z.literal('send-message'), payload: SendMessagePayload }),
]);
export type OutboxRow = z.infer<typeof OutboxRow>;

/** Fields the sync worker may change. Identity and content are immutable. */
export type RowProgress = Pick<
  OutboxRow,
  'state' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'updatedAt'
> &
  Partial<Pick<OutboxRow, 'supersededBy' | 'conflict'>>;
export type RowPatch = Partial<RowProgress>;

/** The tracking number an intent writes, if any (platform logistics assigns its own). */
export function intentTracking(
  intent: OutboxIntent,
): { trackingNumber: string; shippingProviderId: string } | null {
  switch (intent.kind) {
    case 'ship-package':
      return intent.payload.selfShipment ?? null;
    case 'mark-shipped':
    case 'update-tracking':
      return {
        trackingNumber: intent.payload.trackingNumber,
        shippingProviderId: intent.payload.shippingProviderId,
      };
    case 'return-decision':
    case 'send-message':
      return null;
  }
}

/** Which logical update a row is: a later intent in the same slot supersedes an unsent one. */
export function slotOf(row: OutboxRow): string {
  // Every buyer message is its own update: it never supersedes, nor is superseded.
  if (row.kind === 'send-message') return `${row.orderId}\u0000message:${row.payload.messageId}`;
  if (row.kind === 'return-decision') {
    // One slot per request and decision step: a decision never supersedes a shipment.
    const step = row.payload.decision.endsWith('_RECEIVED_PACKAGE') ? 'receipt' : 'review';
    return `${row.orderId}\u0000return:${row.payload.returnId}\u0000${step}`;
  }
  const slot = row.kind === 'update-tracking' ? 'tracking' : 'ship';
  return `${row.orderId}\u0000${row.packageId}\u0000${slot}`;
}
