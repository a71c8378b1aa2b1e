import { afterEach, describe, expect, it } from 'vitest';
import { buildWaybillZpl } from '#shared/logic/printing/zpl-waybill';
import { startFakeZplPrinter, type FakeZplPrinter } from '../../../tests/support/fake-zpl-printer';
import { createFakeClock } from '../ports/clock';
import { createFakePdfPrinter } from '../ports/fake-pdf-printer';
import type { PdfPrinter } from '../ports/pdf-printer';
import { createDispatch } from './dispatch';
import { createPrintingHandlers } from './printing';
import type { Handlers, Logger } from './types';

const silentLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function dispatchWith(pdfPrinter: PdfPrinter | null) {
  // Only the printing methods are exercised here; the rest of the table is not needed.
  const handlers = createPrintingHandlers({
    log: silentLog,
    pdfPrinter,
    clock: createFakeClock(0),
    zplTimeoutMs: 2000,
  }) as unknown as Handlers;
  return createDispatch(handlers, silentLog);
}

const printers: FakeZplPrinter[] = [];
afterEach(async () => {
  await Promise.all(printers.splice(0).map((p) => p.close()));
});

function label(): string {
  const r = buildWaybillZpl(
    {
      trackingNumber: '794615826314',
      orderId: '576461413538780123',
      recipient: { name: 'Ann Lee', phone: '555*****12', address: '1 Main St, Springfield' },
      sender: { name: 'Acme', address: 'Reno' },
      carrier: 'UPS',
      service: 'Ground',
      weightGrams: 400,
      shipByText: '2026-11-28',
      items: [{ name: 'Mug', quantity: 1 }],
      practice: false,
    },
    { dpi: 300 },
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('printing bridge handlers', () => {
  it('answers unavailable-in-host for system printers in the web host', async () => {
    const dispatch = dispatchWith(null);
    for (const [method, args] of [
      ['printer.list', {}],
      ['printer.jobs', {}],
      [
        'printer.printLabel',
        { route: '/print/label/1', deviceName: 'X', paper: 'a6', requestedBy: 'p' },
      ],
    ] as const) {
      const r = await dispatch(method, args);
      expect(r.ok ? null : r.error.code).toBe('unavailable-in-host');
    }
  });

  it('prints a label route and reports unknown printers as printer-not-found', async () => {
    const fake = createFakePdfPrinter([
      { name: 'Zebra_ZD421', displayName: 'Zebra', description: '' },
    ]);
    const dispatch = dispatchWith(fake);
    const list = await dispatch('printer.list', {});
    expect(list.ok && list.value).toEqual([
      { name: 'Zebra_ZD421', displayName: 'Zebra', isDefault: false },
    ]);
    const args = { route: '/print/label/42', paper: 'waybill4x6', requestedBy: 'packer-1' };
    const printed = await dispatch('printer.printLabel', { ...args, deviceName: 'Zebra_ZD421' });
    expect(printed.ok).toBe(true);
    expect(fake.calls[0]?.options.pageSize).toEqual({ width: 101_600, height: 152_400 });
    const missing = await dispatch('printer.printLabel', { ...args, deviceName: 'Brother' });
    expect(missing.ok ? null : missing.error.code).toBe('printer-not-found');

    const jobs = await dispatch('printer.jobs', {});
    expect(jobs.ok && Array.isArray(jobs.value) && jobs.value.length).toBe(2);
  });

  it('validates print arguments with zod before any handler runs', async () => {
    const fake = createFakePdfPrinter([{ name: 'P', displayName: 'P', description: '' }]);
    const dispatch = dispatchWith(fake);
    const base = { route: '/print/label/1', deviceName: 'P', paper: 'a6', requestedBy: 'p' };
    for (const bad of [
      { ...base, route: '/print/../secret' },
      { ...base, route: 'https://evil.example/print' },
      { ...base, deviceName: '' },
      { ...base, paper: 'letter' },
    ]) {
      const r = await dispatch('printer.printLabel', bad);
      expect(r.ok ? null : r.error.code).toBe('invalid-args');
    }
    const noReason = await dispatch('printer.reprint', {
      jobId: 'x',
      reason: ' ',
      requestedBy: 'p',
    });
    expect(noReason.ok ? null : noReason.error.code).toBe('invalid-args');
    expect(fake.calls).toEqual([]);
  });

  it('sends ZPL to a network printer and passes paper-out through', async () => {
    const p = await startFakeZplPrinter('paper-out');
    printers.push(p);
    const dispatch = dispatchWith(null);
    const zpl = label();
    const refused = await dispatch('zpl.send', { host: p.host, port: p.port, jobId: 'a1', zpl });
    expect(refused.ok ? null : refused.error.code).toBe('paper-out');
    p.mode = 'ok';
    const status = await dispatch('zpl.status', { host: p.host, port: p.port });
    expect(status.ok).toBe(true);
    const sent = await dispatch('zpl.send', { host: p.host, port: p.port, jobId: 'a1', zpl });
    expect(sent.ok).toBe(true);
    expect(p.labels).toHaveLength(1);
  });

  it('rejects bad hosts, ports, oversized or unsafe ZPL as invalid-args', async () => {
    const dispatch = dispatchWith(null);
    const ok = { host: '192.168.1.50', port: 9100, jobId: 'j1', zpl: '^XA^FDhi^FS^XZ' };
    for (const bad of [
      { ...ok, host: 'http://printer' },
      { ...ok, host: 'printer 1' },
      { ...ok, host: '' },
      { ...ok, port: 0 },
      { ...ok, port: 65536 },
      { ...ok, port: 91.5 },
      { ...ok, zpl: '^XA' + 'x'.repeat(200_000) + '^XZ' },
      { ...ok, zpl: '^XA^XZ~JR' },
      { ...ok, jobId: 'a b' },
    ]) {
      const r = await dispatch('zpl.send', bad);
      expect(r.ok ? null : r.error.code).toBe('invalid-args');
    }
    const status = await dispatch('zpl.status', { host: 'label-printer.local', port: 70000 });
    expect(status.ok ? null : status.error.code).toBe('invalid-args');
  });
});
