import Dexie from 'dexie';
import type { ShopParcel } from '#shared/bridge/contract-tracking';
import type { JournalEntry } from '#shared/bridge/contract';
import { OutboxRow, planEnqueue } from '#shared/logic/outbox/index';
import {
  DEFAULT_THRESHOLD_TABLE,
  deriveParcelState,
  evaluateDelays,
  mergeEvents,
  nextRefreshAt,
  promisedDeadline,
  REGION_TIME_ZONES,
  thresholdsFor,
  toEvent,
  urgency,
  type MessageLanguage,
  type MessageSituation,
  type ThresholdTable,
} from '#shared/logic/tracking/index';
import { err, ok, type Result } from '#shared/utils/result';
import type { OrderRow } from '#shared/domain/order';
import type { StationDb } from '../db';
import { bumpOutboxVersion, parseStoredRow } from '../outbox/dexie-store';
import { SEQ_KEY } from '../outbox/enqueue';
import type { AuditRow, OutboxRow as StoredOutboxRow } from '../rows';
import type { ExceptionQueueState, MessageRow, ParcelRow } from '../rows-tracking';
import { parcelsOfOrder, TRACKED_STATUSES } from '../schema/upgrades/v04-parcels';
import { createReplacementOrder, type ReplacementError } from './replacement-repository';

/**
 * Parcels after handover: refreshes merged into their stored events, delay rules evaluated on
 * every refresh and on the clock (offline too), the exceptions queue by urgency and its audited
 * actions, and messages to buyers (queued with their outbox row in one transaction).
 */

export interface TrackingActor {
  packer: string;
  station: string;
  now: number;
}

export const THRESHOLDS_KEY = 'tracking.thresholds';
const RETRY_AFTER_ERROR_MS = 30 * 60_000;

function audit(
  kind: string,
  orderId: string,
  actor: TrackingActor,
  detail: Record<string, unknown>,
): AuditRow {
  return {
    id: crypto.randomUUID(),
    at: actor.now,
    kind,
    orderId,
    actor: actor.packer,
    station: actor.station,
    detail,
  };
}

function queueOf(p: Pick<ParcelRow, 'findings' | 'resolvedCodes'>): ExceptionQueueState {
  if (p.findings.length === 0) return p.resolvedCodes.length > 0 ? 'resolved' : 'none';
  return p.findings.every((f) => p.resolvedCodes.includes(f.code)) ? 'resolved' : 'open';
}

/**
 * Re-derives status, findings, urgency, queue and next refresh of a parcel (pure). Used on every
 * refresh and on the clock.
 */
export function evaluateParcel(
  p: ParcelRow,
  table: ThresholdTable,
  now: number,
  opts: { refreshed?: boolean } = {},
): ParcelRow {
  const t = thresholdsFor(table, p.carrier, p.destination);
  const state = deriveParcelState(
    p.events,
    p.packageStatus === null
      ? null
      : {
          packageStatus: p.packageStatus,
          subStatus: p.subStatus,
          exceptionReason: p.exceptionReason,
          deliveredAt: p.deliveredAt,
        },
    now,
    t.expiredAfterDays * 24 * 60 * 60_000,
  );
  const facts = {
    state,
    handedOverAt: p.handedOverAt,
    promisedAt: p.promisedAt,
    timeZone: REGION_TIME_ZONES[p.destination.toUpperCase()] ?? 'UTC',
  };
  const findings = evaluateDelays(facts, t, now);
  const next: ParcelRow = {
    ...p,
    status: state.status,
    lastEventAt: state.lastEventAt,
    lastEventText: state.lastEventText,
    firstScanAt: state.firstScanAt,
    deliveredAt: state.deliveredAt,
    final: state.final,
    findings,
    urgency: urgency(findings, now),
  };
  if (state.exception) next.exception = state.exception;
  else delete next.exception;
  next.queue = queueOf(next);
  // Refreshed just now: schedule the next one; on the clock: keep it, none once final.
  next.nextRefreshAt = state.final
    ? null
    : opts.refreshed
      ? nextRefreshAt(state, { now, promisedDeadline: promisedDeadline(facts, t) })
      : p.nextRefreshAt;
  return next;
}

export type ExceptionActionError =
  { code: 'not-found'; message: string } | { code: 'invalid'; message: string } | ReplacementError;

export function createTrackingRepository(db: StationDb) {
  async function thresholds(): Promise<ThresholdTable> {
    const row = await db.settings.get(THRESHOLDS_KEY);
    return (row?.value as ThresholdTable | undefined) ?? DEFAULT_THRESHOLD_TABLE;
  }

  async function mustGet(id: string): Promise<ParcelRow> {
    const p = await db.parcels.get(id);
    if (!p) throw new ActionRefused({ code: 'not-found', message: `Parcel ${id} is not tracked` });
    return p;
  }

  return {
    thresholds,

    async saveThresholds(table: ThresholdTable, actor: TrackingActor): Promise<void> {
      await db.transaction('rw', [db.settings, db.audit], async () => {
        await db.settings.put({ key: THRESHOLDS_KEY, value: table });
        await db.audit.add(audit('tracking.thresholds-changed', '', actor, { table }));
      });
    },

    get: (id: string) => db.parcels.get(id),
    ofOrder: (orderId: string) => db.parcels.where('orderId').equals(orderId).toArray(),

    /** Adds a parcel for every shipped package not tracked yet. Returns how many were added. */
    async syncFromOrders(now: number): Promise<number> {
      const ids: string[] = await db.orders
        .where('status')
        .anyOf([...TRACKED_STATUSES])
        .primaryKeys();
      let added = 0;
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        added += await db.transaction('rw', [db.orders, db.parcels], async () => {
          const orders = (await db.orders.bulkGet(chunk)).filter(
            (o): o is OrderRow => o !== undefined,
          );
          const wanted = orders.flatMap((o) => parcelsOfOrder(o, now));
          const have = await db.parcels.bulkGet(wanted.map((p) => p.id));
          const missing = wanted.filter((_, j) => have[j] === undefined);
          if (missing.length > 0) await db.parcels.bulkAdd(missing);
          return missing.length;
        });
      }
      return added;
    },

    /** Parcels whose refresh is due, soonest first (final parcels have none). */
    due(now: number, limit: number): Promise<ParcelRow[]> {
      return db.parcels.where('nextRefreshAt').belowOrEqual(now).limit(limit).toArray();
    },

    /** Merges one refresh into the stored parcel and re-evaluates it, in one transaction. */
    async applyRefresh(id: string, snap: ShopParcel, now: number): Promise<ParcelRow | null> {
      const table = await thresholds();
      return db.transaction('rw', [db.parcels], async () => {
        const p = await db.parcels.get(id);
        if (!p) return null;
        const merged = mergeEvents(p.events, snap.tracking.map(toEvent));
        const updated = evaluateParcel(
          {
            ...p,
            events: merged.events,
            packageStatus: snap.packageStatus,
            subStatus: snap.subStatus,
            exceptionReason: snap.exceptionReason,
            deliveredAt: snap.deliveredAt ?? p.deliveredAt,
            lastRefreshAt: now,
            lastError: null,
            updatedAt: now,
          },
          table,
          now,
          { refreshed: true },
        );
        await db.parcels.put(updated);
        return updated;
      });
    },

    /** A refresh failed: keep what we have, try again later. */
    async refreshFailed(id: string, error: { code: string; message: string }, now: number) {
      await db.parcels.update(id, {
        lastError: { ...error, at: now },
        nextRefreshAt: now + RETRY_AFTER_ERROR_MS,
      });
    },

    /** On the clock (offline too): re-evaluates every parcel that is not final. */
    async reevaluate(now: number): Promise<number> {
      const table = await thresholds();
      let changed = 0;
      await db.transaction('rw', [db.parcels], async () => {
        const rows = await db.parcels.filter((p) => !p.final).toArray();
        const next = rows
          .map((p) => ({ before: p, after: evaluateParcel(p, table, now) }))
          .filter(
            ({ before, after }) =>
              before.queue !== after.queue ||
              before.status !== after.status ||
              before.findings.length !== after.findings.length ||
              Math.floor(before.urgency) !== Math.floor(after.urgency),
          )
          .map(({ after }) => after);
        if (next.length > 0) await db.parcels.bulkPut(next);
        changed = next.length;
      });
      return changed;
    },

    /** The exceptions queue, most urgent first. */
    openExceptions(limit = 500): Promise<ParcelRow[]> {
      return db.parcels
        .where('[queue+urgency]')
        .between(['open', Dexie.minKey], ['open', Dexie.maxKey])
        .reverse()
        .limit(limit)
        .toArray();
    },

    openCount(): Promise<number> {
      return db.parcels
        .where('[queue+urgency]')
        .between(['open', Dexie.minKey], ['open', Dexie.maxKey])
        .count();
    },

    /** The seller contacted the buyer outside the app (phone, chat). */
    contacted: (id: string, actor: TrackingActor, how: string) =>
      action(id, async (p) => {
        await db.parcels.update(id, { contactedAt: actor.now });
        return audit('exception.contacted', p.orderId, actor, { parcelId: id, reason: how });
      }),

    fileClaim: (id: string, reference: string, actor: TrackingActor) =>
      action(id, async (p) => {
        const ref = reference.trim();
        if (ref.length < 3 || ref.length > 100) {
          throw new ActionRefused({
            code: 'invalid',
            message: 'A claim reference of 3 to 100 characters is required',
          });
        }
        await db.parcels.update(id, { claim: { reference: ref, at: actor.now, by: actor.packer } });
        return audit('exception.claim-filed', p.orderId, actor, { parcelId: id, reason: ref });
      }),

    resolve: (id: string, actor: TrackingActor, note: string) =>
      action(id, async (p) => {
        const resolvedCodes = [...new Set([...p.resolvedCodes, ...p.findings.map((f) => f.code)])];
        const next = { ...p, resolvedCodes, resolvedAt: actor.now, resolvedBy: actor.packer };
        next.queue = queueOf(next);
        await db.parcels.put(next);
        return audit('exception.resolved', p.orderId, actor, {
          parcelId: id,
          reason: note.trim() || resolvedCodes.join(', '),
        });
      }),

    /** Reship: a linked replacement order in the pack queue; the parcel records it. */
    async reship(
      id: string,
      reason: string,
      actor: TrackingActor,
    ): Promise<Result<OrderRow, ExceptionActionError>> {
      try {
        return await db.transaction('rw', [db.parcels, db.orders, db.audit], async () => {
          const p = await mustGet(id);
          const r = await createReplacementOrder(db, {
            originalOrderId: p.orderId,
            reason,
            origin: 'exception',
            actor,
            now: actor.now,
          });
          if (!r.ok) throw new ActionRefused(r.error);
          await db.parcels.update(id, { replacementOrderId: r.value.id });
          await db.audit.add(
            audit('exception.reshipped', p.orderId, actor, {
              parcelId: id,
              reason: `${r.value.id}: ${reason}`,
            }),
          );
          return ok(r.value);
        });
      } catch (cause) {
        if (cause instanceof ActionRefused) return err(cause.reason);
        throw cause;
      }
    },

    /**
     * A message to the buyer. Channel `api`: the message row, its `send-message` outbox row and
     * the audit row commit in one transaction (sent later, exactly once). Channel `copied`: the
     * seller pasted it into the shop's chat; recorded only.
     */
    async queueMessage(
      input: {
        orderId: string;
        packageId: string;
        situation: MessageSituation;
        language: MessageLanguage;
        text: string;
        channel: MessageRow['channel'];
      },
      actor: TrackingActor,
      opts: { journal?: (entries: JournalEntry[]) => Promise<{ ok: boolean }> } = {},
    ): Promise<MessageRow> {
      const text = input.text.trim();
      if (text.length === 0 || text.length > 2000) {
        throw new Error('A message of 1 to 2000 characters is required');
      }
      const id = crypto.randomUUID();
      const message: MessageRow = {
        id,
        orderId: input.orderId,
        packageId: input.packageId,
        situation: input.situation,
        language: input.language,
        text,
        channel: input.channel,
        outboxRowId: null,
        createdAt: actor.now,
        createdBy: actor.packer,
        station: actor.station,
      };
      let outboxRow: OutboxRow | null = null;
      await db.transaction('rw', [db.messages, db.outbox, db.meta, db.audit], async () => {
        if (input.channel === 'api') {
          const lastRow = await db.outbox.orderBy('seq').last();
          const stored = (await db.meta.get(SEQ_KEY))?.value;
          const seq = Math.max(typeof stored === 'number' ? stored : 0, lastRow?.seq ?? 0) + 1;
          await db.meta.put({ key: SEQ_KEY, value: seq });
          const active = (await db.outbox.where('orderId').equals(input.orderId).toArray())
            .map(parseStoredRow)
            .filter((r): r is OutboxRow => r !== null);
          const plan = planEnqueue(
            {
              orderId: input.orderId,
              packageId: input.packageId,
              intent: {
                kind: 'send-message',
                payload: {
                  messageId: id,
                  text,
                  situation: input.situation,
                  language: input.language,
                },
              },
              expected: {
                statuses: ['AWAITING_COLLECTION', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED'],
              },
            },
            active,
            { id: crypto.randomUUID(), idempotencyKey: crypto.randomUUID(), seq },
            actor.now,
          );
          outboxRow = OutboxRow.parse(plan.row);
          message.outboxRowId = outboxRow.id;
          await db.outbox.add(outboxRow as unknown as StoredOutboxRow);
          await bumpOutboxVersion(db, 1);
        }
        await db.messages.add(message);
        await db.audit.add(
          audit(
            input.channel === 'api' ? 'message.queued' : 'message.copied',
            input.orderId,
            actor,
            {
              messageId: id,
              reason: `${input.situation} (${input.language})`,
              ...(outboxRow ? { rowId: outboxRow.id } : {}),
            },
          ),
        );
      });
      const row = outboxRow as OutboxRow | null;
      if (row && opts.journal) {
        await opts
          .journal([
            {
              id: row.id,
              kind: 'outbox.enqueued',
              at: actor.now,
              payload: { row, superseded: [] },
            },
          ])
          .catch(() => ({ ok: false }));
      }
      return message;
    },

    /** Messages of an order, newest first, with the state of the outbox row that sends each. */
    async messagesOf(orderId: string): Promise<Array<MessageRow & { sendState: string | null }>> {
      const rows = await db.messages.where('orderId').equals(orderId).toArray();
      const outbox = await db.outbox.bulkGet(
        rows.map((m) => m.outboxRowId).filter((x): x is string => x !== null),
      );
      const states = new Map(
        outbox.filter((r) => r !== undefined).map((r) => [r.id, r.state] as const),
      );
      return rows
        .map((m) => ({
          ...m,
          sendState: m.outboxRowId ? (states.get(m.outboxRowId) ?? null) : null,
        }))
        .sort((a, b) => b.createdAt - a.createdAt);
    },
  };

  async function action(
    id: string,
    run: (p: ParcelRow) => Promise<AuditRow>,
  ): Promise<Result<null, ExceptionActionError>> {
    try {
      await db.transaction('rw', [db.parcels, db.audit], async () => {
        const p = await mustGet(id);
        await db.audit.add(await run(p));
      });
      return ok(null);
    } catch (cause) {
      if (cause instanceof ActionRefused) return err(cause.reason);
      throw cause;
    }
  }
}

class ActionRefused extends Error {
  constructor(readonly reason: ExceptionActionError) {
    super(reason.message);
  }
}

export type TrackingRepository = ReturnType<typeof createTrackingRepository>;
