import Dexie from 'dexie';
import { OrderRow, type OrderStatus } from '#shared/domain/order';
import type { StationDb } from '../db';

/** What the queue can be filtered by: a status, the stop-ship list, or everything. */
export type QueueFilter =
  { kind: 'status'; status: OrderStatus } | { kind: 'stop-ship' } | { kind: 'all' };

export type IdMatch = 'order-id' | 'package-id' | 'tracking-number' | 'recipient';

export interface SearchHit {
  order: OrderRow;
  matchedBy: IdMatch;
}

/** Orders, through indexes only: nothing here loads the whole table. */
export function createOrdersRepository(db: StationDb) {
  function queueCollection(filter: QueueFilter) {
    switch (filter.kind) {
      case 'status':
        return db.orders
          .where('[status+shipBy]')
          .between([filter.status, Dexie.minKey], [filter.status, Dexie.maxKey]);
      case 'stop-ship':
        return db.orders.where('flags').equals('stop-ship');
      case 'all':
        return db.orders.orderBy('shipBy');
    }
  }

  return {
    get(id: string): Promise<OrderRow | undefined> {
      return db.orders.get(id);
    },

    /** A scanned or typed code: order id, then package id, then tracking number. */
    async findByAnyId(code: string): Promise<SearchHit | undefined> {
      const trimmed = code.trim();
      if (!trimmed) return undefined;
      const byId = await db.orders.get(trimmed);
      if (byId) return { order: byId, matchedBy: 'order-id' };
      const byPackage = await db.orders.where('packageIds').equals(trimmed).first();
      if (byPackage) return { order: byPackage, matchedBy: 'package-id' };
      const byTracking = await db.orders
        .where('trackingNumbers')
        .equals(trimmed.toUpperCase())
        .first();
      if (byTracking) return { order: byTracking, matchedBy: 'tracking-number' };
      return undefined;
    },

    /** Exact ids first, then recipient-name prefix; at most `limit` hits. */
    async search(query: string, limit = 50): Promise<SearchHit[]> {
      const q = query.trim();
      if (!q) return [];
      const exact = await this.findByAnyId(q);
      if (exact) return [exact];
      const byName = await db.orders
        .where('searchName')
        .startsWith(q.toLowerCase())
        .limit(limit)
        .toArray();
      return byName.map((order) => ({ order, matchedBy: 'recipient' as const }));
    },

    /** One page of the queue, sorted by ship-by (soonest first). */
    page(filter: QueueFilter, offset: number, limit: number): Promise<OrderRow[]> {
      const c = queueCollection(filter);
      // The stop-ship list is small; sort it in memory by ship-by.
      if (filter.kind === 'stop-ship') {
        return c.sortBy('shipBy').then((rows) => rows.slice(offset, offset + limit));
      }
      // No offset at the top of the queue: Dexie then reads one native getAll(range, limit).
      return (offset > 0 ? c.offset(offset) : c).limit(limit).toArray();
    },

    /**
     * The page that follows `after` (the last row of the previous page), by key: it reads only
     * what it returns, where an offset walks every row before it (≈ 0.6 s deep into 100,000).
     * Rows with the same ship-by are ordered by id, as the index orders them.
     */
    pageAfter(filter: QueueFilter, after: Pick<OrderRow, 'id' | 'shipBy'>, limit: number) {
      const later = (o: OrderRow) =>
        o.shipBy > after.shipBy || (o.shipBy === after.shipBy && o.id > after.id);
      switch (filter.kind) {
        case 'status':
          return db.orders
            .where('[status+shipBy]')
            .between([filter.status, after.shipBy], [filter.status, Dexie.maxKey], true, true)
            .filter(later)
            .limit(limit)
            .toArray();
        case 'all':
          return db.orders
            .where('shipBy')
            .aboveOrEqual(after.shipBy)
            .filter(later)
            .limit(limit)
            .toArray();
        case 'stop-ship':
          return this.page(filter, 0, Number.MAX_SAFE_INTEGER).then((rows) => {
            const i = rows.findIndex((o) => o.id === after.id);
            return rows.slice(i + 1, i + 1 + limit);
          });
      }
    },

    count(filter: QueueFilter): Promise<number> {
      return queueCollection(filter).count();
    },

    async countsByStatus(statuses: readonly OrderStatus[]): Promise<Record<string, number>> {
      const entries = await Promise.all(
        statuses.map(async (s) => [s, await this.count({ kind: 'status', status: s })] as const),
      );
      return Object.fromEntries(entries);
    },

    /** Idempotent upsert of validated rows, in one transaction. */
    async upsert(rows: readonly OrderRow[]): Promise<void> {
      for (const row of rows) OrderRow.parse(row);
      await db.orders.bulkPut([...rows]);
    },

    total(): Promise<number> {
      return db.orders.count();
    },
  };
}

export type OrdersRepository = ReturnType<typeof createOrdersRepository>;
