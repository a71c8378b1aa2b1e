/** Row types of tracking, exceptions and buyer messages. Plain, JSON-safe data; times epoch ms. */
import type {
  DelayFinding,
  ExceptionKind,
  MessageLanguage,
  MessageSituation,
  ParcelStatus,
  TrackingEvent,
} from '#shared/logic/tracking/index';

/** Where a parcel stands in the exceptions queue. */
export type ExceptionQueueState = 'none' | 'open' | 'resolved';

/** One shipped package, followed to the door. `id` is the package id. */
export interface ParcelRow {
  id: string;
  orderId: string;
  trackingNumber: string;
  carrier: string;
  /** Destination region code (`US`, `GB`…). */
  destination: string;
  /** Recipient name, as the order has it (data, never markup). */
  buyerName: string;
  handedOverAt: number;
  /** The shop's promised delivery time, when known. */
  promisedAt: number | null;
  /** Every event the shop gave, de-duplicated, oldest first, with the carrier's own text. */
  events: TrackingEvent[];
  status: ParcelStatus;
  exception?: ExceptionKind;
  lastEventAt: number | null;
  lastEventText: string | null;
  firstScanAt: number | null;
  deliveredAt: number | null;
  final: boolean;
  /** The package detail as last read. */
  packageStatus: string | null;
  subStatus: string | null;
  exceptionReason: string | null;
  findings: DelayFinding[];
  /** Higher is more urgent; 0 without findings. */
  urgency: number;
  queue: ExceptionQueueState;
  /** Delay codes a person resolved: those do not reopen the row; a new code does. */
  resolvedCodes: string[];
  resolvedAt?: number;
  resolvedBy?: string;
  contactedAt?: number;
  claim?: { reference: string; at: number; by: string };
  replacementOrderId?: string;
  /** Null: never again (final). */
  nextRefreshAt: number | null;
  lastRefreshAt: number | null;
  lastError: { code: string; message: string; at: number } | null;
  updatedAt: number;
}

export type MessageChannel = 'api' | 'copied';

/** A message to a buyer, and how it went; its outbox row carries the send. */
export interface MessageRow {
  id: string;
  orderId: string;
  packageId: string;
  situation: MessageSituation;
  language: MessageLanguage;
  /** Exactly the text the buyer gets. */
  text: string;
  channel: MessageChannel;
  /** The outbox row that sends it (channel `api`). */
  outboxRowId: string | null;
  createdAt: number;
  createdBy: string;
  station: string;
}
