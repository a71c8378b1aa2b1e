/** Row types of the station database that are not shared domain entities. Plain JSON-safe data. */
import type { OrderFlag } from '#shared/domain/order';

export interface MetaRow {
  key: string;
  value: unknown;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** Written on every open: which app and schema last wrote this database. */
export interface Stamp {
  schemaVersion: number;
  appVersion: string;
  writtenAt: number;
}

export interface PracticeSeedState {
  seed: number;
  target: number;
  /** Orders [0, seededUpTo) are stored; a crash mid-seed resumes from here. */
  seededUpTo: number;
  nowSeconds: number;
  completedAt: number | null;
}

export type PackSessionStatus = 'open' | 'verified' | 'completed' | 'abandoned';

export interface PackSessionRow {
  id: string;
  orderId: string;
  packer: string;
  station: string;
  status: PackSessionStatus;
  startedAt: number;
  endedAt: number | null;
  /** Scanned count per SKU id. */
  counts: Record<string, number>;
}

export interface ScanEventRow {
  id: string;
  sessionId: string;
  orderId: string;
  code: string;
  outcome: string;
  skuId: string | null;
  packer: string;
  station: string;
  at: number;
}

export interface LabelRow {
  id: string;
  orderId: string;
  packageId: string;
  trackingNumber: string;
  format: 'pdf' | 'zpl';
  state: 'queued' | 'sent' | 'confirmed' | 'unknown' | 'failed';
  printedAt: number;
  printedBy: string;
  reason: string;
  /** Platform label PDF kept for offline printing, base64. */
  documentBase64?: string;
  /** How it was printed: 'system' printer, 'zpl' network printer, 'pdf' print page, 'platform' PDF. */
  output?: 'system' | 'zpl' | 'pdf' | 'platform';
  /** The print route (or `documents:<id>` for a platform PDF). */
  route?: string;
  station?: string;
  deviceName?: string;
  /** Set on an explicit reprint: the job it repeats (the reason is in `reason`). */
  reprintOf?: string;
  stateAt?: number;
  failure?: { code: string; message: string };
  /** Who answered "did it print?" after an unknown outcome. */
  answeredBy?: string;
  /** The packer scanned this label on the parcel. */
  verifiedAt?: number;
  verifiedBy?: string;
  verifyCode?: string;
}

export interface OutboxRow {
  id: string;
  idempotencyKey: string;
  seq: number;
  orderId: string;
  packageId: string;
  kind: string;
  payload: Record<string, unknown>;
  expected: Record<string, unknown>;
  state: string;
  attempts: number;
  nextAttemptAt: number;
  lastError: { code: string; message: string; at: number } | null;
  createdAt: number;
  updatedAt: number;
  supersededBy?: string;
}

export interface AuditRow {
  id: string;
  at: number;
  kind: string;
  orderId: string;
  actor: string;
  station: string;
  detail: Record<string, unknown>;
}

/** v1 order rows had no flags; kept to type the v2 upgrade. */
export interface OrderRowV1 {
  id: string;
  status: string;
  isOnHold: boolean;
  isBuyerRequestCancel: boolean;
  flags?: OrderFlag[];
  [field: string]: unknown;
}

/** A shipping document fetched from the platform, kept so the label prints offline. */
export interface DocumentRow {
  id: string;
  orderId: string;
  packageId: string;
  trackingNumber: string;
  kind: 'SHIPPING_LABEL' | 'PACKING_SLIP';
  format: 'pdf';
  /** The PDF, base64. */
  dataBase64: string;
  fetchedAt: number;
}

/** A batch of parcels handed over to one carrier, with what was expected and what was scanned. */
export interface HandoverRow {
  id: string;
  carrier: string;
  status: 'open' | 'closed';
  createdAt: number;
  closedAt: number | null;
  expectedPackageIds: string[];
  scannedPackageIds: string[];
  createdBy: string;
}
