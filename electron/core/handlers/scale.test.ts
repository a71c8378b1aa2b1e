import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../ports/clock';
import { createFakeSerialHost } from '../ports/fake-serial';
import { createNodeSerialHost } from '../ports/node-serial';
import { createDispatch } from './dispatch';
import { createScaleHandlers } from './scale';
import type { BridgeResult } from '#shared/bridge/contract';
import type { Handlers, Logger } from './types';

const silentLog: Logger = { debug() {}, info() {}, warn() {}, error() {} };

type Dispatch = ReturnType<typeof createDispatch>;
async function read(dispatch: Dispatch, afterSeq: number) {
  return (await dispatch('scale.read', { afterSeq })) as BridgeResult<'scale.read'>;
}

function setup() {
  const serial = createFakeSerialHost([{ path: '/dev/ttyUSB0', label: 'USB scale' }]);
  const handlers = createScaleHandlers({
    log: silentLog,
    serial,
    clock: createFakeClock(1000),
  }) as unknown as Handlers;
  return { serial, dispatch: createDispatch(handlers, silentLog) };
}

describe('scale bridge handlers', () => {
  it('lists ports, connects, streams MT-SICS readings in order and asks the scale to stream', async () => {
    const { serial, dispatch } = setup();
    expect(await dispatch('scale.listPorts', {})).toEqual({
      ok: true,
      value: [{ path: '/dev/ttyUSB0', label: 'USB scale' }],
    });
    const c = await dispatch('scale.connect', {
      path: '/dev/ttyUSB0',
      baudRate: 9600,
      protocol: 'mt-sics',
    });
    expect(c).toMatchObject({ ok: true, value: { connected: true, protocol: 'mt-sics' } });
    expect(serial.written('/dev/ttyUSB0')).toEqual(['SIR\r\n']);
    serial.send('/dev/ttyUSB0', 'S D     0.40');
    serial.send('/dev/ttyUSB0', '1 kg\r\nS S     0.412 kg\r\nnoise\r\n');
    const r = await read(dispatch, 0);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.readings.map((x) => [x.seq, x.reading])).toEqual([
      [1, { kind: 'weight', grams: 401, stable: false, unit: 'kg', net: false }],
      [2, { kind: 'weight', grams: 412, stable: true, unit: 'kg', net: false }],
    ]);
    expect(r.value.unrecognised).toEqual(['noise']);
    const again = await read(dispatch, 2);
    expect(again.ok && again.value.readings).toEqual([]);
  });

  it('sends tare and zero, and says when a continuous scale takes no commands', async () => {
    const { serial, dispatch } = setup();
    expect(await dispatch('scale.command', { command: 'tare' })).toMatchObject({
      ok: false,
      error: { code: 'not-connected' },
    });
    await dispatch('scale.connect', { path: '/dev/ttyUSB0', baudRate: 9600, protocol: 'mt-sics' });
    expect(await dispatch('scale.command', { command: 'zero' })).toEqual({ ok: true, value: null });
    serial.send('/dev/ttyUSB0', 'Z A\r\n');
    const r = await read(dispatch, 0);
    expect(r.ok && r.value.lastAck).toMatchObject({ command: 'zero', done: true });
    await dispatch('scale.connect', {
      path: '/dev/ttyUSB0',
      baudRate: 9600,
      protocol: 'continuous',
    });
    expect(await dispatch('scale.command', { command: 'tare' })).toMatchObject({
      ok: false,
      error: { code: 'unsupported-command' },
    });
  });

  it('refuses bad arguments and unknown ports with a clear error, and reports an unplugged scale', async () => {
    const { serial, dispatch } = setup();
    for (const args of [
      { path: '../etc/passwd', baudRate: 9600, protocol: 'auto' },
      { path: '/dev/../etc/passwd', baudRate: 9600, protocol: 'auto' },
      { path: '/dev/ttyUSB0', baudRate: 1234, protocol: 'auto' },
      { path: '/dev/ttyUSB0', baudRate: 9600, protocol: 'telepathy' },
    ]) {
      expect(await dispatch('scale.connect', args)).toMatchObject({
        ok: false,
        error: { code: 'invalid-args' },
      });
    }
    expect(
      await dispatch('scale.connect', { path: '/dev/ttyUSB9', baudRate: 9600, protocol: 'auto' }),
    ).toMatchObject({ ok: false, error: { code: 'port-not-found' } });
    await dispatch('scale.connect', { path: '/dev/ttyUSB0', baudRate: 9600, protocol: 'auto' });
    serial.unplug('/dev/ttyUSB0');
    const r = await read(dispatch, 0);
    expect(r.ok && r.value.status).toMatchObject({
      connected: false,
      lastError: expect.stringMatching(/went away/) as unknown,
    });
  });
});

const hasSocat = spawnSync('sh', ['-c', 'command -v socat']).status === 0;
let socat: ChildProcess | null = null;
afterEach(() => {
  socat?.kill();
  socat = null;
});

describe('the serialport host on a pseudo-terminal', () => {
  it.skipIf(!hasSocat)(
    'reads a continuous scale through a socat pty pair (skipped without socat: apt-get install socat)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pb-scale-'));
      const a = join(dir, 'scale');
      const b = join(dir, 'feed');
      socat = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`]);
      for (let i = 0; i < 100 && !(existsSync(a) && existsSync(b)); i += 1) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const handlers = createScaleHandlers({
        log: silentLog,
        serial: createNodeSerialHost(),
      }) as unknown as Handlers;
      const dispatch = createDispatch(handlers, silentLog);
      const c = await dispatch('scale.connect', {
        path: a,
        baudRate: 9600,
        protocol: 'continuous',
      });
      expect(c).toMatchObject({ ok: true, value: { connected: true } });
      writeFileSync(b, 'ST,GS,+  0.532kg\r\n');
      let grams: number | null = null;
      for (let i = 0; i < 100 && grams === null; i += 1) {
        await new Promise((r) => setTimeout(r, 20));
        const r = await read(dispatch, 0);
        const w = r.ok ? r.value.readings[0]?.reading : undefined;
        if (w?.kind === 'weight') grams = w.grams;
      }
      expect(grams).toBe(532);
      // A regular file is never opened as a scale.
      writeFileSync(join(dir, 'file'), 'x');
      expect(
        await dispatch('scale.connect', {
          path: join(dir, 'file'),
          baudRate: 9600,
          protocol: 'auto',
        }),
      ).toMatchObject({ ok: false, error: { code: 'open-failed' } });
      await dispatch('scale.disconnect', {});
    },
  );
});
