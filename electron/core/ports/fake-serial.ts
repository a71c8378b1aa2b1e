/** An in-memory serial host for tests: the test plays the scale with `send`. */
import type { SerialPortInfo } from '#shared/logic/scale/bridge-types';
import type { SerialConnection, SerialPortHost } from './serial-port';

export interface FakeSerialHost extends SerialPortHost {
  /** Bytes from the scale to whoever opened `path`. */
  send(path: string, text: string | Uint8Array): void;
  /** What the service wrote to `path` (commands). */
  written(path: string): string[];
  /** The device goes away (unplugged). */
  unplug(path: string): void;
}

export function createFakeSerialHost(ports: SerialPortInfo[]): FakeSerialHost {
  const open = new Map<
    string,
    { data: Set<(c: Uint8Array) => void>; close: Set<(e: Error | null) => void> }
  >();
  const writes = new Map<string, string[]>();
  return {
    list: () => Promise.resolve(ports),
    open(path) {
      if (!ports.some((p) => p.path === path)) {
        return Promise.resolve({
          ok: false as const,
          error: { code: 'port-not-found' as const, message: `${path}: no such device` },
        });
      }
      if (open.has(path)) {
        return Promise.resolve({
          ok: false as const,
          error: { code: 'port-busy' as const, message: `${path} is in use` },
        });
      }
      const entry = {
        data: new Set<(c: Uint8Array) => void>(),
        close: new Set<(e: Error | null) => void>(),
      };
      open.set(path, entry);
      const conn: SerialConnection = {
        onData: (l) => void entry.data.add(l),
        onClose: (l) => void entry.close.add(l),
        write: (text) => {
          const list = writes.get(path) ?? [];
          list.push(text);
          writes.set(path, list);
          return Promise.resolve();
        },
        close: () => {
          open.delete(path);
          for (const l of entry.close) l(null);
          return Promise.resolve();
        },
      };
      return Promise.resolve({ ok: true as const, value: conn });
    },
    send(path, text) {
      const bytes = typeof text === 'string' ? Uint8Array.from(text, (c) => c.charCodeAt(0)) : text;
      for (const l of open.get(path)?.data ?? []) l(bytes);
    },
    written: (path) => writes.get(path) ?? [],
    unplug(path) {
      const entry = open.get(path);
      open.delete(path);
      for (const l of entry?.close ?? []) l(new Error('device disconnected'));
    },
  };
}
