import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderRow } from '#shared/domain/order';
import { parsePrintRoute } from '#shared/logic/label-layout/print-route';
import { PrintRoute } from '#shared/logic/printing/bridge-schemas';
import type { PrintJobRecord, ZplReceipt } from '#shared/logic/printing/print-job';
import { err, ok, type Result } from '#shared/utils/result';
import type { StationDb } from '../../data/db';
import { stationDbPerTest } from '../../data/test-db';
import {
  createLabelsRepository,
  type LabelsRepository,
} from '../../data/repositories/labels-repository';
import type { DocumentRow } from '../../data/rows';
import { createLabelService, type LabelServiceDeps, type PrintPort } from './label-service';
import { defaultSettings, type PrinterSettings } from './settings';
import { testData, testOrder } from './test-orders';

type Out<T> = Result<T, { code: string; message: string }>;

/** A print port that answers from a script and records every call. */
function fakePort(script: { print?: Array<Out<PrintJobRecord>>; zpl?: Array<Out<ZplReceipt>> }) {
  const calls: Array<{ method: string; args: Record<string, unknown> }> = [];
  const port: PrintPort = {
    async printLabel(args) {
      calls.push({ method: 'printLabel', args });
      return script.print?.shift() ?? err({ code: 'internal', message: 'unscripted' });
    },
    async zplSend(args) {
      calls.push({ method: 'zplSend', args });
      return script.zpl?.shift() ?? err({ code: 'internal', message: 'unscripted' });
    },
  };
  return { port, calls };
}

function record(state: PrintJobRecord['state']): PrintJobRecord {
  return {
    id: 'node-1',
    route: '/print/label/1',
    deviceName: 'Zebra_ZD421',
    pageSizeMicrons: { width: 101600, height: 152400 },
    state,
    requestedBy: 'Alice',
    createdAt: 0,
    sentAt: 1,
    finishedAt: 2,
    failure: null,
    failureReason: null,
    reprintOf: null,
    reprintReason: null,
    lateCallback: null,
  };
}

const who = { packer: 'Alice', station: 'STATION-1' };
const stationDb = stationDbPerTest({ prefix: 'labels' });
let db: StationDb;
let repo: LabelsRepository;
let clock: number;
let ids: number;
let opened: string[];
let blockWindows: boolean;
const orders = new Map<string, OrderRow>();

function service(
  settings: PrinterSettings,
  port: PrintPort,
  host: LabelServiceDeps['host'] = 'web',
) {
  return createLabelService({
    repo,
    host,
    settings: async () => settings,
    loadData: async (id) => {
      const o = orders.get(id);
      return o ? testData(o) : null;
    },
    ownerOf: async (code) => {
      const c = code.trim().toUpperCase();
      for (const o of orders.values()) {
        if ([o.id, ...o.packageIds, ...o.trackingNumbers].some((x) => x.toUpperCase() === c)) {
          return o.id;
        }
      }
      return null;
    },
    print: port,
    openRoute: (route) => {
      if (blockWindows) return false;
      opened.push(route);
      return true;
    },
    openPdf: (doc: DocumentRow) => {
      opened.push(`pdf:${doc.id}`);
      return !blockWindows;
    },
    now: () => (clock += 1000),
    newId: () => `job-${(ids += 1)}`,
    tzOffsetMinutes: () => 0,
  });
}

function add(order: OrderRow): OrderRow {
  orders.set(order.id, order);
  return order;
}

beforeEach(async () => {
  db = stationDb();
  repo = createLabelsRepository(db);
  clock = 1_795_000_000_000;
  ids = 0;
  opened = [];
  blockWindows = false;
  orders.clear();
});

describe('label step: browser PDF', () => {
  it('hands the label over as the print route, records queued → sent with who and route', async () => {
    const order = add(testOrder('576000000000000001', { tracking: 'JT0001234567US' }));
    const s = { ...defaultSettings('web'), size: 'a6' as const, dpi: 300 as const };
    const out = await service(s, fakePort({}).port).afterPack(order, who);
    expect(out.kind).toBe('job');
    const jobs = await repo.jobsFor(order.id);
    expect(jobs).toHaveLength(1);
    const job = jobs[0];
    expect(job).toMatchObject({
      state: 'sent',
      format: 'pdf',
      output: 'pdf',
      printedBy: 'Alice',
      station: 'STATION-1',
      trackingNumber: 'JT0001234567US',
    });
    expect(opened).toEqual([job?.route]);
    // The route is a real print route of this order at the profile's size and dpi, and the
    // bridge accepts it as it is (the desktop app prints the same string).
    const parsed = parsePrintRoute(
      ...((job?.route ?? '').split('?').map((p, i) => (i ? `?${p}` : p)) as [string, string]),
    );
    expect(parsed).toEqual(ok({ kind: 'label', orderId: order.id, size: 'a6', dpi: 300 }));
    expect(PrintRoute.safeParse(job?.route).success).toBe(true);
    const audit = await repo.labelAudit(order.id);
    expect(audit.map((a) => a.kind)).toEqual(['label.handed-over', 'label.state']);
    expect(audit.every((a) => a.actor === 'Alice')).toBe(true);
  });

  it('never prints again by itself: a second pack of the same order hands nothing over', async () => {
    const order = add(testOrder('576000000000000002'));
    const svc = service(defaultSettings('web'), fakePort({}).port);
    await svc.afterPack(order, who);
    const again = await svc.afterPack(order, who);
    expect(again.kind).toBe('already-printed');
    expect(await repo.jobsFor(order.id)).toHaveLength(1);
    expect(opened).toHaveLength(1);
  });

  it('a blocked window leaves the job queued until the packer opens it', async () => {
    const order = add(testOrder('576000000000000003'));
    const svc = service(defaultSettings('web'), fakePort({}).port);
    blockWindows = true;
    const out = await svc.afterPack(order, who);
    expect(out.kind === 'job' && out.job.state).toBe('queued');
    expect(out.kind === 'job' && out.job.failure?.code).toBe('window-blocked');
    blockWindows = false;
    const job = out.kind === 'job' ? out.job : null;
    const sent = await svc.openQueued(order, job?.id ?? '', who);
    expect(sent?.state).toBe('sent');
    expect(await repo.jobsFor(order.id)).toHaveLength(1);
  });
});

describe('label step: reprint', () => {
  it('requires a reason, and records who, when and why on a new linked job', async () => {
    const order = add(testOrder('576000000000000004'));
    const svc = service(defaultSettings('web'), fakePort({}).port);
    const first = await svc.afterPack(order, who);
    const firstId = first.kind === 'job' ? first.job.id : '';
    for (const reason of ['', '  ', 'ab']) {
      expect(await svc.reprint(order, firstId, reason, who)).toEqual(
        err({ code: 'reason-required' }),
      );
    }
    expect(await repo.jobsFor(order.id)).toHaveLength(1);
    const bob = { packer: 'Bob', station: 'STATION-2' };
    const r = await svc.reprint(order, firstId, '  label torn while peeling ', bob);
    expect(r.ok).toBe(true);
    const jobs = await repo.jobsFor(order.id);
    expect(jobs).toHaveLength(2);
    expect(jobs[1]).toMatchObject({
      reprintOf: firstId,
      reason: 'label torn while peeling',
      printedBy: 'Bob',
      station: 'STATION-2',
      state: 'sent',
    });
    const audit = (await repo.labelAudit(order.id)).find((a) => a.kind === 'label.reprint');
    expect(audit).toMatchObject({
      actor: 'Bob',
      station: 'STATION-2',
      detail: expect.objectContaining({ reprintOf: firstId, reason: 'label torn while peeling' }),
    });
    expect(typeof audit?.at).toBe('number');
  });

  it('refuses a reprint of a job of another order', async () => {
    const a = add(testOrder('576000000000000005'));
    const b = add(testOrder('576000000000000006'));
    const svc = service(defaultSettings('web'), fakePort({}).port);
    const first = await svc.afterPack(a, who);
    const id = first.kind === 'job' ? first.job.id : '';
    expect(await svc.reprint(b, id, 'wrong order', who)).toEqual(err({ code: 'job-not-found' }));
  });
});

describe('label step: desktop system printer', () => {
  const desktop: PrinterSettings = { ...defaultSettings('electron'), deviceName: 'Zebra_ZD421' };

  it('prints the route silently on the chosen printer with the profile paper', async () => {
    const order = add(testOrder('576000000000000007'));
    const { port, calls } = fakePort({ print: [ok(record('confirmed'))] });
    const out = await service(desktop, port, 'electron').afterPack(order, who);
    expect(out.kind === 'job' && out.job.state).toBe('confirmed');
    expect(calls).toEqual([
      {
        method: 'printLabel',
        args: {
          route: `/print/label/${order.id}?size=4x6&dpi=203`,
          deviceName: 'Zebra_ZD421',
          paper: 'waybill4x6',
          requestedBy: 'Alice',
        },
      },
    ]);
  });

  it('an unknown outcome waits for the packer and is never printed again by itself', async () => {
    const order = add(testOrder('576000000000000008'));
    const { port, calls } = fakePort({
      print: [err({ code: 'unknown-outcome', message: 'The print callback did not come back' })],
    });
    const svc = service(desktop, port, 'electron');
    const out = await svc.afterPack(order, who);
    const job = out.kind === 'job' ? out.job : null;
    expect(job?.state).toBe('unknown');
    expect(job?.failure?.code).toBe('unknown-outcome');
    // Packing it again, or anything else automatic, prints nothing more.
    expect((await svc.afterPack(order, who)).kind).toBe('already-printed');
    expect(calls).toHaveLength(1);
    // The packer says it did not come out: the job fails; only an explicit reprint prints again.
    const answered = await svc.answer(job?.id ?? '', false, who);
    expect(answered).toMatchObject({ state: 'failed', answeredBy: 'Alice' });
    expect(calls).toHaveLength(1);
    expect((await repo.labelAudit(order.id)).map((a) => a.kind)).toContain('label.answered');
  });

  it('a print failure is failed (nothing out), and a host that stopped answering is unknown', async () => {
    const a = add(testOrder('576000000000000009'));
    const b = add(testOrder('576000000000000010'));
    const { port } = fakePort({
      print: [
        err({ code: 'print-failed', message: 'Print job failed' }),
        err({ code: 'host-unreachable', message: 'no answer' }),
      ],
    });
    const svc = service(desktop, port, 'electron');
    const fa = await svc.afterPack(a, who);
    const fb = await svc.afterPack(b, who);
    expect(fa.kind === 'job' && fa.job.state).toBe('failed');
    expect(fb.kind === 'job' && fb.job.state).toBe('unknown');
  });

  it('refuses to print without a chosen printer (never the default printer)', async () => {
    const order = add(testOrder('576000000000000011'));
    const { port, calls } = fakePort({});
    const out = await service(defaultSettings('electron'), port, 'electron').afterPack(order, who);
    expect(out).toEqual({ kind: 'not-configured', problem: 'no-device' });
    expect(calls).toHaveLength(0);
    expect(await repo.jobsFor(order.id)).toHaveLength(0);
  });
});

describe('label step: ZPL network printer', () => {
  const zplSettings: PrinterSettings = {
    ...defaultSettings('web'),
    output: 'zpl',
    zplHost: '127.0.0.1',
    zplPort: 9100,
  };

  it('sends the waybill ZPL with the job id, and records the job as sent', async () => {
    const order = add(testOrder('576000000000000012', { tracking: 'JT0009876543US' }));
    const receipt: ZplReceipt = {
      jobId: 'job-1',
      bytes: 10,
      before: {} as ZplReceipt['before'],
      after: {} as ZplReceipt['after'],
      observed: 'idle',
    };
    const { port, calls } = fakePort({ zpl: [ok(receipt)] });
    const out = await service(zplSettings, port).afterPack(order, who);
    expect(out.kind === 'job' && out.job).toMatchObject({ state: 'sent', format: 'zpl' });
    expect(calls[0]?.method).toBe('zplSend');
    const zpl = String(calls[0]?.args.zpl);
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl).toContain('JT0009876543US'.replace(/./g, (c) => c)); // hex-escaped or plain
    expect(calls[0]?.args.jobId).toBe(out.kind === 'job' ? out.job.id : '');
    expect(opened).toHaveLength(0);
  });

  it('falls back to the PDF label for a CJK address, and says so', async () => {
    const order = add(
      testOrder('576000000000000013', {
        address: '广东省深圳市南山区科技园科苑路15号讯美科技广场3号楼',
      }),
    );
    const { port, calls } = fakePort({});
    const out = await service(zplSettings, port).afterPack(order, who);
    expect(out.kind).toBe('job');
    if (out.kind !== 'job') return;
    expect(out.fallback).toMatchObject({
      code: 'needs-unicode-font',
      fields: ['recipient.address'],
    });
    expect(out.job).toMatchObject({ format: 'pdf', output: 'pdf', state: 'sent' });
    expect(calls).toHaveLength(0);
    expect(opened).toEqual([`/print/label/${order.id}?size=4x6&dpi=203`]);
    expect((await repo.labelAudit(order.id)).map((a) => a.kind)).toContain('label.zpl-fallback');
  });

  it('a paper-out refusal fails the job (nothing printed); an unknown outcome is unknown', async () => {
    const a = add(testOrder('576000000000000014'));
    const b = add(testOrder('576000000000000015'));
    const { port } = fakePort({
      zpl: [
        err({ code: 'paper-out', message: 'Paper out' }),
        err({ code: 'unknown-outcome', message: 'no status after the job' }),
      ],
    });
    const svc = service(zplSettings, port);
    const fa = await svc.afterPack(a, who);
    const fb = await svc.afterPack(b, who);
    expect(fa.kind === 'job' && fa.job.failure).toEqual({
      code: 'paper-out',
      message: 'Paper out',
    });
    expect(fa.kind === 'job' && fa.job.state).toBe('failed');
    expect(fb.kind === 'job' && fb.job.state).toBe('unknown');
  });
});

describe('label step: platform labels', () => {
  it('prints the stored platform PDF, or waits for it — never a home-made label', async () => {
    const order = add(testOrder('576000000000000016', { shippingType: 'TIKTOK' }));
    const svc = service(defaultSettings('web'), fakePort({}).port);
    expect(await svc.afterPack(order, who)).toEqual({ kind: 'waiting-platform-label' });
    expect(opened).toHaveLength(0);
    await repo.putDocument(
      {
        id: 'doc-1',
        orderId: order.id,
        packageId: order.packageIds[0] ?? '',
        trackingNumber: 'TT123456789',
        kind: 'SHIPPING_LABEL',
        format: 'pdf',
        dataBase64: 'JVBERi0=',
        fetchedAt: 1,
      },
      {
        kind: 'document.fetched',
        orderId: order.id,
        actor: 'station',
        station: 'S',
        at: 1,
        detail: {},
      },
    );
    const out = await svc.printFirst(order, who);
    expect(out.kind === 'job' && out.job).toMatchObject({
      output: 'platform',
      state: 'sent',
      trackingNumber: 'TT123456789',
      route: 'documents:doc-1',
    });
    expect(opened).toEqual(['pdf:doc-1']);
  });
});

describe('label verification by scan', () => {
  it('the tracking barcode verifies; another order’s label is recorded and not verified', async () => {
    const mine = add(testOrder('576000000000000017', { tracking: 'JT1111111111US' }));
    const other = add(testOrder('576000000000000018', { tracking: 'JT2222222222US' }));
    const svc = service(defaultSettings('web'), fakePort({}).port);
    await svc.afterPack(mine, who);

    const wrong = await svc.verify(mine.id, 'JT2222222222US', who);
    expect(wrong).toEqual({ kind: 'wrong-label', otherOrderId: other.id, code: 'JT2222222222US' });
    expect((await repo.jobsFor(mine.id))[0]?.verifiedAt).toBeUndefined();
    const audit = (await repo.labelAudit(mine.id)).find((a) => a.kind === 'label.wrong-label');
    expect(audit?.detail).toMatchObject({ labelOf: other.id, parcelOf: mine.id });

    // This order's own id is not the waybill's tracking barcode.
    expect(await svc.verify(mine.id, mine.id, who)).toMatchObject({ kind: 'scan-tracking' });
    expect(await svc.verify(mine.id, 'NOPE', who)).toMatchObject({ kind: 'not-a-label' });

    const right = await svc.verify(mine.id, 'jt1111111111us', who);
    expect(right?.kind).toBe('verified');
    const job = (await repo.jobsFor(mine.id))[0];
    expect(job).toMatchObject({ state: 'confirmed', verifiedBy: 'Alice' });
    expect(typeof job?.verifiedAt).toBe('number');
  });

  it('without a tracking number the order id barcode verifies', async () => {
    const mine = add(testOrder('576000000000000019'));
    const svc = service(defaultSettings('web'), fakePort({}).port);
    await svc.afterPack(mine, who);
    expect((await svc.verify(mine.id, mine.id, who))?.kind).toBe('verified');
  });

  it('a failed job cannot be verified: there is nothing on the parcel', async () => {
    const mine = add(testOrder('576000000000000020'));
    const { port } = fakePort({ print: [err({ code: 'print-failed', message: 'x' })] });
    const svc = service({ ...defaultSettings('electron'), deviceName: 'P' }, port, 'electron');
    await svc.afterPack(mine, who);
    expect(await svc.verify(mine.id, mine.id, who)).toBeNull();
  });
});

describe('batch printing', () => {
  it('one batch route for the orders without a label; labelled and platform orders are skipped', async () => {
    const a = add(testOrder('576000000000000021'));
    const b = add(testOrder('576000000000000022'));
    const c = add(testOrder('576000000000000023', { shippingType: 'TIKTOK' }));
    const svc = service(defaultSettings('web'), fakePort({}).port);
    await svc.afterPack(a, who);
    opened = [];
    const out = await svc.printBatch([a, b, c], who);
    expect(out.skipped).toEqual([a.id, c.id]);
    expect(out.job.map((j) => [j.orderId, j.state])).toEqual([[b.id, 'sent']]);
    expect(opened).toEqual([`/print/batch?ids=${b.id}&doc=label&size=4x6&dpi=203`]);
  });
});
