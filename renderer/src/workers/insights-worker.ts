/// <reference lib="webworker" />
/**
 * Computes the Insights metrics off the page: opens the station database (Dexie works in a
 * worker), keeps the mapped rows in memory, recomputes on request, and updates only the rows of
 * orders that changed (after a pack). The page only renders. Order lists behind each figure stay
 * here; the page asks for them when someone drills down.
 */
import {
  computeInsights,
  emptyDataset,
  reviewReport,
  suggest,
  filterDataset,
  type InsightDataset,
  type Insights,
} from '#shared/logic/insights/index';
import { StationDb } from '../data/db';
import { createInsightsRepository } from '../data/repositories/insights-repository';
import type { InsightsMessage, InsightsReply } from '../features/insights/protocol';

let db: StationDb | null = null;
let dataset: InsightDataset = emptyDataset();
let last: Insights | null = null;

function rowCount(ds: InsightDataset): number {
  let n = 0;
  for (const rows of Object.values(ds) as unknown[][]) n += rows.length;
  return n;
}

/** The result without the order lists (they can be large): drill-down asks for them. */
function withoutOrderLists<T>(value: T): T {
  const strip = (key: string, v: unknown): unknown => (key === 'orderIds' ? [] : v);
  return JSON.parse(JSON.stringify(value, strip)) as T;
}

function repo() {
  if (!db) throw new Error('insights worker: database not open');
  return createInsightsRepository(db);
}

async function load(): Promise<{ rows: number; loadMs: number }> {
  const t0 = performance.now();
  dataset = await repo().loadDataset();
  last = null;
  return { rows: rowCount(dataset), loadMs: performance.now() - t0 };
}

/** Replaces the rows of `ids` with what the database holds now. */
async function update(ids: string[]): Promise<void> {
  const fresh = await repo().loadForOrders(ids);
  const gone = new Set(ids);
  const keep = <T extends { orderId: string }>(rows: T[], add: T[]) => [
    ...rows.filter((r) => !gone.has(r.orderId)),
    ...add,
  ];
  dataset = {
    orders: [...dataset.orders.filter((o) => !gone.has(o.id)), ...fresh.orders],
    sessions: keep(dataset.sessions, fresh.sessions),
    scans: keep(dataset.scans, fresh.scans),
    audit: keep(dataset.audit, fresh.audit),
    labels: keep(dataset.labels, fresh.labels),
    shipments: keep(dataset.shipments, fresh.shipments),
    deliveries: keep(dataset.deliveries, fresh.deliveries),
    returns: keep(dataset.returns, fresh.returns),
    weights: keep(dataset.weights, fresh.weights),
  };
  if (last) last = computeInsights(dataset, last.query);
}

function drill(path: (string | number)[]): string[] {
  let node: unknown = last;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return [];
    node = (node as Record<string | number, unknown>)[step];
  }
  const ids = (node as { orderIds?: unknown } | null)?.orderIds;
  return Array.isArray(ids)
    ? [...new Set(ids.filter((x): x is string => typeof x === 'string'))]
    : [];
}

async function handle(msg: InsightsMessage): Promise<unknown> {
  switch (msg.type) {
    case 'open': {
      db?.close();
      db = new StationDb(msg.dbName);
      await db.open();
      return load();
    }
    case 'reload':
      return load();
    case 'compute': {
      const t0 = performance.now();
      last = computeInsights(dataset, msg.query);
      return { insights: withoutOrderLists(last), computeMs: performance.now() - t0 };
    }
    case 'ordersChanged': {
      const t0 = performance.now();
      await update(msg.orderIds);
      return { updateMs: performance.now() - t0 };
    }
    case 'drill':
      return { orderIds: drill(msg.path) };
    case 'suggest':
      return { suggestions: suggest(dataset, msg.to) };
    case 'report': {
      const ds = filterDataset(dataset, { ...msg.query, ...msg.period });
      return { report: reviewReport(ds, msg.period, msg.applied) };
    }
  }
}

self.onmessage = (e: MessageEvent<InsightsMessage>) => {
  const msg = e.data;
  handle(msg).then(
    (value) => self.postMessage({ id: msg.id, ok: true, value } satisfies InsightsReply),
    (cause: unknown) =>
      self.postMessage({ id: msg.id, ok: false, error: String(cause) } satisfies InsightsReply),
  );
};
