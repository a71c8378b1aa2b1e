/**
 * What the Insights feature reads and writes: the station's rows mapped into the metric inputs
 * (shared/logic/insights/inputs.ts), the applied suggestions and the carrier rules they made.
 * Applying or reverting a suggestion writes its setting and its audit row in one transaction.
 */
import type { OrderRow } from '#shared/domain/order';
import type { ProductRow } from '#shared/domain/product';
import {
  CarrierRules,
  carrierIdOf,
  emptyDataset,
  parcelCost,
  type AppliedSuggestion,
  type CarrierRule,
  type InsightDataset,
  type InsightDelivery,
  type InsightOrder,
  type InsightShipment,
  type Suggestion,
} from '#shared/logic/insights/index';
import { validateTracking, type RateTable } from '#shared/logic/shipping/index';
import { shipmentFacts } from '../../features/shipping/facts';
import type { StationDb } from '../db';
import type { AuditRow, LabelRow, OutboxRow, PackSessionRow, ScanEventRow } from '../rows';
import type { DeliveryRow } from '../rows-insights';
import { deliveryFromParcel, mergeDeliveries, returnsFrom, weightsFrom } from './insights-sources';
import { createShippingRepository } from './shipping-repository';

export const CARRIER_RULES_KEY = 'insights.carrierRules';
export const APPLIED_KEY = 'insights.applied';
export const PACKING_NOTES_KEY = 'insights.packingNotes';
export const PACKER_CHECKS_KEY = 'insights.packerChecks';

/** Audit kinds the metrics read (the rest of the audit trail is not loaded). */
export const METRIC_AUDIT_KINDS = ['pack.override', 'pack.stop-ship'] as const;

const SHIP_KINDS = new Set(['ship-package', 'mark-shipped']);
const NOT_SHIPPED = new Set(['superseded', 'conflict-cancelled', 'conflict-shipped', 'dead']);

export function toInsightOrder(o: OrderRow): InsightOrder {
  return {
    id: o.id,
    status: o.status,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    shipBy: o.shipBy,
    country: o.recipient.regionCode.toUpperCase(),
    region: o.recipient.districts[1] ?? '',
    skuIds: o.lines.map((l) => l.skuId),
    shippingType: o.shippingType,
  };
}

export function toInsightSession(s: PackSessionRow) {
  let units = 0;
  for (const n of Object.values(s.counts)) units += n;
  return {
    id: s.id,
    orderId: s.orderId,
    packer: s.packer,
    station: s.station,
    status: s.status,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    units,
    // markPacked writes a completed session with no counts, started and ended at once.
    manual: units === 0 && s.startedAt === s.endedAt,
  };
}

export function toInsightScan(s: ScanEventRow) {
  return { orderId: s.orderId, packer: s.packer, station: s.station, outcome: s.outcome, at: s.at };
}

export function toInsightAudit(a: AuditRow) {
  return { kind: a.kind, orderId: a.orderId, actor: a.actor, station: a.station, at: a.at };
}

export function toInsightLabel(l: LabelRow) {
  return {
    orderId: l.orderId,
    printedAt: l.printedAt,
    printedBy: l.printedBy,
    station: l.station ?? '',
    reprint: l.reprintOf !== undefined,
  };
}

export function toInsightDelivery(d: DeliveryRow): InsightDelivery {
  return {
    orderId: d.orderId,
    packageId: d.id,
    carrier: d.carrier,
    country: d.country,
    region: d.region,
    shippedAt: d.shippedAt,
    promisedAt: d.promisedAt,
    deliveredAt: d.deliveredAt,
    exception: d.exception,
    lost: d.lost,
  };
}

/** A shipment intent of the outbox as a metric input; null for rows that ship nothing. */
export function toInsightShipment(
  row: OutboxRow,
  order: OrderRow | undefined,
  products: ReadonlyMap<string, ProductRow>,
  table: RateTable,
): InsightShipment | null {
  if (!SHIP_KINDS.has(row.kind) || NOT_SHIPPED.has(row.state) || !order) return null;
  const pkg = order.packages.find((p) => p.id === row.packageId) ?? order.packages[0];
  const carrier = pkg?.shippingProviderName.trim() || 'Unknown carrier';
  const payload = row.payload as {
    selfShipment?: { trackingNumber?: string };
    trackingNumber?: string;
  };
  const tracking =
    payload.selfShipment?.trackingNumber ?? payload.trackingNumber ?? pkg?.trackingNumber ?? '';
  const id = carrierIdOf(carrier);
  const platform = order.shippingType === 'TIKTOK' && !payload.selfShipment;
  const valid = platform || (id !== null && tracking !== '' && validateTracking(tracking, id).ok);
  const facts = shipmentFacts(
    order,
    order.lines.flatMap((l) => {
      const p = products.get(l.skuId);
      return p ? [p] : [];
    }),
  );
  const cost = id !== null && !platform ? parcelCost(facts, id, table) : null;
  return {
    orderId: row.orderId,
    packageId: row.packageId,
    carrier,
    trackingNumber: tracking,
    enqueuedAt: row.createdAt,
    appliedAt: row.state === 'done' ? row.updatedAt : null,
    trackingValid: valid,
    costMinor: cost?.costMinor ?? null,
    currency: cost?.currency ?? null,
  };
}

function settingArray<T>(value: unknown, parse: (v: unknown) => T[] | null): T[] {
  return parse(value) ?? [];
}

export interface InsightsActor {
  name: string;
  station: string;
  now: number;
}

export function createInsightsRepository(db: StationDb) {
  const shipping = createShippingRepository(db);

  async function shipmentsFor(rows: OutboxRow[], orders: Map<string, OrderRow>) {
    const products = new Map((await db.products.toArray()).map((p) => [p.id, p]));
    const table = await shipping.rateTable();
    const out: InsightShipment[] = [];
    for (const r of rows) {
      const s = toInsightShipment(r, orders.get(r.orderId), products, table);
      if (s) out.push(s);
    }
    return out;
  }

  async function appliedSuggestions(): Promise<AppliedSuggestion[]> {
    const v = (await db.settings.get(APPLIED_KEY))?.value;
    return settingArray(v, (x) => (Array.isArray(x) ? (x as AppliedSuggestion[]) : null));
  }

  async function carrierRules(): Promise<CarrierRule[]> {
    const v = (await db.settings.get(CARRIER_RULES_KEY))?.value;
    return settingArray(v, (x) => {
      const p = CarrierRules.safeParse(x);
      return p.success ? p.data : null;
    });
  }

  function auditRow(kind: string, actor: InsightsActor, detail: Record<string, unknown>): AuditRow {
    return {
      id: crypto.randomUUID(),
      at: actor.now,
      kind,
      orderId: '',
      actor: actor.name,
      station: actor.station,
      detail,
    };
  }

  return {
    /** Every row the metrics read, mapped. Audit rows: only the kinds the metrics count. */
    async loadDataset(): Promise<InsightDataset> {
      const [orderRows, sessions, scans, audit, labels, outbox, deliveries] = await Promise.all([
        db.orders.toArray(),
        db.packSessions.toArray(),
        db.scanEvents.toArray(),
        db.audit
          .where('kind')
          .anyOf([...METRIC_AUDIT_KINDS])
          .toArray(),
        db.labels.toArray(),
        db.outbox.toArray(),
        db.deliveries.toArray(),
      ]);
      const [parcels, requests, intakes, weighings] = await Promise.all([
        db.parcels.toArray(),
        db.returns.toArray(),
        db.returnIntakes.toArray(),
        db.weighings.toArray(),
      ]);
      const orders = new Map(orderRows.map((o) => [o.id, o]));
      return {
        ...emptyDataset(),
        orders: orderRows.map(toInsightOrder),
        sessions: sessions.map(toInsightSession),
        scans: scans.map(toInsightScan),
        audit: audit.map(toInsightAudit),
        labels: labels.map(toInsightLabel),
        shipments: await shipmentsFor(outbox, orders),
        deliveries: mergeDeliveries(
          deliveries.map(toInsightDelivery),
          parcels.map((p) => deliveryFromParcel(p, orders.get(p.orderId))),
        ),
        returns: returnsFrom(requests, intakes),
        weights: weightsFrom(weighings),
      };
    },

    /** The rows of some orders only: the incremental update after a pack or a shipment. */
    async loadForOrders(orderIds: readonly string[]): Promise<InsightDataset> {
      const ids = [...new Set(orderIds)];
      const [orderRows, sessions, scans, audit, labels, outbox, deliveries] = await Promise.all([
        db.orders.bulkGet(ids),
        db.packSessions.where('orderId').anyOf(ids).toArray(),
        db.scanEvents.where('orderId').anyOf(ids).toArray(),
        db.audit.where('orderId').anyOf(ids).toArray(),
        db.labels.where('orderId').anyOf(ids).toArray(),
        db.outbox.where('orderId').anyOf(ids).toArray(),
        db.deliveries.where('orderId').anyOf(ids).toArray(),
      ]);
      const [parcels, requests, intakes, weighings] = await Promise.all([
        db.parcels.where('orderId').anyOf(ids).toArray(),
        db.returns.where('orderId').anyOf(ids).toArray(),
        db.returnIntakes.where('orderId').anyOf(ids).toArray(),
        db.weighings.where('orderId').anyOf(ids).toArray(),
      ]);
      const found = orderRows.filter((o): o is OrderRow => o !== undefined);
      const orders = new Map(found.map((o) => [o.id, o]));
      const kinds: readonly string[] = METRIC_AUDIT_KINDS;
      return {
        ...emptyDataset(),
        orders: found.map(toInsightOrder),
        sessions: sessions.map(toInsightSession),
        scans: scans.map(toInsightScan),
        audit: audit.filter((a) => kinds.includes(a.kind)).map(toInsightAudit),
        labels: labels.map(toInsightLabel),
        shipments: await shipmentsFor(outbox, orders),
        deliveries: mergeDeliveries(
          deliveries.map(toInsightDelivery),
          parcels.map((p) => deliveryFromParcel(p, orders.get(p.orderId))),
        ),
        returns: returnsFrom(requests, intakes),
        weights: weightsFrom(weighings),
      };
    },

    appliedSuggestions,
    carrierRules,

    /**
     * Applies a suggestion: its change (a carrier rule, a packing note, a packer check), the
     * applied list and an audit row, in one transaction. Applying the same suggestion twice
     * changes nothing.
     */
    async applySuggestion(s: Suggestion, actor: InsightsActor): Promise<AppliedSuggestion> {
      return db.transaction('rw', [db.settings, db.audit], async () => {
        const applied = await appliedSuggestions();
        const open = applied.find((a) => a.suggestion.id === s.id && a.revertedAt === null);
        if (open) return open;
        const a = s.action;
        if (a.kind === 'carrier-rule') {
          const rule: CarrierRule = {
            id: crypto.randomUUID(),
            country: a.country,
            region: a.region,
            prefer: a.prefer,
            avoid: a.avoid,
            suggestionId: s.id,
            createdAt: actor.now,
            createdBy: actor.name,
          };
          const rules = (await carrierRules()).filter(
            (r) => !(r.country === rule.country && r.region === rule.region),
          );
          await db.settings.put({ key: CARRIER_RULES_KEY, value: [...rules, rule] });
        } else {
          const key = a.kind === 'packing-note' ? PACKING_NOTES_KEY : PACKER_CHECKS_KEY;
          const subject = a.kind === 'packing-note' ? a.skuId : a.packer;
          const current = ((await db.settings.get(key))?.value ?? {}) as Record<string, unknown>;
          await db.settings.put({
            key,
            value: { ...current, [subject]: { suggestionId: s.id, since: actor.now } },
          });
        }
        const entry: AppliedSuggestion = {
          suggestion: s,
          appliedAt: actor.now,
          appliedBy: actor.name,
          revertedAt: null,
          revertedBy: null,
        };
        await db.settings.put({ key: APPLIED_KEY, value: [...applied, entry] });
        await db.audit.add(
          auditRow('insights.suggestion-applied', actor, {
            suggestionId: s.id,
            rule: s.rule,
            action: s.action,
            evidence: {
              value: s.evidence.value,
              numerator: s.evidence.numerator,
              sample: s.evidence.sample,
            },
          }),
        );
        return entry;
      });
    },

    /** Undoes an applied suggestion's change; the applied entry stays, marked reverted. */
    async revertSuggestion(suggestionId: string, actor: InsightsActor): Promise<boolean> {
      return db.transaction('rw', [db.settings, db.audit], async () => {
        const applied = await appliedSuggestions();
        const entry = applied.find(
          (a) => a.suggestion.id === suggestionId && a.revertedAt === null,
        );
        if (!entry) return false;
        const a = entry.suggestion.action;
        if (a.kind === 'carrier-rule') {
          const rules = (await carrierRules()).filter((r) => r.suggestionId !== suggestionId);
          await db.settings.put({ key: CARRIER_RULES_KEY, value: rules });
        } else {
          const key = a.kind === 'packing-note' ? PACKING_NOTES_KEY : PACKER_CHECKS_KEY;
          const subject = a.kind === 'packing-note' ? a.skuId : a.packer;
          const current = {
            ...(((await db.settings.get(key))?.value ?? {}) as Record<string, unknown>),
          };
          delete current[subject];
          await db.settings.put({ key, value: current });
        }
        await db.settings.put({
          key: APPLIED_KEY,
          value: applied.map((x) =>
            x === entry ? { ...x, revertedAt: actor.now, revertedBy: actor.name } : x,
          ),
        });
        await db.audit.add(
          auditRow('insights.suggestion-reverted', actor, {
            suggestionId,
            rule: entry.suggestion.rule,
          }),
        );
        return true;
      });
    },
  };
}

export type InsightsRepository = ReturnType<typeof createInsightsRepository>;
