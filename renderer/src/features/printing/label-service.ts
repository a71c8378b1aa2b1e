/**
 * The label step: hands a label job for an order to the configured output and records it.
 *
 * - Every job is a `labels` row (queued → sent → confirmed | unknown | failed) with who, when,
 *   the output and the route, and every change has an audit entry in the same transaction.
 * - Outputs: system printer (Electron, `printer.printLabel` on the print route), ZPL network
 *   printer (`zpl.send`; non-Latin text or a field too long falls back to the PDF route, said so),
 *   PDF print page (browser: the print route opens in a new window), and for platform-shipped
 *   orders the platform's own PDF from `documents` (never a home-made carrier label).
 * - Never an automatic reprint: the after-pack step prints only for an order with no job at all;
 *   any further label is `reprint` with a reason. An unknown outcome waits for the packer.
 *
 * All effects are injected (bridge calls, window opening, clock, ids), so it runs in unit tests.
 */
import type { HostKind } from '#shared/bridge/contract';
import type { OrderRow } from '#shared/domain/order';
import { printRoutePath, type PrintRoute } from '#shared/logic/label-layout/print-route';
import type { PrintJobRecord, ZplReceipt } from '#shared/logic/printing/print-job';
import { err, ok, type Result } from '#shared/utils/result';
import type { LabelAudit, LabelsRepository } from '../../data/repositories/labels-repository';
import type { DocumentRow, LabelRow } from '../../data/rows';
import { trackingNumberOf, type DocumentData } from '../labels/documents';
import {
  applyJobEvent,
  checkReason,
  decideVerify,
  mayPrintAutomatically,
  outcomeOfError,
  type JobEvent,
  type VerifyDecision,
} from './label-job';
import {
  PAPER_OF_SIZE,
  settingsProblem,
  type PrinterSettings,
  type SettingsProblem,
} from './settings';
import { zplOrFallback, type ZplFallback } from './zpl-input';

export interface Who {
  packer: string;
  station: string;
}

type BridgeOut<T> = Promise<Result<T, { code: string; message: string }>>;

/** The host calls the label step makes (thin wrappers over `bridge()`; fakes in tests). */
export interface PrintPort {
  printLabel(args: {
    route: string;
    deviceName: string;
    paper: 'waybill4x6' | 'waybill100x150' | 'a6';
    requestedBy: string;
  }): BridgeOut<PrintJobRecord>;
  zplSend(args: { host: string; port: number; jobId: string; zpl: string }): BridgeOut<ZplReceipt>;
}

export interface LabelServiceDeps {
  repo: Pick<
    LabelsRepository,
    'createJob' | 'updateJob' | 'job' | 'jobsFor' | 'recordAudit' | 'documentFor'
  >;
  host: HostKind;
  settings: () => Promise<PrinterSettings>;
  /** What the waybill shows (for ZPL); null when the order is gone. */
  loadData: (orderId: string) => Promise<DocumentData | null>;
  /** The order a scanned code belongs to (order id, package id or tracking number). */
  ownerOf: (code: string) => Promise<string | null>;
  print: PrintPort;
  /** Browser mode: opens the print route in a new window; false when the browser blocked it. */
  openRoute: (route: string, printDialog: boolean) => boolean;
  /** Opens (browser) or saves (desktop) a stored platform PDF; false when blocked. */
  openPdf: (doc: DocumentRow) => boolean;
  now: () => number;
  newId: () => string;
  tzOffsetMinutes: () => number;
  /** Told when a job reached `sent` or beyond (bench marks). */
  onHandedOver?: (job: LabelRow) => void;
  /** A check before the first label (the weight check): null lets it print. */
  gate?: (
    order: OrderRow,
    who: Who,
    mode: 'after-pack' | 'print-first',
  ) => Promise<HandOver | null>;
}

export type HandOver =
  | { kind: 'job'; job: LabelRow; fallback: ZplFallback | null }
  /** The order already has a label job: nothing printed by itself. */
  | { kind: 'already-printed'; jobs: LabelRow[] }
  /** A platform-shipped order whose platform label is not stored yet. */
  | { kind: 'waiting-platform-label' }
  | { kind: 'not-configured'; problem: SettingsProblem }
  | { kind: 'in-progress' }
  /** The weight check stopped the label (the devices feature shows why and the override). */
  | { kind: 'weight-blocked' };

export type ReprintError =
  { code: 'reason-required' } | { code: 'job-not-found' } | { code: 'job-in-progress' };

export interface LabelService {
  /** After the pack: the first label of the order, or nothing if it already has one. */
  afterPack(order: OrderRow, who: Who): Promise<HandOver>;
  /** The first label by hand (e.g. after fixing the printer settings); refused if one exists. */
  printFirst(order: OrderRow, who: Who): Promise<HandOver>;
  /** An explicit reprint: a new job linked to `jobId`, with a reason (who, when, why recorded). */
  reprint(
    order: OrderRow,
    jobId: string,
    reason: string,
    who: Who,
  ): Promise<Result<HandOver, ReprintError>>;
  /** A job left queued because the browser blocked its window: open it now (a click). */
  openQueued(order: OrderRow, jobId: string, who: Who): Promise<LabelRow | null>;
  /** The packer's answer to "did the label come out?" after an unknown outcome. */
  answer(jobId: string, printed: boolean, who: Who): Promise<LabelRow | null>;
  /** A scan at the label step: verified, wrong label (recorded), or not a label of this order. */
  verify(orderId: string, code: string, who: Who): Promise<VerifyDecision | null>;
  /** One batch route for several orders that have no label yet; others are skipped. */
  printBatch(orders: OrderRow[], who: Who): Promise<{ job: LabelRow[]; skipped: string[] }>;
}

/** Orders per batch route (a route stays well under the bridge's length cap). */
export const BATCH_CHUNK = 50;

export function createLabelService(deps: LabelServiceDeps): LabelService {
  const { repo } = deps;
  const inFlight = new Set<string>();

  function audit(
    kind: LabelAudit['kind'],
    row: Pick<LabelRow, 'orderId'>,
    who: Who,
    detail: Record<string, unknown>,
  ): LabelAudit {
    return {
      kind,
      orderId: row.orderId,
      actor: who.packer,
      station: who.station,
      at: deps.now(),
      detail,
    };
  }

  async function move(row: LabelRow, events: JobEvent[], who: Who): Promise<LabelRow> {
    const at = deps.now();
    const stored = await repo.updateJob(
      row.id,
      (current) => {
        let next = current;
        for (const e of events) {
          const r = applyJobEvent(next, e, at);
          if (!r.ok) return null;
          next = r.value;
        }
        return next;
      },
      (next) =>
        audit('label.state', next, who, {
          jobId: next.id,
          state: next.state,
          ...(next.failure ? { failure: next.failure } : {}),
        }),
    );
    const out = stored ?? row;
    if (out.state !== 'queued' && out.state !== 'failed') deps.onHandedOver?.(out);
    return out;
  }

  async function blocked(row: LabelRow, who: Who): Promise<LabelRow> {
    const failure = {
      code: 'window-blocked',
      message: 'The browser blocked the label window; open it by hand',
    };
    return (
      (await repo.updateJob(
        row.id,
        (current) => (current.state === 'queued' ? { ...current, failure } : null),
        (next) => audit('label.state', next, who, { jobId: next.id, state: next.state, failure }),
      )) ?? row
    );
  }

  function labelRoute(orderId: string, s: PrinterSettings): string {
    const route: PrintRoute = { kind: 'label', orderId, size: s.size, dpi: s.dpi };
    return printRoutePath(route);
  }

  async function newJob(
    order: OrderRow,
    who: Who,
    fields: Pick<LabelRow, 'format' | 'output' | 'route'> & Partial<LabelRow>,
    extra: { reprintOf?: string; reason?: string },
  ): Promise<LabelRow> {
    const row: LabelRow = {
      id: deps.newId(),
      orderId: order.id,
      packageId: order.packageIds[0] ?? '',
      trackingNumber: trackingNumberOf(order),
      state: 'queued',
      printedAt: deps.now(),
      printedBy: who.packer,
      station: who.station,
      reason: extra.reason ?? '',
      ...fields,
      ...(extra.reprintOf !== undefined ? { reprintOf: extra.reprintOf } : {}),
    };
    const kind = extra.reprintOf !== undefined ? 'label.reprint' : 'label.handed-over';
    return repo.createJob(
      row,
      audit(kind, row, who, {
        jobId: row.id,
        output: row.output,
        route: row.route,
        format: row.format,
        ...(extra.reprintOf !== undefined
          ? { reprintOf: extra.reprintOf, reason: row.reason }
          : {}),
      }),
    );
  }

  /** Sends `route` the PDF way on this host: a window (browser) or the system printer (desktop). */
  async function printPdfRoute(
    order: OrderRow,
    who: Who,
    s: PrinterSettings,
    route: string,
    extra: { reprintOf?: string; reason?: string },
  ): Promise<LabelRow> {
    if (deps.host === 'electron') {
      const row = await newJob(
        order,
        who,
        { format: 'pdf', output: 'system', route, deviceName: s.deviceName },
        extra,
      );
      if (s.deviceName.trim() === '') {
        return move(
          row,
          [{ kind: 'failed', code: 'no-device', message: 'No system printer chosen' }],
          who,
        );
      }
      const r = await deps.print.printLabel({
        route,
        deviceName: s.deviceName,
        paper: PAPER_OF_SIZE[s.size],
        requestedBy: who.packer,
      });
      if (!r.ok) {
        const kind = outcomeOfError(r.error.code);
        return move(row, [{ kind, code: r.error.code, message: r.error.message }], who);
      }
      const events: JobEvent[] = [{ kind: 'sent' }];
      if (r.value.state === 'confirmed') events.push({ kind: 'confirmed' });
      if (r.value.state === 'unknown') {
        events.push({
          kind: 'unknown',
          code: 'unknown-outcome',
          message: 'No answer from the printer',
        });
      }
      return move(row, events, who);
    }
    const row = await newJob(order, who, { format: 'pdf', output: 'pdf', route }, extra);
    return deps.openRoute(route, s.openPrintDialog)
      ? move(row, [{ kind: 'sent' }], who)
      : blocked(row, who);
  }

  async function handOver(
    order: OrderRow,
    who: Who,
    extra: { reprintOf?: string; reason?: string },
  ): Promise<HandOver> {
    if (inFlight.has(order.id)) return { kind: 'in-progress' };
    inFlight.add(order.id);
    try {
      const s = await deps.settings();
      // Platform logistics: only the platform's own label may go on the parcel.
      if (order.shippingType === 'TIKTOK') {
        const doc = await repo.documentFor(order.id);
        if (!doc) return { kind: 'waiting-platform-label' };
        const row = await newJob(
          order,
          who,
          {
            format: 'pdf',
            output: 'platform',
            route: `documents:${doc.id}`,
            packageId: doc.packageId,
            trackingNumber: doc.trackingNumber,
          },
          extra,
        );
        const job = deps.openPdf(doc)
          ? await move(row, [{ kind: 'sent' }], who)
          : await blocked(row, who);
        return { kind: 'job', job, fallback: null };
      }
      const problem = settingsProblem(s, deps.host);
      if (problem !== null) return { kind: 'not-configured', problem };
      const route = labelRoute(order.id, s);
      if (s.output === 'zpl') {
        const data = await deps.loadData(order.id);
        if (!data) return { kind: 'not-configured', problem: 'bad-zpl-host' };
        const zpl = zplOrFallback(data, {
          dpi: s.dpi,
          font: s.zplFont,
          tzOffsetMinutes: deps.tzOffsetMinutes(),
        });
        if (!zpl.ok) {
          await repo.recordAudit(
            audit('label.zpl-fallback', { orderId: order.id }, who, {
              code: zpl.error.code,
              fields: zpl.error.fields,
            }),
          );
          const job = await printPdfRoute(order, who, s, route, extra);
          return { kind: 'job', job, fallback: zpl.error };
        }
        const row = await newJob(
          order,
          who,
          { format: 'zpl', output: 'zpl', route: `zpl://${s.zplHost}:${s.zplPort}` },
          extra,
        );
        const sent = await deps.print.zplSend({
          host: s.zplHost.trim(),
          port: s.zplPort,
          jobId: row.id,
          zpl: zpl.value,
        });
        const job = sent.ok
          ? await move(row, [{ kind: 'sent' }], who)
          : await move(
              row,
              [
                {
                  kind: outcomeOfError(sent.error.code),
                  code: sent.error.code,
                  message: sent.error.message,
                },
              ],
              who,
            );
        return { kind: 'job', job, fallback: null };
      }
      const job = await printPdfRoute(order, who, s, route, extra);
      return { kind: 'job', job, fallback: null };
    } finally {
      inFlight.delete(order.id);
    }
  }

  async function first(
    order: OrderRow,
    who: Who,
    mode: 'after-pack' | 'print-first',
  ): Promise<HandOver> {
    const jobs = await repo.jobsFor(order.id);
    if (!mayPrintAutomatically(jobs)) return { kind: 'already-printed', jobs };
    const stop = deps.gate ? await deps.gate(order, who, mode) : null;
    if (stop) return stop;
    return handOver(order, who, {});
  }

  return {
    afterPack: (order, who) => first(order, who, 'after-pack'),
    printFirst: (order, who) => first(order, who, 'print-first'),

    async reprint(order, jobId, reason, who) {
      const why = checkReason(reason);
      if (!why.ok) return err({ code: 'reason-required' as const });
      const previous = await repo.job(jobId);
      if (!previous || previous.orderId !== order.id)
        return err({ code: 'job-not-found' as const });
      if (inFlight.has(order.id)) return err({ code: 'job-in-progress' as const });
      return ok(await handOver(order, who, { reprintOf: jobId, reason: why.value }));
    },

    async openQueued(order, jobId, who) {
      const row = await repo.job(jobId);
      if (!row || row.state !== 'queued' || row.orderId !== order.id) return null;
      let opened = false;
      if (row.output === 'platform') {
        const doc = await repo.documentFor(order.id);
        opened = doc ? deps.openPdf(doc) : false;
      } else if (row.output === 'pdf' && row.route !== undefined) {
        opened = deps.openRoute(row.route, (await deps.settings()).openPrintDialog);
      }
      return opened ? move(row, [{ kind: 'sent' }], who) : null;
    },

    async answer(jobId, printed, who) {
      const row = await repo.job(jobId);
      if (!row || row.state !== 'unknown') return null;
      const at = deps.now();
      return repo.updateJob(
        jobId,
        (current) => {
          const r = applyJobEvent(current, { kind: 'answered', printed, by: who.packer }, at);
          return r.ok ? r.value : null;
        },
        (next) => audit('label.answered', next, who, { jobId, printed, state: next.state }),
      );
    },

    async verify(orderId, code, who) {
      const jobs = await repo.jobsFor(orderId);
      const printable = jobs.filter((j) => j.state !== 'failed' && j.state !== 'queued');
      const job = printable.at(-1);
      if (!job) return null;
      const quick = decideVerify(code, job, null);
      const decision =
        quick.kind === 'verified' ? quick : decideVerify(code, job, await deps.ownerOf(code));
      if (decision.kind === 'verified') {
        const at = deps.now();
        await repo.updateJob(
          job.id,
          (current) => {
            const r = applyJobEvent(
              current,
              { kind: 'verified', code: decision.code, by: who.packer },
              at,
            );
            return r.ok ? r.value : null;
          },
          (next) => audit('label.verified', next, who, { jobId: next.id, code: decision.code }),
        );
      } else if (decision.kind === 'wrong-label') {
        await repo.recordAudit(
          audit('label.wrong-label', job, who, {
            jobId: job.id,
            scanned: decision.code,
            labelOf: decision.otherOrderId,
            parcelOf: orderId,
          }),
        );
      }
      return decision;
    },

    async printBatch(orders, who) {
      // One route per chunk: the bridge caps a print route's length.
      const job: LabelRow[] = [];
      const skipped: string[] = [];
      for (let i = 0; i < orders.length; i += BATCH_CHUNK) {
        const r = await batchChunk(orders.slice(i, i + BATCH_CHUNK), who);
        job.push(...r.job);
        skipped.push(...r.skipped);
      }
      return { job, skipped };
    },
  };

  async function batchChunk(
    orders: OrderRow[],
    who: Who,
  ): Promise<{ job: LabelRow[]; skipped: string[] }> {
    const s = await deps.settings();
    const eligible: OrderRow[] = [];
    const skipped: string[] = [];
    for (const o of orders) {
      const jobs = await repo.jobsFor(o.id);
      if (o.shippingType === 'TIKTOK' || !mayPrintAutomatically(jobs)) skipped.push(o.id);
      else eligible.push(o);
    }
    if (eligible.length === 0) return { job: [], skipped };
    const route = printRoutePath({
      kind: 'batch',
      orderIds: eligible.map((o) => o.id),
      doc: 'label',
      size: s.size,
      dpi: s.dpi,
    });
    const out: LabelRow[] = [];
    if (deps.host !== 'electron') {
      const opened = deps.openRoute(route, s.openPrintDialog);
      for (const o of eligible) {
        const row = await newJob(o, who, { format: 'pdf', output: 'pdf', route }, {});
        out.push(opened ? await move(row, [{ kind: 'sent' }], who) : await blocked(row, who));
      }
      return { job: out, skipped };
    }
    // Desktop: one print call for the batch route; every order's job shares its outcome.
    const rows: LabelRow[] = [];
    for (const o of eligible) {
      rows.push(
        await newJob(
          o,
          who,
          { format: 'pdf', output: 'system', route, deviceName: s.deviceName },
          {},
        ),
      );
    }
    const r =
      s.deviceName.trim() === ''
        ? err({ code: 'no-device', message: 'No system printer chosen' })
        : await deps.print.printLabel({
            route,
            deviceName: s.deviceName,
            paper: PAPER_OF_SIZE[s.size],
            requestedBy: who.packer,
          });
    for (const row of rows) {
      const events: JobEvent[] = r.ok
        ? [{ kind: 'sent' }]
        : [{ kind: outcomeOfError(r.error.code), code: r.error.code, message: r.error.message }];
      out.push(await move(row, events, who));
    }
    return { job: out, skipped };
  }
}
