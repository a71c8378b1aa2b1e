/**
 * Weeks of deterministic history for the practice shop, so the Insights screen has something to
 * show on first start: delivered and cancelled orders with their packs, scans, overrides, labels
 * and reprints, shipments the shop applied, carrier handovers and delivery outcomes. Every row is
 * a pure function of (seed, end day): the same station gets the same history.
 *
 * The history is written in the practice database only, when Insights first opens there. Its
 * orders are finished (delivered, in transit, cancelled), so they never enter the packing queue,
 * and its parcels are in closed handover batches, so the Handover screen never expects them.
 */
import { OrderRow, deriveFlags, type OrderLine } from '#shared/domain/order';
import {
  PRACTICE_SEED,
  practiceCatalog,
  prng,
  type PracticeSku,
} from '#shared/logic/practice-data';
import {
  CARRIER_NAMES,
  s10CheckDigit,
  upsCheckDigit,
  type CarrierId,
} from '#shared/logic/shipping/index';
import type { StationDb } from './db';
import { SEQ_KEY } from './outbox/enqueue';
import type {
  AuditRow,
  HandoverRow,
  LabelRow,
  OutboxRow,
  PackSessionRow,
  ScanEventRow,
} from './rows';
import type { DeliveryRow } from './rows-insights';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;

export const HISTORY_DAYS = 42;
export const HISTORY_ORDERS_PER_DAY = 60;
export const HISTORY_META_KEY = 'insights.practiceHistory';
export const HISTORY_STATION_PACKERS = [
  { name: 'Mei', station: 'bench-1', weight: 0.35, misScan: 0.02 },
  { name: 'Ahmad', station: 'bench-2', weight: 0.3, misScan: 0.03 },
  // Sam's mis-scans rise in the last week: the packer rule has something to find.
  { name: 'Sam', station: 'bench-1', weight: 0.35, misScan: 0.02, lastWeekMisScan: 0.08 },
] as const;

interface Place {
  country: string;
  currency: string;
  districts: string[];
  postal: string;
  line: string;
  weight: number;
  carriers: readonly (readonly [CarrierId, number])[];
}

const PLACES: readonly Place[] = [
  {
    country: 'US',
    currency: 'USD',
    districts: ['United States', 'Texas', 'Houston'],
    postal: '77002',
    line: 'Main Street',
    weight: 0.3,
    carriers: [
      ['usps', 0.65],
      ['ups', 0.25],
      ['fedex', 0.1],
    ],
  },
  {
    country: 'US',
    currency: 'USD',
    districts: ['United States', 'California', 'Los Angeles'],
    postal: '90012',
    line: 'Sunset Blvd',
    weight: 0.2,
    carriers: [
      ['usps', 0.6],
      ['ups', 0.3],
      ['fedex', 0.1],
    ],
  },
  {
    country: 'US',
    currency: 'USD',
    districts: ['United States', 'New York', 'Brooklyn'],
    postal: '11201',
    line: 'Atlantic Ave',
    weight: 0.12,
    carriers: [
      ['usps', 0.6],
      ['ups', 0.3],
      ['fedex', 0.1],
    ],
  },
  {
    country: 'US',
    currency: 'USD',
    districts: ['United States', 'Washington', 'Seattle'],
    postal: '98101',
    line: 'Pine Street',
    weight: 0.08,
    carriers: [
      ['usps', 0.6],
      ['ups', 0.4],
    ],
  },
  {
    country: 'GB',
    currency: 'GBP',
    districts: ['United Kingdom', 'England', 'London'],
    postal: 'SW1A 1AA',
    line: 'High Street',
    weight: 0.15,
    carriers: [
      ['royal-mail', 0.5],
      ['evri', 0.35],
      ['dhl', 0.15],
    ],
  },
  {
    country: 'MY',
    currency: 'MYR',
    districts: ['Malaysia', 'Kuala Lumpur', 'Cheras'],
    postal: '56000',
    line: 'Jalan Cheras',
    weight: 0.15,
    carriers: [['jt', 1]],
  },
];

/** Chance that a parcel of `carrier` to `region` arrives after its promised date. */
function lateChance(carrier: CarrierId, region: string): number {
  if (carrier === 'usps' && region === 'Texas') return 0.16;
  if (carrier === 'evri') return 0.09;
  if (carrier === 'ups') return 0.03;
  return 0.05;
}

const PROMISED_DAYS: Record<CarrierId, number> = {
  usps: 5,
  ups: 5,
  fedex: 5,
  dhl: 2,
  'royal-mail': 2,
  evri: 4,
  jt: 5,
  tiktok: 6,
};

function weighted<T>(r: () => number, items: readonly (readonly [T, number])[]): T {
  let x = r() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) {
    x -= w;
    if (x <= 0) return item;
  }
  const last = items.at(-1);
  if (!last) throw new Error('weighted pick from empty list');
  return last[0];
}

function digits(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i += 1) s += String(Math.floor(r() * 10));
  return s;
}

/** A tracking number in the carrier's format; `typo` breaks its check digit (or pattern). */
function trackingFor(carrier: CarrierId, r: () => number, typo: boolean): string {
  switch (carrier) {
    case 'usps':
    case 'royal-mail': {
      const serial = digits(r, 8);
      const check = (s10CheckDigit(serial) + (typo ? 1 : 0)) % 10;
      return `EA${serial}${check}${carrier === 'usps' ? 'US' : 'GB'}`;
    }
    case 'ups': {
      const body = `${digits(r, 6)}03${digits(r, 7)}`;
      return typo ? `1Z${body}` : `1Z${body}${upsCheckDigit(body)}`;
    }
    case 'fedex':
      return digits(r, typo ? 11 : 12);
    case 'dhl':
      return digits(r, typo ? 9 : 10);
    case 'evri':
      return `H${digits(r, typo ? 10 : 15)}`;
    case 'jt':
      return `JT${digits(r, typo ? 6 : 12)}`;
    case 'tiktok':
      return `TT${digits(r, 14)}US`;
  }
}

/** Fewer orders at weekends. */
export function ordersOnDay(dayStart: number, perDay: number): number {
  const weekday = new Date(dayStart).getUTCDay();
  return Math.round(perDay * (weekday === 0 || weekday === 6 ? 0.7 : 1.1));
}

export function historyOrderId(i: number): string {
  return `5800${String(i).padStart(14, '0')}`;
}

export interface PracticeHistory {
  orders: OrderRow[];
  sessions: PackSessionRow[];
  scans: ScanEventRow[];
  audit: AuditRow[];
  labels: LabelRow[];
  /** Outbox rows without their seq (numbered when written, after the station's own). */
  outbox: Omit<OutboxRow, 'seq'>[];
  deliveries: DeliveryRow[];
  handovers: HandoverRow[];
}

function line(sku: PracticeSku, i: number, packageId: string, orderId: string): OrderLine {
  const price = `${Math.floor(sku.price / 100)}.${String(sku.price % 100).padStart(2, '0')}`;
  return {
    id: `${orderId}-${i}`,
    skuId: sku.product.id,
    sellerSku: sku.product.sellerSku,
    productId: sku.product.productId,
    productName: sku.product.productName,
    skuName: sku.product.skuName,
    salePrice: price,
    originalPrice: price,
    sellerDiscount: '0.00',
    platformDiscount: '0.00',
    packageId,
    isDangerousGood: sku.product.handling.includes('battery'),
    isGift: false,
  };
}

/**
 * The history of the `days` days before `endDay` (a UTC midnight, exclusive). Parcels still on
 * their way at `now` have no delivery time yet.
 */
export function practiceHistory(opts: {
  endDay: number;
  now: number;
  days?: number;
  perDay?: number;
  seed?: number;
  /** Only this day (0 = the first): the seeder writes day by day, never all at once. */
  onlyDay?: number;
}): PracticeHistory {
  const days = opts.days ?? HISTORY_DAYS;
  const perDay = opts.perDay ?? HISTORY_ORDERS_PER_DAY;
  const catalog = practiceCatalog(PRACTICE_SEED);
  const out: PracticeHistory = {
    orders: [],
    sessions: [],
    scans: [],
    audit: [],
    labels: [],
    outbox: [],
    deliveries: [],
    handovers: [],
  };
  const handovers = new Map<string, HandoverRow>();
  const start = opts.endDay - days * DAY;
  const first = opts.onlyDay ?? 0;
  const end = opts.onlyDay !== undefined ? opts.onlyDay + 1 : days;
  for (let d = first; d < end; d += 1) {
    // Each day has its own generator and id range, so any day can be made on its own.
    const r = prng((((opts.seed ?? PRACTICE_SEED) ^ 0x5eed) + d * 7919) >>> 0);
    let index = d * 100_000;
    const dayStart = start + d * DAY;
    const lastWeek = dayStart >= opts.endDay - 7 * DAY;
    const count = ordersOnDay(dayStart, perDay);
    for (let k = 0; k < count; k += 1) {
      index += 1;
      const id = historyOrderId(index);
      const packageId = `1158${String(index).padStart(14, '0')}`;
      const place = weighted(
        r,
        PLACES.map((p) => [p, p.weight] as const),
      );
      const shippingType = place.country === 'US' && r() < 0.3 ? 'TIKTOK' : 'SELLER';
      const carrier: CarrierId = shippingType === 'TIKTOK' ? 'tiktok' : weighted(r, place.carriers);
      const createdAt = dayStart + 7 * HOUR + Math.floor(r() * 12 * HOUR);
      const shipBy = createdAt + 48 * HOUR;
      const skus = 1 + (r() < 0.4 ? Math.floor(r() * 3) : 0);
      const lines: OrderLine[] = [];
      for (let s = 0; s < skus; s += 1) {
        const sku = catalog[Math.floor(r() * catalog.length)];
        if (!sku) continue;
        const qty = r() < 0.8 ? 1 : 2;
        for (let q = 0; q < qty; q += 1) lines.push(line(sku, lines.length, packageId, id));
      }
      const subTotal = lines.reduce((sum, l) => sum + Math.round(Number(l.salePrice) * 100), 0);
      const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
      const fate = r();
      const buyerCancel = fate < 0.02;
      const sellerFault = !buyerCancel && fate < 0.035;
      const packer = weighted(
        r,
        HISTORY_STATION_PACKERS.map((p) => [p, p.weight] as const),
      );
      const name = `Buyer ${index}`;
      const order: OrderRow = {
        id,
        status: 'DELIVERED',
        createdAt,
        updatedAt: createdAt,
        paidAt: createdAt + 30_000,
        shipBy,
        recipient: {
          name,
          phone: '(+1)555***0000',
          fullAddress: `${index} ${place.line}, ${[...place.districts].reverse().join(', ')}, ${place.postal}`,
          addressLines: [`${index} ${place.line}`],
          postalCode: place.postal,
          regionCode: place.country,
          districts: [...place.districts],
        },
        lines,
        packages: [
          { id: packageId, trackingNumber: '', shippingProviderId: '', shippingProviderName: '' },
        ],
        packageIds: [packageId],
        trackingNumbers: [],
        searchName: name.toLowerCase(),
        payment: {
          currency: place.currency,
          subTotal: money(subTotal),
          shippingFee: '0.00',
          sellerDiscount: '0.00',
          platformDiscount: '0.00',
          tax: '0.00',
          totalAmount: money(subTotal),
        },
        shippingType,
        deliveryOptionId: shippingType === 'TIKTOK' ? '7091146663229654785' : '7129736193901528878',
        deliveryOptionName: shippingType === 'TIKTOK' ? 'Standard shipping' : 'Send by seller',
        warehouseId: '7068517275539719942',
        buyerMessage: '',
        sellerNote: '',
        isOnHold: false,
        isBuyerRequestCancel: false,
        flags: [],
        practice: true,
        source: 'practice',
      };
      const audit = (kind: string, at: number, detail: Record<string, unknown> = {}): AuditRow => ({
        id: `${id}-${kind}-${at}`,
        at,
        kind,
        orderId: id,
        actor: packer.name,
        station: packer.station,
        detail,
      });

      if (sellerFault) {
        // Never packed in time; the shop cancelled it after the ship-by passed.
        order.status = 'CANCELLED';
        order.updatedAt = shipBy + 2 * HOUR;
        out.orders.push(OrderRow.parse({ ...order, flags: deriveFlags(order) }));
        continue;
      }
      const packAt = createdAt + (r() < 0.05 ? 49 * HOUR : 2 * HOUR + Math.floor(r() * 20 * HOUR));
      const sessionId = `${id}-s`;
      if (buyerCancel) {
        // Cancelled by the buyer while it was being packed: stopped at the seal re-check.
        order.status = 'CANCELLED';
        order.updatedAt = packAt + 2 * MIN;
        out.orders.push(OrderRow.parse({ ...order, flags: deriveFlags(order) }));
        out.sessions.push({
          id: sessionId,
          orderId: id,
          packer: packer.name,
          station: packer.station,
          status: 'abandoned',
          startedAt: packAt,
          endedAt: packAt + 3 * MIN,
          counts: {},
        });
        out.audit.push(audit('pack.stop-ship', packAt + 3 * MIN, { sessionId }));
        continue;
      }
      // Pack: one scan per unit, mis-scans now and then (never counted), sometimes an override.
      const misRate =
        lastWeek && 'lastWeekMisScan' in packer ? packer.lastWeekMisScan : packer.misScan;
      let t = packAt;
      const counts: Record<string, number> = {};
      out.audit.push(audit('pack.started', t, { sessionId }));
      lines.forEach((l, li) => {
        while (r() < misRate) {
          t += 4000 + Math.floor(r() * 6000);
          out.scans.push({
            id: `${id}-scan-${out.scans.length}`,
            sessionId,
            orderId: id,
            code: 'PB-UNKNOWN-00',
            outcome: r() < 0.5 ? 'wrong-item' : 'unknown-barcode',
            skuId: null,
            packer: packer.name,
            station: packer.station,
            at: t,
          });
        }
        t += 5000 + Math.floor(r() * 20_000);
        counts[l.skuId] = (counts[l.skuId] ?? 0) + 1;
        out.scans.push({
          id: `${id}-scan-${out.scans.length}`,
          sessionId,
          orderId: id,
          code: l.sellerSku,
          outcome: li === lines.length - 1 ? 'complete' : 'ticked',
          skuId: l.skuId,
          packer: packer.name,
          station: packer.station,
          at: t,
        });
      });
      if (r() < 0.015)
        out.audit.push(audit('pack.override', t, { sessionId, reason: 'no barcode' }));
      const sealedAt = t + 30_000;
      out.sessions.push({
        id: sessionId,
        orderId: id,
        packer: packer.name,
        station: packer.station,
        status: 'completed',
        startedAt: packAt,
        endedAt: sealedAt,
        counts,
      });
      out.audit.push(audit('pack.completed', sealedAt, { sessionId }));
      // Label, sometimes reprinted.
      const typo = shippingType === 'SELLER' && r() < 0.015;
      const tracking = trackingFor(carrier, r, typo);
      const labelId = `${id}-label`;
      const label: LabelRow = {
        id: labelId,
        orderId: id,
        packageId,
        trackingNumber: tracking,
        format: 'pdf',
        state: 'confirmed',
        printedAt: sealedAt + 20_000,
        printedBy: packer.name,
        reason: 'first',
        station: packer.station,
      };
      out.labels.push(label);
      if (r() < 0.025) {
        out.labels.push({
          ...label,
          id: `${labelId}-2`,
          printedAt: sealedAt + 3 * MIN,
          reason: 'printer jam',
          reprintOf: labelId,
        });
      }
      // Shipment: confirmed at the bench, applied by the shop after a lag (sometimes offline).
      const shippedAt = sealedAt + 5 * MIN + Math.floor(r() * 90 * MIN);
      const lag =
        r() < 0.03 ? 2 * HOUR + Math.floor(r() * 6 * HOUR) : 20_000 + Math.floor(r() * 10 * MIN);
      const carrierName = CARRIER_NAMES[carrier];
      order.packages = [
        {
          id: packageId,
          trackingNumber: tracking,
          shippingProviderId: `practice-${carrier}`,
          shippingProviderName: carrierName,
        },
      ];
      order.trackingNumbers = [tracking];
      out.outbox.push({
        id: `${id}-ship`,
        idempotencyKey: `practice-history-${id}`,
        orderId: id,
        packageId,
        kind: 'ship-package',
        payload:
          shippingType === 'TIKTOK'
            ? { handoverMethod: 'PICKUP' }
            : {
                handoverMethod: 'DROP_OFF',
                selfShipment: {
                  trackingNumber: tracking,
                  shippingProviderId: `practice-${carrier}`,
                },
              },
        expected: { statuses: ['AWAITING_SHIPMENT'] },
        state: 'done',
        attempts: 1,
        nextAttemptAt: shippedAt,
        lastError: null,
        createdAt: shippedAt,
        updatedAt: shippedAt + lag,
      });
      out.audit.push(audit('ship.enqueued', shippedAt, { packageId }));
      const hKey = `${d}-${dayOfUtc(shippedAt)}-${carrierName}`;
      const h = handovers.get(hKey) ?? {
        id: `practice-handover-${hKey}`,
        carrier: carrierName,
        status: 'closed' as const,
        createdAt: dayOfUtc(shippedAt) + 17 * HOUR,
        closedAt: dayOfUtc(shippedAt) + 17 * HOUR + 10 * MIN,
        expectedPackageIds: [],
        scannedPackageIds: [],
        createdBy: packer.name,
      };
      h.expectedPackageIds.push(packageId);
      h.scannedPackageIds.push(packageId);
      handovers.set(hKey, h);
      // Delivery outcome.
      const promisedAt = shippedAt + PROMISED_DAYS[carrier] * DAY;
      const lost = r() < 0.005;
      const late = !lost && r() < lateChance(carrier, place.districts[1] ?? '');
      const transit = late
        ? PROMISED_DAYS[carrier] * DAY + 6 * HOUR + Math.floor(r() * 3 * DAY)
        : DAY + Math.floor(r() * (PROMISED_DAYS[carrier] * DAY - DAY - HOUR));
      const deliveredAt = lost || shippedAt + transit > opts.now ? null : shippedAt + transit;
      order.status = deliveredAt !== null ? 'DELIVERED' : 'IN_TRANSIT';
      order.updatedAt = deliveredAt ?? shippedAt + lag;
      out.orders.push(OrderRow.parse({ ...order, flags: deriveFlags(order) }));
      out.deliveries.push({
        id: packageId,
        orderId: id,
        carrier: carrierName,
        country: place.country,
        region: place.districts[1] ?? '',
        shippedAt,
        promisedAt,
        deliveredAt,
        exception: late && r() < 0.3,
        lost,
        source: 'practice',
      });
    }
  }
  out.handovers = [...handovers.values()];
  return out;
}

function dayOfUtc(at: number): number {
  return Math.floor(at / DAY) * DAY;
}

export interface HistoryProgress {
  done: number;
  total: number;
}

/**
 * Writes the practice history once (a meta row marks it done), day by day in transactions of 200
 * orders with their rows, yielding between them. Outbox rows get the station's next sequence
 * numbers. `padAuditPerOrder` adds that many label-state audit rows per order (the bench's
 * million audit events; the metrics never read that kind).
 */
export async function seedPracticeHistory(
  db: StationDb,
  opts: {
    now: number;
    onProgress?: (p: HistoryProgress) => void;
    days?: number;
    perDay?: number;
    padAuditPerOrder?: number;
  },
): Promise<{ seeded: boolean; orders: number }> {
  const marker = await db.meta.get(HISTORY_META_KEY);
  if (marker) return { seeded: false, orders: 0 };
  const endDay = dayOfUtc(opts.now);
  const days = opts.days ?? HISTORY_DAYS;
  const perDay = opts.perDay ?? HISTORY_ORDERS_PER_DAY;
  let total = 0;
  for (let d = 0; d < days; d += 1) total += ordersOnDay(endDay - (days - d) * DAY, perDay);
  let done = 0;
  opts.onProgress?.({ done, total });
  const handovers: HandoverRow[] = [];
  for (let d = 0; d < days; d += 1) {
    const h = practiceHistory({ endDay, now: opts.now, days, perDay, onlyDay: d });
    handovers.push(...h.handovers);
    const byOrder = <T extends { orderId: string }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const row of rows) {
        const list = m.get(row.orderId);
        if (list) list.push(row);
        else m.set(row.orderId, [row]);
      }
      return m;
    };
    const sessions = byOrder(h.sessions);
    const scans = byOrder(h.scans);
    const audit = byOrder(h.audit);
    const labels = byOrder(h.labels);
    const outbox = byOrder(h.outbox);
    const deliveries = byOrder(h.deliveries);
    const chunk = 200;
    for (let i = 0; i < h.orders.length; i += chunk) {
      const part = h.orders.slice(i, i + chunk);
      const pick = <T>(m: Map<string, T[]>) => part.flatMap((o) => m.get(o.id) ?? []);
      const padding: AuditRow[] = [];
      for (const o of part) {
        for (let k = 0; k < (opts.padAuditPerOrder ?? 0); k += 1) {
          padding.push({
            id: `${o.id}-pad-${k}`,
            at: o.createdAt + k * 1000,
            kind: 'label.state',
            orderId: o.id,
            actor: 'station',
            station: 'bench-1',
            detail: { state: 'confirmed' },
          });
        }
      }
      await db.transaction(
        'rw',
        [
          db.orders,
          db.packSessions,
          db.scanEvents,
          db.audit,
          db.labels,
          db.outbox,
          db.deliveries,
          db.meta,
        ],
        async () => {
          const seqRow = await db.meta.get(SEQ_KEY);
          let seq = typeof seqRow?.value === 'number' ? seqRow.value : 0;
          const numbered = pick(outbox).map((row) => ({ ...row, seq: (seq += 1) }));
          await db.orders.bulkPut(part);
          await db.packSessions.bulkPut(pick(sessions));
          await db.scanEvents.bulkPut(pick(scans));
          await db.audit.bulkPut([...pick(audit), ...padding]);
          await db.labels.bulkPut(pick(labels));
          await db.outbox.bulkPut(numbered);
          await db.deliveries.bulkPut(pick(deliveries));
          await db.meta.put({ key: SEQ_KEY, value: seq });
        },
      );
      done += part.length;
      opts.onProgress?.({ done, total });
      await new Promise<void>((res) => setTimeout(res, 0));
    }
  }
  await db.transaction('rw', [db.handovers, db.meta], async () => {
    await db.handovers.bulkPut(handovers);
    await db.meta.put({ key: HISTORY_META_KEY, value: { endDay, orders: total, at: opts.now } });
  });
  return { seeded: true, orders: total };
}
