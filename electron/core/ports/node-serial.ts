/**
 * The serial host on Node: the `serialport` package (prebuilt N-API bindings shipped in the npm
 * package). Listing on Linux: `SerialPort.list()` runs `udevadm`, and where udevadm is missing
 * (containers, minimal systems) its child-process error escapes as an uncaught exception, so
 * without udevadm we list `/dev` ourselves.
 */
import { constants } from 'node:fs';
import { access, readdir, realpath, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { SerialPortInfo } from '#shared/logic/scale/bridge-types';
import type { SerialConnection, SerialOpenError, SerialPortHost } from './serial-port';

async function onPath(command: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      await access(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

const DEV_SERIAL = /^tty(?:S|USB|ACM|AMA|XRUSB)\d+$/;

async function listDev(): Promise<SerialPortInfo[]> {
  const out: SerialPortInfo[] = [];
  const byId = await readdir('/dev/serial/by-id').catch(() => [] as string[]);
  for (const name of byId) {
    const path = join('/dev/serial/by-id', name);
    out.push({ path, label: `${name} → ${await realpath(path).catch(() => '?')}` });
  }
  for (const name of (await readdir('/dev').catch(() => [] as string[])).sort()) {
    if (DEV_SERIAL.test(name) && !name.startsWith('ttyS'))
      out.push({ path: `/dev/${name}`, label: name });
  }
  return out;
}

function openError(path: string, cause: unknown): SerialOpenError {
  const message = cause instanceof Error ? cause.message : String(cause);
  if (/ENOENT|No such file|cannot find/i.test(message)) {
    return { code: 'port-not-found', message: `${path}: no such device` };
  }
  if (/EBUSY|EACCES|Access denied|lock|in use/i.test(message)) {
    return { code: 'port-busy', message: `${path} is busy or not permitted: ${message}` };
  }
  return { code: 'open-failed', message: `${path}: ${message}` };
}

export function createNodeSerialHost(): SerialPortHost {
  return {
    async list() {
      if (process.platform === 'linux' && !(await onPath('udevadm'))) return listDev();
      const { SerialPort } = await import('serialport');
      // (PortInfo lives in @serialport/bindings-interface, which is not a direct dependency)
      const ports = (await SerialPort.list()) as Array<{
        path: string;
        manufacturer?: string;
        serialNumber?: string;
      }>;
      return ports.map((p) => ({
        path: p.path,
        label: [p.manufacturer, p.serialNumber].filter(Boolean).join(' ') || p.path,
      }));
    },
    async open(path, options) {
      if (path.startsWith('/')) {
        // Only character devices: never a regular file through this door.
        const info = await stat(path).catch(() => null);
        if (!info)
          return {
            ok: false,
            error: { code: 'port-not-found', message: `${path}: no such device` },
          };
        if (!info.isCharacterDevice()) {
          return {
            ok: false,
            error: { code: 'open-failed', message: `${path} is not a serial device` },
          };
        }
      }
      const { SerialPort } = await import('serialport');
      const port = new SerialPort({ path, baudRate: options.baudRate, autoOpen: false });
      try {
        await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
      } catch (cause) {
        return { ok: false, error: openError(path, cause) };
      }
      let closing = false;
      const conn: SerialConnection = {
        onData: (l) => void port.on('data', (chunk: Buffer) => l(new Uint8Array(chunk))),
        onClose: (l) => {
          port.on('close', (e?: Error | null) =>
            l(closing ? null : (e ?? new Error('port closed'))),
          );
        },
        write: (text) =>
          new Promise((resolve, reject) =>
            port.write(text, 'latin1', (e) => (e ? reject(e) : port.drain(() => resolve()))),
          ),
        close: () =>
          new Promise((resolve) => {
            closing = true;
            if (!port.isOpen) resolve();
            else port.close(() => resolve());
          }),
      };
      // Errors after open arrive as 'error' events; the close listener reports them.
      port.on('error', () => {});
      return { ok: true, value: conn };
    },
  };
}
