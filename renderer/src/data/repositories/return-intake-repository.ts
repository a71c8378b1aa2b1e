import { defaultDisposition, type Disposition, type UnitGrade } from '#shared/logic/returns/types';
import { findingOfGrade, type Finding } from '#shared/logic/returns/reasons';
import {
  matchScan,
  planRestocks,
  type ExpectedUnit,
  type IntakeUnit,
} from '#shared/logic/returns/intake';
import type { ReturnDecision } from '#shared/logic/returns/types';
import { err, ok, type Result } from '#shared/utils/result';
import type { StationDb } from '../db';
import type { AuditRow } from '../rows';
import type { RestockRow, ReturnIntakeRow, ReturnRow } from '../rows-returns';
import {
  DecisionRefused,
  enqueueDecisionInTx,
  type Actor,
  type DecideError,
} from './returns-repository';

/**
 * Return intake at the bench: one row per parcel opened, its units scanned back, graded and given
 * a disposition. Completing an intake restocks in ONE transaction: a restock row per unit (its id
 * is the unit's, so a second run finds it and adds nothing), stock `onHand += 1`, an audit row,
 * and, when asked, the refund decision queued in the outbox. A kill at any point leaves either
 * all of it or none of it, and the next completion picks up exactly what is missing.
 */

export function expectedUnits(ret: ReturnRow | null | undefined): ExpectedUnit[] {
  return (ret?.lines ?? []).map((l) => ({
    skuId: l.skuId,
    sellerSku: l.sellerSku,
    productName: l.productName,
  }));
}

function audit(
  kind: string,
  orderId: string | null,
  actor: Actor,
  at: number,
  detail: Record<string, unknown>,
): AuditRow {
  return {
    id: crypto.randomUUID(),
    at,
    kind,
    orderId: orderId ?? '',
    actor: actor.packer,
    station: actor.station,
    detail,
  };
}

export type IntakeError =
  | { code: 'not-found'; message: string }
  | { code: 'closed'; message: string }
  | { code: 'incomplete'; message: string }
  | DecideError;

export interface CompleteReceipt {
  intake: ReturnIntakeRow;
  restocked: Array<{ unitId: string; skuId: string }>;
  decisionRowId: string | null;
}

export function createReturnIntakeRepository(db: StationDb) {
  async function load(id: string): Promise<ReturnIntakeRow> {
    const intake = await db.returnIntakes.get(id);
    if (!intake) throw new Error(`Intake ${id} not found`);
    return intake;
  }

  return {
    get(id: string): Promise<ReturnIntakeRow | undefined> {
      return db.returnIntakes.get(id);
    },

    /** Opens a parcel, or resumes the open intake of the same request (after a restart). */
    async open(input: {
      returnId: string | null;
      orderId: string | null;
      openedBy: string;
      actor: Actor;
      now: number;
    }): Promise<ReturnIntakeRow> {
      return db.transaction('rw', [db.returnIntakes, db.audit], async () => {
        if (input.returnId) {
          const open = await db.returnIntakes
            .where('returnId')
            .equals(input.returnId)
            .filter((i) => i.status === 'open')
            .first();
          if (open) return open;
        }
        const row: ReturnIntakeRow = {
          id: crypto.randomUUID(),
          returnId: input.returnId,
          orderId: input.orderId,
          openedBy: input.openedBy,
          status: 'open',
          units: [],
          inspector: input.actor.packer,
          station: input.actor.station,
          startedAt: input.now,
          completedAt: null,
        };
        await db.returnIntakes.add(row);
        await db.audit.add(
          audit(
            input.returnId ? 'return.intake-opened' : 'return.unexpected',
            input.orderId,
            input.actor,
            input.now,
            { intakeId: row.id, returnId: input.returnId, scanned: input.openedBy },
          ),
        );
        return row;
      });
    },

    /** One unit scanned back: matched against the request as at packing. */
    async scanUnit(intakeId: string, code: string): Promise<IntakeUnit> {
      return db.transaction(
        'rw',
        [db.returnIntakes, db.returns, db.products, db.orders],
        async () => {
          const intake = await load(intakeId);
          if (intake.status !== 'open') throw new Error('This intake is completed');
          const trimmed = code.trim();
          const product =
            (await db.products.where('barcodes').equals(trimmed).first()) ??
            (await db.products.get(trimmed)) ??
            (await db.products.where('sellerSku').equals(trimmed).first());
          const ret = intake.returnId ? await db.returns.get(intake.returnId) : undefined;
          // An unexpected return (no request) is checked against the order it belongs to.
          const order = !ret && intake.orderId ? await db.orders.get(intake.orderId) : undefined;
          const expected = ret
            ? expectedUnits(ret)
            : (order?.lines ?? []).map((l) => ({
                skuId: l.skuId,
                sellerSku: l.sellerSku,
                productName: l.productName,
              }));
          const unit: IntakeUnit = {
            id: `${intake.units.length + 1}`,
            code: trimmed,
            skuId: product?.id ?? null,
            match: matchScan(expected, intake.units, product?.id ?? null),
            grade: null,
            finding: null,
            note: '',
            evidenceId: null,
            disposition: null,
            restockedAt: null,
          };
          await db.returnIntakes.put({ ...intake, units: [...intake.units, unit] });
          return unit;
        },
      );
    },

    /** Grades a unit; its disposition follows the grade unless one was chosen. */
    async gradeUnit(
      intakeId: string,
      unitId: string,
      input: { grade: UnitGrade; finding?: Finding; note?: string; evidenceId?: string },
    ): Promise<IntakeUnit> {
      return db.transaction('rw', db.returnIntakes, async () => {
        const intake = await load(intakeId);
        if (intake.status !== 'open') throw new Error('This intake is completed');
        let changed: IntakeUnit | null = null;
        const units = intake.units.map((u) => {
          if (u.id !== unitId) return u;
          changed = {
            ...u,
            grade: input.grade,
            finding: input.finding ?? findingOfGrade(input.grade),
            note: (input.note ?? u.note).slice(0, 500),
            evidenceId: input.evidenceId ?? u.evidenceId,
            disposition: u.disposition ?? defaultDisposition(input.grade),
          };
          return changed;
        });
        if (!changed) throw new Error(`No unit ${unitId}`);
        await db.returnIntakes.put({ ...intake, units });
        return changed;
      });
    },

    async setDisposition(
      intakeId: string,
      unitId: string,
      disposition: Disposition,
    ): Promise<void> {
      await db.transaction('rw', db.returnIntakes, async () => {
        const intake = await load(intakeId);
        if (intake.status !== 'open') throw new Error('This intake is completed');
        await db.returnIntakes.put({
          ...intake,
          units: intake.units.map((u) => (u.id === unitId ? { ...u, disposition } : u)),
        });
      });
    },

    /**
     * Completes the intake: restocks each `restock` unit once (stock += 1, audited), closes the
     * intake, and queues `decision` (e.g. approve the refund after receipt) in the same
     * transaction. Safe to call again after a crash: recorded restocks are never repeated.
     */
    async complete(
      intakeId: string,
      opts: {
        actor: Actor;
        now: number;
        decision?: { decision: ReturnDecision; rejectReason?: string; comment?: string };
        ids?: () => { id: string; idempotencyKey: string };
        /** Tests: runs inside the transaction after the restocks, before it commits. */
        beforeCommit?: () => void;
      },
    ): Promise<Result<CompleteReceipt, IntakeError>> {
      try {
        const receipt = await db.transaction(
          'rw',
          [db.returnIntakes, db.restocks, db.stock, db.audit, db.returns, db.outbox, db.meta],
          async () => {
            const intake = await db.returnIntakes.get(intakeId);
            if (!intake) {
              throw new DecisionRefused({ code: 'not-found', message: `No intake ${intakeId}` });
            }
            if (intake.units.some((u) => u.grade === null || u.disposition === null)) {
              throw new DecisionRefused({
                code: 'invalid',
                message: 'Grade every unit and choose where it goes first',
              });
            }
            const done = new Set(
              (await db.restocks.where('intakeId').equals(intakeId).toArray()).map((r) => r.unitId),
            );
            const plan = planRestocks(intake.units, done);
            for (const p of plan) {
              const restock: RestockRow = {
                id: `${intakeId}:${p.unitId}`,
                intakeId,
                unitId: p.unitId,
                skuId: p.skuId,
                orderId: intake.orderId,
                at: opts.now,
                actor: opts.actor.packer,
                station: opts.actor.station,
              };
              // `add`, not `put`: a second restock of the same unit fails the whole transaction.
              await db.restocks.add(restock);
              const stock = await db.stock.get(p.skuId);
              await db.stock.put({
                skuId: p.skuId,
                onHand: (stock?.onHand ?? 0) + 1,
                reserved: stock?.reserved ?? 0,
                updatedAt: opts.now,
              });
              await db.audit.add(
                audit('return.restocked', intake.orderId, opts.actor, opts.now, {
                  intakeId,
                  unitId: p.unitId,
                  skuId: p.skuId,
                  onHandBefore: stock?.onHand ?? 0,
                  onHandAfter: (stock?.onHand ?? 0) + 1,
                }),
              );
            }
            const restockedIds = new Set([...done, ...plan.map((p) => p.unitId)]);
            const units = intake.units.map((u) =>
              restockedIds.has(u.id) && u.restockedAt === null
                ? { ...u, restockedAt: opts.now }
                : u,
            );
            const closed: ReturnIntakeRow = {
              ...intake,
              units,
              status: 'completed',
              completedAt: intake.completedAt ?? opts.now,
            };
            await db.returnIntakes.put(closed);
            let decisionRowId: string | null = null;
            if (opts.decision && intake.returnId && intake.status === 'open') {
              const made = await enqueueDecisionInTx(db, {
                returnId: intake.returnId,
                ...opts.decision,
                actor: opts.actor,
                now: opts.now,
                ...(opts.ids ? { ids: opts.ids } : {}),
              });
              decisionRowId = made.row.id;
            }
            if (intake.status === 'open') {
              await db.audit.add(
                audit('return.intake-completed', intake.orderId, opts.actor, opts.now, {
                  intakeId,
                  returnId: intake.returnId,
                  units: units.map((u) => ({
                    id: u.id,
                    code: u.code,
                    skuId: u.skuId,
                    match: u.match,
                    grade: u.grade,
                    finding: u.finding,
                    disposition: u.disposition,
                    note: u.note,
                    evidenceId: u.evidenceId,
                  })),
                  restocked: plan.length,
                  decision: opts.decision?.decision ?? null,
                }),
              );
            }
            opts.beforeCommit?.();
            return { intake: closed, restocked: plan, decisionRowId };
          },
        );
        return ok(receipt);
      } catch (cause) {
        if (cause instanceof DecisionRefused) return err(cause.reason);
        throw cause;
      }
    },

    /** Every restock of an intake (the audit of stock coming back). */
    restocksOf(intakeId: string): Promise<RestockRow[]> {
      return db.restocks.where('intakeId').equals(intakeId).toArray();
    },
  };
}

export type ReturnIntakeRepository = ReturnType<typeof createReturnIntakeRepository>;
