import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildWaybillZpl } from '#shared/logic/printing/zpl-waybill';
import {
  startFakeZplPrinter,
  type FakeZplMode,
  type FakeZplPrinter,
} from '../../../../tests/support/fake-zpl-printer';
import { createZplSender } from './zpl-sender';

const printers: FakeZplPrinter[] = [];
afterEach(async () => {
  await Promise.all(printers.splice(0).map((p) => p.close()));
});

async function printer(mode: FakeZplMode = 'ok'): Promise<FakeZplPrinter> {
  const p = await startFakeZplPrinter(mode);
  printers.push(p);
  return p;
}

function label(trackingNumber = '794615826314'): string {
  const r = buildWaybillZpl(
    {
      trackingNumber,
      orderId: '576461413538780123',
      recipient: { name: 'Maria ^XZ Gonzalez', phone: '213*****88', address: '1200 Wilshire Blvd' },
      sender: { name: 'Acme', address: 'Reno, NV' },
      carrier: 'USPS',
      service: 'Ground Advantage',
      weightGrams: 800,
      shipByText: '2026-11-28',
      items: [{ name: 'Mug', quantity: 1 }],
      practice: true,
    },
    { dpi: 203 },
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('zpl sender against a fake TCP printer', () => {
  it('asks ~HS, sends the label, asks ~HS again and reports what it saw', async () => {
    const p = await printer();
    const sender = createZplSender({ timeoutMs: 2000 });
    const zpl = label();
    const r = await sender.send({ host: p.host, port: p.port, jobId: 'job-1', zpl });
    expect(r.ok).toBe(true);
    expect(p.labels).toEqual([zpl.trim()]);
    expect(p.statusQueries).toBe(2);
    expect(p.received).toEqual([`~HS${zpl}~HS`]);
    if (r.ok) {
      expect(r.value.bytes).toBe(Buffer.byteLength(zpl));
      expect(r.value.observed).toBe('idle');
    }
  });

  it('stops on a paper-out answer with nothing of the label sent, then prints once fixed', async () => {
    const p = await printer('paper-out');
    const sender = createZplSender({ timeoutMs: 2000 });
    const zpl = label();
    const refused = await sender.send({ host: p.host, port: p.port, jobId: 'job-1', zpl });
    expect(refused.ok ? null : refused.error.code).toBe('paper-out');
    expect(refused.ok ? null : refused.error.status?.paperOut).toBe(true);
    expect(p.received.join('')).toBe('~HS');
    expect(p.labels).toEqual([]);
    expect(p.buffered).toEqual([]);

    p.mode = 'ok';
    const printed = await sender.send({ host: p.host, port: p.port, jobId: 'job-1', zpl });
    expect(printed.ok).toBe(true);
    expect(p.labels).toHaveLength(1);
  });

  it.each([
    ['head-up', 'head-open'],
    ['paused', 'paused'],
    ['ribbon-out', 'ribbon-out'],
  ] as const)('refuses to send when the printer reports %s', async (mode, code) => {
    const p = await printer(mode);
    const r = await createZplSender({ timeoutMs: 2000 }).send({
      host: p.host,
      port: p.port,
      jobId: 'j',
      zpl: label(),
    });
    expect(r.ok ? null : r.error.code).toBe(code);
    expect(p.received.join('')).not.toContain('^XA');
  });

  it('times out on a silent printer without sending the label', async () => {
    const p = await printer('silent');
    const r = await createZplSender({ timeoutMs: 200 }).send({
      host: p.host,
      port: p.port,
      jobId: 'j',
      zpl: label(),
    });
    expect(r.ok ? null : r.error.code).toBe('timeout');
    expect(p.received.join('')).toBe('~HS');
  });

  it('waits for a slow printer within the timeout', async () => {
    const p = await printer('slow');
    p.slowMs = 30;
    const r = await createZplSender({ timeoutMs: 3000 }).status({ host: p.host, port: p.port });
    expect(r.ok && r.value.paperOut).toBe(false);
  });

  it('reports unknown-outcome, not success, when the printer fails after taking the job', async () => {
    const p = await printer();
    p.queueAnswers('ok', 'head-up');
    const r = await createZplSender({ timeoutMs: 2000 }).send({
      host: p.host,
      port: p.port,
      jobId: 'j',
      zpl: label(),
    });
    expect(r.ok ? null : r.error.code).toBe('unknown-outcome');
    expect(p.received.join('')).toContain('^XA');
  });

  it('reports unknown-outcome when the status after the job never comes', async () => {
    const p = await printer();
    p.queueAnswers('ok', 'silent');
    const r = await createZplSender({ timeoutMs: 200 }).send({
      host: p.host,
      port: p.port,
      jobId: 'j',
      zpl: label(),
    });
    expect(r.ok ? null : r.error.code).toBe('unknown-outcome');
  });

  it('sees a queued label in the buffer counts after sending', async () => {
    const p = await printer();
    p.holdFormats = true;
    const r = await createZplSender({ timeoutMs: 2000 }).send({
      host: p.host,
      port: p.port,
      jobId: 'j',
      zpl: label(),
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.before.formatsInBuffer).toBe(0);
      expect(r.value.after.formatsInBuffer).toBe(1);
      expect(r.value.observed).toBe('queued');
    }
  });

  it('never sends the same job id twice', async () => {
    const p = await printer();
    const sender = createZplSender({ timeoutMs: 2000 });
    const zpl = label();
    const first = await sender.send({ host: p.host, port: p.port, jobId: 'job-7', zpl });
    const again = await sender.send({ host: p.host, port: p.port, jobId: 'job-7', zpl });
    expect(first.ok).toBe(true);
    expect(again.ok ? null : again.error.code).toBe('duplicate-job');
    expect(p.labels).toHaveLength(1);
  });

  it('serialises jobs to one printer: one connection at a time, all labels in order', async () => {
    const p = await printer('slow');
    p.slowMs = 5;
    const sender = createZplSender({ timeoutMs: 3000 });
    const jobs = ['111111', '222222', '333333', '444444'].map((t) => label(t));
    const results = await Promise.all(
      jobs.map((zpl, i) => sender.send({ host: p.host, port: p.port, jobId: `j${i}`, zpl })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(p.maxConcurrentConnections).toBe(1);
    expect(p.labels).toEqual(jobs.map((j) => j.trim()));
  });

  it('reports offline when nothing listens on the port', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));
    const r = await createZplSender({ timeoutMs: 2000 }).status({ host: '127.0.0.1', port });
    expect(r.ok ? null : r.error.code).toBe('offline');
  });

  it('refuses jobs with control commands before connecting', async () => {
    const p = await printer();
    const sender = createZplSender({ timeoutMs: 2000 });
    const target = { host: p.host, port: p.port };
    for (const zpl of ['^XA^FDx^FS^XZ~JR', '~HS^XA^XZ', '^XA^CC!^XZ', 'hello', '^XA^FD~^FS^XZ']) {
      const r = await sender.send({ ...target, jobId: zpl, zpl });
      expect(r.ok ? null : r.error.code).toBe('invalid-zpl');
    }
    expect(p.received).toEqual([]);
  });
});
