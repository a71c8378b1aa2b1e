import { describe, expect, it } from 'vitest';
import { PAPER } from '#shared/utils/units';
import { createFakeClock } from '../../ports/clock';
import { createFakePdfPrinter } from '../../ports/fake-pdf-printer';
import { createPrintService } from './print-service';

const LABEL_PRINTER = {
  name: 'Zebra_ZD421_203dpi',
  displayName: 'Zebra ZD421 (203 dpi)',
  description: 'Label printer',
};
const OFFICE = {
  name: 'HP_LaserJet',
  displayName: 'HP LaserJet',
  description: '',
  isDefault: true,
};
const TIMEOUT_MS = 15_000;

function setup() {
  const printer = createFakePdfPrinter([OFFICE, LABEL_PRINTER]);
  const clock = createFakeClock(1_700_000_000_000);
  let n = 0;
  const service = createPrintService({
    printer,
    clock,
    timeoutMs: TIMEOUT_MS,
    newId: () => `job-${++n}`,
  });
  return { printer, clock, service };
}

/** Lets pending promise callbacks and microtasks run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise<void>((r) => setImmediate(r));
}

const request = {
  route: '/print/label/576461413538780123',
  deviceName: LABEL_PRINTER.name,
  paper: PAPER.waybill100x150,
  requestedBy: 'packer-1',
};

describe('print service', () => {
  it('prints silently to the chosen system printer, 100×150 mm in microns, no margins', async () => {
    const { printer, service } = setup();
    const r = await service.print(request);
    expect(r.ok && r.value.state).toBe('confirmed');
    expect(printer.opened).toEqual([request.route]);
    expect(printer.calls).toHaveLength(1);
    expect(printer.calls[0]?.options).toEqual({
      silent: true,
      printBackground: true,
      deviceName: 'Zebra_ZD421_203dpi',
      pageSize: { width: 100_000, height: 150_000 },
      margins: { marginType: 'none' },
      copies: 1,
    });
    expect(printer.closed).toEqual([request.route]);
  });

  it('passes 4×6 in as 101600 × 152400 microns', async () => {
    const { printer, service } = setup();
    await service.print({ ...request, paper: PAPER.waybill4x6 });
    expect(printer.calls[0]?.options.pageSize).toEqual({ width: 101_600, height: 152_400 });
  });

  it('ends in unknown when the callback never comes, and never prints a second time', async () => {
    const { printer, clock, service } = setup();
    printer.script({ kind: 'never' });
    const pending = service.print(request);
    await settle();
    expect(printer.calls).toHaveLength(1);
    expect(service.history()[0]?.state).toBe('sent');
    clock.advance(TIMEOUT_MS);
    const r = await pending;
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('unknown-outcome');
    expect(r.error.job?.state).toBe('unknown');
    clock.advance(10 * TIMEOUT_MS);
    await settle();
    expect(printer.calls).toHaveLength(1);
    expect(service.history()).toHaveLength(1);
  });

  it('keeps a late callback as information without changing the unknown outcome', async () => {
    const { printer, clock, service } = setup();
    printer.script({ kind: 'manual' });
    const pending = service.print(request);
    await settle();
    clock.advance(TIMEOUT_MS);
    const r = await pending;
    const id = r.ok ? r.value.id : r.error.job?.id;
    printer.pendingCallbacks[0]?.(true, '');
    const job = service.getJob(id ?? '');
    expect(job?.state).toBe('unknown');
    expect(job?.lateCallback).toMatchObject({ success: true });
  });

  it.each([
    ['Invalid printer settings', 'invalid-printer-settings'],
    ['Print job canceled', 'print-cancelled'],
    ['Print job failed', 'print-failed'],
  ])('maps the failure reason "%s" to %s', async (reason, code) => {
    const { printer, service } = setup();
    printer.script({ kind: 'fail', reason });
    const r = await service.print(request);
    expect(r.ok ? null : r.error.code).toBe(code);
    expect(r.ok ? null : r.error.job?.failureReason).toBe(reason);
  });

  it('refuses a printer that is not in the system list, before printing anything', async () => {
    const { printer, service } = setup();
    for (const deviceName of ['Zebra ZD421 (203 dpi)', 'missing', '']) {
      const r = await service.print({ ...request, deviceName });
      expect(r.ok ? null : r.error.code).toBe('printer-not-found');
    }
    expect(printer.opened).toEqual([]);
    expect(printer.calls).toEqual([]);
  });

  it('refuses page sizes Electron cannot use', async () => {
    const { printer, service } = setup();
    const r = await service.print({ ...request, paper: { widthMm: 0.3, heightMm: 150 } });
    expect(r.ok ? null : r.error.code).toBe('invalid-page-size');
    expect(printer.calls).toEqual([]);
  });

  it('fails without printing when the route does not render', async () => {
    const { printer, service } = setup();
    printer.failNextOpen('net::ERR_FAILED');
    const r = await service.print(request);
    expect(r.ok ? null : r.error.code).toBe('print-failed');
    expect(printer.calls).toEqual([]);
  });

  it('serialises jobs per printer: the second waits until the first has an outcome', async () => {
    const { printer, service } = setup();
    printer.script({ kind: 'manual' }, { kind: 'manual' });
    const first = service.print(request);
    const second = service.print({ ...request, route: '/print/label/2' });
    const other = service.print({ ...request, deviceName: OFFICE.name, route: '/print/slip/3' });
    await settle();
    expect(printer.calls.map((c) => c.route)).toEqual([request.route, '/print/slip/3']);
    printer.pendingCallbacks[0]?.(true, '');
    await first;
    await settle();
    expect(printer.calls.map((c) => c.route)).toContain('/print/label/2');
    printer.pendingCallbacks[1]?.(true, '');
    printer.pendingCallbacks[2]?.(true, '');
    const results = await Promise.all([second, other]);
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('reprints only on request, with a reason, as a new job linked to the first', async () => {
    const { printer, clock, service } = setup();
    printer.script({ kind: 'never' });
    const pending = service.print(request);
    await settle();
    clock.advance(TIMEOUT_MS);
    const first = await pending;
    const firstId = first.ok ? first.value.id : (first.error.job?.id ?? '');

    const noReason = await service.reprint({ jobId: firstId, reason: ' ', requestedBy: 'lead' });
    expect(noReason.ok ? null : noReason.error.code).toBe('reprint-reason-required');
    const missing = await service.reprint({ jobId: 'nope', reason: 'jammed', requestedBy: 'lead' });
    expect(missing.ok ? null : missing.error.code).toBe('job-not-found');
    expect(printer.calls).toHaveLength(1);

    const again = await service.reprint({
      jobId: firstId,
      reason: 'label did not come out',
      requestedBy: 'lead',
    });
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.value.id).not.toBe(firstId);
    expect(again.value).toMatchObject({
      reprintOf: firstId,
      reprintReason: 'label did not come out',
      requestedBy: 'lead',
      state: 'confirmed',
    });
    expect(printer.calls).toHaveLength(2);
    expect(printer.calls[1]?.options).toEqual(printer.calls[0]?.options);
    expect(service.history().map((j) => j.id)).toEqual([again.value.id, firstId]);
  });

  it('lists printers with their system names', async () => {
    const { service } = setup();
    const list = await service.listPrinters();
    expect(list).toEqual([
      { name: OFFICE.name, displayName: OFFICE.displayName, isDefault: true },
      { name: LABEL_PRINTER.name, displayName: LABEL_PRINTER.displayName, isDefault: false },
    ]);
  });
});
